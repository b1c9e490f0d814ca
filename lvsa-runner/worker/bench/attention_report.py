"""Tables and goal lines printed at the end of attention_bench.py (from its JSON records).

``python -m bench.attention_report RUN.jsonl`` prints the rotation-cycle medians, issue 12's goals and the
ceilings again from a run's committed raw lines (``bench/results/*/``)."""

from __future__ import annotations

import argparse
import json
import statistics
import sys

from .attention_rows import base_shape

GOAL_RATIO = {"1x": 1.0, "2x": 1.8, "4x": 3.55, "6x": 5.3}
SPARSE_OURS = ("split-lse", "split-lse-fa4", "split-lse-fa4-varlen", "split-lse-fa4-ordered",
               "split-lse-fa4-ordered-varlen", "split-lse-fa4-ordered-overlap", "split-lse-fa4-ordered-tails",
               "split-lse-ordered",
               "split-lse-gather", "split-lse-fa2", "fa4-bsr", "fa4-bsr-table", "triton", "gather")
#: Issue 12 (FA4): rotation-cycle median of the best kernel of ours against dense cuDNN (and dense FA4 at 6x).
GOAL12_VS_CUDNN = {"1x": 1.15, "2x": 2.1, "4x": 4.1, "6x": 6.3}
GOAL12_VS_FA4 = {"6x": 5.3}
GOAL12_VS_FLASHINFER = {"6x": 1.3}


