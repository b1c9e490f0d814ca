#!/usr/bin/env python3
"""Frame-block-sparse attention bench (issue 7): one self-attention call at Wan 2.1 1.3B shapes.

    python bench/attention_bench.py                      # all shapes, all kernels (H200: a few minutes)
    python bench/attention_bench.py --shapes 2x,6x --kernels dense-cudnn,split-lse,triton --iters 5
    python bench/attention_bench.py --check              # every kernel vs the float32 reference, small sizes
    python bench/attention_bench.py --check --device cpu # the CPU-capable kernels (CI)

Shapes: T = 21/41/81/121 latent frames (1x/2x/4x/6x), P = 1560 tokens per frame, 12 heads x 128,
bf16, B = 1. Rows: step 0's pattern of a plan file in --plan-dir matching T (1x is the full mask),
or --rows-json; without a plan file for a shape the bench says so and uses synthetic LVSA rows
(LVSA.md's rule at rotation offset 0), recorded as rows_source in every JSON line.

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

WORKER_ROOT = Path(__file__).resolve().parents[1]
REPO_ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(WORKER_ROOT))

SHAPES = {"1x": 21, "2x": 41, "4x": 81, "6x": 121}
GOAL_RATIO = {"1x": 1.0, "2x": 1.8, "4x": 3.55, "6x": 5.3}
SYNTHETIC_KFI = {21: 1, 41: 3, 81: 6, 121: 9}  # LVSA.md's measured table: W=3, n_first=1, offset 0
#: Run order (kernel-major): ours first, then the competitors; flashinfer last (JIT build).
KERNELS = (
    "dense-cudnn", "split-lse", "split-lse-gather", "gather", "triton", "dense-fa2", "split-lse-fa2",
    "flex", "flex-allpartial", "flashinfer-bsr", "flashinfer-var",
)
#: Kernels run in a child process by default (--isolate): a memory fault there cannot end the run.
ISOLATED = ("triton",)
CPU_KERNELS = ("dense-cudnn", "gather", "split-lse", "split-lse-gather", "flex", "flex-allpartial", "triton")
SPARSE_OURS = ("split-lse", "split-lse-gather", "split-lse-fa2", "triton", "gather")


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- rows
def to_intervals(frames) -> list:
    out = []
    for f in sorted(frames):
        if out and out[-1][1] == f - 1:
            out[-1][1] = f
        else:
            out.append([f, f])
    return out


def synthetic_lvsa_rows(num_frames: int, kfi: int, half_window: int = 3, n_first: int = 1) -> list:
    """LVSA.md steps 1-4 at rotation offset 0 (a stand-in when no plan file is given)."""
    anchors = set(range(n_first)) | {(i * kfi) % num_frames for i in range(math.ceil(num_frames / kfi))}
    need = min(2 * half_window + 1, num_frames - len(anchors))
    rows = []
    for f in range(num_frames):
        lo = min(max(f - half_window, 0), max(num_frames - (2 * half_window + 1), 0))
        hi = min(lo + 2 * half_window, num_frames - 1)
        left = True
        while sum(g not in anchors for g in range(lo, hi + 1)) < need and (lo > 0 or hi < num_frames - 1):
            if (left and lo > 0) or hi == num_frames - 1:
                lo -= 1
            else:
                hi += 1
            left = not left
        rows.append(to_intervals(anchors | set(range(lo, hi + 1))))
    return rows


def rows_from_plan_file(path: Path):
    plan = json.loads(path.read_text())
    if "rows" in plan and "mask" not in plan:
        return plan["rows"]
    mask = plan.get("mask", {})
    if mask.get("kind") == "dense":
        t = plan["geometry"]["latent_frames"]
        return [[[0, t - 1]]] * t
    if mask.get("kind") == "frame_blocks":
        return mask["patterns"][mask["step_patterns"][0]]["rows"]
    raise ValueError(f"{path}: no rows (mask kind {mask.get('kind')!r})")


def find_plan_rows(plan_dir: Path, num_frames: int, tokens_per_frame: int, all_patterns: bool = False):
    """[(rows, source)]: step 0's pattern of the first matching LVSA plan, or (``all_patterns``) each distinct
    pattern in the order the steps first use it (a whole rotation cycle). None without a matching plan."""
    if not plan_dir.is_dir():
        return None
    for path in sorted(plan_dir.glob("*.json")):
        try:
            plan = json.loads(path.read_text())
            geo = plan["geometry"]
            if geo["latent_frames"] != num_frames or geo["tokens_per_frame"] != tokens_per_frame:
                continue
            if plan.get("method") == "lvsa" and plan["mask"]["kind"] == "frame_blocks":
                mask = plan["mask"]
                firsts = {}
                for step, index in enumerate(mask["step_patterns"]):
                    firsts.setdefault(index, step)
                chosen = list(firsts.items()) if all_patterns else [(mask["step_patterns"][0], 0)]
                return [(mask["patterns"][index]["rows"], f"plan {path.name} step {step}") for index, step in chosen]
        except (KeyError, ValueError, TypeError):
            continue
    return None


def rows_for_shape(label, num_frames, args) -> dict:
    """{case label: (rows, source)}: one case, or one per rotation pattern with ``--patterns all``
    (labels ``6x@p0``, ``6x@p1``, ...)."""
    if args.rows_json:
        rows = rows_from_plan_file(Path(args.rows_json))
        return {label: (rows, f"file {Path(args.rows_json).name}")}
    if label == "1x":
        return {label: ([[[0, num_frames - 1]]] * num_frames, "full mask (1x)")}
    found = find_plan_rows(Path(args.plan_dir), num_frames, args.tokens_per_frame, args.patterns == "all")
    if found and len(found) == 1:
        return {label: found[0]}
    if found:
        return {f"{label}@p{i}": case for i, case in enumerate(found)}
    if args.no_synthetic:
        raise SystemExit(f"no lvsa plan with T={num_frames}, P={args.tokens_per_frame} in {args.plan_dir} (--no-synthetic)")
    log(f"NOTE {label}: no lvsa plan with T={num_frames}, P={args.tokens_per_frame} in {args.plan_dir}: "
        f"using synthetic LVSA rows (kfi={SYNTHETIC_KFI[num_frames]}, W=3, n_first=1, offset 0)")
    return {label: (synthetic_lvsa_rows(num_frames, SYNTHETIC_KFI[num_frames]), "synthetic LVSA (offset 0)")}


def base_shape(label: str) -> str:
    """``6x@p3`` -> ``6x`` (the shape a rotation pattern's case belongs to)."""
    return label.split("@", 1)[0]


def is_first_case(label: str) -> bool:
    """Dense kernels ignore the mask: they run once per shape, on its first case."""
    return "@" not in label or label.endswith("@p0")


# ---------------------------------------------------------------- kernels
class Case:
    """Inputs of one (shape, pattern): q, k, v (B, S, H, D) and the rows."""

    def __init__(self, label, rows, rows_source, p, heads, dim, text, device, dtype, seed=0):
        import torch

        self.label, self.rows, self.rows_source = label, rows, rows_source
        self.T, self.P, self.H, self.D, self.text = len(rows), p, heads, dim, text
        self.S = self.T * p + text
        self.device, self.dtype = device, dtype
        gen = torch.Generator(device=device).manual_seed(seed)
        self.q, self.k, self.v = (
            torch.randn(1, self.S, heads, dim, generator=gen, device=device, dtype=dtype) for _ in range(3)
        )


def prepare(name: str, case: Case, overrides: dict | None = None):
    """Returns (run, to_bshd, info): run() does one call; to_bshd(out) gives (B, S, H, D).

    ``overrides``: extra plan_fbs options per method (used by --check to keep compiles few)."""
    from lvsa_worker.kernels import fbs_attention, plan_fbs
    from lvsa_worker.kernels.sdpa_ops import dense_attention

    q, k, v = case.q, case.k, case.v
    scale = 1.0 / math.sqrt(case.D)
    if name in ("dense-cudnn", "dense-fa2"):
        backend = "cudnn" if name == "dense-cudnn" else "flash"
        run = lambda: dense_attention(q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), scale, backend)  # noqa: E731
        return run, lambda o: o.transpose(1, 2), {"dense": True, "variant": f"SDPA {backend}, mask ignored"}
    if name.startswith("flashinfer"):
        return prepare_flashinfer(name, case)
    method, options = {
        "gather": ("gather", {}),
        "split-lse": ("split-lse", {"window_mode": "strided"}),
        "split-lse-gather": ("split-lse", {"window_mode": "gather"}),
        "split-lse-fa2": ("split-lse", {"window_mode": "strided", "backend": "flash"}),
        "triton": ("triton", {}),
        "flex": ("flex", {}),
        "flex-allpartial": ("flex-allpartial", {}),
    }[name]
    options = {**options, **(overrides or {}).get(method, {})}
    plan = plan_fbs(case.rows, case.P, case.text, case.H, case.D, case.device, case.dtype, method=method, **options)
    info = {"variant": describe_plan(plan), "flops": plan.flops()}
    return (lambda: fbs_attention(q, k, v, plan)), (lambda o: o), info | {"plan": plan}


