"""FA4's Hopper forward at other tile sizes, on the calls split-lse and dense attention make (issue 12).

    python -m bench.fa4_tiles                         # every tile below, shapes 4x and 6x
    python -m bench.fa4_tiles --tiles 128x128,128x176 --shapes 6x --iters 5 --json-out tiles.jsonl

FA4 picks 128 x 128 (query rows x key columns) for head_dim 128 on sm90; FlashAttention-3's C++ kernel uses
128 x 176 there. This bench times FA4's forward (``flash_attn.cute.interface._flash_attn_fwd``, the function
``flash_attn_func`` calls, which alone takes ``tile_mn``) at each tile on three calls of Wan 2.1 1.3B
(12 heads x 128, bf16, P = 1560 tokens per frame):

* ``dense``: every token against every token (T frames);
* ``anchor``: every token against the 14 anchor frames (split-lse's anchor call, with the log-sum-exp);
* ``window``: 16 query frames, each against its own 7-frame window, an overlapping strided view of one buffer
  (split-lse's window call, with the log-sum-exp);
* ``anchor-paged``, ``window-paged``: the same two calls reading K and V where they lie, as pages of one frame
  (``page_table``: FA4's paged-KV path, which gathers rows with asynchronous copies when a page is not one key
  tile), so split-lse would need no reordered copy of K and V. Their outputs are compared with the unpaged calls.

``--window-part`` times instead split-lse's whole window part at one shape, every query frame against its own
7-frame window: as split-lse runs it (``segments``: one batched strided call per 8 consecutive query frames, about
as many calls as LVSA's segments) and as ONE variable-length call (``varlen``: ``cu_seqlens_q`` at every query
frame, ``cu_seqlens_k`` at each window's first key with ``seqused_k`` its length, so the windows overlap in one
buffer).

Medians of CUDA-event timings after warm-up; each output is compared with the first tile's output of the same
call (or of the unpaged call), as a relative L2 error. One JSON line per (shape, call, tile). Needs a CUDA GPU of
sm90 or newer and ``flash-attn-4``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys

from lvsa_worker.kernels.inner import fa4_version

from .attention_bench import time_calls
from .attention_rows import SHAPES as FRAMES  # latent frames per horizon, as attention_bench.py runs them

P, H, D = 1560, 12, 128  # attention_bench.py's default shape: Wan 2.1 1.3B at 480p
ANCHORS, WINDOW, ITEMS = 14, 7, 16


def parse_tiles(text: str) -> list[tuple[int, int] | None]:
    """``default`` or ``MxN`` items, comma-separated."""
    out: list[tuple[int, int] | None] = []
    for item in text.split(","):
        if item == "default":
            out.append(None)
            continue
        m, n = item.lower().split("x")
        out.append((int(m), int(n)))
    return out


def window_views(buf, first: int, n: int):
    """``n`` overlapping windows of ``WINDOW`` frames of the contiguous ``buf``, one frame apart from frame ``first``
    on, as one strided view (no copy): split-lse's batch of windows."""
    return buf.as_strided((n, WINDOW * P, H, D), (P * H * D, H * D, D, 1), buf.storage_offset() + first * P * H * D)


