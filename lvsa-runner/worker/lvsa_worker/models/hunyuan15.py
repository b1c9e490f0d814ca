"""HunyuanVideo 1.5 (diffusers ``HunyuanVideo15Transformer3DModel``): joint self-attention over [video, text].

Every dual-stream block's ``attn`` gets a plan processor. Mirrors diffusers' ``HunyuanVideo15AttnProcessor2_0``
(read in diffusers 0.42.1): video and text projections, per-head RMS norms, RoPE on video tokens only
(diffusers' own ``apply_rotary_emb``), concatenation [video, text], then the dispatch with the padded-text
mask: padding text keys are attended by nobody and padding text queries output zero, as the model's dense
path gives. The token refiner (text-only attention) is untouched.
"""

from __future__ import annotations

import torch

from ..attention.runtime import AttentionRuntime


class HunyuanVideo15PlanAttnProcessor:
    def __init__(self, runtime: AttentionRuntime):
        self.runtime = runtime

    def __call__(self, attn, hidden_states, encoder_hidden_states=None, attention_mask=None, image_rotary_emb=None):
        from diffusers.models.embeddings import apply_rotary_emb

        if encoder_hidden_states is None:
            raise ValueError("HunyuanVideo15PlanAttnProcessor needs the text stream (joint attention)")
        query = attn.norm_q(attn.to_q(hidden_states).unflatten(2, (attn.heads, -1)))
        key = attn.norm_k(attn.to_k(hidden_states).unflatten(2, (attn.heads, -1)))
        value = attn.to_v(hidden_states).unflatten(2, (attn.heads, -1))
        if image_rotary_emb is not None:
            query = apply_rotary_emb(query, image_rotary_emb, sequence_dim=1)
            key = apply_rotary_emb(key, image_rotary_emb, sequence_dim=1)

        text_query = attn.add_q_proj(encoder_hidden_states).unflatten(2, (attn.heads, -1))
        text_key = attn.add_k_proj(encoder_hidden_states).unflatten(2, (attn.heads, -1))
        text_value = attn.add_v_proj(encoder_hidden_states).unflatten(2, (attn.heads, -1))
        if attn.norm_added_q is not None:
            text_query = attn.norm_added_q(text_query)
        if attn.norm_added_k is not None:
            text_key = attn.norm_added_k(text_key)

        query = torch.cat([query, text_query], dim=1)
        key = torch.cat([key, text_key], dim=1)
        value = torch.cat([value, text_value], dim=1)
        text = self.runtime.text_keys(attention_mask)
        out = self.runtime.attention(query, key, value, text=text)
        out = out.flatten(2, 3).to(query.dtype)

        text_tokens = encoder_hidden_states.shape[1]
        video_out, text_out = out[:, :-text_tokens], out[:, -text_tokens:]
        if getattr(attn, "to_out", None) is not None:
            video_out = attn.to_out[1](attn.to_out[0](video_out))
        if getattr(attn, "to_add_out", None) is not None:
            text_out = attn.to_add_out(text_out)
        return video_out, text_out


def self_attention_modules(transformer) -> list:
    return [block.attn for block in transformer.transformer_blocks]


def install(transformers: list, runtime: AttentionRuntime):
    saved = []
    for transformer in transformers:
        for attn in self_attention_modules(transformer):
            saved.append((attn, attn.processor))
            attn.processor = HunyuanVideo15PlanAttnProcessor(runtime)

    def restore() -> None:
        for attn, processor in saved:
            attn.processor = processor

    return restore
