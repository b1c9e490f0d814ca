"""The bench (``python -m bench.attention_bench``) on CPU: --check, and its timing path on tiny shapes.

The timing path's numbers mean nothing on CPU; the test guards the code that the H200 run uses
(row loading, planning, spot check, JSON lines, tables)."""

import json
import subprocess
import sys
from pathlib import Path

from lvsa_worker.contracts import golden_dir

WORKER = Path(__file__).resolve().parents[2]


def run_bench(*args, timeout=600):
    return subprocess.run([sys.executable, "-m", "bench.attention_bench", *args], cwd=WORKER, capture_output=True,
                          text=True, timeout=timeout)


def load_bench():
    from bench import attention_bench

    return attention_bench


def test_check_mode_on_cpu_passes():
    result = run_bench("--check", "--device", "cpu", "--kernels",
                       "dense-cudnn,gather,split-lse,split-lse-gather,split-lse-ordered,flex")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "all checked kernels match the reference" in result.stdout
    assert "split-lse         irregular T=6" in result.stdout and "refused as designed" in result.stdout


GOLDEN = golden_dir()


def tiny_copy_of_golden_plan(folder: Path, name: str, tokens_per_frame: int) -> None:
    """The golden plan's frame rows (written by the Java planner) with a tiny tokens_per_frame."""
    plan = json.loads((GOLDEN / name).read_text())
    plan["geometry"]["tokens_per_frame"] = tokens_per_frame
    (folder / name).write_text(json.dumps(plan))


def test_timing_path_smoke_on_tiny_shapes(tmp_path):
    out = tmp_path / "bench.jsonl"
    plans = tmp_path / "plans"
    plans.mkdir()
    tiny_copy_of_golden_plan(plans, "wan2.1-t2v-1.3b_lvsa_161f.json", 8)
    result = run_bench("--device", "cpu", "--tokens-per-frame", "8", "--heads", "2", "--head-dim", "16",
                       "--shapes", "1x,2x", "--kernels", "dense-cudnn,gather,split-lse,split-lse-ordered,flashinfer-bsr",
                       "--quick", "--json-out", str(out), "--plan-dir", str(plans))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 10
    by_key = {(r["kernel"], r["shape"]): r for r in records}
    assert by_key[("gather", "2x")]["status"] == "ok" and by_key[("split-lse", "2x")]["status"] == "ok"
    assert by_key[("split-lse", "2x")]["frame_density"] == 0.5122
    assert by_key[("split-lse", "2x")]["rows_source"] == "plan wan2.1-t2v-1.3b_lvsa_161f.json step 0"
    assert by_key[("split-lse", "2x")]["check_rel_err"] < 1e-5
    # frames handed over in compact order (permuted outside the timed calls), output put back for the check
    assert "frames=compact order" in by_key[("split-lse-ordered", "2x")]["variant"]
    assert by_key[("split-lse-ordered", "2x")]["check_rel_err"] < 1e-5
    assert "ratio_vs_dense_cudnn" in by_key[("split-lse", "1x")]
    assert by_key[("flashinfer-bsr", "2x")]["status"] in ("skipped", "ok")
    assert "== goals (issue 7)" in result.stdout


def test_rows_come_from_a_matching_lvsa_plan(tmp_path):
    bench = load_bench()
    rows = [[[0, 1]], [[0, 2]], [[1, 2]]]
    plan = {"method": "lvsa", "geometry": {"latent_frames": 3, "tokens_per_frame": 10},
            "mask": {"kind": "frame_blocks", "patterns": [{"rows": [[[0, 2]]] * 3}, {"rows": rows}],
                     "step_patterns": [1, 0]}}
    (tmp_path / "wan-lvsa.json").write_text(json.dumps(plan))
    assert bench.find_plan_rows(tmp_path, 3, 10) == [(rows, "plan wan-lvsa.json step 0")]
    assert bench.find_plan_rows(tmp_path, 3, 11) is None
    # --patterns all: every distinct pattern once, in the order the steps first use it
    assert bench.find_plan_rows(tmp_path, 3, 10, all_patterns=True) == [
        (rows, "plan wan-lvsa.json step 0"), ([[[0, 2]]] * 3, "plan wan-lvsa.json step 1")]


