"""bench.cp_bench runs from the worker folder: two gloo ranks under ``python -m torch.distributed.run ... -m
bench.cp_bench`` on tiny CPU shapes (the timings mean nothing), and one rank without a launcher (``python -m
bench.cp_bench``); each cell carries every rank's step times and peak memory."""

import json
import os
import subprocess
import sys
from pathlib import Path

from lvsa_worker.contracts import golden_dir

WORKER = Path(__file__).resolve().parents[1]


def bench(tmp_path, *launcher):
    out = tmp_path / "cp.jsonl"
    args = [*launcher, "-m", "bench.cp_bench", "--smoke-cpu", "--plan-dir", str(golden_dir()), "--horizons", "1,2",
            "--repeats", "1", "--backends", "sdpa-gather", "--out", str(out)]
    env = dict(os.environ, OMP_NUM_THREADS="1")
    env.pop("TRITON_INTERPRET", None)  # set by tests/kernels for Triton on the CPU; no Triton runs here
    proc = subprocess.run(args, cwd=WORKER, capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return [json.loads(line) for line in out.read_text().splitlines()], proc.stdout


def test_two_ranks_under_torchrun_report_every_ranks_time_and_memory(tmp_path):
    cells, stdout = bench(tmp_path, sys.executable, "-m", "torch.distributed.run", "--standalone",
                          "--nproc-per-node", "2")
    assert [(c["horizon"], c["method"]) for c in cells] == [("1x", "dense"), ("1x", "lvsa"), ("2x", "dense"),
                                                            ("2x", "lvsa")]
    for cell in cells:
        assert cell["status"] == "ok" and cell["ranks"] == 2 and cell["smoke_cpu"]
        assert [r["rank"] for r in cell["per_rank"]] == [0, 1]
        assert all(r["median_ms"] > 0 and r["peak_memory_gb"] > 0 for r in cell["per_rank"])
        assert cell["median_ms"] == max(r["median_ms"] for r in cell["per_rank"])
    assert cells[3]["density"] < 1.0  # the 2x LVSA plan's mask, not a full one
    assert "| 2x | 161 |" in stdout


def test_one_rank_runs_without_a_launcher(tmp_path):
    cells, _ = bench(tmp_path, sys.executable)
    assert len(cells) == 4 and all(c["status"] == "ok" and c["ranks"] == 1 for c in cells)