def make_calls(frames: int, torch):
    """The calls at one shape: name -> (q, k, v, pairs, extra keyword arguments, the call it must equal)."""
    g = torch.Generator(device="cuda").manual_seed(frames)

    def rand(*shape):
        return torch.randn(*shape, device="cuda", dtype=torch.bfloat16, generator=g)

    s = frames * P
    q, k, v = rand(1, s, H, D), rand(1, s, H, D), rand(1, s, H, D)
    ka, va = k[:, : ANCHORS * P], v[:, : ANCHORS * P]
    buf_k, buf_v = rand(1, (ITEMS + WINDOW - 1) * P, H, D), rand(1, (ITEMS + WINDOW - 1) * P, H, D)
    kw, vw = window_views(buf_k, 0, ITEMS), window_views(buf_v, 0, ITEMS)
    qw = q[:, : ITEMS * P].reshape(ITEMS, P, H, D)
    def frames_of(t):
        return t.view(t.shape[1] // P, P, H, D)

    anchor_pages = torch.arange(ANCHORS, device="cuda", dtype=torch.int32)[None]
    window_pages = (torch.arange(ITEMS, device="cuda")[:, None] + torch.arange(WINDOW, device="cuda")[None]).int()
    return {
        "dense": (q, k, v, s * s, {}, None),
        "anchor": (q, ka, va, s * ANCHORS * P, {}, None),
        "window": (qw, kw, vw, ITEMS * P * WINDOW * P, {}, None),
        "anchor-paged": (q, frames_of(k), frames_of(v), s * ANCHORS * P, {"page_table": anchor_pages}, "anchor"),
        "window-paged": (qw, frames_of(buf_k), frames_of(buf_v), ITEMS * P * WINDOW * P,
                         {"page_table": window_pages}, "window"),
    }


def measure(line: dict, run, out, reference, pairs: int, args) -> None:
    """Adds to ``line`` the call's timing (attention_bench's timer: CUDA events after warm-up) and its output's
    relative L2 error against ``reference``."""
    ms = time_calls(run, args.iters, args.warmup, float("inf"), "cuda")[0]
    med = statistics.median(ms)
    err = float((out.float() - reference).norm() / reference.norm())
    line.update(status="ok", median_ms=round(med, 3), min_ms=round(min(ms), 3),
                tflops=round(4 * pairs * D * H / med / 1e9, 1), rel_err_vs_first=f"{err:.2e}")


def failed(line: dict, e: Exception) -> None:
    """A call FA4 cannot build or run: reported in its line, and the sweep goes on."""
    line.update(status="failed", error=f"{type(e).__name__}: {str(e).splitlines()[0][:200]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tiles", default="default,128x176,128x160,128x144,128x192,128x112")
    ap.add_argument("--shapes", default="4x,6x")
    ap.add_argument("--iters", type=int, default=7)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--json-out", default=None)
    ap.add_argument("--window-part", action="store_true", help="time the window part: segments vs one varlen call")
    args = ap.parse_args(argv)
    import torch
    from flash_attn.cute import interface as fa4

    tiles = parse_tiles(args.tiles)
    sink = open(args.json_out, "a") if args.json_out else None
    print(f"torch {torch.__version__}, GPU {torch.cuda.get_device_name()}, flash-attn-4 {fa4_version() or 'unknown'}", flush=True)
    if args.window_part:
        for shape in args.shapes.split(","):
            for line in window_part(FRAMES[shape], shape, args, torch, fa4):
                print(json.dumps(line), flush=True)
                if sink:
                    sink.write(json.dumps(line) + "\n")
        return 0
    for shape in args.shapes.split(","):
        calls = make_calls(FRAMES[shape], torch)
        firsts = {}
        for call, (q, k, v, pairs, extra, same_as) in calls.items():
            lse_wanted = call != "dense"
            reference = firsts.get(same_as)
            for tile in tiles:
                line = {"shape": shape, "call": call, "tile": "default" if tile is None else f"{tile[0]}x{tile[1]}"}
                try:

                    def run(tile=tile, q=q, k=k, v=v, lse=lse_wanted, extra=extra):
                        return fa4._flash_attn_fwd(
                            q, k, v, softmax_scale=D**-0.5, return_lse=lse, tile_mn=tile, **extra
                        )

                    out = run()[0].float()
                    if reference is None:
                        reference = out
                    firsts.setdefault(call, out)
                    measure(line, run, out, reference, pairs, args)
                except Exception as e:  # a tile FA4 cannot build: reported, the sweep goes on
                    failed(line, e)
                print(json.dumps(line), flush=True)
                if sink:
                    sink.write(json.dumps(line) + "\n")
                    sink.flush()
            del reference
        del calls, firsts
        torch.cuda.empty_cache()
    return 0


def window_part(frames: int, shape: str, args, torch, fa4):
    """Every query frame against its own 7-frame window: batched strided calls per 8 frames vs one varlen call."""
    g = torch.Generator(device="cuda").manual_seed(frames)
    q = torch.randn(frames * P, H, D, device="cuda", dtype=torch.bfloat16, generator=g)
    kv = [torch.randn((frames + WINDOW - 1) * P, H, D, device="cuda", dtype=torch.bfloat16, generator=g) for _ in "kv"]
    scale = D**-0.5

    def segments():
        outs = []
        for first in range(0, frames, 8):
            n = min(8, frames - first)
            k_s, v_s = (window_views(t, first, n) for t in kv)
            q_s = q[first * P : (first + n) * P].view(n, P, H, D)
            outs.append(fa4._flash_attn_fwd(q_s, k_s, v_s, softmax_scale=scale, return_lse=True)[0])
        return outs

    starts = torch.arange(frames + 1, device="cuda", dtype=torch.int32) * P
    used = torch.full((frames,), WINDOW * P, device="cuda", dtype=torch.int32)

    def varlen():
        return fa4._flash_attn_fwd(
            q, kv[0], kv[1], cu_seqlens_q=starts, cu_seqlens_k=starts, seqused_k=used, max_seqlen_q=P,
            max_seqlen_k=WINDOW * P, softmax_scale=scale, return_lse=True,
        )

    pairs = frames * P * WINDOW * P
    reference = torch.cat([o.reshape(-1, H, D) for o in segments()]).float()
    for name, run in (("segments", segments), ("varlen", varlen)):
        line = {"shape": shape, "call": f"window-part-{name}", "tile": "default"}
        try:
            out = run()
            out = torch.cat([o.reshape(-1, H, D) for o in out]) if isinstance(out, list) else out[0]
            measure(line, run, out, reference, pairs, args)
        except Exception as e:  # reported, the run goes on
            failed(line, e)
        yield line


if __name__ == "__main__":
    sys.exit(main())