def describe_plan(plan) -> str:
    impl = plan.impl
    if plan.method == "split-lse":
        if impl.full:
            return "full mask: one dense call"
        strided = sum(1 for s in impl.segments if not s.fold)
        return (f"window={impl.window_mode} backend={impl.backend} merge={'triton' if impl.use_triton_merge else 'torch'} "
                f"anchors={len(impl.anchors)} segments={len(impl.segments)} ({strided} batched-window)")
    if plan.method == "gather":
        return f"chunks={len(impl.chunks)} backend={impl.backend}"
    if plan.method == "triton":
        cfg = impl.config or "autotune"
        return f"BLOCK_M={impl.block_m} config={cfg} masked-waste={impl.wasted_fraction:.2%} max_slots={impl.max_slots}"
    if plan.method.startswith("flex"):
        return f"blocks full={impl.full_blocks} partial={impl.partial_blocks}"
    return plan.method


def prepare_flashinfer(name: str, case: Case):
    import inspect

    import torch

    try:
        import flashinfer
        import flashinfer.sparse as fis
    except ImportError as err:
        raise Unavailable(f"flashinfer not importable ({err}); pip install flashinfer-python") from None
    if case.q.shape[0] != 1:
        raise Unavailable("bench runs flashinfer with B=1 only")
    T, P, H, D, text = case.T, case.P, case.H, case.D, case.text
    workspace = torch.empty(128 * 1024 * 1024, dtype=torch.uint8, device=case.device)
    frames = [[f for a, b in row for f in range(a, b + 1)] for row in case.rows]
    started = time.perf_counter()
    log(f"flashinfer {flashinfer.__version__}: {name} plan (JIT compile may take minutes on first use) ...")
    if name == "flashinfer-bsr":
        if text % P:
            raise Unavailable(f"text_tokens={text} is not a multiple of the block size P={P}")
        nb_text = text // P
        rows = [fr + list(range(T, T + nb_text)) for fr in frames] + [list(range(T + nb_text))] * nb_text
        indptr = torch.tensor([0] + list(_cumsum(len(r) for r in rows)), dtype=torch.int32, device=case.device)
        indices = torch.tensor([f for r in rows for f in r], dtype=torch.int32, device=case.device)
        wrapper = fis.BlockSparseAttentionWrapper(workspace)
        kwargs = dict(q_data_type=case.dtype, kv_data_type=case.dtype, o_data_type=case.dtype)
        params = inspect.signature(wrapper.plan).parameters
        wrapper.plan(indptr, indices, case.S, case.S, P, P, H, H, D, **{k: v for k, v in kwargs.items() if k in params})
        q, k, v = case.q[0], case.k[0], case.v[0]  # (S, H, D): NHD, no copy
        run = lambda: wrapper.run(q, k, v)  # noqa: E731
        to_bshd = lambda o: o.unsqueeze(0)  # noqa: E731
        variant = f"BlockSparseAttentionWrapper R=C={P}"
    else:
        nb = T + (1 if text else 0)
        mask = torch.zeros(nb, nb, dtype=torch.bool)
        for f, fr in enumerate(frames):
            mask[f, fr] = True
        mask[:, T:] = True
        mask[T:, :] = True
        sizes = torch.tensor([P] * T + ([text] if text else []), dtype=torch.int32)
        wrapper = fis.VariableBlockSparseAttentionWrapper(workspace)
        wrapper.plan(
            mask.expand(H, nb, nb).contiguous().to(case.device), sizes.expand(H, nb).contiguous().to(case.device),
            sizes.expand(H, nb).contiguous().to(case.device), H, H, D, q_data_type=case.dtype,
        )
        # its run() wants (H, S, D); arranged once here, outside the timed calls (its best case)
        q, k, v = (t[0].transpose(0, 1).contiguous() for t in (case.q, case.k, case.v))
        run = lambda: wrapper.run(q, k, v)  # noqa: E731
        to_bshd = lambda o: o.transpose(0, 1).unsqueeze(0)  # noqa: E731
        variant = "VariableBlockSparseAttentionWrapper, frame blocks, HND inputs"
    torch.cuda.synchronize()
    log(f"flashinfer {name} plan done in {time.perf_counter() - started:.1f} s")
    attended = sum(len(fr) for fr in frames) * P * P + T * P * text + text * case.S  # (query, key) pairs
    return run, to_bshd, {"variant": f"flashinfer {flashinfer.__version__} {variant}", "flops": 4 * attended * D * H}


