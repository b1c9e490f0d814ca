"""Ulysses sequence parallelism on CPU (gloo): sharded attention and a sharded tiny Wan forward equal one
process; degrees that do not divide the heads are refused before any work.

Tolerance: float32, atol 2e-5 / rtol 1e-5 (the sharded run batches fewer heads per kernel call; nothing else
changes). Each launch spawns 2 or 3 processes that run every case, to keep the test time short.
"""

import cp_cases
import protocol_schemas
import pytest
import torch

from lvsa_worker.attention import resolve
from lvsa_worker.parallel import SequenceParallel, UlyssesBackend, check_degree, dist_backend_for


@pytest.mark.parametrize("world", [2, 3])
def test_sharded_attention_equals_one_process(tmp_path, world):
    """Golden dense and LVSA plans (Wan; HunyuanVideo 1.5 with padded joint text) and 35 video tokens, which
    neither 2 nor 3 divides: reference, sdpa-gather and fbs, every rank's slice against the whole result."""
    cp_cases.launch(cp_cases.check_attention, world, tmp_path)


CASES = [("wan", "reference"), ("wan", "sdpa-gather"), ("hv15", "reference"), ("hv15", "sdpa-gather")]


def test_whole_tiny_wan_and_hunyuan_forwards_sharded_over_two_ranks_equal_one_process(tmp_path):
    """Tiny Wan (105 video tokens: the second rank's slice is padded) and tiny HunyuanVideo 1.5 (joint text with
    padding, replicated on both ranks), an anchored band plan, the whole transformer forward: every rank's
    output equals the one-process output."""
    cp_cases.launch(cp_cases.sharded_forwards, 2, tmp_path, CASES, str(tmp_path))
    for family, backend_name in CASES:
        expected = cp_cases.forward(family, backend_name)
        for rank in range(2):
            actual = torch.load(tmp_path / f"{family}-{backend_name}-rank{rank}.pt")
            torch.testing.assert_close(actual, expected, **cp_cases.FP32,
                                       msg=lambda m, where=f"{family} {backend_name} rank {rank}": f"{where}: {m}")
    masked = cp_cases.forward("wan", "reference")  # the plan's mask really shapes the output
    model, _, inputs, _ = cp_cases.model_case("wan")
    with torch.no_grad():
        unmasked = model(**inputs)[0]
    assert (masked - unmasked).abs().max() > 1e-4


JOBS = [("tiny-wan", "tiny-wan_lvsa_33f.json"), ("tiny-wan22", "tiny-wan22_lvsa_65f.json"),
        ("tiny-hv15", "tiny-hv15_lvsa_65f.json"), ("tiny-wan", "tiny-wan_riflex_33f.json"),
        ("tiny-wan", "tiny-wan_ultravico_33f.json")]


def test_generation_jobs_over_two_ranks_give_the_frames_of_one_process(tmp_path):
    """Golden LVSA plans on tiny Wan 2.1, Wan 2.2 (both experts) and HunyuanVideo 1.5, and RIFLEx and UltraViCo
    (score transform: the reference backend) plans on tiny Wan, every step with classifier-free guidance,
    through the VAE: the frames equal the one-process job's (float32, atol/rtol 1e-4 on the decoded frames,
    before uint8: the VAE amplifies the attention's 1e-6 differences). Rank 0 alone writes the video."""
    import json

    cp_cases.launch(cp_cases.sharded_jobs, 2, tmp_path, JOBS, str(tmp_path))
    single = tmp_path / "single"
    single.mkdir()
    for model, plan_name in JOBS:
        expected_result = cp_cases.run_recorded(cp_cases.golden_job(model, plan_name, str(single)), None, str(single))
        assert expected_result["status"] == "ok", expected_result["message"]
        stem = plan_name.removesuffix(".json")
        expected = torch.load(single / f"{stem}-frames.pt")
        for rank in range(2):
            result = json.loads((tmp_path / f"rank{rank}" / "results.json").read_text())[plan_name]
            assert result["status"] == "ok", result["message"]
            assert result["sequence_parallel"] == 2 and result["rank"] == rank
            assert result["density"] == pytest.approx(expected_result["density"])
            assert result["backend"] == expected_result["backend"]
            assert result.get("riflex_k") == expected_result.get("riflex_k")
            assert (tmp_path / f"rank{rank}" / f"{stem}.mp4").exists() == (rank == 0)
        actual = torch.load(tmp_path / "rank0" / f"{stem}-frames.pt")
        torch.testing.assert_close(actual, expected, atol=1e-4, rtol=1e-4, msg=lambda m, where=plan_name: f"{where}: {m}")