def print_tables(records, shapes) -> None:
    head = (f"{'kernel':17} {'status':8} {'ms':>9} {'min ms':>9} {'TFLOP/s':>8} {'x cuDNN':>8} {'x FA4':>6} "
            f"{'plan ms':>8} {'1st s':>7} {'peak GB':>7} {'err':>8}  variant / error")
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
            fmt = lambda key, spec, r=r: format(r[key], spec) if key in r else "-"  # noqa: E731
            note = r.get("variant", "") if r["status"] in ("ok", "WRONG") else r.get("error", "")
            note = note if len(note) <= 90 else note[:87] + "..."  # full text in the JSON line
            print(f"{r['kernel']:17} {r['status']:8} {fmt('ms_median', '9.2f')} {fmt('ms_min', '9.2f')} "
                  f"{fmt('tflops_eff', '8.0f')} {fmt('ratio_vs_dense_cudnn', '8.2f')} {fmt('ratio_vs_dense_fa4', '6.2f')} "
                  f"{fmt('plan_ms', '8.1f')} "
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


def cycle_medians(records) -> dict:
    """{(shape, kernel): median ms over the shape's cases (the rotation patterns; one case for 1x or a dense
    kernel)} of the successful records."""
    cases = {}
    for r in records:
        if r["status"] == "ok":
            cases.setdefault((base_shape(r["shape"]), r["kernel"]), []).append(r["ms_median"])
    return {key: statistics.median(ms) for key, ms in cases.items()}


def print_cycle_medians(records) -> None:
    """With --patterns all: per shape and kernel, the median over the rotation patterns (what a run sees),
    against dense cuDNN and dense FA4 of the same run (each dense kernel runs once per shape)."""
    cycles = {}
    for r in records:
        if "@" in r["shape"] and r["status"] == "ok" and not r["kernel"].startswith("dense"):
            cycles.setdefault((base_shape(r["shape"]), r["kernel"]), []).append(r)
    if not cycles:
        return
    print("\n== rotation cycle: median over the patterns of each shape")
    for (shape, kernel), rows in cycles.items():
        ms = statistics.median(r["ms_median"] for r in rows)
        parts = []
        for key, label in (("ratio_vs_dense_cudnn", "dense cuDNN"), ("ratio_vs_dense_fa4", "dense FA4")):
            ratios = [r[key] for r in rows if key in r]
            if ratios:
                parts.append(f"{statistics.median(ratios):.2f}x {label} (patterns {min(ratios):.2f}..{max(ratios):.2f}x)")
        print(f"{shape} {kernel}: {len(rows)} patterns, median {ms:.2f} ms" + (" = " + ", ".join(parts) if parts else ""))


def print_goals_fa4(records) -> None:
    """Issue 12's goals, from the rotation-cycle medians of this run (dense baselines named in each ratio)."""
    med = cycle_medians(records)
    shapes = sorted({shape for shape, _ in med}, key=lambda s: int(s.rstrip("x")) if s.rstrip("x").isdigit() else 0)
    if not any(kernel == "dense-fa4" for _, kernel in med):
        return
    print("\n== goals (issue 12, FA4): best of our kernels, rotation-cycle median")
    for shape in shapes:
        cudnn = med.get((shape, "dense-cudnn"))
        fa4 = med.get((shape, "dense-fa4"))
        ours = {k: ms for (s, k), ms in med.items() if s == shape and k in SPARSE_OURS}
        if shape == "1x" and fa4 is not None:
            ours.setdefault("dense-fa4", fa4)  # at 1x LVSA attends everything: dense is the kernel
        if not ours or cudnn is None:
            print(f"{shape}: missing dense-cudnn or a kernel of ours")
            continue
        kernel, ms = min(ours.items(), key=lambda kv: kv[1])
        parts = [f"{shape}: best {kernel} {ms:.2f} ms = {cudnn / ms:.2f}x dense cuDNN ({cudnn:.2f} ms)"]
        goal = GOAL12_VS_CUDNN.get(shape)
        if goal:
            parts.append(f"goal >= {goal}x: {'MET' if cudnn / ms >= goal else 'not met'}")
        if fa4 is not None:
            parts.append(f"{fa4 / ms:.2f}x dense FA4 ({fa4:.2f} ms)")
            if shape in GOAL12_VS_FA4:
                parts.append(f"goal >= {GOAL12_VS_FA4[shape]}x: {'MET' if fa4 / ms >= GOAL12_VS_FA4[shape] else 'not met'}")
        fi = med.get((shape, "flashinfer-bsr"))
        if fi is not None:
            parts.append(f"vs flashinfer-bsr {fi / ms:.2f}x ({fi:.2f} ms)")
            if shape in GOAL12_VS_FLASHINFER:
                goal = GOAL12_VS_FLASHINFER[shape]
                parts.append(f"goal >= {goal}x: {'MET' if fi / ms >= goal else 'not met'}")
        print("; ".join(parts))


def print_ceilings(records) -> None:
    """Per shape with dense FA4 and rotation patterns: the cycle median a kernel would reach if it computed exactly
    the attended frame pairs at dense FA4's per-pair rate (each pattern's frame density x the dense FA4 call), the
    ratios that caps, and the share of it that each of our kernels and each rival reaches. A goal above its cap
    cannot be met by any kernel that runs no faster per pair than dense FA4."""
    med = cycle_medians(records)
    density = {}
    for r in records:
        if "@" in r["shape"] and "frame_density" in r:
            density.setdefault(base_shape(r["shape"]), {})[r["shape"]] = r["frame_density"]
    shown = False
    for shape, by_case in density.items():
        fa4 = med.get((shape, "dense-fa4"))
        if fa4 is None:
            continue
        if not shown:
            print("\n== ceilings: every attended frame pair at dense FA4's per-pair rate (the cycle's ideal)")
            shown = True
        ideal = fa4 * statistics.median(by_case.values())
        parts = [f"{shape}: ideal {ideal:.2f} ms = {fa4 / ideal:.2f}x dense FA4 ({fa4:.2f} ms)"]
        cudnn = med.get((shape, "dense-cudnn"))
        if cudnn is not None:
            parts.append(f"{cudnn / ideal:.2f}x dense cuDNN")
        for rival in ("flashinfer-bsr", "flashinfer-var", "cudnn-bsa", "flex-flash"):
            if (shape, rival) in med:
                parts.append(f"{med[(shape, rival)] / ideal:.3f}x {rival}")
        print("; ".join(parts))
        for (s, kernel), ms in sorted(med.items()):
            if s == shape and not kernel.startswith("dense"):
                print(f"  {kernel}: {ms:.2f} ms, {ideal / ms:.1%} of the ideal")


def print_report(records, shapes) -> None:
    """Everything printed at the end of a bench run: per-shape tables, both issues' goals, cycle medians, ceilings."""
    print_tables(records, shapes)
    print_goals(records, shapes)
    print_cycle_medians(records)
    print_goals_fa4(records)
    print_ceilings(records)


def parse_args(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m bench.attention_report",
                                 description="Rotation-cycle medians, issue 12's goals and the ceilings, from the "
                                             "JSON lines of one attention_bench run.")
    ap.add_argument("jsonl", help="the run's --json-out file")
    return ap.parse_args(argv)


def main(argv=None) -> None:
    args = parse_args(argv)
    try:
        with open(args.jsonl, encoding="utf-8") as f:
            records = [json.loads(line) for line in f if line.strip()]
    except (OSError, json.JSONDecodeError) as e:
        print(f"{args.jsonl}: not readable as JSON lines: {e}", file=sys.stderr)
        sys.exit(2)
    print_cycle_medians(records)
    print_goals_fa4(records)
    print_ceilings(records)


if __name__ == "__main__":
    main()