def _cumsum(values):
    total = 0
    for value in values:
        total += value
        yield total


class Unavailable(Exception):
    """The kernel cannot run here (missing package, unsupported shape): reported as skipped."""


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


def triton_config_note() -> str:
    from lvsa_worker.kernels import triton_fbs

    tuner = triton_fbs._autotuned
    best = getattr(tuner, "best_config", None) if tuner is not None else None
    if best is None:
        return ""
    return f" chosen: BLOCK_N={best.kwargs.get('BLOCK_N')} warps={best.num_warps} stages={best.num_stages}"


def cuda_alive() -> bool:
    import torch

    try:
        torch.cuda.synchronize()
        (torch.ones(8, device="cuda") * 2).sum().item()
        return True
    except Exception:  # noqa: BLE001
        return False


# ---------------------------------------------------------------- report
def print_tables(records, shapes) -> None:
    head = f"{'kernel':17} {'status':8} {'ms':>9} {'min ms':>9} {'TFLOP/s':>8} {'x dense':>8} {'plan ms':>8} {'1st s':>7} {'peak GB':>7} {'err':>8}  variant / error"
    for label in shapes:
        rows = [r for r in records if r["shape"] == label]
        if not rows:
            continue
        r0 = next((r for r in rows if "T" in r), None)
        if r0 is None:
            print(f"\n== {label}: not run")
            continue
        print(f"\n== {label}: T={r0['T']} P={r0['P']} H={r0['H']} D={r0['D']} text={r0['text_tokens']} "
              f"frame density {r0['frame_density']:.3f}  rows: {r0['rows_source']}")
        print(head)
        for r in rows:
            fmt = lambda key, spec: format(r[key], spec) if key in r else "-"  # noqa: E731
            note = r.get("variant", "") if r["status"] in ("ok", "WRONG") else r.get("error", "")
            note = note if len(note) <= 90 else note[:87] + "..."  # full text in the JSON line
            print(f"{r['kernel']:17} {r['status']:8} {fmt('ms_median', '9.2f')} {fmt('ms_min', '9.2f')} "
                  f"{fmt('tflops_eff', '8.0f')} {fmt('ratio_vs_dense_cudnn', '8.2f')} {fmt('plan_ms', '8.1f')} "
                  f"{fmt('first_call_s', '7.2f')} {fmt('peak_extra_gb', '7.2f')} {fmt('check_rel_err', '8.1e')}  {note}")


