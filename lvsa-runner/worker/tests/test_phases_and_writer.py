"""A job's result says where its time and memory went, and a video that cannot be written is refused before the
model loads (not after the denoising)."""

import sys

import plan_docs

from lvsa_worker.generate import JobSpec, run_job
from lvsa_worker.models.loading import ModelCache

PHASES = ["load", "text_and_setup", "denoise", "decode", "write"]


def _spec(tmp_path, out=None):
    doc = plan_docs.dense("tiny-wan", 65, 2)
    return JobSpec(model="tiny-wan", plan=doc, frames=65, height=64, width=96, steps=2, seed=1, device="cpu",
                   out=str(out or tmp_path / "v.mp4"))


def test_the_result_has_every_phase_time_and_peak_memory(tmp_path, model_cache):
    result = run_job(_spec(tmp_path), model_cache)
    assert result["status"] == "ok", result
    assert list(result["phase_s"]) == PHASES
    assert all(v >= 0 for v in result["phase_s"].values())
    # the phases cover the job from the model load on; only the plan checks come before
    assert 0.8 * result["total_s"] <= sum(result["phase_s"].values()) <= result["total_s"]
    assert result["phase_s"]["denoise"] >= sum(result["step_latency_s"]) * 0.99
    assert list(result["phase_peak_memory_gb"]) == PHASES
    assert all(v > 0 for v in result["phase_peak_memory_gb"].values())


def test_no_ffmpeg_writer_is_an_error_before_the_model_loads(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "imageio_ffmpeg", None)  # import fails as if the package were missing
    cache = ModelCache()
    result = run_job(_spec(tmp_path), cache)
    assert result["status"] == "error"
    assert result["error_code"] == "writer_unavailable"
    assert "pip install imageio-ffmpeg" in result["message"]
    assert "model_load_s" not in result, "the model must not have been loaded"


def test_an_output_folder_that_cannot_be_made_is_an_error_before_the_model_loads(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run_job(_spec(tmp_path, out=blocker / "v.mp4"), ModelCache())
    assert result["error_code"] == "writer_unavailable"
    assert str(blocker) in result["message"]
    assert "model_load_s" not in result


def test_the_jobs_peak_is_its_highest_phase_not_its_last(tmp_path, model_cache, monkeypatch):
    # on a GPU the peak counter restarts at each phase: give the phases falling peaks, as after a big denoise
    from lvsa_worker import devices

    readings = iter([2.0, 3.0, 9.5, 4.0, 1.5, 1.5, 1.5])
    monkeypatch.setattr(devices, "peak_memory", lambda device: (next(readings), "device_peak_allocated"))
    result = run_job(_spec(tmp_path), model_cache)
    assert result["status"] == "ok", result
    assert result["phase_peak_memory_gb"]["denoise"] == 9.5
    assert result["peak_memory_gb"] == 9.5
