"""Spread a Wan transformer's block stack over the ranks of a :class:`~.ulysses.SequenceParallel`.

Patch embedding, RoPE tables and the timestep/text embedders run as usual on every rank (they are cheap and
replicated). Forward pre-hooks cut, before each block, the token sequence and the per-token tables (RoPE
``cos/sin``; Wan 2.2 TI2V's per-token timestep projection) to this rank's slice (:meth:`SequenceParallel.shard`:
contiguous slices of ``ceil(S / degree)`` tokens, zero padding at the end). The blocks then run on the
slice: norms, cross-attention and the feed-forward are per token; self-attention goes through the plan
processor, whose runtime must hold a :class:`~.ulysses.UlyssesBackend` over the same ranks (checked here:
a plain processor on a slice would attend only the slice). A forward hook on the last block gathers the
slices, so the output norm, projection and unpatchify see the whole sequence on every rank.
"""

from __future__ import annotations

from typing import Callable

from ..models.wan import WanPlanAttnProcessor
from .ulysses import SequenceParallel, UlyssesBackend


def _check_processors(transformer, sp: SequenceParallel) -> None:
    for index, block in enumerate(transformer.blocks):
        processor = block.attn1.processor
        if not isinstance(processor, WanPlanAttnProcessor):
            raise ValueError(
                f"block {index}: self-attention processor {type(processor).__name__} is not the plan processor; "
                "install the plan processors (models.wan.install) with a UlyssesBackend runtime before sharding"
            )
        backend = processor.runtime.backend
        if not isinstance(backend, UlyssesBackend) or backend.sp != sp:
            raise ValueError(
                f"block {index}: the plan runtime's backend {backend.name} is not a UlyssesBackend over these "
                f"{sp.degree} ranks; sharded blocks would attend only their own slice"
            )


def shard_blocks(transformers: list, sp: SequenceParallel) -> Callable[[], None]:
    """Hook every transformer (both Wan 2.2 experts); returns a function removing the hooks."""
    handles = []
    for transformer in transformers:
        _check_processors(transformer, sp)
        handles.extend(_hook(transformer, sp))

    def remove() -> None:
        for handle in handles:
            handle.remove()

    return remove


def _hook(transformer, sp: SequenceParallel) -> list:
    state: dict = {}
    blocks = list(transformer.blocks)

    def shard_tables(args):
        hidden_states, encoder_hidden_states, temb, rotary_emb = args
        if rotary_emb is not None:
            if state.get("rotary_source") is not rotary_emb:  # once per forward, not per block
                state["rotary_source"] = rotary_emb
                state["rotary_local"] = tuple(sp.shard(t, dim=1) for t in rotary_emb)
            rotary_emb = state["rotary_local"]
        if temb.ndim == 4:  # (B, S, 6, C): one timestep per token (Wan 2.2 TI2V)
            if state.get("temb_source") is not temb:
                state["temb_source"] = temb
                state["temb_local"] = sp.shard(temb, dim=1)
            temb = state["temb_local"]
        return hidden_states, encoder_hidden_states, temb, rotary_emb

    def first_pre_hook(module, args):
        if len(args) != 4:
            raise ValueError(f"Wan block called with {len(args)} positional arguments, expected 4 "
                             "(hidden_states, encoder_hidden_states, temb, rotary_emb)")
        hidden_states = args[0]
        state["total"] = hidden_states.shape[1]
        state.pop("rotary_source", None)
        state.pop("temb_source", None)
        args = shard_tables(args)
        return (sp.shard(hidden_states, dim=1), *args[1:])

    def pre_hook(module, args):
        return shard_tables(args)

    def last_hook(module, args, output):
        return sp.gather(output, state["total"], dim=1)

    handles = [blocks[0].register_forward_pre_hook(first_pre_hook)]
    handles += [block.register_forward_pre_hook(pre_hook) for block in blocks[1:]]
    handles.append(blocks[-1].register_forward_hook(last_hook))
    return handles

