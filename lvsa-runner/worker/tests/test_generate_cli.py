"""End to end: ``python -m lvsa_worker generate`` on the tiny presets writes an mp4 with the right frame
count and prints one JSON result whose realised density matches the plan; bad requests fail clearly."""

import json
import os
import subprocess
import sys
from pathlib import Path

import plan_docs
import protocol_schemas
import pytest
import torch

from lvsa_worker.contracts import backend_names
from lvsa_worker.errors import UsageError
from lvsa_worker.generate import JobSpec, run_job
from lvsa_worker.video import count_frames

WORKER_ROOT = Path(__file__).resolve().parents[1]


def generate_cli(tmp_path, plan_doc, *extra, frames=65, steps=None):
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(json.dumps(plan_doc))
    out = tmp_path / "video.mp4"
    args = [sys.executable, "-m", "lvsa_worker", "generate", "--model", plan_doc["model"], "--plan", str(plan_path),
            "--frames", str(frames), "--height", "64", "--width", "96", "--steps", str(steps or plan_doc["steps"]),
            "--seed", "3", "--out", str(out), "--device", "cpu", *extra]
    proc = subprocess.run(args, capture_output=True, text=True, cwd=WORKER_ROOT, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(WORKER_ROOT)})
    lines = proc.stdout.splitlines()
    assert len(lines) == 1, f"stdout must hold exactly one line, got {proc.stdout!r}\nstderr: {proc.stderr[-2000:]}"
    protocol_schemas.check(lines[0])
    return proc.returncode, json.loads(lines[0]), out, proc.stderr


@pytest.mark.parametrize("plan_doc", [
    plan_docs.dense("tiny-wan", 65, steps=2),
    plan_docs.rotating_bands("tiny-wan", 65, steps=3),
], ids=["dense", "sparse-rotating"])
def test_tiny_wan_at_twice_its_horizon_writes_the_video_and_reports_the_realised_density(tmp_path, plan_doc):
    code, result, out, stderr = generate_cli(tmp_path, plan_doc)
    assert code == 0, stderr[-2000:]
    assert result["status"] == "ok" and result["type"] == "result" and result["protocol"] == 1
    assert result["output"] == str(out) and count_frames(out) == 65
    assert result["backend"] == "sdpa-gather"  # auto on CPU, reported
    assert result["density"] == pytest.approx(plan_doc["expected"]["mean_frame_density"], abs=1e-12)
    assert len(result["step_latency_s"]) == plan_doc["steps"]
    assert result["transformer_calls_per_step"] == [2] * plan_doc["steps"]  # CFG on by default
    assert result["peak_memory_gb"] > 0 and result["peak_memory_kind"] == "process_peak_rss"
    assert "riflex_k" not in result
    assert not list(tmp_path.glob(".*tmp*"))  # the temp file was renamed away


def test_a_request_that_does_not_fit_the_plan_is_refused_before_loading_the_model(tmp_path):
    code, result, out, _ = generate_cli(tmp_path, plan_docs.dense("tiny-wan", 65, steps=2), frames=81)
    assert code == 2
    assert result["status"] == "error" and result["error_code"] == "geometry_mismatch"
    assert "video_frames is 65 in the plan but 81 from --frames" in result["message"]
    assert result["step_latency_s"] == [] and not out.exists() and "model_load_s" not in result


def test_a_wrong_training_horizon_is_refused_before_any_compute(tmp_path, model_cache):
    doc = plan_docs.dense("tiny-wan", 65, steps=2)
    doc["geometry"]["reference_latent_frames"] = 21  # a Wan 2.1 horizon on the tiny model
    result = run_job(job(tmp_path, doc), model_cache)
    assert result["status"] == "error" and result["error_code"] == "geometry_mismatch"
    assert "reference_latent_frames is 21 in the plan but 9" in result["message"]
    assert result["step_latency_s"] == [] and result["density"] is None


def test_a_plan_for_another_model_is_refused_with_every_difference(tmp_path, model_cache):
    doc = plan_docs.dense("tiny-hv15", 65, steps=2)
    result = run_job(job(tmp_path, doc, model="tiny-wan"), model_cache)
    assert result["error_code"] == "geometry_mismatch"
    for difference in ("spatial_factor is 16 in the plan but 8", "patch is [1, 1, 1] in the plan but [1, 2, 2]",
                       "text_tokens is 16 in the plan but 0", "model is tiny-hv15 in the plan"):
        assert difference in result["message"]


