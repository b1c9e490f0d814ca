"""The tiny presets have exactly the geometry that contracts/models/tiny-models.json gives them."""

import plan_docs
import pytest
import torch

from lvsa_worker.attention import AttentionRuntime, TokenLayout, resolve
from lvsa_worker.contracts import tiny_model_specs
from lvsa_worker.models import presets
from lvsa_worker.plan import parse_plan

SPECS = tiny_model_specs()


def test_every_contract_entry_has_a_preset_and_back():
    assert set(SPECS) == set(presets.PRESETS)


@pytest.mark.parametrize("name", presets.PRESETS)
def test_preset_geometry_matches_the_contract(model_cache, name):
    spec = SPECS[name]
    model, _ = model_cache.get(name, torch.device("cpu"), torch.float32)
    assert model.family == spec["family"]
    assert len(model.transformers) == spec["experts"]
    assert model.temporal_factor == spec["temporal_factor"]
    assert model.spatial_factor == spec["spatial_factor"]
    assert list(model.patch) == spec["patch"]
    assert model.text_tokens == spec["text_tokens"]
    assert model.reference_latent_frames == spec["reference_latent_frames"]
    assert model.num_heads == spec["attention_heads"]
    if spec["experts"] == 2:
        assert model.pipe.config.boundary_ratio == spec["boundary_ratio"]


class ShapeSpy:
    """A runtime stand-in that records the (B, S, H, D) shapes of self-attention calls."""

    def __init__(self, runtime):
        self.runtime, self.shapes = runtime, []

    def attention(self, q, k, v, text=None, scale=None):
        self.shapes.append(tuple(q.shape))
        return self.runtime.attention(q, k, v, text=text, scale=scale)

    def text_keys(self, mask):
        return self.runtime.text_keys(mask)


@torch.no_grad()
def test_hv15_joint_attention_holds_exactly_the_contracts_text_tokens(model_cache):
    model, _ = model_cache.get("tiny-hv15", torch.device("cpu"), torch.float32)
    plan = parse_plan(plan_docs.dense("tiny-hv15", frames=9, steps=1))
    g = plan.geometry
    runtime = AttentionRuntime(plan, resolve("reference", "cpu", False),
                               TokenLayout(g.latent_frames, g.tokens_per_frame, g.text_tokens),
                               device=torch.device("cpu"), dtype=torch.float32, num_heads=model.num_heads,
                               head_dim=model.head_dim)
    spy = ShapeSpy(runtime)
    restore = model.adapter.install(model.transformers, spy)
    try:
        text = presets.hv15_prompt_inputs("x")
        model.transformers[0](
            hidden_states=torch.zeros(1, 9, g.latent_frames, 4, 6), timestep=torch.tensor([500.0]),
            encoder_hidden_states=text["embeds"], encoder_attention_mask=text["mask"],
            encoder_hidden_states_2=text["embeds_2"], encoder_attention_mask_2=text["mask_2"],
            image_embeds=torch.zeros(1, presets.HV_IMAGE_TOKENS, presets.HV_IMAGE_DIM))
    finally:
        restore()
    assert spy.shapes and all(s[1] == g.latent_frames * g.tokens_per_frame + 16 for s in spy.shapes)


def test_prompt_embeddings_are_deterministic_and_prompt_specific():
    assert torch.equal(presets.wan_prompt_embeds("a cat"), presets.wan_prompt_embeds("a cat"))
    assert not torch.equal(presets.wan_prompt_embeds("a cat"), presets.wan_prompt_embeds("a dog"))
    a = presets.hv15_prompt_inputs("a cat")
    assert a["mask"].shape == (1, presets.HV_MLLM_TOKENS) and a["mask"][0, 0] == 1
    real = int(a["mask"].sum())
    assert torch.all(a["embeds"][0, real:] == 0)  # padding slots carry nothing


def test_a_local_diffusers_folder_loads_offline_and_is_checked(tmp_path, model_cache):
    """The --model PATH route (from_pretrained, local files only): what cannot be loaded is one clear line.
    A folder without text encoders is refused: prompts for real models are encoded by the pipeline."""
    from lvsa_worker.errors import ModelLoadError
    from lvsa_worker.models.loading import load

    model, _ = model_cache.get("tiny-wan", torch.device("cpu"), torch.float32)
    folder = tmp_path / "wan-like"
    model.pipe.save_pretrained(folder)
    with pytest.raises(ModelLoadError, match=r"wan-like: cannot load \(ValueError: .*text_encoder"):
        load(str(folder), torch.device("cpu"), torch.float32)
    with pytest.raises(ModelLoadError, match="not a preset .* and not a local folder"):
        load(str(tmp_path / "missing"), torch.device("cpu"), torch.float32)
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelLoadError, match="no model_index.json"):
        load(str(tmp_path / "empty"), torch.device("cpu"), torch.float32)
