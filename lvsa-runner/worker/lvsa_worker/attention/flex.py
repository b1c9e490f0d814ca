"""``flex``: FlexAttention with the plan's frame mask and UltraViCo as one ``score_mod``.

The fused path for UltraViCo on CUDA (``torch.compile``d FlexAttention). On CPU it runs eager by default
(set ``LVSA_FLEX_COMPILE=1`` to compile there too, which needs a C++ compiler and tens of seconds).
It computes every score (masked pairs are set to -inf), so it brings no speed-up for sparse masks; use it
for score transforms.
"""

from __future__ import annotations

import os

import torch

from ..transforms.ultravico import check_supported, ultravico_flex
from .base import AttentionBackend, Prepared, TextKeys, TokenLayout, key_validity, zero_padded_text_queries
from .registry import register


class FlexPrepared(Prepared):
    def __init__(self, layout: TokenLayout, frame_allowed: torch.Tensor | None, score_transform, compiled: bool):
        self.layout = layout
        self.frame_allowed = frame_allowed
        self.score_transform = score_transform
        self.compiled = compiled
        t = layout.latent_frames
        self.frame_density = 1.0 if frame_allowed is None else float(frame_allowed.sum().item()) / (t * t)


class FlexBackend(AttentionBackend):
    name = "flex"
    devices = ("cuda", "cpu")
    supports_score_transform = True
    install_hint = "FlexAttention ships with PyTorch >= 2.5"

    def unavailable_reason(self, device_type):
        reason = super().unavailable_reason(device_type)
        if reason:
            return reason
        try:
            import torch.nn.attention.flex_attention  # noqa: F401
        except ImportError:
            return f"backend flex needs torch.nn.attention.flex_attention ({self.install_hint})"
        return None

    def prepare(self, mask, layout, *, device, dtype, num_heads, head_dim, score_transform=None):
        if score_transform is not None:
            check_supported(score_transform)
        frame_allowed = None if mask.is_full else torch.from_numpy(mask.as_matrix()).to(device)
        default = "1" if device.type == "cuda" else "0"
        compiled = os.environ.get("LVSA_FLEX_COMPILE", default) == "1"
        return FlexPrepared(layout, frame_allowed, score_transform, compiled)

    def run(self, prepared: FlexPrepared, q, k, v, text: TextKeys | None = None, scale=None):
        layout = prepared.layout
        layout.check(q, k, v)
        out = ultravico_flex(
            q, k, v,
            video_tokens=layout.video_tokens,
            tokens_per_frame=layout.tokens_per_frame,
            params=prepared.score_transform,
            frame_allowed=prepared.frame_allowed,
            key_valid=key_validity(text, q.shape[0], layout.video_tokens),
            scale=scale,
            compiled=prepared.compiled,
        ).contiguous()
        return zero_padded_text_queries(out, layout, text)


register(FlexBackend())
