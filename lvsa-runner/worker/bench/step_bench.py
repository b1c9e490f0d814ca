"""Per-step latency of a real-size Wan 2.1 1.3B transformer: dense vs LVSA, per attention backend.

One "step" is one transformer forward (batch 1, classifier-free guidance OFF: a real step with CFG makes
two such forwards), bf16 on CUDA, random weights with the real 1.3B configuration (30 layers, 12 heads
x 128, ffn 8960, text dim 4096, 512 text tokens for cross-attention), at 480x832 and 81/161/321/481 frames
(1x/2x/4x/6x, latent 21/41/81/121).

Cells: ``dense`` is the model's own attention (diffusers' processor -> PyTorch SDPA, whatever kernel
SDPA picks; ``dense-cudnn``/``dense-fa2`` force one); ``dense-fa4`` runs a full frame mask through the
worker's processors and the ``fbs`` backend with FA4 as its dense kernel; ``lvsa`` runs the plan's frame
mask through the worker's processors with each requested backend (sdpa-gather, flashinfer, fbs;
``fbs:inner=fa4`` names fbs's inner dense kernel for split-lse and dense; fbs runs split-lse on frames the Wan
adapter permutes once per forward into split-lse's order, ``fbs:reorder=off`` keeps them in natural order so
split-lse copies K and V in every layer). LVSA masks come from plan files
(``--plan-dir``: the golden plans,
or plans written by ``bin/lvsa-runner pattern plan``), chosen by model, method lvsa, 480x832 and frame
count; at 1x LVSA attends everything, so the 1x LVSA cell uses a full frame mask.

Per cell: ``--warmup`` untimed forwards at steps 0, 1, ... (default 1: JIT, FlashInfer planning, caches), then
``--repeats`` timed forwards at denoising steps 0, 1, ... (so LVSA's rotation changes the mask between timed steps), each timed with CUDA
events; the backend's per-step preparation happens before the start event and is reported separately.
A cell that runs out of memory is recorded as ``oom`` and the sweep goes on. The model is built once.

Output: one JSON line per cell on stdout (and in ``--out`` if given), then a table. Example, from
``lvsa-runner/worker``::

    python -m bench.step_bench --plan-dir ../../contracts/attention-plan/v1/golden \
        --horizons 1,2,4,6 --backends dense,sdpa-gather,flashinfer --out step_bench.jsonl
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import time
import traceback
from pathlib import Path

import torch

from .jsonl import JsonLines
from .step_table import table

WAN_1_3B = dict(
    patch_size=(1, 2, 2), num_attention_heads=12, attention_head_dim=128, in_channels=16, out_channels=16,
    text_dim=4096, freq_dim=256, ffn_dim=8960, num_layers=30, cross_attn_norm=True,
    qk_norm="rms_norm_across_heads", eps=1e-6, rope_max_seq_len=1024,
)
HORIZONS = {1: 81, 2: 161, 4: 321, 6: 481}


class Setup:
    """What is measured: the real 1.3B shape on CUDA, or (``--smoke-cpu``) a tiny stand-in that only checks
    that the script runs end to end on a CPU (its timings mean nothing)."""

    def __init__(self, smoke_cpu: bool, layers: int):
        self.smoke = smoke_cpu
        if smoke_cpu:
            self.device, self.dtype = torch.device("cpu"), torch.float32
            self.height, self.width, self.text_tokens = 64, 96, 8
            self.config = dict(WAN_1_3B, num_attention_heads=2, attention_head_dim=32, text_dim=32, freq_dim=32,
                               ffn_dim=64, num_layers=min(layers, 2))
        else:
            self.device, self.dtype = torch.device("cuda"), torch.bfloat16
            self.height, self.width, self.text_tokens = 480, 832, 512
            self.config = dict(WAN_1_3B, num_layers=layers)
        self.tokens_per_frame = (self.height // 16) * (self.width // 16)

    def synchronize(self) -> None:
        if self.device.type == "cuda":
            torch.cuda.synchronize()


def log(message: str) -> None:
    print(f"[step_bench] {message}", file=sys.stderr, flush=True)


def geometry(setup: Setup, frames: int) -> dict:
    grid = [setup.height // 16, setup.width // 16]
    return {"video_frames": frames, "latent_frames": (frames - 1) // 4 + 1, "height": setup.height,
            "width": setup.width,
            "temporal_factor": 4, "spatial_factor": 8, "patch": [1, 2, 2], "frame_grid": grid,
            "tokens_per_frame": grid[0] * grid[1], "text_tokens": 0, "reference_latent_frames": 21}


def full_mask_plan(setup: Setup, frames: int, steps: int = 2) -> dict:
    """LVSA at the training horizon: every frame attends every frame (a full frame mask)."""
    t = (frames - 1) // 4 + 1
    return {"schema_version": 1, "model": "wan2.1-t2v-1.3b", "method": "lvsa", "geometry": geometry(setup, frames),
            "steps": steps, "backend": {"name": "auto", "on_unavailable": "fail"},
            "mask": {"kind": "frame_blocks", "patterns": [{"rows": [[[0, t - 1]]] * t}],
                     "step_patterns": [0] * steps}}


def cell_plan(setup: Setup, plans: dict, frames: int, horizon: int, method: str, label: str,
              check_schema: bool = True):
    """The plan a cell runs: LVSA's plan for ``frames`` from ``plans`` (a full frame mask at 1x, where LVSA attends
    everything, when the folder has none); dense: a full frame mask. None: no LVSA plan for these frames."""
    from lvsa_worker.plan import parse_plan

    plan = plans.get(frames) if method == "lvsa" else None
    if plan is None and (method == "dense" or horizon == 1):
        plan = parse_plan(full_mask_plan(setup, frames), f"<{label} full mask>", check_schema=check_schema)
    return plan


def find_lvsa_plans(setup: Setup, plan_dir: Path | None, model_prefix: str, check_schema: bool) -> dict:
    """Plans by video frame count: method lvsa, 480x832, model name starting with ``model_prefix``.

    In the CPU smoke run the plans' frame masks are kept and their geometry is shrunk to the tiny stand-in.
    """
    from lvsa_worker.plan import parse_plan

    found = {}
    if plan_dir is None:
        return found
    for path in sorted(plan_dir.glob("*.json")):
        try:
            document = json.loads(path.read_text())
            if setup.smoke and document.get("geometry", {}).get("height") == 480:
                document["geometry"] = geometry(setup, document["geometry"]["video_frames"])
                document.pop("expected", None)
            plan = parse_plan(document, str(path), check_schema=check_schema)
        except Exception as exc:  # noqa: BLE001 - a bad file is reported, not fatal
            log(f"skipping {path.name}: {exc}")
            continue
        g = plan.geometry
        if plan.method == "lvsa" and plan.model.startswith(model_prefix) and \
                (g.height, g.width) == (setup.height, setup.width):
            found[g.video_frames] = plan
    return found


def build_model(setup: Setup):
    from diffusers import WanTransformer3DModel

    started = time.perf_counter()
    with torch.device(setup.device):
        model = WanTransformer3DModel(**setup.config)
    model = model.to(setup.dtype).eval().requires_grad_(False)
    log(f"built Wan 1.3B-shaped transformer ({setup.config['num_layers']} layers, "
        f"{sum(p.numel() for p in model.parameters()) / 1e9:.2f} B params) in {time.perf_counter() - started:.1f} s")
    return model


def inputs(setup: Setup, latent_frames: int):
    g = torch.Generator(device=setup.device).manual_seed(0)
    options = dict(generator=g, device=setup.device, dtype=setup.dtype)
    return dict(
        hidden_states=torch.randn(1, 16, latent_frames, setup.height // 8, setup.width // 8, **options),
        timestep=torch.tensor([999.0], device=setup.device),
        encoder_hidden_states=torch.randn(1, setup.text_tokens, setup.config["text_dim"], **options),
        return_dict=False,
    )


DENSE_SDPA = {"dense": None, "dense-cudnn": "CUDNN_ATTENTION", "dense-fa2": "FLASH_ATTENTION"}
#: Dense cells run through the worker's fbs backend on a full frame mask: name -> fbs variant.
DENSE_FBS = {"dense-fa4": "fbs:inner=fa4"}


def sdpa_context(name: str):
    """``dense`` lets PyTorch SDPA choose its kernel; ``dense-cudnn``/``dense-fa2`` force one."""
    kernel = DENSE_SDPA.get(name)
    if kernel is None:
        return contextlib.nullcontext()
    from torch.nn.attention import SDPBackend, sdpa_kernel

    return sdpa_kernel([getattr(SDPBackend, kernel)])


def timed_forward(setup: Setup, model, kwargs, before=None, context=None) -> tuple[float, float]:
    """(forward ms: CUDA events on the GPU, wall clock in the CPU smoke run; host ms of ``before``)."""
    context = context or contextlib.nullcontext
    prepare_ms = 0.0
    if before is not None:
        t0 = time.perf_counter()
        before()
        setup.synchronize()
        prepare_ms = (time.perf_counter() - t0) * 1e3
    if setup.device.type != "cuda":
        t0 = time.perf_counter()
        with torch.no_grad(), context():
            model(**kwargs)
        return (time.perf_counter() - t0) * 1e3, prepare_ms
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    start.record()
    with torch.no_grad(), context():
        model(**kwargs)
    end.record()
    torch.cuda.synchronize()
    return start.elapsed_time(end), prepare_ms


def variant_overrides(options: dict) -> list[tuple[str, dict]]:
    """(method, options) for ``auto_options_override``: every option goes to split-lse (the method fbs's auto
    picks for LVSA rows on CUDA); ``inner`` also to dense (a full mask) and gather (auto's pick on CPU)."""
    overrides = [("split-lse", options)] if options else []
    if "inner" in options:
        overrides += [("dense", {"inner": options["inner"]}), ("gather", {"inner": options["inner"]})]
    return overrides


def new_cell(setup: Setup, horizon, frames, method, backend_name, args) -> dict:
    """A cell's identifying fields, before it runs."""
    t = (frames - 1) // 4 + 1
    cell = {"horizon": f"{horizon}x", "frames": frames, "latent_frames": t, "tokens": t * setup.tokens_per_frame,
            "method": method, "backend": ("diffusers-sdpa" if backend_name == "dense" else backend_name)
            if method == "dense" else backend_name, "cfg": False,
            "layers": setup.config["num_layers"], "compiled": bool(args.compile), "status": "ok"}
    if args.compile and args.compile_mode:
        cell["compile_mode"] = args.compile_mode
    if setup.smoke:
        cell["smoke_cpu"] = True
    return cell


def worker_runtime(setup: Setup, backend_name: str, plan, variant: contextlib.ExitStack):
    """The worker's attention runtime for ``backend_name`` (its variant options, e.g. "fbs:inner=fa4", entered
    on ``variant`` for the cell's duration)."""
    from lvsa_worker.attention import AttentionRuntime, TokenLayout, resolve
    from lvsa_worker.kernels.frame_block_sparse import auto_method_override, auto_options_override, parse_variant

    name, options = parse_variant(DENSE_FBS.get(backend_name, backend_name))
    reorder = options.pop("reorder", None)  # "fbs:reorder=off": every step's frames stay in natural order
    if reorder is not None:
        if reorder not in ("on", "off"):
            raise ValueError(f"{backend_name!r}: reorder must be 'on' or 'off', got {reorder!r}")
        from unittest import mock

        from lvsa_worker.attention.runtime import FRAME_REORDER_ENV

        variant.enter_context(mock.patch.dict(os.environ, {FRAME_REORDER_ENV: reorder}))
    if "method" in options:  # "fbs:method=fa4-bsr": auto tries that method first
        variant.enter_context(auto_method_override(options.pop("method")))
    for overridden, values in variant_overrides(options):  # "fbs:window_mode=gather", "fbs:inner=fa4"
        variant.enter_context(auto_options_override(overridden, **values))
    backend = resolve(name, setup.device.type, False)
    g = plan.geometry
    return AttentionRuntime(plan, backend, TokenLayout(g.latent_frames, g.tokens_per_frame, 0),
                            device=setup.device, dtype=setup.dtype, num_heads=setup.config["num_attention_heads"],
                            head_dim=setup.config["attention_head_dim"], synchronize=setup.synchronize)


def run_cell(setup: Setup, model, horizon, frames, method, backend_name, plan, args) -> dict:
    from lvsa_worker.models import wan

    t = (frames - 1) // 4 + 1
    cell = new_cell(setup, horizon, frames, method, backend_name, args)
    restore = None
    cuda = setup.device.type == "cuda"
    variant = contextlib.ExitStack()
    try:
        kwargs = inputs(setup, t)
        if cuda:
            torch.cuda.reset_peak_memory_stats()
        if method == "dense":
            cell["density"] = 1.0
        if backend_name in DENSE_SDPA:
            def step(_):
                return None
        else:
            runtime = worker_runtime(setup, backend_name, plan, variant)
            restore = wan.install([model], runtime)

            def step(s):
                return lambda: runtime.begin_step(s % plan.steps)
        context = (lambda: sdpa_context(backend_name)) if backend_name in DENSE_SDPA else None
        warm = [timed_forward(setup, model, kwargs, step(w), context) for w in range(args.warmup)]
        warm_ms, warm_prepare = warm[0]
        times, prepares = [], []
        repeats = args.dense_repeats if method == "dense" and args.dense_repeats else args.repeats
        for s in range(repeats):
            ms, prep = timed_forward(setup, model, kwargs, step(s), context)
            times.append(ms)
            prepares.append(prep)
        if backend_name not in DENSE_SDPA:
            if method != "dense":
                cell["density"] = runtime.realised_density()
                cell["patterns"] = [r.pattern for r in runtime.records[args.warmup:]]
            if runtime.inner_notes():  # the inner kernel the fbs plans ran, and why
                cell["inner"] = runtime.inner_notes()
            # patterns that ran with their frames permuted into the backend's order (once per forward)
            cell["reordered_patterns"] = len(runtime.reordered_patterns())
        cell.update(step_ms=[round(x, 2) for x in times], median_ms=round(statistics.median(times), 2),
                    warmup_ms=round(warm_ms, 2) if args.warmup == 1 else [round(w[0], 2) for w in warm],
                    prepare_ms=[round(warm_prepare, 2)] + [round(p, 2) for p in prepares],
                    peak_memory_gb=round(torch.cuda.max_memory_allocated() / 1e9, 2) if cuda else None)
    except torch.OutOfMemoryError as exc:
        cell.update(status="oom", message=str(exc).splitlines()[0])
    except Exception as exc:  # noqa: BLE001 - record and go on
        from lvsa_worker.errors import BackendUnavailable

        status = "unavailable" if isinstance(exc, BackendUnavailable) else "error"
        cell.update(status=status, message=f"{type(exc).__name__}: {exc}")
        if status == "error":
            log(traceback.format_exc())
    finally:
        variant.close()
        if restore is not None:
            restore()
        if cuda:
            torch.cuda.empty_cache()
    return cell


def run_cells(setup, model, plans: dict, args, check_schema: bool, sink) -> list[dict]:
    """Every (horizon, backend) cell, each written to ``sink`` as it finishes."""
    cells = []
    for horizon in [int(h) for h in args.horizons.split(",")]:
        frames = HORIZONS[horizon]
        for name in [b.strip() for b in args.backends.split(",") if b.strip()]:
            method = "dense" if name in DENSE_SDPA or name in DENSE_FBS else "lvsa"
            plan = None
            if name in DENSE_FBS or method == "lvsa":
                plan = cell_plan(setup, plans, frames, horizon, method, name, check_schema)
                if plan is None:
                    cell = new_cell(setup, horizon, frames, method, name, args)
                    cell.update(status="no-plan", message=f"no LVSA plan for {frames} frames in {args.plan_dir}")
                    cells.append(cell)
                    sink.emit(cell)
                    continue
            log(f"{horizon}x {method} {name} ...")
            cell = run_cell(setup, model, horizon, frames, method, name, plan, args)
            cells.append(cell)
            sink.emit(cell)
    return cells


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plan-dir", type=Path, default=None, help="folder of plan JSON files (LVSA masks)")
    parser.add_argument("--model-prefix", default="wan2.1-t2v-1.3b", help="plan 'model' names to use")
    parser.add_argument("--horizons", default="1,2,4,6", help="multiples of 81 frames: any of 1,2,4,6")
    parser.add_argument("--backends", default="dense,sdpa-gather,flashinfer,fbs",
                        help="dense (SDPA's own choice), dense-cudnn, dense-fa2, dense-fa4 (full mask through fbs with "
                             "FA4) and/or worker backends (sdpa-gather, flashinfer, fbs; 'fbs:window_mode=gather' passes "
                             "options to the split-lse method that fbs picks, 'fbs:inner=fa4' fbs's inner dense kernel, "
                             "'fbs:method=fa4-bsr' the method fbs tries first, 'fbs:reorder=off' natural frame order); "
                             "the table gives ratios against every dense cell, by name")
    parser.add_argument("--repeats", type=int, default=2, help="timed steps per cell (after the warm-up)")
    parser.add_argument("--warmup", type=int, default=1,
                        help="untimed forwards per cell before the timed ones, at steps 0, 1, ... (a whole rotation "
                             "cycle takes every pattern's first use out of the timings)")
    parser.add_argument("--dense-repeats", type=int, default=None,
                        help="timed steps of dense cells (default --repeats; dense does not rotate, so fewer "
                             "suffice when --repeats covers an LVSA rotation cycle)")
    parser.add_argument("--layers", type=int, default=30, help="transformer blocks (30 = Wan 2.1 1.3B)")
    parser.add_argument("--memory-fraction", type=float, default=None,
                        help="cap the process's GPU memory (e.g. 0.56 to emulate 80 GB on a 141 GB H200)")
    parser.add_argument("--compile", action="store_true",
                        help="torch.compile the transformer blocks (diffusers' compile_repeated_blocks) for every "
                             "cell, dense and LVSA alike; the attention kernels stay outside the graph")
    parser.add_argument("--compile-mode", default=None,
                        help="torch.compile mode with --compile (e.g. max-autotune-no-cudagraphs); default: PyTorch's")
    parser.add_argument("--out", type=Path, default=None, help="also write the JSON lines here")
    parser.add_argument("--smoke-cpu", action="store_true",
                        help="tiny stand-in on the CPU: checks the script runs, measures nothing")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)

    if not args.smoke_cpu and not torch.cuda.is_available():
        log("needs a CUDA GPU (or --smoke-cpu)")
        return 2
    setup = Setup(args.smoke_cpu, args.layers)
    if args.memory_fraction:
        torch.cuda.set_per_process_memory_fraction(args.memory_fraction)
    try:
        import jsonschema  # noqa: F401
        check_schema = True
    except ImportError:
        check_schema = False
        log("jsonschema is not installed: plans are checked by the semantic rules only")

    plans = find_lvsa_plans(setup, args.plan_dir, args.model_prefix, check_schema)
    log(f"LVSA plans found for frames: {sorted(plans) or 'none'}")
    where = torch.cuda.get_device_name() if setup.device.type == "cuda" else "CPU smoke run"
    log(f"torch {torch.__version__}, {where}, CFG off (one forward per step)")
    model = build_model(setup)
    if args.compile:
        model.compile_repeated_blocks(fullgraph=False, **({"mode": args.compile_mode} if args.compile_mode else {}))
        log(f"transformer blocks compiled with torch.compile, mode {args.compile_mode or 'default'} "
            "(first forward of each cell includes compiling)")
    sink = JsonLines(args.out)
    cells = run_cells(setup, model, plans, args, check_schema, sink)
    sink.close()
    print(table(cells), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
