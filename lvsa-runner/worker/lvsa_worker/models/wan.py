"""Wan 2.1 / 2.2 (diffusers ``WanTransformer3DModel``): replace the self-attention processor of every block.

Only ``attn1`` (self-attention over video tokens) changes; ``attn2`` (cross-attention to text) keeps the
model's own processor. For Wan 2.2 A14B both experts get processors bound to one runtime, so steps count
over the whole trajectory. The processor mirrors diffusers' ``WanAttnProcessor`` (read in diffusers 0.42.1):
projections, RMS norm over all heads, split into heads, the model's interleaved RoPE, then the dispatch.
"""

from __future__ import annotations

import torch

from ..attention.runtime import AttentionRuntime


def rotate_interleaved(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    """Wan's RoPE on ``x (B, S, H, D)``: pairs (even, odd) rotated by the angles in ``cos/sin (1, S, 1, D)``.

    The tables repeat each angle twice (columns 2j and 2j+1), as diffusers builds them.
    """
    even, odd = x[..., 0::2], x[..., 1::2]
    c, s = cos[..., 0::2], sin[..., 1::2]
    rotated = torch.stack([even * c - odd * s, even * s + odd * c], dim=-1).flatten(-2)
    return rotated.type_as(x)


class WanPlanAttnProcessor:
    """Self-attention of one Wan block, executed by the plan's runtime."""

    def __init__(self, runtime: AttentionRuntime):
        self.runtime = runtime

    def __call__(self, attn, hidden_states, encoder_hidden_states=None, attention_mask=None, rotary_emb=None, **_):
        if encoder_hidden_states is not None or attention_mask is not None:
            raise ValueError("WanPlanAttnProcessor serves self-attention only (no encoder states, no mask)")
        if getattr(attn, "fused_projections", False):
            query, key, value = attn.to_qkv(hidden_states).chunk(3, dim=-1)
        else:
            query, key, value = attn.to_q(hidden_states), attn.to_k(hidden_states), attn.to_v(hidden_states)
        query = attn.norm_q(query).unflatten(2, (attn.heads, -1))
        key = attn.norm_k(key).unflatten(2, (attn.heads, -1))
        value = value.unflatten(2, (attn.heads, -1))
        if rotary_emb is not None:
            query = rotate_interleaved(query, *rotary_emb)
            key = rotate_interleaved(key, *rotary_emb)
        out = self.runtime.attention(query, key, value)
        out = out.flatten(2, 3).type_as(query)
        out = attn.to_out[0](out)
        return attn.to_out[1](out)


def self_attention_modules(transformer) -> list:
    return [block.attn1 for block in transformer.blocks]


def install(transformers: list, runtime: AttentionRuntime):
    """Put plan processors on every expert's ``attn1``; returns a function restoring the originals."""
    saved = []
    for transformer in transformers:
        for attn in self_attention_modules(transformer):
            saved.append((attn, attn.processor))
            attn.processor = WanPlanAttnProcessor(runtime)

    def restore() -> None:
        for attn, processor in saved:
            attn.processor = processor

    return restore
