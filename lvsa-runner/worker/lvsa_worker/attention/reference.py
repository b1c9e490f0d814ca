"""``reference``: dense attention with the plan's mask applied explicitly. Slow, memory ``O(S^2)``; for tests.

Without a score transform it calls PyTorch SDPA with a boolean ``(B, 1, S, S)`` mask built at step start;
with UltraViCo it computes explicit float32 scores (:func:`~lvsa_worker.transforms.ultravico.ultravico_reference`).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ..plan import FrameMask, UltraViCo
from ..transforms.ultravico import check_supported, ultravico_reference
from .base import AttentionBackend, Prepared, TextKeys, TokenLayout, key_validity, zero_padded_text_queries
from .registry import register


def token_mask(mask: FrameMask, layout: TokenLayout, device: torch.device) -> torch.Tensor:
    """``(S, S)`` bool: the frame mask expanded to tokens; text rows and columns all True."""
    s, nv, p = layout.sequence_tokens, layout.video_tokens, layout.tokens_per_frame
    frames = torch.from_numpy(mask.as_matrix()).to(device)
    allowed = torch.ones(s, s, dtype=torch.bool, device=device)
    allowed[:nv, :nv] = frames.repeat_interleave(p, dim=0).repeat_interleave(p, dim=1)
    return allowed


class ReferencePrepared(Prepared):
    def __init__(self, allowed: torch.Tensor, layout: TokenLayout, score_transform: UltraViCo | None):
        self.allowed = allowed
        self.layout = layout
        self.score_transform = score_transform
        nv = layout.video_tokens
        self.frame_density = float(allowed[:nv, :nv].sum().item()) / float(nv * nv)


class ReferenceBackend(AttentionBackend):
    name = "reference"
    devices = ("cpu", "cuda", "npu")
    supports_score_transform = True
    install_hint = ""

    def prepare(self, mask, layout, *, device, dtype, num_heads, head_dim, score_transform=None):
        if score_transform is not None:
            check_supported(score_transform)
        return ReferencePrepared(token_mask(mask, layout, device), layout, score_transform)

    def run(self, prepared: ReferencePrepared, q, k, v, text: TextKeys | None = None, scale=None):
        layout = prepared.layout
        layout.check(q, k, v)
        b = q.shape[0]
        key_valid = key_validity(text, b, layout.video_tokens)
        if prepared.score_transform is not None:
            out = ultravico_reference(
                q, k, v,
                video_tokens=layout.video_tokens,
                tokens_per_frame=layout.tokens_per_frame,
                params=prepared.score_transform,
                allowed=prepared.allowed,
                key_valid=key_valid,
                scale=scale,
            )
        else:
            attn_mask = prepared.allowed[None, None].expand(b, 1, -1, -1)
            if key_valid is not None:
                attn_mask = attn_mask & key_valid[:, None, None, :]
            out = F.scaled_dot_product_attention(
                q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), attn_mask=attn_mask, scale=scale
            ).transpose(1, 2)
            out = out.contiguous()
        return zero_padded_text_queries(out, layout, text)


register(ReferenceBackend())
