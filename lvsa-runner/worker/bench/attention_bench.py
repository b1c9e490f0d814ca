"""Frame-block-sparse attention bench (issue 7): one self-attention call at Wan 2.1 1.3B shapes.

    python -m bench.attention_bench                      # all shapes, all kernels (H200: a few minutes)
    python -m bench.attention_bench --shapes 2x,6x --kernels dense-cudnn,split-lse,triton --iters 5
    python -m bench.attention_bench --check              # every kernel vs the float32 reference, small sizes
    python -m bench.attention_bench --check --device cpu # the CPU-capable kernels (CI)

Shapes: T = 21/41/81/121 latent frames (1x/2x/4x/6x), P = 1560 tokens per frame, 12 heads x 128,
bf16, B = 1. Rows: step 0's pattern (or every rotation pattern) of an LVSA plan in --plan-dir matching
T and P (1x is the full mask), or --rows-json; recorded as rows_source in every JSON line. The bench never
derives a pattern: plans come from the Java planner (the golden plans, or bin/lvsa-runner pattern plan).

Per (kernel, shape): median ms over the timed calls (CUDA events, after warm-up), effective
TFLOP/s counting only attended pairs (4 * pairs * D * H; dense kernels count all pairs),
ratio against dense cuDNN of the same run, plan time, first-call time (compiles), peak extra
memory, and a spot check of three query frames (and the text rows) against a float32
reference at full size. Kernels run kernel-major (all shapes of one kernel, then the next):
ours first, competitors after, FlashInfer (JIT build) last; the Triton kernel runs in a child
process so that a memory fault there cannot end the run. A failing kernel is reported and the
bench goes on; after --max-minutes (8) no new pair starts. Exit code: 0, or 1 when a check failed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
import traceback
from pathlib import Path

from .attention_check import run_check
from .attention_env import cuda_alive, print_environment, triton_config_note
from .attention_kernels import Case, Unavailable, prepare
from .attention_report import print_cycle_medians, print_report  # noqa: F401  (tests reach the first here)
from .attention_rows import (  # noqa: F401  (tests reach these through this module)
    SHAPES,
    base_shape,
    find_plan_rows,
    is_first_case,
    log,
    rows_for_shape,
    rows_from_plan_file,
)
from .jsonl import JsonLines

#: Run order (kernel-major): dense baselines, then our methods and the block-sparse rivals; flashinfer (JIT build)
#: and flex-flash (Inductor) last.
KERNELS = (
    "dense-cudnn", "dense-fa4", "split-lse", "split-lse-fa4", "split-lse-fa4-varlen", "split-lse-fa4-ordered",
    "split-lse-fa4-ordered-varlen", "split-lse-fa4-ordered-overlap", "split-lse-fa4-ordered-tails", "split-lse-ordered",
    "split-lse-gather", "gather", "triton", "dense-fa2",
    "split-lse-fa2", "fa4-bsr", "fa4-bsr-table", "cudnn-bsa", "flex", "flex-allpartial", "flashinfer-bsr",
    "flashinfer-var", "flex-flash",
)
#: Kernels run in a child process by default (--isolate): a memory fault there cannot end the run.
ISOLATED = ("triton",)
#: Timed calls, untimed warm-up calls and the time budget of one (kernel, shape): the defaults of --iters,
#: --warmup and --budget-s (bench.profile_call times its cases the same way).
TIMED_CALLS, WARMUP_CALLS, BUDGET_S = 10, 2, 6.0


# ---------------------------------------------------------------- measuring
def spot_check(out, case: Case, dense: bool) -> float:
    """Max relative L2 error over three query frames (and the text rows) vs a float32 reference."""
    import torch
    import torch.nn.functional as F

    p, worst = case.P, 0.0
    picks = sorted({0, case.T // 2, case.T - 1})
    checks = [(slice(f * p, (f + 1) * p), case.rows[f]) for f in picks]
    if case.text:
        checks.append((slice(case.T * p, case.S), [[0, case.T - 1]]))
    for rows_slice, intervals in checks:
        if dense:
            keys = torch.arange(case.S, device=case.device)
        else:
            frames = torch.tensor([f for a, b in intervals for f in range(a, b + 1)], device=case.device)
            keys = (frames[:, None] * p + torch.arange(p, device=case.device)).reshape(-1)
            keys = torch.cat([keys, torch.arange(case.T * p, case.S, device=case.device)])
        qf = case.q[:, rows_slice].float().transpose(1, 2)
        kf, vf = (t[:, keys].float().transpose(1, 2) for t in (case.k, case.v))
        ref = F.scaled_dot_product_attention(qf, kf, vf).transpose(1, 2)
        got = out[:, rows_slice].float()
        err = ((got - ref).norm() / ref.norm()).item()
        worst = max(worst, err if math.isfinite(err) else float("inf"))
    return worst


def sync(device) -> None:
    import torch

    if device == "cuda":
        torch.cuda.synchronize()


def time_calls(run, iters: int, warmup: int, budget_s: float, device: str):
    """Per-call times in ms (CUDA events on CUDA, wall clock on CPU) and wall ms per call."""
    import torch

    for _ in range(warmup):
        run()
    sync(device)
    probe_start = time.perf_counter()
    run()
    sync(device)
    probe = time.perf_counter() - probe_start
    iters = max(3, min(iters, int(budget_s / max(probe, 1e-6))))
    wall = time.perf_counter()
    if device == "cuda":
        events = [(torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)) for _ in range(iters)]
        for start, end in events:
            start.record()
            run()
            end.record()
        torch.cuda.synchronize()
        times = [s.elapsed_time(e) for s, e in events]
    else:
        times = []
        for _ in range(iters):
            t0 = time.perf_counter()
            run()
            times.append((time.perf_counter() - t0) * 1e3)
    wall = (time.perf_counter() - wall) * 1e3 / iters
    return times, wall


def bench_one(name: str, case: Case, args) -> dict:
    import torch

    frames = sum(b - a + 1 for row in case.rows for a, b in row)
    record = {"shape": case.label, "T": case.T, "P": case.P, "H": case.H, "D": case.D, "text_tokens": case.text,
              "kernel": name, "frame_density": round(frames / case.T**2, 4), "rows_source": case.rows_source}
    on_cuda = case.device == "cuda"
    if on_cuda:
        base = torch.cuda.memory_allocated()
        torch.cuda.reset_peak_memory_stats()
    try:
        t0 = time.perf_counter()
        run, to_bshd, info = prepare(name, case)
        sync(case.device)
        record["plan_ms"] = round((time.perf_counter() - t0) * 1e3, 2)
        t0 = time.perf_counter()
        out = run()
        sync(case.device)
        record["first_call_s"] = round(time.perf_counter() - t0, 3)
        record["variant"] = info["variant"]
        record["inner"] = info.get("inner")
        if name == "triton":
            record["variant"] += triton_config_note()
        dense = info.get("dense", False)
        if not args.no_spot_check:
            record["check_rel_err"] = float(f"{spot_check(to_bshd(out), case, dense):.3g}")
        del out
        times, wall = time_calls(run, args.iters, args.warmup, args.budget_s, case.device)
        if on_cuda:
            record["peak_extra_gb"] = round((torch.cuda.max_memory_allocated() - base) / 2**30, 2)
        record.update(ms_median=round(statistics.median(times), 4), ms_min=round(min(times), 4), iters=len(times),
                      wall_ms_per_call=round(wall, 4))
        flops = 4 * case.S * case.S * case.D * case.H if dense else info["flops"]
        record["tflops_eff"] = round(flops / (record["ms_median"] * 1e-3) / 1e12, 2)
        record["status"] = "ok" if record.get("check_rel_err", 0.0) <= args.check_tol else "WRONG"
    except Unavailable as err:
        record.update(status="skipped", error=str(err))
    except torch.cuda.OutOfMemoryError as err:
        record.update(status="oom", error=str(err).splitlines()[0][:300])
    except Exception as err:  # noqa: BLE001 - a failing candidate is reported, the bench goes on
        record.update(status="error", error=f"{type(err).__name__}: {str(err).splitlines()[0][:300] if str(err) else ''}")
        if args.verbose:
            traceback.print_exc()
    if on_cuda:
        torch.cuda.empty_cache()
    return record


# ---------------------------------------------------------------- report
# ---------------------------------------------------------------- main
def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n", 1)[1])
    ap.add_argument("--shapes", default="1x,2x,4x,6x", help="comma list of 1x,2x,4x,6x")
    ap.add_argument("--kernels", default=",".join(KERNELS), help=f"comma list of {','.join(KERNELS)}")
    ap.add_argument("--iters", type=int, default=TIMED_CALLS, help="timed calls per (kernel, shape), fewer if --budget-s runs out")
    ap.add_argument("--warmup", type=int, default=WARMUP_CALLS, help="untimed calls after the first")
    ap.add_argument("--budget-s", type=float, default=BUDGET_S, help="time for the timed calls of one (kernel, shape)")
    ap.add_argument("--quick", action="store_true", help="--iters 3 --warmup 1 --budget-s 2")
    ap.add_argument("--plan-dir", default=None, help="folder of plans (default: the golden plans in contracts/)")
    ap.add_argument("--patterns", choices=("first", "all"), default="first",
                    help="rows of step 0 only, or every rotation pattern of the plan file (cases 6x@p0, 6x@p1, ...; "
                         "a per-kernel median over them is printed)")
    ap.add_argument("--rows-json", help="plan file or {'rows': [...]}: one pattern, T = its row count")
    ap.add_argument("--tokens-per-frame", type=int, default=1560)
    ap.add_argument("--heads", type=int, default=12)
    ap.add_argument("--head-dim", type=int, default=128)
    ap.add_argument("--text-tokens", type=int, default=0)
    ap.add_argument("--check", action="store_true", help="correctness of every kernel on small sizes, then exit")
    ap.add_argument("--check-tol", type=float, default=2e-2, help="max relative L2 error of the spot check")
    ap.add_argument("--no-spot-check", action="store_true")
    ap.add_argument("--device", choices=("auto", "cuda", "cpu"), default="auto")
    ap.add_argument("--json-out", help="also write the JSON lines to this file")
    ap.add_argument("--flex-shapes", default="2x,6x",
                    help="shapes for flex, flex-allpartial and flex-flash (each new size compiles again); 'all' for every shape")
    ap.add_argument("--max-minutes", type=float, default=8.0,
                    help="start no new (kernel, shape) after this many minutes; the rest is reported 'not run'")
    ap.add_argument("--isolate", default=",".join(ISOLATED), help="kernels to run in a child process ('' for none)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("-v", "--verbose", action="store_true", help="print tracebacks of failing kernels")
    ap.add_argument("--version", action="version", version="attention_bench 1 (issue 7)")
    args = ap.parse_args(argv)
    if args.plan_dir is None:
        from lvsa_worker.contracts import golden_dir

        args.plan_dir = str(golden_dir())
    if args.quick:
        args.iters, args.warmup, args.budget_s = 3, 1, 2.0
    args.kernels = [k.strip() for k in args.kernels.split(",") if k.strip()]
    bad = [k for k in args.kernels if k not in KERNELS]
    if bad:
        ap.error(f"unknown kernel(s) {bad}; choose from {','.join(KERNELS)}")
    args.isolate = [k.strip() for k in args.isolate.split(",") if k.strip()]
    args.shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    bad = [s for s in args.shapes if s not in SHAPES]
    if bad:
        ap.error(f"unknown shape(s) {bad}; choose from {','.join(SHAPES)}")
    return args


def run_isolated(name: str, args, device: str, remaining_s: float):
    """Runs one kernel over all shapes in a child process (a fault there cannot take the CUDA
    context of this process down); returns its records. The child (``python -m bench.attention_bench``)
    inherits this process's folder and environment, so it imports the same bench package."""
    import subprocess

    cmd = [sys.executable, "-m", "bench.attention_bench", "--child", "--kernels", name, "--device", device,
           "--shapes", ",".join(args.shapes), "--iters", str(args.iters), "--warmup", str(args.warmup),
           "--budget-s", str(args.budget_s), "--plan-dir", args.plan_dir, "--flex-shapes", args.flex_shapes,
           "--patterns", args.patterns,
           "--tokens-per-frame", str(args.tokens_per_frame), "--heads", str(args.heads),
           "--head-dim", str(args.head_dim), "--text-tokens", str(args.text_tokens),
           "--check-tol", str(args.check_tol), "--max-minutes", f"{remaining_s / 60:.3f}"]
    cmd += ["--rows-json", args.rows_json] if args.rows_json else []
    cmd += ["--no-spot-check"] if args.no_spot_check else []
    cmd += ["-v"] if args.verbose else []
    log(f"{name}: running in a child process ...")
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, timeout=max(remaining_s, 1) + 60)
        stdout, problem = proc.stdout, None if proc.returncode in (0, 1) else f"child process exited with {proc.returncode}"
    except subprocess.TimeoutExpired as err:
        stdout, problem = err.stdout or "", "child process timed out"
        stdout = stdout.decode() if isinstance(stdout, bytes) else stdout
    records = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    if problem:
        log(f"{name}: {problem} (its stderr is above)")
    return records, problem


