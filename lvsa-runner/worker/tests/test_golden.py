"""Golden plans written by the Java planner (contracts/attention-plan/v1/golden/), executed by the worker.

* every golden plan: each of its patterns through sdpa-gather equals the masked reference (at the plan's
  real frame count, with 2 tokens per frame and at most 4 text tokens, so real-size plans stay cheap);
* golden plans of the tiny presets: a full generation whose realised density is the plan's.
Skipped (with a message) while the folder is empty.
"""

import pytest
import torch
from golden_files import golden_params

from lvsa_worker.attention import TextKeys, TokenLayout, resolve
from lvsa_worker.generate import JobSpec, run_job
from lvsa_worker.models import presets
from lvsa_worker.plan import load_plan
from lvsa_worker.video import count_frames

CPU = torch.device("cpu")


@pytest.mark.parametrize("path", golden_params())
def test_each_golden_pattern_runs_exactly_on_sdpa_gather(path):
    plan = load_plan(path)
    g = plan.geometry
    text_tokens = min(g.text_tokens, 4)
    layout = TokenLayout(g.latent_frames, tokens_per_frame=2, text_tokens=text_tokens)
    generator = torch.Generator().manual_seed(0)
    q, k, v = (torch.randn(1, layout.sequence_tokens, 2, 8, generator=generator) for _ in range(3))
    text = TextKeys.from_mask(torch.tensor([[1] * (text_tokens - 1) + [0]])) if text_tokens > 1 else None
    reference, gather = resolve("reference", "cpu", False), resolve("sdpa-gather", "cpu", False)
    for mask in plan.patterns:
        kwargs = dict(device=CPU, dtype=torch.float32, num_heads=2, head_dim=8)
        expected = reference.run(reference.prepare(mask, layout, **kwargs), q, k, v, text=text)
        prepared = gather.prepare(mask, layout, **kwargs)
        torch.testing.assert_close(gather.run(prepared, q, k, v, text=text), expected, atol=2e-5, rtol=1e-5)
        assert prepared.frame_density == pytest.approx(mask.frame_density)


@pytest.mark.parametrize("path", golden_params())
def test_golden_plans_of_tiny_presets_generate_end_to_end(path, tmp_path, model_cache):
    plan = load_plan(path)
    if plan.model not in presets.PRESETS:
        pytest.skip(f"{plan.model} is a real-size model (needs its weights and a GPU)")
    g = plan.geometry
    spec = JobSpec(model=plan.model, plan=str(path), frames=g.video_frames, height=g.height, width=g.width,
                   steps=plan.steps, seed=0, out=str(tmp_path / "golden.mp4"), device="cpu")
    result = run_job(spec, model_cache)
    assert result["status"] == "ok", result["message"]
    assert count_frames(result["output"]) == g.video_frames
    assert result["density"] == pytest.approx(plan.mean_frame_density(), abs=1e-12)
    if "mean_frame_density" in plan.expected:
        assert result["density"] == pytest.approx(plan.expected["mean_frame_density"], abs=1e-6)
    if plan.rope_transform is not None:
        assert result["riflex_k"] >= 1
