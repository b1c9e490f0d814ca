"""The reference every frame-block-sparse kernel must match: masked dense attention in float32.

Slow and memory-hungry on purpose (it materialises the full token mask and the
score matrix); use it on small sizes only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import torch

from .rows import validate_rows


def token_mask(
    rows: Sequence[Sequence[Sequence[int]]], tokens_per_frame: int, text_tokens: int, device=None
) -> torch.Tensor:
    """(S, S) boolean mask, S = T*P + text_tokens: ``mask[i, j]`` iff query token i attends key token j.

    Video query tokens of frame f attend every token of the key frames in ``rows[f]``
    and every text key; text query tokens attend every key.
    """
    frame_sets = validate_rows(rows)
    num_frames = len(frame_sets)
    frames = torch.zeros(num_frames + 1, num_frames + 1, dtype=torch.bool)
    for f, attended in enumerate(frame_sets):
        frames[f, list(attended)] = True
    frames[:, num_frames] = True  # every query attends the text keys
    frames[num_frames, :] = True  # text queries attend everything
    seq = num_frames * tokens_per_frame + text_tokens
    frame_of_token = torch.clamp(torch.arange(seq) // tokens_per_frame, max=num_frames)
    return frames[frame_of_token][:, frame_of_token].to(device)


def masked_reference_attention(
    q: torch.Tensor,
    k: torch.Tensor,
    v: torch.Tensor,
    rows: Sequence[Sequence[Sequence[int]]],
    tokens_per_frame: int,
    text_tokens: int = 0,
    scale: float | None = None,
) -> torch.Tensor:
    """Masked dense attention computed in float32 with an explicit boolean mask.

    q, k, v: ``(B, S, H, D)``; returns ``(B, S, H, D)`` in float32.
    """
    mask = token_mask(rows, tokens_per_frame, text_tokens, device=q.device)
    if q.shape[1] != mask.shape[0]:
        raise ValueError(
            f"q has {q.shape[1]} tokens but rows x tokens_per_frame + text_tokens = {mask.shape[0]}"
        )
    scale = 1.0 / math.sqrt(q.shape[-1]) if scale is None else scale
    qf, kf, vf = (t.float().transpose(1, 2) for t in (q, k, v))  # (B, H, S, D)
    scores = torch.matmul(qf, kf.transpose(-1, -2)) * scale
    scores = scores.masked_fill(~mask, float("-inf"))
    probs = torch.softmax(scores, dim=-1)
    return torch.matmul(probs, vf).transpose(1, 2).contiguous()