def test_a_job_whose_heads_the_degree_does_not_divide_is_refused(tmp_path):
    """Tiny Wan has 2 heads: a degree-3 job ends as an error naming heads and degree; no step runs."""
    result = cp_cases.run_recorded(cp_cases.golden_job("tiny-wan", "tiny-wan_dense_33f.json", str(tmp_path)),
                                   SequenceParallel(group=None, degree=3, rank=0), str(tmp_path))
    assert result["status"] == "error" and result["error_code"] == "unsupported"
    assert result["message"].startswith("tiny-wan: 2 attention heads cannot be split over 3 ranks")
    assert result["step_latency_s"] == []


def test_the_generate_cli_under_torchrun_writes_one_video_and_one_result(tmp_path):
    """``python -m torch.distributed.run --nproc-per-node 2 -m lvsa_worker generate --sequence-parallel``: rank 0
    alone prints the result line and writes the mp4."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    from lvsa_worker.video import count_frames

    spec = cp_cases.golden_job("tiny-wan", "tiny-wan_lvsa_33f.json", str(tmp_path))
    args = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", "2",
            "-m", "lvsa_worker", "generate", "--sequence-parallel", "--model", spec.model, "--plan", spec.plan,
            "--frames", str(spec.frames), "--height", str(spec.height), "--width", str(spec.width),
            "--steps", str(spec.steps), "--seed", "3", "--out", spec.out, "--device", "cpu"]
    worker = Path(__file__).resolve().parents[1]
    env = dict(os.environ, OMP_NUM_THREADS="1", PYTHONPATH=str(worker))
    env.pop("TRITON_INTERPRET", None)  # set by tests/kernels for Triton on the CPU; no Triton runs here
    proc = subprocess.run(args, cwd=worker, capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1, proc.stdout
    result = lines[0]
    assert result["status"] == "ok" and result["sequence_parallel"] == 2 and result["rank"] == 0
    protocol_schemas.check(result)
    assert count_frames(spec.out) == spec.frames


def test_sequence_parallel_outside_a_launcher_is_a_clear_usage_error(monkeypatch):
    from lvsa_worker.parallel import join_launcher_group

    for name in ("RANK", "WORLD_SIZE", "LOCAL_RANK"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ValueError, match="needs a torch.distributed.run launch; RANK, WORLD_SIZE, LOCAL_RANK not set"):
        join_launcher_group("cpu")


def test_a_degree_that_does_not_divide_the_heads_is_refused_before_any_work():
    sp = SequenceParallel(group=None, degree=5, rank=0)  # no process group: nothing may be communicated
    with pytest.raises(ValueError, match=r"^12 attention heads cannot be split over 5 ranks .*1, 2, 3, 4, 6, 12$"):
        UlyssesBackend(resolve("sdpa-gather", "cpu", False), sp, num_heads=12)
    with pytest.raises(ValueError, match="40 attention heads cannot be split over 3 ranks"):
        check_degree(40, 3)
    with pytest.raises(ValueError, match="at least 1"):
        check_degree(12, 0)
    check_degree(12, 4)


def test_wan_blocks_are_not_sharded_without_the_ulysses_runtime():
    """Sharding blocks whose self-attention would see only the local slice is refused."""
    from lvsa_worker.models import presets
    from lvsa_worker.parallel.blocks import shard_blocks

    model = presets._wan_transformer(7)
    with pytest.raises(ValueError, match="Wan block 0: self-attention processor .* is not the plan processor"):
        shard_blocks([model], SequenceParallel(group=None, degree=2, rank=0))
    with pytest.raises(ValueError, match="supports Wan and HunyuanVideo 1.5 transformers, not Linear"):
        shard_blocks([torch.nn.Linear(2, 2)], SequenceParallel(group=None, degree=2, rank=0))


def test_the_collective_backend_follows_the_device():
    assert [dist_backend_for(d) for d in ("cuda", "npu", "cpu")] == ["nccl", "hccl", "gloo"]
    with pytest.raises(ValueError, match="no torch.distributed backend for device type 'mps'"):
        dist_backend_for("mps")


def test_degree_one_runs_the_backend_directly():
    """One rank: the wrapper hands the tensors to the backend untouched (no process group exists here)."""
    from lvsa_worker.attention import TokenLayout
    from lvsa_worker.plan import FrameMask

    inner = resolve("sdpa-gather", "cpu", False)
    wrapped = UlyssesBackend(inner, SequenceParallel.single(), num_heads=3)
    layout = TokenLayout(3, 4)
    mask = FrameMask("m", 3, (((0, 1),), ((1, 1),), ((0, 0), (2, 2))))
    q, k, v = (torch.randn(1, 12, 3, 8) for _ in range(3))
    kwargs = dict(device=cp_cases.CPU, dtype=torch.float32, num_heads=3, head_dim=8)
    expected = inner.run(inner.prepare(mask, layout, **kwargs), q, k, v)
    assert torch.equal(wrapped.run(wrapped.prepare(mask, layout, **kwargs), q, k, v), expected)
