"""Where one attention call's GPU time goes: the bench's kernels under torch.profiler, kernel by kernel.

For each (kernel, rotation pattern): the call timed as attention_bench times it (CUDA events, median of back-to-back
calls after warm-up), then ``--calls`` more calls under the profiler. Prints each GPU kernel's time per call, their
sum, and the event time less that sum: time the GPU spent between kernels (launch gaps, waits), or, if negative,
kernels that overlapped. From ``lvsa-runner/worker``:

    python -m bench.profile_call --shape 6x --patterns 0,6
    python -m bench.profile_call --shape 6x --patterns all --kernels split-lse-fa4-ordered-tails,dense-fa4

Same inputs and plans as attention_bench (the golden plans, or --plan-dir). On CPU it runs the CPU-capable kernels
(``--device cpu``, CPU operator times instead of kernels): only a smoke test of this script.
"""

from __future__ import annotations

import argparse
import statistics
from types import SimpleNamespace

from .attention_bench import BUDGET_S, KERNELS, TIMED_CALLS, WARMUP_CALLS, sync, time_calls
from .attention_kernels import Case, prepare
from .attention_rows import SHAPES, rows_for_shape


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--shape", default="6x", choices=sorted(SHAPES))
    ap.add_argument("--patterns", default="0", help="rotation patterns: comma list of indices, or 'all'")
    ap.add_argument("--kernels", default="split-lse-fa4-ordered-tails", help="comma list of attention_bench kernels")
    ap.add_argument("--calls", type=int, default=5, help="profiled calls per case (times are per call)")
    ap.add_argument("--top", type=int, default=12, help="kernels listed per case, longest first")
    ap.add_argument("--plan-dir", default=None, help="folder of plans (default: the golden plans in contracts/)")
    ap.add_argument("--tokens-per-frame", type=int, default=1560)
    ap.add_argument("--heads", type=int, default=12)
    ap.add_argument("--head-dim", type=int, default=128)
    ap.add_argument("--device", choices=("cuda", "cpu"), default="cuda")
    args = ap.parse_args(argv)
    args.kernels = [k.strip() for k in args.kernels.split(",") if k.strip()]
    bad = [k for k in args.kernels if k not in KERNELS]
    if bad:
        ap.error(f"unknown kernel(s) {bad}; choose from {','.join(KERNELS)}")
    if args.calls < 1:
        ap.error(f"--calls must be at least 1, got {args.calls}")
    if args.plan_dir is None:
        from lvsa_worker.contracts import golden_dir

        args.plan_dir = str(golden_dir())
    return args


def cases(args) -> dict:
    """Case label -> (rows, source) of the chosen patterns of ``--shape``."""
    found = rows_for_shape(args.shape, SHAPES[args.shape], SimpleNamespace(
        rows_json=None, plan_dir=args.plan_dir, tokens_per_frame=args.tokens_per_frame, patterns="all"))
    labels = list(found)
    if args.patterns != "all":
        try:
            wanted = [int(p) for p in args.patterns.split(",")]
            labels = [labels[i] for i in wanted]
        except (ValueError, IndexError):
            raise SystemExit(f"--patterns {args.patterns}: give indices 0..{len(labels) - 1} or 'all'") from None
    return {label: found[label] for label in labels}


def time_rows(prof, calls: int = 1, device: str = "cuda") -> list[tuple[str, float, int]]:
    """(name, ms per call, launches per call) of every GPU kernel (CPU operator on CPU) in a finished torch.profiler
    profile of ``calls`` calls, longest first (also bench.profile_step's reader)."""
    rows = []
    for event in prof.key_averages():
        us = (getattr(event, "device_time_total", 0) or getattr(event, "cuda_time_total", 0)) if device == "cuda" \
            else event.self_cpu_time_total
        if us > 0:
            rows.append((event.key, us / 1e3 / calls, round(event.count / calls)))
    return sorted(rows, key=lambda r: -r[1])


def kernel_times(run, calls: int, device: str) -> list[tuple[str, float, int]]:
    """:func:`time_rows` of ``calls`` calls of ``run``."""
    from torch.profiler import ProfilerActivity, profile

    activity = ProfilerActivity.CUDA if device == "cuda" else ProfilerActivity.CPU
    with profile(activities=[activity]) as prof:
        for _ in range(calls):
            run()
        sync(device)
    return time_rows(prof, calls, device)


def main(argv=None) -> int:
    import torch

    args = parse_args(argv)
    if args.device == "cuda" and not torch.cuda.is_available():
        raise SystemExit("--device cuda: no CUDA device here (use --device cpu for the smoke test)")
    print(f"# torch {torch.__version__}, {torch.cuda.get_device_name() if args.device == 'cuda' else 'CPU'}", flush=True)
    dtype = torch.bfloat16 if args.device == "cuda" else torch.float32
    for label, (rows, source) in cases(args).items():
        case = Case(label, rows, source, args.tokens_per_frame, args.heads, args.head_dim, 0, args.device, dtype)
        for name in args.kernels:
            run, _, info = prepare(name, case)
            times, _ = time_calls(run, TIMED_CALLS, WARMUP_CALLS, BUDGET_S, args.device)  # warm-up compiles
            event_ms = statistics.median(times)
            rows_k = kernel_times(run, args.calls, args.device)
            total = sum(r[1] for r in rows_k)
            print(f"== {label} {name}: {event_ms:.2f} ms per call (events), kernels {total:.2f} ms, "
                  f"between kernels {event_ms - total:+.2f} ms   [{info['variant']}]")
            for kname, ms, count in rows_k[: args.top]:
                print(f"{ms:9.3f} ms {100 * ms / total:5.1f}% x{count:<3d} {kname[:110]}")
            del run
            if args.device == "cuda":
                torch.cuda.empty_cache()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
