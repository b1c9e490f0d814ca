"""Method ``fa4-bsr``: FlashAttention-4's own block-sparse forward, with a frame-level ``mask_mod``.

One FA4 call over the whole sequence. Its block-sparse arguments (``block_sparse_tensors``) list, per
128-query block, the 128-key blocks to visit: *full* blocks (every pair attended, no mask evaluated) and
*partial* blocks (some pairs attended: FA4 evaluates ``mask_mod`` on each score). The lists come from the
same 2-D prefix-sum classification as the FlexAttention methods (:func:`.flex.classify_blocks`); partial
blocks only occur where a frame boundary falls inside a 128-token block.

The ``mask_mod`` is a CuTe-DSL function: the frame of a token is ``index // tokens_per_frame`` and one
int32 table, ``table[q_frame * width + k_frame]``, says whether that pair of frames is attended (passed as
FA4's ``aux_tensors``). Frame ids at or past ``num_frames`` (the text tokens, and the padding up to a whole
block) are attended both ways, so the table needs no bounds check.
``lookup="token-table"`` reads each token's frame from a second aux tensor instead of dividing.

Planning is pure (numpy + torch, CPU-testable); running needs FA4 on an sm90+ GPU (:mod:`.inner`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np
import torch

from .flex import classify_blocks, frame_table
from .inner import fa4_module

#: FA4's Hopper tile (128 x 128 for head_dim 128): its block-sparse KV block must equal the tile's n.
BLOCK_SIZE = 128
#: How the mask_mod finds a token's frame: integer division, or a per-token frame table.
LOOKUPS = ("divide", "token-table")


@dataclass
class Fa4BsrPlan:
    """Block lists (int32, ``(1, 1, nb)`` counts and ``(1, 1, nb, n)`` indices, selected blocks first in
    ascending order) and the frame table of one pattern."""

    partial_cnt: torch.Tensor
    partial_idx: torch.Tensor
    full_cnt: torch.Tensor
    full_idx: torch.Tensor
    table: torch.Tensor  # int32 (width * width,): 1 where query frame id attends key frame id
    frame_of_token: torch.Tensor | None  # lookup "token-table" only: int32 (nb * block_size,), index // P
    width: int
    tokens_per_frame: int
    block_size: int
    lookup: str
    full_blocks: int
    partial_blocks: int
    _fa4_tensors: object = field(default=None, repr=False)


def block_lists(selected: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row of the boolean ``(nb, nb)`` block matrix: the count, and the column indices packed left in
    ascending order (``(nb, max(1, most per row))``, padding repeats 0)."""
    counts = selected.sum(axis=1).astype(np.int32)
    width = max(1, int(counts.max(initial=0)))
    order = np.argsort(~selected, axis=1, kind="stable")[:, :width].astype(np.int32)
    order[np.arange(width)[None, :] >= counts[:, None]] = 0
    return counts, order


def plan_fa4_bsr(
    frame_mask: np.ndarray, tokens_per_frame: int, text_tokens: int, device, block_size: int = BLOCK_SIZE,
    lookup: str = "divide",
) -> Fa4BsrPlan:
    if lookup not in LOOKUPS:
        raise ValueError(f"lookup must be one of {LOOKUPS}, got {lookup!r}")
    any_att, all_att = classify_blocks(frame_mask, tokens_per_frame, text_tokens, block_size)
    partial = any_att & ~all_att
    nb = any_att.shape[0]
    table, width = frame_table(frame_mask, tokens_per_frame, nb * block_size)
    frame_of_token = None
    if lookup == "token-table":
        frame_of_token = torch.from_numpy((np.arange(nb * block_size) // tokens_per_frame).astype(np.int32)).to(device)

    def to_device(array, count_shape):
        return torch.from_numpy(array).reshape(count_shape).to(device)

    tensors = []
    for selected in (partial, all_att):
        cnt, idx = block_lists(selected)
        tensors += [to_device(cnt, (1, 1, nb)), to_device(idx, (1, 1, nb, idx.shape[1]))]
    return Fa4BsrPlan(*tensors, table=torch.from_numpy(table).to(device),
                      frame_of_token=frame_of_token, width=width,
                      tokens_per_frame=tokens_per_frame, block_size=block_size, lookup=lookup,
                      full_blocks=int(all_att.sum()), partial_blocks=int(partial.sum()))


@functools.cache
def frame_mask_mod(tokens_per_frame: int, width: int, lookup: str):
    """The CuTe-DSL mask_mod for FA4 (imports the CuTe DSL: GPU machines with FA4 only)."""
    import cutlass
    import cutlass.cute as cute
    from flash_attn.cute import utils as fa4_utils

    if lookup == "divide":
        @cute.jit
        def frame_pair_attended(batch, head, q_idx, kv_idx, seqlen_info, aux_tensors):
            per_frame = fa4_utils.scalar_to_ssa(tokens_per_frame, cutlass.Int32)
            q_frame = q_idx // per_frame
            k_frame = kv_idx // per_frame
            attended = aux_tensors[0][q_frame[0] * width + k_frame[0]]
            return fa4_utils.scalar_to_ssa(attended, cutlass.Int32) > fa4_utils.scalar_to_ssa(0, cutlass.Int32)

        return frame_pair_attended

    @cute.jit
    def frame_pair_attended_by_table(batch, head, q_idx, kv_idx, seqlen_info, aux_tensors):
        frames = aux_tensors[1]
        attended = aux_tensors[0][frames[q_idx[0]] * width + frames[kv_idx[0]]]
        return fa4_utils.scalar_to_ssa(attended, cutlass.Int32) > fa4_utils.scalar_to_ssa(0, cutlass.Int32)

    return frame_pair_attended_by_table


def _fa4_block_sparse(plan: Fa4BsrPlan):
    if plan._fa4_tensors is None:
        from flash_attn.cute.block_sparsity import BlockSparseTensorsTorch

        plan._fa4_tensors = BlockSparseTensorsTorch(
            mask_block_cnt=plan.partial_cnt, mask_block_idx=plan.partial_idx, full_block_cnt=plan.full_cnt,
            full_block_idx=plan.full_idx, block_size=(plan.block_size, plan.block_size),
        )
    return plan._fa4_tensors


def run_fa4_bsr(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, plan: Fa4BsrPlan, scale: float) -> torch.Tensor:
    """q, k, v: ``(B, S, H, D)`` (FA4's own layout); returns ``(B, S, H, D)``."""
    aux = [plan.table] if plan.lookup == "divide" else [plan.table, plan.frame_of_token]
    out, _ = fa4_module().flash_attn_func(
        q, k, v, softmax_scale=scale, mask_mod=frame_mask_mod(plan.tokens_per_frame, plan.width, plan.lookup),
        aux_tensors=aux, block_sparse_tensors=_fa4_block_sparse(plan),
    )
    return out
