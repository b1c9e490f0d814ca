"""Wan 2.1 / 2.2 (diffusers ``WanTransformer3DModel``): replace the self-attention processor of every block.

Only ``attn1`` (self-attention over video tokens) changes; ``attn2`` (cross-attention to text) keeps the
model's own processor. For Wan 2.2 A14B both experts get processors bound to one runtime, so steps count
over the whole trajectory. The processor mirrors diffusers' ``WanAttnProcessor`` (read in diffusers 0.42.1):
projections, RMS norm over all heads, split into heads, the model's interleaved RoPE, then the dispatch.

Frame reorder (when the runtime's backend names a frame order for the step, e.g. split-lse's anchors-first
order): hooks permute the latent's frames on the way in (and Wan 2.2 TI2V's per-token timesteps), the RoPE
tables after the model builds them (positions stay each token's own), and the output's frames on the way out.
Every other layer of the block works per token or per sequence, so the result is the same, and the attention
gets q, k, v already in its order: no per-layer copy. Wan patches one latent frame at a time (``p_t = 1``), so
a latent frame is a frame of tokens.
"""

from __future__ import annotations

import torch

from ..attention.base import frames_in_order
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
    """Put plan processors on every expert's ``attn1`` (and the frame-reorder hooks where every expert patches
    one frame at a time); returns a function restoring the originals."""
    saved, handles = [], []
    for transformer in transformers:
        for attn in self_attention_modules(transformer):
            saved.append((attn, attn.processor))
            attn.processor = WanPlanAttnProcessor(runtime)
    if all(tuple(t.config.patch_size)[0] == 1 for t in transformers) and runtime.enable_frame_reorder():
        for transformer in transformers:
            handles.extend(_frame_reorder_hooks(transformer, runtime))

    def restore() -> None:
        for handle in handles:
            handle.remove()
        for attn, processor in saved:
            attn.processor = processor

    return restore


def _frame_reorder_hooks(transformer, runtime: AttentionRuntime) -> list:
    """Hooks that run one transformer call with its frames in the runtime's order for the step (none: as is)."""
    call = {}  # the order of the call in flight and its inverse

    def before(module, args, kwargs):
        order = runtime.frame_order()
        call.clear()
        if order is None:
            return None
        call.update(order=order, inverse=torch.argsort(order), frames=order.numel())
        args, kwargs = list(args), dict(kwargs)
        hidden = kwargs["hidden_states"] if "hidden_states" in kwargs else args[0]
        if hidden.shape[2] != call["frames"]:
            raise ValueError(f"the step's frame order has {call['frames']} frames, the latent {hidden.shape[2]}")
        hidden = hidden.index_select(2, order)  # (B, C, F, H, W)
        if "hidden_states" in kwargs:
            kwargs["hidden_states"] = hidden
        else:
            args[0] = hidden
        timestep = kwargs.get("timestep", args[1] if len(args) > 1 else None)
        if timestep is not None and timestep.dim() == 2:  # Wan 2.2 TI2V: one timestep per token
            timestep = frames_in_order(timestep, order, 1, call["frames"])
            if "timestep" in kwargs:
                kwargs["timestep"] = timestep
            else:
                args[1] = timestep
        return tuple(args), kwargs

    def rope_tables(module, args, output):
        if not call:
            return output
        return tuple(frames_in_order(table, call["order"], 1, call["frames"]) for table in output)  # (1, S, 1, D)

    def after(module, args, kwargs, output):
        if not call:
            return output
        if isinstance(output, tuple):
            return (output[0].index_select(2, call["inverse"]), *output[1:])
        output.sample = output.sample.index_select(2, call["inverse"])
        return output

    return [transformer.register_forward_pre_hook(before, with_kwargs=True),
            transformer.rope.register_forward_hook(rope_tables),
            transformer.register_forward_hook(after, with_kwargs=True)]
