"""Split-lse's variable-length window call, optionally without its partial query tiles (``query_tails="split"``).

FA4's Hopper forward runs each sequence's queries in tiles of 128 rows. A Wan 480p frame holds 1,560 queries: 12
full tiles and one of 24 rows, and that last tile costs as much as a full one over the whole window (7 frames of
keys at 6x): the window call spends about 1/13 of its time on 24/1,560 of its rows. With the tails split:

1. The main call runs each sequence's full tiles only (``seqused_q`` rounded down to a multiple of the tile); the
   rows past them, the *tails*, are left undefined there.
2. The tails are gathered into one small buffer for a second call, sequenced by key interval: for each stretch of
   keys between consecutive window bounds (one frame, for windows that slide a frame at a time), one sequence
   holds the tails of every window covering it. Each tail row gets one partial result per interval of its window,
   from sequences whose tiles are mostly full.
3. Each tail row's partials are merged by log-sum-exp (float32; one fused pass with Triton on CUDA) into the main
   call's output and lse, which then merge with the anchor part as before.

The result is the same attention (up to the rounding of the partials, as for any split-lse merge).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import triton
import triton.language as tl

from .sdpa_ops import VarlenWindows, varlen_attention_with_lse
from .triton_env import CPU_HINT, runs_interpreted

QUERY_TAILS = ("whole", "split")
#: Query rows per tile of FA4 4.0.0b36's Hopper forward at head_dim 128 (what ``query_tails="split"`` rounds to).
FA4_QUERY_TILE = 128


@dataclass(frozen=True)
class VarlenTails:
    """The tail call: ``gather`` (R,) are the query rows copied, in order, into its buffer; ``windows`` its sequences
    (query rows index that buffer); ``rows`` (Rt,) the query rows that are tails; ``parts`` (Rt, m) the positions of
    each tail row's partials in the tail call's output, padded with R (no partial)."""

    gather: torch.Tensor
    windows: VarlenWindows
    rows: torch.Tensor
    parts: torch.Tensor


@dataclass(frozen=True)
class VarlenWindowPart:
    """The window part of split-lse as variable-length calls: ``main`` (None when every row is a tail) and ``tails``
    (None unless ``query_tails="split"`` left some)."""

    main: VarlenWindows | None
    tails: VarlenTails | None

    @property
    def calls(self) -> int:
        return (self.main is not None) + (self.tails is not None)


def windows_from_items(items, device) -> VarlenWindows | None:
    """(first query row, query rows, first key row, key rows) per sequence -> one call's int32 sequence tensors."""
    if not items:
        return None
    q0, qn, k0, kn = (torch.tensor(col, dtype=torch.int32) for col in zip(*items, strict=True))
    return VarlenWindows(
        cu_q=torch.cat([q0, (q0[-1:] + qn[-1:])]).to(device),
        used_q=qn.to(device),
        cu_k=torch.cat([k0, (k0[-1:] + kn[-1:])]).to(device),
        used_k=kn.to(device),
        max_q=int(qn.max()),
        max_k=int(kn.max()),
    )


def plan_window_part(items, query_tails: str, tile_rows: int, device) -> VarlenWindowPart | None:
    """The window part's calls for ``items`` (sorted by first query row), with the tails whole or split."""
    if not items:
        return None
    if query_tails == "whole":
        return VarlenWindowPart(windows_from_items(items, device), None)
    main, tails = [], []
    for q0, qn, k0, kn in items:
        whole = qn // tile_rows * tile_rows
        if whole:
            main.append((q0, whole, k0, kn))
        if whole < qn:
            tails.append((q0 + whole, qn - whole, k0, kn))
    return VarlenWindowPart(windows_from_items(main, device), _plan_tails(tails, device) if tails else None)


def _plan_tails(tails, device) -> VarlenTails:
    bounds = sorted({b for _, _, k0, kn in tails for b in (k0, k0 + kn)})
    pieces, sequences = [], []  # (first row, rows) copied in order; (first buffer row, rows, first key, keys)
    starts = [[] for _ in tails]  # per tail: where its rows begin in the buffer, one entry per key interval
    size = 0
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        covering = [i for i, (_, _, k0, kn) in enumerate(tails) if k0 <= lo and hi <= k0 + kn]
        if not covering:
            continue
        first = size
        for i in covering:
            starts[i].append(size)
            pieces.append(tails[i][:2])
            size += tails[i][1]
        sequences.append((first, size - first, lo, hi - lo))
    width = max(len(s) for s in starts)
    table = np.full((sum(rn for _, rn, _, _ in tails), width), size, dtype=np.int64)
    row = 0
    for (_, rn, _, _), at in zip(tails, starts, strict=True):
        table[row : row + rn, : len(at)] = np.add.outer(np.arange(rn), np.asarray(at, dtype=np.int64))
        row += rn
    return VarlenTails(
        gather=torch.from_numpy(np.concatenate([np.arange(r0, r0 + rn) for r0, rn in pieces])).to(device),
        windows=windows_from_items(sequences, device),
        rows=torch.from_numpy(np.concatenate([np.arange(r0, r0 + rn) for r0, rn, _, _ in tails])).to(device),
        parts=torch.from_numpy(table).to(device),
    )