def shapes_to_run(args) -> dict:
    """Shape label -> (rows, where they came from): --rows-json's one shape, else every --shapes entry (one per
    rotation pattern with --patterns all)."""
    if args.rows_json:
        ((rows, source),) = rows_for_shape("custom", 0, args).values()
        shapes = {f"T{len(rows)}": (rows, source)}
        args.shapes = list(shapes)
        return shapes
    shapes = {}
    for label in args.shapes:
        shapes.update(rows_for_shape(label, SHAPES[label], args))
    return shapes


class Records:
    """The bench's records: each gets its ratios against this run's dense kernels and goes out as a JSON line
    (stdout, and ``json_out`` written as ``.partial`` and renamed when the bench ends)."""

    def __init__(self, json_out: str | None):
        self.records: list[dict] = []
        self.json_out = json_out
        self.lines = JsonLines(Path(json_out + ".partial") if json_out else None, default=str)

    def emit(self, record: dict) -> None:
        for baseline in ("dense-cudnn", "dense-fa4"):
            key = "ratio_vs_" + baseline.replace("-", "_")
            dense = next((r for r in self.records if base_shape(r["shape"]) == base_shape(record["shape"])
                          and r["kernel"] == baseline and r["status"] == "ok"), None)
            if record["kernel"] == baseline and "ms_median" in record:
                record[key] = 1.0
            elif dense and "ms_median" in record:
                record[key] = round(dense["ms_median"] / record["ms_median"], 4)
        self.records.append(record)
        self.lines.emit(record)

    def close(self) -> None:
        self.lines.close()
        if self.json_out:
            os.replace(self.json_out + ".partial", self.json_out)


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    deadline = started + args.max_minutes * 60
    import torch

    device = args.device if args.device != "auto" else ("cuda" if torch.cuda.is_available() else "cpu")
    if device == "cpu":
        os.environ.setdefault("TRITON_INTERPRET", "1")  # before triton is imported: the Triton kernels on CPU
    if not args.child:
        print_environment(device)
    if args.check:
        return run_check(args, device)
    if device != "cuda":
        log("WARNING: timing on CPU is a smoke test of the bench only (use tiny --tokens-per-frame/--heads/--head-dim)")
    shapes = shapes_to_run(args)
    flex_shapes = list(args.shapes) if args.flex_shapes == "all" else args.flex_shapes.split(",")
    sink, lost = Records(args.json_out), None
    records, emit = sink.records, sink.emit
    for name in [k for k in KERNELS if k in args.kernels]:
        isolate = name in args.isolate and not args.child and not lost
        if isolate and time.monotonic() < deadline:
            child, problem = run_isolated(name, args, device, deadline - time.monotonic())
            done = {r["shape"] for r in child}
            for record in child:
                emit(record)
            for label in shapes:
                if label not in done:
                    emit({"shape": label, "kernel": name, "status": "error", "error": problem or "no result from child"})
            continue
        for label, (rows, source) in shapes.items():
            if name.startswith("flex") and base_shape(label) not in flex_shapes:
                continue
            if name.startswith("dense") and not is_first_case(label):
                continue
            if lost:
                emit({"shape": label, "kernel": name, "status": "not run", "error": f"CUDA context lost after {lost}"})
                continue
            if time.monotonic() > deadline:
                emit({"shape": label, "kernel": name, "status": "not run", "error": f"--max-minutes {args.max_minutes} used up"})
                continue
            dtype = torch.bfloat16 if device == "cuda" else torch.float32
            case = Case(label, rows, source, args.tokens_per_frame, args.heads, args.head_dim, args.text_tokens,
                        device, dtype)
            log(f"{name} @ {label} ... ({time.monotonic() - started:.0f} s)")
            record = bench_one(name, case, args)
            del case
            if record["status"] == "error" and device == "cuda" and not cuda_alive():
                lost = f"{name} @ {label}"
            emit(record)
    sink.close()
    if not args.child:
        print_report(records, list(shapes))
        print(f"\nbench wall time {time.monotonic() - started:.0f} s")
        if lost:
            print(f"CUDA context lost after {lost}: later kernels not run; rerun them with --kernels")
    return 1 if any(r["status"] == "WRONG" for r in records) else 0


if __name__ == "__main__":
    sys.exit(main())