def test_an_unavailable_backend_is_an_error_naming_the_cause(tmp_path):
    code, result, _, _ = generate_cli(tmp_path, plan_docs.dense("tiny-wan", 65, steps=2), "--backend", "flashinfer")
    assert code == 1
    assert result["error_code"] == "backend_unavailable" and "runs on cuda, not cpu" in result["message"]


def test_an_invalid_plan_is_a_usage_error(tmp_path):
    doc = plan_docs.dense("tiny-wan", 65, steps=2)
    doc["geometry"]["latent_frames"] = 16
    code, result, _, _ = generate_cli(tmp_path, doc)
    assert code == 2 and result["error_code"] == "plan_invalid"


def job(tmp_path, doc, **overrides):
    fields = dict(model=doc["model"], plan=doc, frames=doc["geometry"]["video_frames"], height=64, width=96,
                  steps=doc["steps"], seed=1, out=str(tmp_path / f"{doc['model']}.mp4"), device="cpu")
    fields.update(overrides)
    return JobSpec(**fields)


def test_an_unknown_backend_is_refused_listing_the_known(tmp_path):
    with pytest.raises(UsageError, match="backend 'magic' is not one of " + ", ".join(backend_names())):
        job(tmp_path, plan_docs.dense("tiny-wan", 65, steps=2), backend="magic").check()


def test_tiny_wan22_runs_end_to_end_across_the_expert_switch(tmp_path, model_cache):
    doc = plan_docs.rotating_bands("tiny-wan22", 65, steps=4)
    result = run_job(job(tmp_path, doc), model_cache)
    assert result["status"] == "ok", result["message"]
    assert count_frames(result["output"]) == 65
    assert result["steps_run"] == 4 and result["transformer_calls_per_step"] == [2, 2, 2, 2]
    assert result["density"] == pytest.approx(doc["expected"]["mean_frame_density"], abs=1e-12)


def test_tiny_hv15_runs_end_to_end_with_joint_text_tokens(tmp_path, model_cache):
    doc = plan_docs.rotating_bands("tiny-hv15", 65, steps=3)
    assert doc["geometry"]["text_tokens"] == 16
    result = run_job(job(tmp_path, doc), model_cache)
    assert result["status"] == "ok", result["message"]
    assert count_frames(result["output"]) == 65
    assert result["density"] == pytest.approx(doc["expected"]["mean_frame_density"], abs=1e-12)


def test_riflex_plan_reports_the_k_it_found_in_the_model(tmp_path, model_cache):
    doc = plan_docs.dense("tiny-wan", 65, steps=2, method="riflex",
                          rope_transform={"kind": "riflex", "k": None, "repeat_latent_frames": 9, "scale": 0.9})
    result = run_job(job(tmp_path, doc), model_cache)
    assert result["status"] == "ok", result["message"]
    # tiny-wan: head dim 32 -> 12 temporal dims, periods 6, 29, 135, ...; 9 is closest to 6 -> k = 1
    assert result["riflex_k"] == 1
    assert result["riflex"]["period"] == 6 and result["riflex"]["new_theta"] == pytest.approx(0.9 * 6.283185307 / 17)


def test_ultravico_plan_runs_through_a_transform_capable_backend(tmp_path, model_cache):
    doc = plan_docs.dense("tiny-wan", 65, steps=2, method="ultravico", score_transform={
        "kind": "ultravico", "alpha": 0.9, "distance_tokens": 108, "first_frame_key_limit_tokens": 216})
    result = run_job(job(tmp_path, doc), model_cache)
    assert result["status"] == "ok", result["message"]
    assert result["backend"] == "reference"  # auto on CPU with a score transform
    refused = run_job(job(tmp_path, doc, backend="sdpa-gather"), model_cache)
    assert refused["status"] == "error" and refused["error_code"] == "unsupported"


def test_a_timeout_is_reported_as_such(tmp_path, model_cache):
    doc = plan_docs.dense("tiny-wan", 65, steps=4)
    result = run_job(job(tmp_path, doc, timeout_s=1e-6), model_cache)
    assert result["status"] == "timeout" and result["error_code"] == "timeout"


def test_out_of_memory_becomes_status_oom(tmp_path, model_cache, monkeypatch):
    from lvsa_worker import generate

    def exhausted(spec, model):
        raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 80.00 GiB")

    monkeypatch.setattr(generate, "_call_pipeline", exhausted)
    result = run_job(job(tmp_path, plan_docs.dense("tiny-wan", 65, steps=2)), model_cache)
    assert result["status"] == "oom" and "out of memory" in result["message"]