def print_goals(records, shapes) -> None:
    print("\n== goals (issue 7): best of our kernels per shape")
    ok = {(r["shape"], r["kernel"]): r for r in records if r["status"] == "ok"}
    for label in shapes:
        ours = [ok[(label, k)] for k in SPARSE_OURS if (label, k) in ok and "ratio_vs_dense_cudnn" in ok[(label, k)]]
        if not ours:
            print(f"{label}: no successful kernel of ours")
            continue
        best = min(ours, key=lambda r: r["ms_median"])
        parts = [f"{label}: best {best['kernel']} {best['ms_median']:.2f} ms = {best['ratio_vs_dense_cudnn']:.2f}x dense"]
        goal = GOAL_RATIO.get(base_shape(label))
        if goal:
            parts.append(f"goal >= {goal}x: {'MET' if best['ratio_vs_dense_cudnn'] >= goal else 'not met'}")
        for rival, factor in (("gather", 1.0), ("flashinfer-bsr", 1.3), ("flashinfer-var", 1.3), ("flex", 2.0)):
            if (label, rival) in ok and rival != best["kernel"]:
                speedup = ok[(label, rival)]["ms_median"] / best["ms_median"]
                parts.append(f"vs {rival} {speedup:.2f}x (goal {factor}x: {'MET' if speedup >= factor else 'not met'})")
        print("; ".join(parts))