def test_patterns_all_times_each_rotation_pattern_and_prints_the_cycle_median(tmp_path):
    rows_a = [[[0, 1]], [[0, 2]], [[0, 0], [2, 3]], [[0, 0], [2, 3]]]
    rows_b = [[[0, 1]], [[1, 2]], [[1, 3]], [[1, 1], [3, 3]]]
    plan = {"method": "lvsa", "geometry": {"latent_frames": 4, "tokens_per_frame": 8},
            "mask": {"kind": "frame_blocks", "patterns": [{"rows": rows_a}, {"rows": rows_b}],
                     "step_patterns": [0, 1, 0, 1]}}
    (tmp_path / "tiny-lvsa.json").write_text(json.dumps(plan))
    bench = load_bench()
    args = bench.parse_args(["--patterns", "all", "--plan-dir", str(tmp_path), "--tokens-per-frame", "8"])
    cases = bench.rows_for_shape("2x", 4, args)
    assert list(cases) == ["2x@p0", "2x@p1"]
    assert cases["2x@p1"] == (rows_b, "plan tiny-lvsa.json step 1")
    assert bench.base_shape("2x@p1") == "2x" and bench.is_first_case("2x@p0") and not bench.is_first_case("2x@p1")
    records = [
        {"shape": "2x@p0", "kernel": "dense-cudnn", "status": "ok", "ms_median": 10.0, "ratio_vs_dense_cudnn": 1.0},
        {"shape": "2x@p0", "kernel": "split-lse", "status": "ok", "ms_median": 5.0, "ratio_vs_dense_cudnn": 2.0},
        {"shape": "2x@p1", "kernel": "split-lse", "status": "ok", "ms_median": 4.0, "ratio_vs_dense_cudnn": 2.5},
        {"shape": "2x@p2", "kernel": "split-lse", "status": "ok", "ms_median": 8.0, "ratio_vs_dense_cudnn": 1.25},
    ]
    import contextlib
    import io

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        bench.print_cycle_medians(records)
    assert "2x split-lse: 3 patterns, median 5.00 ms = 2.00x dense cuDNN (patterns 1.25..2.50x)" in printed.getvalue()
    assert "dense-cudnn" not in printed.getvalue()


def test_the_ceiling_is_each_patterns_attended_pairs_at_dense_fa4s_rate(tmp_path):
    """The ideal of a rotation cycle is dense FA4's call times the median frame density; every ratio's cap follows
    from it, and the report reprints all of it from a run's JSON lines."""
    dens = {"6x@p0": 0.5, "6x@p1": 0.25, "6x@p2": 0.25}
    records = [{"shape": "6x@p0", "kernel": "dense-fa4", "status": "ok", "ms_median": 100.0, "frame_density": 0.5},
               {"shape": "6x@p0", "kernel": "dense-cudnn", "status": "ok", "ms_median": 120.0, "frame_density": 0.5}]
    for case, d in dens.items():
        records.append({"shape": case, "kernel": "split-lse", "status": "ok", "ms_median": 120 * d, "frame_density": d})
        records.append({"shape": case, "kernel": "flashinfer-bsr", "status": "ok", "ms_median": 160 * d,
                        "frame_density": d})
    run = tmp_path / "run.jsonl"
    run.write_text("".join(json.dumps(r) + "\n" for r in records))
    result = subprocess.run([sys.executable, "-m", "bench.attention_report", str(run)], cwd=WORKER,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    # ideal = 100 ms x median density 0.25 = 25 ms: 4x dense FA4, 4.8x dense cuDNN, FlashInfer's 40 ms 1.6x
    assert "6x: ideal 25.00 ms = 4.00x dense FA4 (100.00 ms); 4.80x dense cuDNN; 1.600x flashinfer-bsr" in result.stdout
    assert "  split-lse: 30.00 ms, 83.3% of the ideal" in result.stdout
    assert "6x: best split-lse 30.00 ms = 4.00x dense cuDNN (120.00 ms)" in result.stdout
    bad = subprocess.run([sys.executable, "-m", "bench.attention_report", str(tmp_path / "none.jsonl")], cwd=WORKER,
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "none.jsonl: not readable as JSON lines" in bad.stderr


def test_a_shape_without_a_plan_is_refused_not_derived(tmp_path):
    result = run_bench("--device", "cpu", "--tokens-per-frame", "8", "--shapes", "2x", "--kernels", "gather",
                       "--quick", "--plan-dir", str(tmp_path))
    assert result.returncode != 0
    assert "no lvsa plan with latent_frames=41 and tokens_per_frame=8 for shape 2x" in result.stderr
    assert "bin/lvsa-runner pattern plan" in result.stderr


def test_unknown_kernel_is_a_usage_error():
    result = run_bench("--kernels", "fastest")
    assert result.returncode == 2 and "unknown kernel(s) ['fastest']" in result.stderr


def test_sparse_tiles_never_counts_fewer_tiles_than_attended_pairs(capsys):
    from fbs_cases import ALL_CASES

    from bench import sparse_tiles

    for rows in ALL_CASES.values():
        cells = sparse_tiles.overheads(rows, 200)
        assert cells["fa4_bsr"] >= 1.0 and cells["cudnn_bsa"] >= 1.0 and 0.0 <= cells["fa4_bsr_partial"] <= 1.0
    assert sparse_tiles.main(["--plan-dir", str(golden_dir()), "--frames", "41"]) == 0
    assert "| 41 | 3 | 1.04" in capsys.readouterr().out  # Wan 1.3B at 2x: 3 patterns, 4% more than the pairs
