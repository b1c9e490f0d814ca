"""Merging two partial attention results over disjoint key sets by their log-sum-exp.

If ``o_a, lse_a`` is attention over key set A and ``o_w, lse_w`` over a disjoint set
W (lse in natural log of the scaled scores), attention over A u W is::

    m = max(lse_a, lse_w);  wa = exp(lse_a - m);  ww = exp(lse_w - m)
    out = (wa * o_a + ww * o_w) / (wa + ww)

computed in float32. On CUDA a fused Triton kernel reads both partials once and writes
the output in place (one pass over memory); on CPU plain torch ops do the same.
"""

from __future__ import annotations

import torch
import triton
import triton.language as tl

from .triton_env import CPU_HINT, runs_interpreted


@triton.jit
def _lse_merge_kernel(
    oa_ptr, la_ptr, ow_ptr, lw_ptr, out_ptr,
    L,  # rows per item (tokens)
    total_rows,  # items * L
    s_oa0, s_oa1, s_oa2,
    s_la0, s_la1, s_la2,
    s_ow0, s_ow1, s_ow2,
    s_lw0, s_lw1, s_lw2,
    s_out0, s_out1, s_out2,
    HEAD_DIM: tl.constexpr,
    BLOCK_R: tl.constexpr,
    BLOCK_D: tl.constexpr,
):
    pid_r = tl.program_id(0)
    head = tl.program_id(1).to(tl.int64)
    rows = pid_r * BLOCK_R + tl.arange(0, BLOCK_R)
    row_ok = rows < total_rows
    item = (rows // L).to(tl.int64)
    pos = (rows % L).to(tl.int64)
    dims = tl.arange(0, BLOCK_D)
    dim_ok = dims < HEAD_DIM
    ok2 = row_ok[:, None] & dim_ok[None, :]

    lse_a = tl.load(la_ptr + item * s_la0 + pos * s_la1 + head * s_la2, mask=row_ok, other=0.0)
    lse_w = tl.load(lw_ptr + item * s_lw0 + pos * s_lw1 + head * s_lw2, mask=row_ok, other=0.0)
    m = tl.maximum(lse_a, lse_w)
    w_a = tl.exp(lse_a - m)
    w_w = tl.exp(lse_w - m)
    inv = 1.0 / (w_a + w_w)

    oa = tl.load(oa_ptr + (item * s_oa0 + pos * s_oa1 + head * s_oa2)[:, None] + dims[None, :], mask=ok2, other=0.0)
    ow = tl.load(ow_ptr + (item * s_ow0 + pos * s_ow1 + head * s_ow2)[:, None] + dims[None, :], mask=ok2, other=0.0)
    merged = (oa.to(tl.float32) * (w_a * inv)[:, None]) + (ow.to(tl.float32) * (w_w * inv)[:, None])
    tl.store(
        out_ptr + (item * s_out0 + pos * s_out1 + head * s_out2)[:, None] + dims[None, :],
        merged.to(out_ptr.dtype.element_ty),
        mask=ok2,
    )


def merge_partials(
    o_a: torch.Tensor,
    lse_a: torch.Tensor,
    o_w: torch.Tensor,
    lse_w: torch.Tensor,
    out: torch.Tensor,
    use_triton: bool,
) -> None:
    """Writes the merge of two partials into ``out``.

    o_a, o_w, out: ``(n, L, H, D)`` views with unit stride in D; lse_a, lse_w:
    ``(n, L, H)`` float32 views. Any other strides are fine.
    """
    if not use_triton:
        m = torch.maximum(lse_a, lse_w)
        w_a = torch.exp(lse_a - m)
        w_w = torch.exp(lse_w - m)
        total = w_a + w_w
        merged = o_a.float() * (w_a / total).unsqueeze(-1) + o_w.float() * (w_w / total).unsqueeze(-1)
        out.copy_(merged)
        return
    if out.device.type != "cuda" and not runs_interpreted(_lse_merge_kernel):
        raise RuntimeError(f"the Triton merge kernel on CPU runs only under the Triton interpreter: {CPU_HINT}")
    n, length, heads, head_dim = out.shape
    for t in (o_a, o_w, out):
        if t.stride(3) != 1:
            raise ValueError(f"merge_partials needs unit stride in the head dimension, got strides {t.stride()}")
    total_rows = n * length
    block_r = 64
    block_d = triton.next_power_of_2(head_dim)
    grid = (triton.cdiv(total_rows, block_r), heads)
    _lse_merge_kernel[grid](
        o_a, lse_a, o_w, lse_w, out,
        length, total_rows,
        o_a.stride(0), o_a.stride(1), o_a.stride(2),
        lse_a.stride(0), lse_a.stride(1), lse_a.stride(2),
        o_w.stride(0), o_w.stride(1), o_w.stride(2),
        lse_w.stride(0), lse_w.stride(1), lse_w.stride(2),
        out.stride(0), out.stride(1), out.stride(2),
        HEAD_DIM=head_dim, BLOCK_R=block_r, BLOCK_D=block_d,
        num_warps=4,
    )