def print_cycle_medians(records) -> None:
    """With --patterns all: per shape and kernel, the median over the rotation patterns (what a run sees)."""
    cycles = {}
    for r in records:
        if "@" in r["shape"] and r["status"] == "ok" and not r["kernel"].startswith("dense"):
            cycles.setdefault((base_shape(r["shape"]), r["kernel"]), []).append(r)
    if not cycles:
        return
    print("\n== rotation cycle: median over the patterns of each shape")
    for (shape, kernel), rows in cycles.items():
        ms = statistics.median(r["ms_median"] for r in rows)
        ratios = [r["ratio_vs_dense_cudnn"] for r in rows if "ratio_vs_dense_cudnn" in r]
        dense = f" = {statistics.median(ratios):.2f}x dense (patterns {min(ratios):.2f}..{max(ratios):.2f}x)" if ratios else ""
        print(f"{shape} {kernel}: {len(rows)} patterns, median {ms:.2f} ms{dense}")


# ---------------------------------------------------------------- --check
def run_check(args, device) -> int:
    import torch

    from lvsa_worker.kernels import fbs_attention, masked_reference_attention, plan_fbs, triton_fbs

    cases = [
        ("lvsa-like T=10", synthetic_lvsa_rows(10, 3, half_window=1)),
        ("irregular T=6", [[[0, 0], [5, 5]], [[1, 2]], [[0, 5]], [[3, 3]], [[2, 2], [4, 5]], [[5, 5]]]),
        ("full T=3", [[[0, 2]]] * 3),
    ]
    on_cuda = device == "cuda"
    geometries = [(40, 64, 0), (200, 128, 16)] if on_cuda else [(40, 32, 0), (24, 16, 5)]
    dtype = torch.bfloat16 if on_cuda else torch.float32
    tol = dict(atol=2e-2, rtol=2e-2) if on_cuda else dict(atol=1e-4, rtol=1e-4)
    names = [k for k in args.kernels if on_cuda or k in CPU_KERNELS]
    failures = 0
    print(f"{'kernel':17} {'case':16} {'P':>4} {'D':>4} {'text':>4}  result")
    for name in names:
        for case_name, rows in cases:
            for p, d, text in geometries:
                case = Case(case_name, rows, "check", p, 2, d, text, device, dtype, seed=1)
                if not on_cuda and name == "triton" and not triton_fbs.is_interpreted():
                    result = "skipped: needs TRITON_INTERPRET=1 before triton is imported"
                elif not on_cuda and name == "dense-cudnn" and not case_name.startswith("full"):
                    result = "skipped: dense ignores the mask"
                elif name.startswith("split-lse") and case_name.startswith("irregular"):
                    try:
                        plan_fbs(rows, p, text, 2, d, device, dtype, method="split-lse")
                        result = "MISMATCH: split-lse accepted rows that are not anchors + windows"
                        failures += 1
                    except ValueError as err:
                        result = "ok: refused as designed" if "contiguous windows" in str(err) else f"ERROR {err}"
                        failures += 0 if result.startswith("ok") else 1
                else:
                    try:
                        if name in ("dense-cudnn", "dense-fa2") and not case_name.startswith("full"):
                            raise Unavailable("dense ignores the mask")
                        if on_cuda:
                            # one Triton config, eager FlexAttention: a few compiles, not dozens
                            overrides = {"triton": {"config": (64, 8, 3)}, "flex": {"compile": False},
                                         "flex-allpartial": {"compile": False}}
                            run, to_bshd, _ = prepare(name, case, overrides)
                            out = to_bshd(run())
                        else:
                            method = {"dense-cudnn": "dense", "split-lse-gather": "split-lse"}.get(name, name)
                            options = {"window_mode": "gather"} if name == "split-lse-gather" else {}
                            plan = plan_fbs(rows, p, text, 2, d, device, dtype, method=method, **options)
                            out = fbs_attention(case.q, case.k, case.v, plan)
                        ref = masked_reference_attention(case.q, case.k, case.v, rows, p, text)
                        err = (out.float() - ref).abs().max().item()
                        good = torch.allclose(out.float(), ref, **tol)
                        result = f"{'ok' if good else 'MISMATCH'} max abs err {err:.2e}"
                        failures += 0 if good else 1
                    except Unavailable as err:
                        result = f"skipped: {err}"
                    except Exception as err:  # noqa: BLE001
                        result = f"ERROR {type(err).__name__}: {str(err).splitlines()[0][:200] if str(err) else ''}"
                        failures += 1
                print(f"{name:17} {case_name:16} {p:4} {d:4} {text:4}  {result}", flush=True)
    print(f"\n{'all checked kernels match the reference' if not failures else f'{failures} check(s) FAILED'}")
    return 1 if failures else 0


