"""Context-parallel (Ulysses) step time and peak memory per rank: one Wan transformer forward spread over N GPUs.

Launch one process per GPU with ``torch.distributed.run``; N = 1 runs the same code (the wrapper calls the
backend directly, the block hooks cut nothing) so its figure is comparable with ``step_bench.py``. From
``lvsa-runner/worker``::

    python -m torch.distributed.run --standalone --nproc-per-node 4 -m bench.cp_bench \
        --model 14b --plan-dir ../../contracts/attention-plan/v1/golden --horizons 2,4,6 --out cp_bench_4.jsonl

One "step" is one transformer forward (batch 1, no classifier-free guidance), bf16, random weights with the
real Wan 2.1 configuration (``1.3b``: 30 layers, 12 heads x 128; ``14b``: 40 layers, 40 heads x 128), 480x832,
81/161/321/481 frames (1x/2x/4x/6x). Every rank holds the whole model (Ulysses shards tokens, not weights).
Cells: ``dense`` (a full frame mask) and ``lvsa`` (the frame masks of the LVSA plans in ``--plan-dir``, chosen by
frame count; the 1.3B plans serve the 14B too: both have the same tokens, and the mask depends only on the
frames and the training horizon) through each ``--backends`` backend wrapped by
:class:`lvsa_worker.parallel.UlyssesBackend`. A degree that does not divide the heads (12 heads on 8 GPUs) is
refused at start. Per cell: ``--warmup`` forwards at steps 0, 1, ... (default 1), then ``--repeats`` timed forwards
at steps 0, 1, ... (the same step indices, so the same rotation patterns, as ``step_bench.py``); each
rank times its own forwards (a barrier before each); rank 0 prints one JSON line per cell with every rank's
step times and peak memory (``torch.cuda.max_memory_allocated``), then a table.

``--smoke-cpu``: a tiny stand-in on the CPU with gloo (checks that the script runs; the timings mean nothing).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import traceback
from pathlib import Path

import torch
import torch.distributed as dist

from .jsonl import JsonLines
from .step_bench import HORIZONS, WAN_1_3B, Setup, build_model, cell_plan, find_lvsa_plans, inputs

WAN_14B = dict(WAN_1_3B, num_attention_heads=40, attention_head_dim=128, ffn_dim=13824, num_layers=40,
               text_dim=4096, freq_dim=256)
CONFIGS = {"1.3b": WAN_1_3B, "14b": WAN_14B}


def log(message: str) -> None:
    print(f"[cp_bench rank {os.environ.get('RANK', '0')}] {message}", file=sys.stderr, flush=True)


def init(smoke_cpu: bool):
    """(SequenceParallel, device): the torchrun group when launched by it, else one rank without a group."""
    from lvsa_worker.parallel import SequenceParallel, dist_backend_for

    device = torch.device("cpu") if smoke_cpu else torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
    if device.type == "cuda":
        torch.cuda.set_device(device)
    if "WORLD_SIZE" not in os.environ:
        return SequenceParallel.single(), device
    dist.init_process_group(dist_backend_for(device.type))
    return SequenceParallel.current(), device


def barrier(sp) -> None:
    if sp.degree > 1:
        dist.barrier(group=sp.group)


def run_cell(setup, model, sp, frames: int, horizon: int, method: str, backend_name: str, plan, repeats: int,
             warmup: int = 1) -> dict:
    from lvsa_worker import devices
    from lvsa_worker.attention import AttentionRuntime, TokenLayout, resolve
    from lvsa_worker.models import wan
    from lvsa_worker.parallel import UlyssesBackend
    from lvsa_worker.parallel.blocks import shard_blocks

    t = (frames - 1) // 4 + 1
    cell = {"horizon": f"{horizon}x", "frames": frames, "latent_frames": t, "tokens": t * setup.tokens_per_frame,
            "method": method, "backend": backend_name, "ranks": sp.degree, "rank": sp.rank,
            "layers": setup.config["num_layers"], "heads": setup.config["num_attention_heads"], "status": "ok"}
    if setup.smoke:
        cell["smoke_cpu"] = True
    undo = []
    try:
        g = plan.geometry
        heads = setup.config["num_attention_heads"]
        backend = UlyssesBackend(resolve(backend_name, setup.device.type, False), sp, heads)
        runtime = AttentionRuntime(plan, backend, TokenLayout(g.latent_frames, g.tokens_per_frame, 0),
                                   device=setup.device, dtype=setup.dtype, num_heads=heads,
                                   head_dim=setup.config["attention_head_dim"], synchronize=setup.synchronize)
        undo.append(wan.install([model], runtime))
        undo.append(shard_blocks([model], sp))
        kwargs = inputs(setup, t)
        devices.reset_peak_memory(setup.device)
        times = []
        schedule = list(range(warmup)) + list(range(repeats))  # warm-up steps, then the timed ones from step 0
        for step in schedule:
            runtime.begin_step(step % plan.steps)
            setup.synchronize()
            barrier(sp)
            started = time.perf_counter()
            with torch.no_grad():
                model(**kwargs)
            setup.synchronize()
            times.append((time.perf_counter() - started) * 1e3)
        gb, kind = devices.peak_memory(setup.device)
        cell.update(step_ms=[round(x, 2) for x in times[warmup:]],
                    median_ms=round(statistics.median(times[warmup:]), 2),
                    warmup_ms=[round(x, 2) for x in times[:warmup]], density=runtime.realised_density(),
                    peak_memory_gb=round(gb, 3), peak_memory_kind=kind)
    except torch.OutOfMemoryError as exc:
        cell.update(status="oom", message=str(exc).splitlines()[0])
    except Exception as exc:  # noqa: BLE001 - record and go on
        cell.update(status="error", message=f"{type(exc).__name__}: {exc}")
        log(traceback.format_exc())
    finally:
        for restore in reversed(undo):
            restore()
        if setup.device.type == "cuda":
            torch.cuda.empty_cache()
    return cell


def merge(sp, cell: dict) -> dict | None:
    """Rank 0: the cell with every rank's figures (``per_rank``) and the slowest rank's median as ``median_ms``."""
    cells = [cell]
    if sp.degree > 1:
        cells = [None] * sp.degree
        dist.all_gather_object(cells, cell, group=sp.group)
    if sp.rank != 0:
        return None
    merged = {k: v for k, v in cells[0].items() if k not in ("rank", "step_ms", "median_ms", "warmup_ms",
                                                              "peak_memory_gb", "message")}
    merged["per_rank"] = [{k: c.get(k) for k in ("rank", "status", "step_ms", "median_ms", "peak_memory_gb",
                                                  "message") if k in c} for c in cells]
    bad = [c for c in cells if c["status"] != "ok"]
    if bad:
        merged.update(status=bad[0]["status"], message=f"rank {bad[0]['rank']}: {bad[0].get('message', '')}")
    else:
        merged["median_ms"] = max(c["median_ms"] for c in cells)
        merged["peak_memory_gb"] = max(c["peak_memory_gb"] for c in cells)
    return merged


def table(cells: list[dict]) -> str:
    lines = ["| horizon | frames | tokens | method | backend | ranks | step ms (slowest rank) | peak GB per rank |",
             "|---|---|---|---|---|---|---|---|"]
    for c in cells:
        ms = f"{c['median_ms']:.1f}" if c["status"] == "ok" else c["status"]
        gb = f"{c['peak_memory_gb']:.2f}" if c["status"] == "ok" else "-"
        lines.append(f"| {c['horizon']} | {c['frames']} | {c['tokens']:,} | {c['method']} | {c['backend']} | "
                     f"{c['ranks']} | {ms} | {gb} |")
    return "\n".join(lines)


def run_cells(setup, model, sp, plans: dict, args, sink) -> list[dict]:
    """Every (horizon, method, backend) cell; rank 0 gets the merged cells (and writes them to ``sink``)."""
    cells = []
    for horizon in [int(h) for h in args.horizons.split(",")]:
        frames = HORIZONS[horizon]
        for method in args.methods.split(","):
            plan = cell_plan(setup, plans, frames, horizon, method, method)
            if plan is None:
                log(f"no LVSA plan for {frames} frames in {args.plan_dir}; cell skipped")
                continue
            for backend_name in args.backends.split(","):
                cell = merge(sp, run_cell(setup, model, sp, frames, horizon, method, backend_name, plan,
                                          args.repeats, args.warmup))
                if cell is not None:
                    cells.append(cell)
                    sink.emit(cell)
    return cells


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", choices=sorted(CONFIGS), default="1.3b", help="Wan 2.1 configuration")
    parser.add_argument("--plan-dir", type=Path, default=None, help="folder of plan JSON files (LVSA masks)")
    parser.add_argument("--model-prefix", default="wan2.1-t2v-1.3b", help="plan 'model' names to use")
    parser.add_argument("--horizons", default="1,2,4,6", help="multiples of 81 frames: any of 1,2,4,6")
    parser.add_argument("--methods", default="dense,lvsa", help="dense (full frame mask) and/or lvsa")
    parser.add_argument("--backends", default="fbs,sdpa-gather", help="worker backends to wrap")
    parser.add_argument("--repeats", type=int, default=2, help="timed steps per cell (after the warm-up)")
    parser.add_argument("--warmup", type=int, default=1,
                        help="untimed forwards per cell before the timed ones, at steps 0, 1, ... (a whole rotation "
                             "cycle takes every pattern's first use out of the timings)")
    parser.add_argument("--layers", type=int, default=None, help="transformer blocks (default: the model's)")
    parser.add_argument("--out", type=Path, default=None, help="also write the JSON lines here (rank 0)")
    parser.add_argument("--smoke-cpu", action="store_true",
                        help="tiny stand-in on the CPU with gloo: checks the script runs, measures nothing")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if not args.smoke_cpu and not torch.cuda.is_available():
        log("needs CUDA GPUs (or --smoke-cpu)")
        return 2

    from lvsa_worker.parallel import check_degree

    sp, device = init(args.smoke_cpu)
    try:
        config = dict(CONFIGS[args.model])
        setup = Setup(args.smoke_cpu, config["num_layers"] if args.layers is None else args.layers)
        if args.smoke_cpu:
            setup.config["num_attention_heads"] = 6  # divisible by 1, 2 and 3 ranks
        else:
            setup.config = dict(config, num_layers=setup.config["num_layers"])
        try:
            check_degree(setup.config["num_attention_heads"], sp.degree)
        except ValueError as exc:
            log(f"refused: {exc}")
            return 2
        plans = find_lvsa_plans(setup, args.plan_dir, args.model_prefix, check_schema=True)
        model = build_model(setup)
        sink = JsonLines(args.out) if sp.rank == 0 else None
        cells = run_cells(setup, model, sp, plans, args, sink)
        if sp.rank == 0:
            sink.close()
            print(table(cells), flush=True)
        return 0 if all(c["status"] in ("ok", "oom") for c in cells) else 1
    finally:
        if sp.degree > 1:
            dist.destroy_process_group()


if __name__ == "__main__":
    sys.exit(main())