def window_part_attention(q, k, v, scale: float, part: VarlenWindowPart, use_triton: bool):
    """q ``(rows, H, D)``, k/v ``(key rows, H, D)`` -> out ``(rows, H, D)``, lse ``(H, rows)`` float32 for every row
    in a window (rows in no window stay undefined)."""
    if part.main is not None:
        out, lse = varlen_attention_with_lse(q, k, v, scale, part.main)
    else:
        out = torch.empty_like(q)
        lse = torch.empty((q.shape[1], q.shape[0]), dtype=torch.float32, device=q.device)
    if part.tails is not None:
        o_t, lse_t = varlen_attention_with_lse(q.index_select(0, part.tails.gather), k, v, scale, part.tails.windows)
        merge_tail_partials(o_t, lse_t, part.tails, out, lse, use_triton)
    return out, lse


def merge_tail_partials(o_t, lse_t, tails: VarlenTails, out, lse, use_triton: bool) -> None:
    """Writes each tail row's merged partials into ``out[row]`` (rows, H, D) and ``lse[:, row]`` (H, rows)."""
    if not use_triton:
        lse_p = torch.cat([lse_t.float(), lse_t.new_full((lse_t.shape[0], 1), float("-inf"))], 1)[:, tails.parts]
        o_p = torch.cat([o_t, o_t.new_zeros((1, *o_t.shape[1:]))], 0)[tails.parts].float()  # (Rt, m, H, D)
        top = lse_p.amax(-1, keepdim=True)  # (H, Rt, 1): every tail row has a partial, so finite
        weights = torch.exp(lse_p - top)
        total = weights.sum(-1)
        merged = torch.einsum("hrm,rmhd->rhd", weights, o_p) / total.transpose(0, 1).unsqueeze(-1)
        out[tails.rows] = merged.to(out.dtype)
        lse[:, tails.rows] = top.squeeze(-1) + torch.log(total)
        return
    if out.device.type != "cuda" and not runs_interpreted(_tail_merge_kernel):
        raise RuntimeError(f"the Triton tail merge on CPU runs only under the Triton interpreter: {CPU_HINT}")
    heads, head_dim = out.shape[1], out.shape[2]
    for t in (o_t, out):
        if t.stride(2) != 1:
            raise ValueError(f"merge_tail_partials needs unit stride in the head dimension, got strides {t.stride()}")
    n_rows, width = tails.parts.shape
    block_r = 32
    grid = (triton.cdiv(n_rows, block_r), heads)
    _tail_merge_kernel[grid](
        o_t, lse_t, tails.parts, tails.rows, out, lse,
        n_rows, width, o_t.shape[0],
        o_t.stride(0), o_t.stride(1), lse_t.stride(0), lse_t.stride(1),
        out.stride(0), out.stride(1), lse.stride(0), lse.stride(1),
        HEAD_DIM=head_dim, BLOCK_R=block_r, BLOCK_D=triton.next_power_of_2(head_dim), num_warps=4,
    )


@triton.jit
def _tail_merge_kernel(
    ot_ptr, lt_ptr, parts_ptr, rows_ptr, out_ptr, lse_ptr,
    n_rows, width, none_pos,
    s_ot0, s_ot1, s_lt0, s_lt1, s_out0, s_out1, s_lse0, s_lse1,
    HEAD_DIM: tl.constexpr, BLOCK_R: tl.constexpr, BLOCK_D: tl.constexpr,
):
    r = tl.program_id(0) * BLOCK_R + tl.arange(0, BLOCK_R)
    head = tl.program_id(1).to(tl.int64)
    ok = r < n_rows
    dims = tl.arange(0, BLOCK_D)
    ok2 = ok[:, None] & (dims < HEAD_DIM)[None, :]
    r64 = r.to(tl.int64)
    pos = tl.load(parts_ptr + r64 * width, mask=ok, other=0)  # the first partial always exists
    top = tl.load(lt_ptr + head * s_lt0 + pos * s_lt1, mask=ok, other=0.0)
    acc = tl.load(ot_ptr + (pos * s_ot0 + head * s_ot1)[:, None] + dims[None, :], mask=ok2, other=0.0).to(tl.float32)
    total = tl.full((BLOCK_R,), 1.0, tl.float32)
    for j in range(1, width):
        pos = tl.load(parts_ptr + r64 * width + j, mask=ok, other=none_pos)
        has = ok & (pos < none_pos)
        part_lse = tl.load(lt_ptr + head * s_lt0 + pos * s_lt1, mask=has, other=float("-inf"))
        new_top = tl.maximum(top, part_lse)
        keep = tl.exp(top - new_top)
        weight = tl.exp(part_lse - new_top)
        part = tl.load(ot_ptr + (pos * s_ot0 + head * s_ot1)[:, None] + dims[None, :], mask=has[:, None] & ok2,
                       other=0.0).to(tl.float32)
        acc = acc * keep[:, None] + part * weight[:, None]
        total = total * keep + weight
        top = new_top
    row = tl.load(rows_ptr + r64, mask=ok, other=0)
    tl.store(out_ptr + (row * s_out0 + head * s_out1)[:, None] + dims[None, :],
             (acc / total[:, None]).to(out_ptr.dtype.element_ty), mask=ok2)
    tl.store(lse_ptr + head * s_lse0 + row * s_lse1, top + tl.log(total), mask=ok)
