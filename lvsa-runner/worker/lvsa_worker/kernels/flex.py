"""Methods ``flex`` and ``flex-allpartial``: PyTorch FlexAttention as a competitor.

The BlockMask is built directly from block indices (never ``create_block_mask`` over a
token-level mask_mod, which runs out of memory at 126k tokens). Blocks of
``BLOCK_SIZE x BLOCK_SIZE`` tokens are classified from the frame mask with a 2-D prefix
sum: *full* (every pair attended: the kernel skips the mask_mod), *partial* (some pairs
attended: mask_mod applied), or skipped. ``flex-allpartial`` marks every non-empty block
partial, as PERFORMANCE.md's measurement did. The mask_mod is an exact frame-level
lookup, so both variants compute the same result.

The mask_mod reads one frame table padded past the last frame (:func:`frame_table`: ids of
text and padding attend and are attended by everything), so it needs no clamp: Inductor's FA4
(CuTe-DSL) template cannot lower ``torch.clamp``. Option ``flex_backend``: ``"triton"`` (FlexAttention's
Triton kernel) or ``"flash"`` (``kernel_options={"BACKEND": "FLASH"}``: FA4 underneath, CUDA only).

On CUDA ``flex_attention`` is compiled once (``torch.compile``, static shapes; each new
sequence length compiles again). On CPU the eager implementation runs (tests).
"""

from __future__ import annotations

import inspect
import warnings
from dataclasses import dataclass

import numpy as np
import torch

BLOCK_SIZE = 128
FLEX_BACKENDS = ("triton", "flash")

_compiled = None


def _flex_attention_fn(device: torch.device, compiled: bool):
    from torch.nn.attention.flex_attention import flex_attention

    global _compiled
    if device.type != "cuda" or not compiled:
        return flex_attention
    if _compiled is None:
        _compiled = torch.compile(flex_attention, dynamic=False)
    return _compiled


@dataclass(frozen=True)
class FlexPlan:
    block_mask: object  # torch.nn.attention.flex_attention.BlockMask
    full_blocks: int
    partial_blocks: int
    compiled: bool
    kernel_options: dict | None = None


