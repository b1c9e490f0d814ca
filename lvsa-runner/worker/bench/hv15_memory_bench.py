"""HunyuanVideo 1.5 480p at 257 frames (2x its horizon) under an 80 GB memory cap: dense vs LVSA.

One transformer forward (batch 1, no CFG) of a real-size random-weight ``HunyuanVideo15Transformer3DModel``
(diffusers' default configuration: 54 blocks, 16 heads x 128, bf16) at 480x848, 257 frames (65 latent frames
x 1590 tokens) plus the joint text (1000 Qwen + 256 ByT5 + 729 image slots, text-to-video: image slots and
text padding masked). The process's GPU memory is capped with ``torch.cuda.set_per_process_memory_fraction``
so that it can use ``--cap-gb`` (default 80: an A100/H100 80 GB card).

Cells:
- ``dense``: the model's own attention processor (diffusers builds a (B, 1, S, S) boolean mask for the padded
  text and calls SDPA with it), as a user of diffusers gets it;
- ``lvsa/<backend>``: the worker's processors executing the golden LVSA plan
  ``hunyuanvideo-1.5-480p_lvsa_257f.json`` with the given backend;
- ``dense/<backend>``: the worker's processors executing a dense mask (the same plan with ``mask: dense``) with
  the given backend, e.g. ``dense/fbs``: one inner-kernel call per layer (FA4 where it runs) on the video and real
  text tokens, the padding dropped instead of masked.

Per cell: peak allocated memory, and (when it fits) the forward time of a second call (CUDA events).
A cell that runs out of memory is recorded as ``oom`` and the next cell runs. Example, from ``lvsa-runner/worker``::

    python -m bench.hv15_memory_bench --plan ../../contracts/attention-plan/v1/golden/hunyuanvideo-1.5-480p_lvsa_257f.json
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

import torch

from .jsonl import JsonLines

HEIGHT, WIDTH, FRAMES = 480, 848, 257
MLLM_TOKENS, BYT5_TOKENS, IMAGE_TOKENS = 1000, 256, 729


def log(message: str) -> None:
    print(f"[hv15_memory_bench] {message}", file=sys.stderr, flush=True)


def build_model(layers: int):
    from diffusers import HunyuanVideo15Transformer3DModel

    started = time.perf_counter()
    with torch.device("cuda"):
        model = HunyuanVideo15Transformer3DModel(num_layers=layers, task_type="t2v", target_size=HEIGHT)
    model = model.to(torch.bfloat16).eval().requires_grad_(False)
    params = sum(p.numel() for p in model.parameters())
    log(f"built HunyuanVideo 1.5 transformer ({layers} blocks, {params / 1e9:.2f} B params) "
        f"in {time.perf_counter() - started:.1f} s")
    return model


def inputs(model, valid_mllm: int, valid_byt5: int) -> dict:
    cfg = model.config
    g = torch.Generator(device="cuda").manual_seed(0)
    opts = dict(generator=g, device="cuda", dtype=torch.bfloat16)
    latent_frames = (FRAMES - 1) // 4 + 1
    mask = (torch.arange(MLLM_TOKENS, device="cuda") < valid_mllm).long()[None]
    mask_2 = (torch.arange(BYT5_TOKENS, device="cuda") < valid_byt5).long()[None]
    return dict(
        hidden_states=torch.randn(1, cfg.in_channels, latent_frames, HEIGHT // 16, WIDTH // 16, **opts),
        timestep=torch.tensor([999.0], device="cuda", dtype=torch.bfloat16),
        encoder_hidden_states=torch.randn(1, MLLM_TOKENS, cfg.text_embed_dim, **opts),
        encoder_attention_mask=mask,
        encoder_hidden_states_2=torch.randn(1, BYT5_TOKENS, cfg.text_embed_2_dim, **opts),
        encoder_attention_mask_2=mask_2,
        image_embeds=torch.zeros(1, IMAGE_TOKENS, cfg.image_embed_dim, device="cuda", dtype=torch.bfloat16),
        return_dict=False,
    )


def forward_ms(model, kwargs) -> float:
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    start.record()
    with torch.no_grad():
        model(**kwargs)
    end.record()
    torch.cuda.synchronize()
    return start.elapsed_time(end)


def dense_variant(plan):
    """The same plan (geometry, steps) with a dense mask: every query attends every video and real text key."""
    import json

    from lvsa_worker.plan import parse_plan

    document = json.loads(Path(plan.source).read_text())
    document.update(method="dense", mask={"kind": "dense"})
    document.pop("expected", None)
    return parse_plan(document, f"<dense variant of {plan.source}>", check_schema=False)


def run_cell(model, name: str, plan, kwargs, timed: bool) -> dict:
    from lvsa_worker.attention import AttentionRuntime, TokenLayout, resolve
    from lvsa_worker.models import hunyuan15

    cell = {"cell": name, "frames": FRAMES, "height": HEIGHT, "width": WIDTH, "status": "ok"}
    restore = None
    try:
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats()
        if name != "dense":
            kind, backend_name = name.split("/", 1)
            plan = dense_variant(plan) if kind == "dense" else plan
            backend = resolve(backend_name, "cuda", False, needs_padded_text=True)
            g = plan.geometry
            runtime = AttentionRuntime(plan, backend, TokenLayout(g.latent_frames, g.tokens_per_frame, g.text_tokens),
                                       device=torch.device("cuda"), dtype=torch.bfloat16,
                                       num_heads=model.config.num_attention_heads,
                                       head_dim=model.config.attention_head_dim,
                                       synchronize=torch.cuda.synchronize)
            restore = hunyuan15.install([model], runtime)
            runtime.begin_step(0)
            cell["frame_density"] = round(plan.mask_for_step(0).frame_density, 4)
            if runtime.inner_notes():
                cell["inner"] = runtime.inner_notes()
        first = forward_ms(model, kwargs)
        cell["first_forward_ms"] = round(first, 1)
        if timed:
            cell["forward_ms"] = round(forward_ms(model, kwargs), 1)
        cell["peak_memory_gb"] = round(torch.cuda.max_memory_allocated() / 1e9, 2)
    except torch.OutOfMemoryError as exc:
        cell.update(status="oom", peak_memory_gb=round(torch.cuda.max_memory_allocated() / 1e9, 2),
                    message=str(exc).splitlines()[0][:300])
    except Exception as exc:  # noqa: BLE001 - record and go on
        cell.update(status="error", message=f"{type(exc).__name__}: {exc}"[:500])
    finally:
        if restore is not None:
            restore()
        gc.collect()
        torch.cuda.empty_cache()
    return cell


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plan", type=Path, required=True, help="LVSA plan for hunyuanvideo-1.5-480p at 257 frames")
    parser.add_argument("--cells", default="lvsa/flashinfer,lvsa/sdpa-gather,dense")
    parser.add_argument("--cap-gb", type=float, default=80.0)
    parser.add_argument("--layers", type=int, default=54)
    parser.add_argument("--valid-text", default="120,24", help="real Qwen and ByT5 tokens of the prompt")
    parser.add_argument("--no-time", action="store_true", help="one forward per cell (memory only)")
    parser.add_argument("--out", type=Path, default=None)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if not torch.cuda.is_available():
        log("needs a CUDA GPU")
        return 2
    from lvsa_worker.plan import load_plan

    plan = load_plan(args.plan)
    total = torch.cuda.get_device_properties(0).total_memory
    fraction = min(1.0, args.cap_gb * 1e9 / total)
    torch.cuda.set_per_process_memory_fraction(fraction)
    log(f"torch {torch.__version__}, {torch.cuda.get_device_name()}, cap {args.cap_gb:.0f} GB "
        f"(fraction {fraction:.3f} of {total / 1e9:.0f} GB)")
    model = build_model(args.layers)
    valid_mllm, valid_byt5 = (int(x) for x in args.valid_text.split(","))
    kwargs = inputs(model, valid_mllm, valid_byt5)
    cells = []
    sink = JsonLines(args.out)
    for name in [c.strip() for c in args.cells.split(",") if c.strip()]:
        log(f"cell {name} ...")
        cell = run_cell(model, name, plan, kwargs, timed=not args.no_time)
        cell.update(cap_gb=args.cap_gb, layers=args.layers)
        cells.append(cell)
        sink.emit(cell)
    sink.close()
    print("| cell | status | peak GB | forward ms |\n|---|---|---|---|")
    for c in cells:
        print(f"| {c['cell']} | {c['status']} | {c.get('peak_memory_gb', '-')} | {c.get('forward_ms', c.get('first_forward_ms', '-'))} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