# ---------------------------------------------------------------- main
def print_environment(device) -> None:
    import torch
    import triton

    parts = [f"torch {torch.__version__}", f"triton {triton.__version__}", f"python {sys.version.split()[0]}"]
    if device == "cuda":
        parts += [f"GPU {torch.cuda.get_device_name()}", f"CUDA {torch.version.cuda}",
                  f"cuDNN {torch.backends.cudnn.version()}"]
    try:
        import flashinfer

        parts.append(f"flashinfer {flashinfer.__version__}")
    except ImportError:
        parts.append("flashinfer not installed")
    print("# " + ", ".join(parts), flush=True)


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n", 1)[1])
    ap.add_argument("--shapes", default="1x,2x,4x,6x", help="comma list of 1x,2x,4x,6x")
    ap.add_argument("--kernels", default=",".join(KERNELS), help=f"comma list of {','.join(KERNELS)}")
    ap.add_argument("--iters", type=int, default=10, help="timed calls per (kernel, shape), fewer if --budget-s runs out")
    ap.add_argument("--warmup", type=int, default=2, help="untimed calls after the first")
    ap.add_argument("--budget-s", type=float, default=6.0, help="time for the timed calls of one (kernel, shape)")
    ap.add_argument("--quick", action="store_true", help="--iters 3 --warmup 1 --budget-s 2")
    ap.add_argument("--plan-dir", default=str(REPO_ROOT / "contracts" / "attention-plan" / "v1" / "golden"))
    ap.add_argument("--patterns", choices=("first", "all"), default="first",
                    help="rows of step 0 only, or every rotation pattern of the plan file (cases 6x@p0, 6x@p1, ...; "
                         "a per-kernel median over them is printed)")
    ap.add_argument("--rows-json", help="plan file or {'rows': [...]}: one pattern, T = its row count")
    ap.add_argument("--no-synthetic", action="store_true", help="fail instead of synthetic rows without a plan file")
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
                    help="shapes for flex and flex-allpartial (each new size compiles again); 'all' for every shape")
    ap.add_argument("--max-minutes", type=float, default=8.0,
                    help="start no new (kernel, shape) after this many minutes; the rest is reported 'not run'")
    ap.add_argument("--isolate", default=",".join(ISOLATED), help="kernels to run in a child process ('' for none)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("-v", "--verbose", action="store_true", help="print tracebacks of failing kernels")
    ap.add_argument("--version", action="version", version="attention_bench 1 (issue 7)")
    args = ap.parse_args(argv)
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
    context of this process down); returns its records."""
    import subprocess

    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", "--kernels", name, "--device", device,
           "--shapes", ",".join(args.shapes), "--iters", str(args.iters), "--warmup", str(args.warmup),
           "--budget-s", str(args.budget_s), "--plan-dir", args.plan_dir, "--flex-shapes", args.flex_shapes,
           "--patterns", args.patterns,
           "--tokens-per-frame", str(args.tokens_per_frame), "--heads", str(args.heads),
           "--head-dim", str(args.head_dim), "--text-tokens", str(args.text_tokens),
           "--check-tol", str(args.check_tol), "--max-minutes", f"{remaining_s / 60:.3f}"]
    cmd += ["--rows-json", args.rows_json] if args.rows_json else []
    cmd += ["--no-spot-check"] if args.no_spot_check else []
    cmd += ["--no-synthetic"] if args.no_synthetic else []
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
    order = [k for k in KERNELS if k in args.kernels]
    if args.rows_json:
        ((rows, source),) = rows_for_shape("custom", 0, args).values()
        shapes = {f"T{len(rows)}": (rows, source)}
        args.shapes = list(shapes)
    else:
        shapes = {}
        for label in args.shapes:
            shapes.update(rows_for_shape(label, SHAPES[label], args))
    flex_shapes = list(args.shapes) if args.flex_shapes == "all" else args.flex_shapes.split(",")
    records, lost = [], None
    out_file = open(args.json_out + ".partial", "w") if args.json_out else None

    def emit(record):
        dense = next((r for r in records if base_shape(r["shape"]) == base_shape(record["shape"])
                      and r["kernel"] == "dense-cudnn" and r["status"] == "ok"), None)
        if record["kernel"] == "dense-cudnn" and "ms_median" in record:
            record["ratio_vs_dense_cudnn"] = 1.0
        elif dense and "ms_median" in record:
            record["ratio_vs_dense_cudnn"] = round(dense["ms_median"] / record["ms_median"], 4)
        records.append(record)
        line = json.dumps(record, default=str)
        print(line, flush=True)
        if out_file:
            out_file.write(line + "\n")
            out_file.flush()

    for name in order:
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
    if out_file:
        out_file.close()
        os.replace(args.json_out + ".partial", args.json_out)
    if not args.child:
        print_tables(records, list(shapes))
        print_goals(records, list(shapes))
        print_cycle_medians(records)
        print(f"\nbench wall time {time.monotonic() - started:.0f} s")
        if lost:
            print(f"CUDA context lost after {lost}: later kernels not run; rerun them with --kernels")
    return 1 if any(r["status"] == "WRONG" for r in records) else 0


if __name__ == "__main__":
    sys.exit(main())
