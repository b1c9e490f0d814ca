"""Where one Wan 2.1 1.3B transformer step's GPU time goes: torch.profiler over one forward per cell.

Prints, per cell (dense, LVSA through a backend), the CUDA kernels grouped by name with their total time, so the
attention kernels can be told apart from everything else (projections, norms, RoPE, FFN, copies). Same model and
inputs as step_bench.py (random weights, bf16, 480x832, no CFG). From ``lvsa-runner/worker``:

    python -m bench.profile_step --plan-dir ../../contracts/attention-plan/v1/golden --horizon 6
    python -m bench.profile_step --plan-dir ... --compile --compile-mode max-autotune-no-cudagraphs

Each cell also gets a three-line summary: attention kernels (names with sdpa/flash/fmha/attention, the
LVSA merge, and the K/V gathers), matrix products (gemm/cutlass/nvjet/triton templates), everything else.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import torch

from . import step_bench
from .profile_call import time_rows


def profile(setup, model, kwargs, before, label: str, top: int) -> None:
    from torch.profiler import ProfilerActivity
    from torch.profiler import profile as torch_profile

    if before is not None:
        before()
    with torch.no_grad():
        model(**kwargs)  # warm-up
    torch.cuda.synchronize()
    if before is not None:
        before()
    with torch_profile(activities=[ProfilerActivity.CUDA]) as prof, torch.no_grad():
        model(**kwargs)
        torch.cuda.synchronize()
    rows = time_rows(prof)  # ms per forward
    total = sum(r[1] for r in rows)
    print(f"== {label}: {total:.1f} ms of CUDA kernel time in one forward")
    for name, t, n in rows[:top]:
        print(f"{t:10.1f} ms {100 * t / total:5.1f}% x{n:<5d} {name[:110]}")
    groups: dict[str, float] = {}
    for name, t, _ in rows:
        groups[kernel_group(name)] = groups.get(kernel_group(name), 0.0) + t
    for group, t in sorted(groups.items(), key=lambda g: -g[1]):
        print(f"   {group:18} {t:10.1f} ms")
    sys.stdout.flush()


ATTENTION_MARKS = ("sdpa", "flash", "fmha", "attention", "_lse_merge", "gather", "index_select", "indexselect")
MATMUL_MARKS = ("gemm", "cutlass", "nvjet", "xmma", "triton_tem", "mm_")


def kernel_group(name: str) -> str:
    lower = name.lower()
    if any(mark in lower for mark in ATTENTION_MARKS):
        return "attention+gathers"
    if any(mark in lower for mark in MATMUL_MARKS):
        return "matrix products"
    return "everything else"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plan-dir", type=Path, required=True)
    parser.add_argument("--horizon", type=int, default=6)
    parser.add_argument("--backends", default="dense,fbs")
    parser.add_argument("--top", type=int, default=22)
    parser.add_argument("--compile", action="store_true", help="torch.compile the blocks as step_bench --compile does")
    parser.add_argument("--compile-mode", default=None, help="torch.compile mode with --compile")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    setup = step_bench.Setup(False, 30)
    plans = step_bench.find_lvsa_plans(setup, args.plan_dir, "wan2.1-t2v-1.3b", check_schema=False)
    frames = step_bench.HORIZONS[args.horizon]
    model = step_bench.build_model(setup)
    if args.compile:
        model.compile_repeated_blocks(fullgraph=False, **({"mode": args.compile_mode} if args.compile_mode else {}))
    kwargs = step_bench.inputs(setup, (frames - 1) // 4 + 1)
    from lvsa_worker.attention import AttentionRuntime, TokenLayout, resolve
    from lvsa_worker.models import wan

    for name in args.backends.split(","):
        if name == "dense":
            profile(setup, model, kwargs, None, f"dense {args.horizon}x", args.top)
            continue
        plan = plans[frames]
        g = plan.geometry
        runtime = AttentionRuntime(plan, resolve(name, "cuda", False), TokenLayout(g.latent_frames, g.tokens_per_frame, 0),
                                   device=setup.device, dtype=setup.dtype, num_heads=12, head_dim=128,
                                   synchronize=setup.synchronize)
        restore = wan.install([model], runtime)
        profile(setup, model, kwargs, lambda runtime=runtime: runtime.begin_step(0), f"lvsa {name} {args.horizon}x", args.top)
        restore()
    return 0


if __name__ == "__main__":
    sys.exit(main())
