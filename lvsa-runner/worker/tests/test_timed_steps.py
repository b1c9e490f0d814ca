"""Timed steps: a speed run executes a few steps spread over the real schedule, each with the pattern the plan
gives its index, and estimates the full job from them; the VAE decode falls back to tiling only when the
untiled decode runs out of memory, and says so; a memory cap is refused where it cannot be applied."""

import plan_docs
import pytest
import torch

from lvsa_worker import timed_steps, vae_decode
from lvsa_worker.errors import UsageError
from lvsa_worker.generate import JobSpec, run_job


@pytest.mark.parametrize("steps, timed, indices", [
    (50, None, list(range(50))),
    (50, 50, list(range(50))),
    (50, 80, list(range(50))),
    (50, 1, [0]),
    (50, 2, [0, 49]),
    (50, 3, [0, 24, 49]),
    (40, 4, [0, 13, 26, 39]),
    (4, 3, [0, 2, 3]),
])
def test_spread_takes_the_first_and_last_step_and_spaces_the_rest_evenly(steps, timed, indices):
    assert timed_steps.spread(steps, timed) == indices


def test_the_estimate_counts_one_time_costs_once_and_the_median_for_every_skipped_step():
    # a first step with a 10 s compile, then 2 s steps: 50 steps = 12 + 2 + 2 + 47 x 2
    assert timed_steps.estimate([12.0, 2.0, 2.0], 50) == pytest.approx(110.0)
    with pytest.raises(ValueError):
        timed_steps.estimate([], 50)


def _spec(tmp_path, model, doc, frames, **extra):
    return JobSpec(model=model, plan=doc, frames=frames, height=64, width=96, steps=doc["steps"], seed=1,
                   device="cpu", out=str(tmp_path / "v.mp4"), **extra)


def test_a_timed_job_runs_only_its_steps_with_their_own_patterns_and_estimates_the_rest(tmp_path, model_cache):
    doc = plan_docs.rotating_bands("tiny-wan22", 65, steps=8)  # patterns rotate 0,1,2,0,1,2,0,1
    result = run_job(_spec(tmp_path, "tiny-wan22", doc, 65, timed_steps=3), model_cache)
    assert result["status"] == "ok", result
    run = [0, 4, 7]  # spread(8, 3)
    assert result["timed_steps"] == 3 and result["timed_step_indices"] == run
    assert result["steps_run"] == 3 and len(result["step_latency_s"]) == 3
    calls = result["transformer_calls_per_step"]
    assert [i for i, c in enumerate(calls) if c > 0] == run, "skipped steps must not call the transformer"
    assert all(calls[i] == 2 for i in run)  # both guidance passes
    # the realised density is that of the timed steps' patterns: 0, 1 (step 4 = 4 mod 3), 1 (step 7)
    per_step = doc["expected"]["frame_density_per_step"]
    assert result["density"] == pytest.approx(sum(per_step[i] for i in run) / 3, rel=1e-6)
    measured = result["step_latency_s"]
    assert result["estimated_denoise_s"] == pytest.approx(timed_steps.estimate(measured, 8), abs=1e-3)
    assert result["estimated_total_s"] == pytest.approx(
        result["total_s"] - sum(measured) + result["estimated_denoise_s"], abs=1e-3)
    assert result["estimated_total_s"] > result["total_s"]
    assert result["frames_written"] == 65 and result["vae_decode"] == vae_decode.UNTILED


def test_wan22_timed_steps_reach_both_experts(tmp_path, model_cache):
    model, _ = model_cache.get("tiny-wan22", torch.device("cpu"), torch.float32, "none", None, None)
    calls = [0, 0]
    hooks = [t.register_forward_pre_hook(lambda *_, i=i: calls.__setitem__(i, calls[i] + 1))
             for i, t in enumerate(model.transformers)]
    try:
        result = run_job(_spec(tmp_path, "tiny-wan22", plan_docs.dense("tiny-wan22", 65, steps=8), 65,
                               timed_steps=2), model_cache)
    finally:
        for h in hooks:
            h.remove()
    assert result["status"] == "ok", result
    assert result["timed_step_indices"] == [0, 7] and result["model_cached"] is True
    # boundary_ratio 0.875: step 0 runs the high-noise expert, step 7 the low-noise one (two guidance passes each)
    assert calls == [2, 2]


def test_a_job_of_all_its_steps_reports_no_estimate(tmp_path, model_cache):
    result = run_job(_spec(tmp_path, "tiny-wan", plan_docs.dense("tiny-wan", 65, 2), 65), model_cache)
    assert result["status"] == "ok", result
    assert "timed_steps" not in result and "estimated_total_s" not in result
    assert result["steps_run"] == 2


@pytest.mark.parametrize("field, value, words", [
    ("timed_steps", 0, "timed_steps must be between 1 and steps"),
    ("timed_steps", 3, "timed_steps must be between 1 and steps (2)"),
    ("memory_cap_gb", -1.0, "memory_cap_gb must be a positive number"),
])
def test_bad_timed_steps_and_memory_caps_are_refused_by_name(tmp_path, field, value, words):
    with pytest.raises(UsageError, match=words.replace("(", r"\(").replace(")", r"\)")):
        _spec(tmp_path, "tiny-wan", plan_docs.dense("tiny-wan", 65, 2), 65, **{field: value}).check()


def test_a_memory_cap_on_the_cpu_is_an_error_naming_the_device(tmp_path, model_cache):
    result = run_job(_spec(tmp_path, "tiny-wan", plan_docs.dense("tiny-wan", 65, 2), 65, memory_cap_gb=80),
                     model_cache)
    assert result["status"] == "error" and result["error_code"] == "bad_request"
    assert "memory_cap_gb applies to cuda and npu devices, not cpu" in result["message"]


class FakeVae:
    """A VAE whose untiled decode runs out of memory ``fails`` times; records how it decoded."""

    def __init__(self, fails=1, error=None):
        self.use_tiling, self.fails, self.error, self.calls = False, fails, error, []

    def enable_tiling(self):
        self.use_tiling = True

    def disable_tiling(self):
        self.use_tiling = False

    def decode(self, latents):
        self.calls.append("tiled" if self.use_tiling else "untiled")
        if self.error is not None:
            raise self.error
        if not self.use_tiling and self.fails > 0:
            self.fails -= 1
            raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 40.00 GiB")
        return latents * 2


def test_an_untiled_decode_that_runs_out_of_memory_is_retried_tiled_and_recorded():
    vae, seen = FakeVae(fails=1), []
    undo = vae_decode.guard(vae, torch.device("cpu"), seen.append)
    assert vae.decode(torch.ones(1)).item() == 2.0
    assert vae.calls == ["untiled", "tiled"] and seen == [vae_decode.TILED_AFTER_OOM]
    assert vae.use_tiling is False, "tiling is turned off again after the job's decode"
    undo()
    assert "decode" not in vae.__dict__


def test_a_decode_that_fits_stays_untiled_and_other_errors_are_not_retried():
    vae, seen = FakeVae(fails=0), []
    vae_decode.guard(vae, torch.device("cpu"), seen.append)
    vae.decode(torch.ones(1))
    assert vae.calls == ["untiled"] and seen == [vae_decode.UNTILED]
    broken = FakeVae(error=ValueError("bad latents"))
    vae_decode.guard(broken, torch.device("cpu"), seen.append)
    with pytest.raises(ValueError, match="bad latents"):
        broken.decode(torch.ones(1))
    assert broken.calls == ["untiled"]
