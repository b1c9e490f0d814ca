"""Method ``gather``: copy each query frame's attended K/V into a buffer, then batched dense SDPA.

The baseline prototype of PERFORMANCE.md. Query frames are processed in chunks of
consecutive frames that attend the same number of keys; for a chunk of ``n`` frames
the keys of each frame (its attended frames, then the text keys) are gathered into a
``(B*n, Lk, H, D)`` buffer and one dense call (cuDNN on CUDA) does the chunk. Text
queries attend everything: one dense call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch

from .rows import frame_token_index
from .sdpa_ops import dense_attention

#: query frames per batched call (the prototype's 16).
DEFAULT_CHUNK_FRAMES = 16


@dataclass(frozen=True)
class GatherChunk:
    first_frame: int
    count: int
    key_len: int
    key_index: torch.Tensor  # (count * key_len,) int64 token rows of k/v, on the plan's device


@dataclass(frozen=True)
class GatherPlan:
    chunks: tuple[GatherChunk, ...]
    backend: str


def plan_gather(
    frame_sets: Sequence[Sequence[int]],
    tokens_per_frame: int,
    text_tokens: int,
    device: torch.device,
    chunk_frames: int = DEFAULT_CHUNK_FRAMES,
    backend: str = "cudnn",
) -> GatherPlan:
    if chunk_frames < 1:
        raise ValueError(f"chunk_frames must be >= 1, got {chunk_frames}")
    num_frames = len(frame_sets)
    text_index = np.arange(num_frames * tokens_per_frame, num_frames * tokens_per_frame + text_tokens, dtype=np.int64)
    chunks = []
    f = 0
    while f < num_frames:
        count = 1
        while (
            f + count < num_frames
            and count < chunk_frames
            and len(frame_sets[f + count]) == len(frame_sets[f])
        ):
            count += 1
        per_frame = [
            np.concatenate([frame_token_index(frame_sets[g], tokens_per_frame), text_index])
            for g in range(f, f + count)
        ]
        index = torch.from_numpy(np.concatenate(per_frame)).to(device)
        chunks.append(GatherChunk(f, count, len(per_frame[0]), index))
        f += count
    return GatherPlan(tuple(chunks), backend)


def run_gather(
    q: torch.Tensor,
    k: torch.Tensor,
    v: torch.Tensor,
    plan: GatherPlan,
    tokens_per_frame: int,
    text_tokens: int,
    scale: float,
) -> torch.Tensor:
    """q, k, v: ``(B, S, H, D)``; returns the output ``(B, S, H, D)`` (contiguous)."""
    batch, seq, heads, head_dim = q.shape
    out = torch.empty((batch, seq, heads, head_dim), dtype=q.dtype, device=q.device)
    p = tokens_per_frame
    for chunk in plan.chunks:
        n = chunk.count
        rows = slice(chunk.first_frame * p, (chunk.first_frame + n) * p)
        k_g = k.index_select(1, chunk.key_index).view(batch * n, chunk.key_len, heads, head_dim)
        v_g = v.index_select(1, chunk.key_index).view(batch * n, chunk.key_len, heads, head_dim)
        q_c = q[:, rows].unflatten(1, (n, p)).flatten(0, 1)  # (B*n, P, H, D); a view when B == 1
        o = dense_attention(q_c.transpose(1, 2), k_g.transpose(1, 2), v_g.transpose(1, 2), scale, plan.backend)
        out[:, rows].unflatten(1, (n, p)).copy_(o.transpose(1, 2).unflatten(0, (batch, n)))
    if text_tokens:
        video = q.shape[1] - text_tokens
        o = dense_attention(q[:, video:].transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), scale, plan.backend)
        out[:, video:].copy_(o.transpose(1, 2))
    return out
