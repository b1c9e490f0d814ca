"""Model adapters: with a dense plan the plan processors reproduce diffusers' own processors through the
whole transformer; with a sparse plan every backend gives the reference's output; only self-attention
processors change, and restoring puts the originals back."""

import plan_docs
import pytest
import torch

from lvsa_worker.attention import AttentionRuntime, TokenLayout, resolve
from lvsa_worker.models import hunyuan15, presets, wan
from lvsa_worker.plan import parse_plan

CPU = torch.device("cpu")
FRAMES = 25  # 7 latent frames


def runtime_for(doc, transformer, backend="sdpa-gather"):
    plan = parse_plan(doc)
    g = plan.geometry
    runtime = AttentionRuntime(
        plan, resolve(backend, "cpu", False), TokenLayout(g.latent_frames, g.tokens_per_frame, g.text_tokens),
        device=CPU, dtype=torch.float32, num_heads=transformer.config.num_attention_heads,
        head_dim=transformer.config.attention_head_dim)
    runtime.begin_step(0)
    return runtime


@pytest.fixture(scope="module")
def wan_model():
    return presets._wan_transformer(7).eval()


def wan_inputs(latent_frames=7):
    g = torch.Generator().manual_seed(11)
    return dict(hidden_states=torch.randn(1, 16, latent_frames, 8, 12, generator=g),
                timestep=torch.tensor([700.0]),
                encoder_hidden_states=presets.wan_prompt_embeds("a boat"), return_dict=False)


def sparse_doc(model):
    t = plan_docs.geometry(model, FRAMES)["latent_frames"]
    return plan_docs.frame_blocks(model, FRAMES, 1, [plan_docs.band_rows(t, 1, anchors=(0, 5))], [0])


@torch.no_grad()
@pytest.mark.parametrize("backend", ["reference", "sdpa-gather"])
@pytest.mark.parametrize("fused", [False, True], ids=["separate-qkv", "fused-qkv"])
def test_wan_dense_plan_reproduces_the_models_own_attention(wan_model, backend, fused):
    model = presets._wan_transformer(7).eval()
    if fused:
        model.fuse_qkv_projections()
    expected = model(**wan_inputs())[0]
    restore = wan.install([model], runtime_for(plan_docs.dense("tiny-wan", FRAMES, 1), model, backend))
    try:
        actual = model(**wan_inputs())[0]
    finally:
        restore()
    torch.testing.assert_close(actual, expected, atol=2e-5, rtol=1e-5)


@torch.no_grad()
def test_wan_sparse_plan_gives_the_reference_output_and_differs_from_dense(wan_model):
    outputs = {}
    for backend in ("reference", "sdpa-gather", "flex"):
        runtime = runtime_for(sparse_doc("tiny-wan"), wan_model, backend)
        restore = wan.install([wan_model], runtime)
        try:
            outputs[backend] = wan_model(**wan_inputs())[0]
        finally:
            restore()
        assert runtime.records[0].attention_calls == len(wan_model.blocks)
    dense = wan_model(**wan_inputs())[0]
    torch.testing.assert_close(outputs["sdpa-gather"], outputs["reference"], atol=2e-5, rtol=1e-5)
    torch.testing.assert_close(outputs["flex"], outputs["reference"], atol=2e-5, rtol=1e-5)
    assert (outputs["reference"] - dense).abs().max() > 1e-4  # the mask really changes the result


def test_wan_install_touches_self_attention_only_and_restores(wan_model):
    originals = [(b.attn1.processor, b.attn2.processor) for b in wan_model.blocks]
    restore = wan.install([wan_model], runtime_for(plan_docs.dense("tiny-wan", FRAMES, 1), wan_model))
    for block, (_self_proc, cross_proc) in zip(wan_model.blocks, originals, strict=False):
        assert isinstance(block.attn1.processor, wan.WanPlanAttnProcessor)
        assert block.attn2.processor is cross_proc
    restore()
    assert [(b.attn1.processor, b.attn2.processor) for b in wan_model.blocks] == originals


@pytest.fixture(scope="module")
def hv_pipe():
    pipe, _ = presets.build("tiny-hv15")
    return pipe


def hv_inputs(prompt="a lighthouse in a storm", latent_frames=7):
    g = torch.Generator().manual_seed(5)
    text = presets.hv15_prompt_inputs(prompt)
    return dict(hidden_states=torch.randn(1, 9, latent_frames, 4, 6, generator=g), timestep=torch.tensor([600.0]),
                encoder_hidden_states=text["embeds"], encoder_attention_mask=text["mask"],
                encoder_hidden_states_2=text["embeds_2"], encoder_attention_mask_2=text["mask_2"],
                image_embeds=torch.zeros(1, presets.HV_IMAGE_TOKENS, presets.HV_IMAGE_DIM), return_dict=False)


@torch.no_grad()
@pytest.mark.parametrize("backend", ["reference", "sdpa-gather"])
def test_hv15_dense_plan_reproduces_the_models_own_joint_attention(hv_pipe, backend):
    model = hv_pipe.transformer
    inputs = hv_inputs()
    assert inputs["encoder_attention_mask"].sum() < inputs["encoder_attention_mask"].numel()  # padding present
    expected = model(**inputs)[0]
    runtime = runtime_for(plan_docs.dense("tiny-hv15", FRAMES, 1), model, backend)
    restore = hunyuan15.install([model], runtime)
    try:
        actual = model(**inputs)[0]
    finally:
        restore()
    torch.testing.assert_close(actual, expected, atol=2e-5, rtol=1e-5)
    assert runtime.records[0].attention_calls == len(model.transformer_blocks)


@torch.no_grad()
def test_hv15_sparse_plan_gives_the_reference_output(hv_pipe):
    model = hv_pipe.transformer
    outputs = {}
    for backend in ("reference", "sdpa-gather"):
        restore = hunyuan15.install([model], runtime_for(sparse_doc("tiny-hv15"), model, backend))
        try:
            outputs[backend] = model(**hv_inputs())[0]
        finally:
            restore()
    torch.testing.assert_close(outputs["sdpa-gather"], outputs["reference"], atol=2e-5, rtol=1e-5)


def test_hv15_install_leaves_the_token_refiner_alone_and_restores(hv_pipe):
    model = hv_pipe.transformer
    refiner = [b.attn.processor for b in model.context_embedder.token_refiner.refiner_blocks]
    joint = [b.attn.processor for b in model.transformer_blocks]
    restore = hunyuan15.install([model], runtime_for(plan_docs.dense("tiny-hv15", FRAMES, 1), model))
    assert all(isinstance(b.attn.processor, hunyuan15.HunyuanVideo15PlanAttnProcessor)
               for b in model.transformer_blocks)
    assert [b.attn.processor for b in model.context_embedder.token_refiner.refiner_blocks] == refiner
    restore()
    assert [b.attn.processor for b in model.transformer_blocks] == joint
