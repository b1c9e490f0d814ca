"""Tables and goal lines printed at the end of attention_bench.py (from its JSON records)."""

from __future__ import annotations

import statistics

from attention_rows import base_shape

GOAL_RATIO = {"1x": 1.0, "2x": 1.8, "4x": 3.55, "6x": 5.3}
SPARSE_OURS = ("split-lse", "split-lse-gather", "split-lse-fa2", "triton", "gather")


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