def classify_blocks(
    frame_mask: np.ndarray, tokens_per_frame: int, text_tokens: int, block_size: int = BLOCK_SIZE
) -> tuple[np.ndarray, np.ndarray]:
    """Block-level ``(any_attended, all_attended)`` boolean matrices, ``(nb, nb)``.

    Text tokens are treated as one extra frame that everybody attends and that attends
    everything.
    """
    num_frames = frame_mask.shape[0]
    ext = np.ones((num_frames + 1, num_frames + 1), dtype=np.int64)
    ext[:num_frames, :num_frames] = frame_mask
    prefix = np.zeros((num_frames + 2, num_frames + 2), dtype=np.int64)
    prefix[1:, 1:] = ext.cumsum(0).cumsum(1)
    seq = num_frames * tokens_per_frame + text_tokens
    nb = -(-seq // block_size)
    first_tok = np.arange(nb) * block_size
    last_tok = np.minimum(first_tok + block_size, seq) - 1
    lo = np.minimum(first_tok // tokens_per_frame, num_frames)  # frame index; text -> num_frames
    hi = np.minimum(last_tok // tokens_per_frame, num_frames)
    q_lo, q_hi = lo[:, None], hi[:, None]
    k_lo, k_hi = lo[None, :], hi[None, :]
    count = prefix[q_hi + 1, k_hi + 1] - prefix[q_lo, k_hi + 1] - prefix[q_hi + 1, k_lo] + prefix[q_lo, k_lo]
    size = (q_hi - q_lo + 1) * (k_hi - k_lo + 1)
    return count > 0, count == size


def frame_table(frame_mask: np.ndarray, tokens_per_frame: int, padded_tokens: int) -> tuple[np.ndarray, int]:
    """``(table, width)``: the flattened ``width x width`` int32 frame table a frame-level mask_mod reads.

    ``width`` covers every frame id ``index // tokens_per_frame`` of an index below ``padded_tokens``; ids
    of text and padding (``>= num_frames``) attend and are attended by everything.
    """
    num_frames = frame_mask.shape[0]
    width = max(-(-padded_tokens // tokens_per_frame), num_frames + 1)
    table = np.ones((width, width), dtype=np.int32)
    table[:num_frames, :num_frames] = frame_mask
    return table.reshape(-1), width


def _indices(selected: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    """(num, indices) in BlockMask layout ``(1, 1, nb)`` and ``(1, 1, nb, nb)``, selected first."""
    num = selected.sum(axis=1).astype(np.int32)
    order = np.argsort(~selected, axis=1, kind="stable").astype(np.int32)
    return torch.from_numpy(num)[None, None], torch.from_numpy(order)[None, None]


def plan_flex(
    frame_mask: np.ndarray,
    tokens_per_frame: int,
    text_tokens: int,
    device: torch.device,
    all_partial: bool = False,
    compile: bool = True,
    flex_backend: str = "triton",
) -> FlexPlan:
    """``compile``: on CUDA run the torch.compile'd kernel (the fast one); False runs the eager
    reference implementation (small sizes only: it materialises the scores)."""
    from torch.nn.attention.flex_attention import BlockMask

    if flex_backend not in FLEX_BACKENDS:
        raise ValueError(f"flex_backend must be one of {FLEX_BACKENDS}, got {flex_backend!r}")
    if flex_backend == "flash" and (torch.device(device).type != "cuda" or not compile):
        raise ValueError("flex_backend 'flash' runs the compiled kernel on CUDA only")

    num_frames = frame_mask.shape[0]
    seq = num_frames * tokens_per_frame + text_tokens
    any_att, all_att = classify_blocks(frame_mask, tokens_per_frame, text_tokens)
    partial = any_att if all_partial else any_att & ~all_att
    full = None if all_partial else all_att
    nb = any_att.shape[0]
    table, width = frame_table(frame_mask, tokens_per_frame, nb * BLOCK_SIZE)
    ext = torch.from_numpy(table.reshape(width, width) > 0).to(device)
    p = tokens_per_frame

    def frame_mask_mod(b, h, q_idx, kv_idx):
        return ext[q_idx // p, kv_idx // p]

    kv_num, kv_idx = _indices(partial)
    kwargs = dict(BLOCK_SIZE=BLOCK_SIZE, mask_mod=frame_mask_mod)
    params = inspect.signature(BlockMask.from_kv_blocks).parameters
    if "seq_lengths" in params:
        kwargs["seq_lengths"] = (seq, seq)
    if "compute_q_blocks" in params:
        kwargs["compute_q_blocks"] = False  # only the backward pass needs them
    if full is not None:
        full_num, full_idx = _indices(full)
        block_mask = BlockMask.from_kv_blocks(
            kv_num.to(device), kv_idx.to(device), full_num.to(device), full_idx.to(device), **kwargs
        )
    else:
        block_mask = BlockMask.from_kv_blocks(kv_num.to(device), kv_idx.to(device), **kwargs)
    options = {"BACKEND": "FLASH"} if flex_backend == "flash" else None
    return FlexPlan(block_mask, int(full.sum()) if full is not None else 0, int(partial.sum()), compile, options)


def run_flex(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, plan: FlexPlan, scale: float) -> torch.Tensor:
    """q, k, v: ``(B, S, H, D)``; returns ``(B, S, H, D)`` contiguous."""
    fn = _flex_attention_fn(q.device, plan.compiled)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*flex_attention called without torch.compile.*")
        o = fn(q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), block_mask=plan.block_mask, scale=scale,
               kernel_options=plan.kernel_options)
    return o.transpose(1, 2).contiguous()
