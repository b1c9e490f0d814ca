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
   call's output and lse (:func:`.lse_merge.merge_indexed_partials`), which then merge with the anchor part as before.

The result is the same attention (up to the rounding of the partials, as for any split-lse merge).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from .lse_merge import merge_indexed_partials
from .sdpa_ops import VarlenWindows, varlen_attention_with_lse

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
        merge_indexed_partials(o_t, lse_t, part.tails.parts, part.tails.rows, out, lse, use_triton)
    return out, lse
