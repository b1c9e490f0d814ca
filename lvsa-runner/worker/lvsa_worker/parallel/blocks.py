"""Spread a transformer's block stack over the ranks of a :class:`~.ulysses.SequenceParallel`.

Wan 2.1 / 2.2 (``WanTransformer3DModel``) and HunyuanVideo 1.5 (``HunyuanVideo15Transformer3DModel``).
Patch embedding, RoPE tables and the timestep/text embedders run as usual on every rank (cheap, replicated).
Forward pre-hooks cut, before each block, the video tokens and the per-token tables (RoPE ``cos/sin``; Wan 2.2
TI2V's per-token timestep projection) to this rank's slice (:meth:`SequenceParallel.shard`: contiguous slices
of ``ceil(V / degree)`` tokens, zero padding at the end). The blocks then run on the slice: norms,
cross-attention and feed-forward work per token; self-attention goes through the plan processor, whose
runtime must hold a :class:`~.ulysses.UlyssesBackend` over the same ranks (checked here: a plain processor
on a slice would attend only the slice). HunyuanVideo's text stream stays whole on every rank: its tokens
are replicated, every rank computes the same text stream, and the joint attention gives every rank the same
text outputs (:class:`~.ulysses.UlyssesBackend`). A forward hook on the last block gathers the video slices,
so the output norm, projection and unpatchify see the whole sequence on every rank.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..models.hunyuan15 import HunyuanVideo15PlanAttnProcessor
from ..models.wan import WanPlanAttnProcessor
from .ulysses import SequenceParallel, UlyssesBackend


@dataclass(frozen=True)
class _Family:
    name: str
    blocks_attr: str
    attn_attr: str
    processor: type
    args: tuple[str, ...]  # the block's positional arguments, as the transformer passes them
    rotary_dim: int  # the token dimension of each RoPE table
    per_token_temb: bool  # whether a 4-d temb is (B, S, 6, C) and must be sharded


WAN = _Family("Wan", "blocks", "attn1", WanPlanAttnProcessor,
              ("hidden_states", "encoder_hidden_states", "temb", "rotary_emb"), 1, True)
HUNYUAN15 = _Family("HunyuanVideo 1.5", "transformer_blocks", "attn", HunyuanVideo15PlanAttnProcessor,
                    ("hidden_states", "encoder_hidden_states", "temb", "attention_mask", "freqs_cis"), 0, False)


def family_of(transformer) -> _Family:
    name = type(transformer).__name__
    if name.startswith("WanTransformer"):
        return WAN
    if name.startswith("HunyuanVideo15Transformer"):
        return HUNYUAN15
    raise ValueError(f"sequence parallelism supports Wan and HunyuanVideo 1.5 transformers, not {name}")


def _check_processors(transformer, family: _Family, sp: SequenceParallel) -> None:
    for index, block in enumerate(getattr(transformer, family.blocks_attr)):
        processor = getattr(block, family.attn_attr).processor
        if not isinstance(processor, family.processor):
            raise ValueError(
                f"{family.name} block {index}: self-attention processor {type(processor).__name__} is not the plan "
                "processor; install the plan processors with a UlyssesBackend runtime before sharding"
            )
        backend = processor.runtime.backend
        if not isinstance(backend, UlyssesBackend) or backend.sp != sp:
            raise ValueError(
                f"{family.name} block {index}: the plan runtime's backend {backend.name} is not a UlyssesBackend "
                f"over these {sp.degree} ranks; sharded blocks would attend only their own slice"
            )


def shard_blocks(transformers: list, sp: SequenceParallel) -> Callable[[], None]:
    """Hook every transformer (both Wan 2.2 experts); returns a function removing the hooks."""
    handles = []
    for transformer in transformers:
        family = family_of(transformer)
        _check_processors(transformer, family, sp)
        handles.extend(_hook(list(getattr(transformer, family.blocks_attr)), family, sp))

    def remove() -> None:
        for handle in handles:
            handle.remove()

    return remove


def _hook(blocks: list, family: _Family, sp: SequenceParallel) -> list:
    state: dict = {}
    rotary_at = len(family.args) - 1  # RoPE tables come last
    temb_at = family.args.index("temb")

    def cached(key, source, make):
        """Shard once per forward, not once per block (the transformer passes the same tensors to every block)."""
        if state.get(key + "_source") is not source:
            state[key + "_source"] = source
            state[key] = make(source)
        return state[key]

    def shard_tables(args) -> tuple:
        if len(args) != len(family.args):
            raise ValueError(f"{family.name} block called with {len(args)} positional arguments, expected "
                             f"{len(family.args)} ({', '.join(family.args)})")
        args = list(args)
        if args[rotary_at] is not None:
            args[rotary_at] = cached("rotary", args[rotary_at],
                                     lambda tables: tuple(sp.shard(t, dim=family.rotary_dim) for t in tables))
        if family.per_token_temb and args[temb_at].ndim == 4:  # (B, S, 6, C): a timestep per token (Wan 2.2 TI2V)
            args[temb_at] = cached("temb", args[temb_at], lambda temb: sp.shard(temb, dim=1))
        return tuple(args)

    def first_pre_hook(module, args):
        state.clear()
        state["total"] = args[0].shape[1]
        args = shard_tables(args)
        return (sp.shard(args[0], dim=1), *args[1:])

    def pre_hook(module, args):
        return shard_tables(args)

    def last_hook(module, args, output):
        if isinstance(output, tuple):  # HunyuanVideo: (video, text); the text stream is already whole
            return (sp.gather(output[0], state["total"], dim=1), *output[1:])
        return sp.gather(output, state["total"], dim=1)

    handles = [blocks[0].register_forward_pre_hook(first_pre_hook)]
    handles += [block.register_forward_pre_hook(pre_hook) for block in blocks[1:]]
    handles.append(blocks[-1].register_forward_hook(last_hook))
    return handles
