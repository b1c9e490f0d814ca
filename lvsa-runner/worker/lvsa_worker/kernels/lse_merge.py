"""Merging two partial attention results over disjoint key sets by their log-sum-exp.

If ``o_a, lse_a`` is attention over key set A and ``o_w, lse_w`` over a disjoint set
W (lse in natural log of the scaled scores), attention over A u W is::

    m = max(lse_a, lse_w);  wa = exp(lse_a - m);  ww = exp(lse_w - m)
    out = (wa * o_a + ww * o_w) / (wa + ww)

computed in float32. On CUDA a fused Triton kernel reads both partials once and writes
the output in place (one pass over memory); on CPU plain torch ops do the same.
:func:`merge_indexed_partials` does the same for several partials per row, gathered by index
(split-lse's split-off query tails, :mod:`.varlen_tails`).
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


def merge_indexed_partials(o_p, lse_p, parts, rows, out, lse, use_triton: bool) -> None:
    """Merges several partials per row, gathered by index, into chosen rows of ``out`` and ``lse``.

    o_p ``(R, H, D)`` and lse_p ``(H, R)`` float32: R partial results; ``parts`` ``(Rt, m)`` int64: the partials of
    each of Rt rows, padded with R (no partial; every row has at least its first); ``rows`` ``(Rt,)`` int64: where
    each merged row goes in ``out`` ``(rows, H, D)`` and ``lse`` ``(H, rows)``, both written in place.
    """
    if not use_triton:
        lse_g = torch.cat([lse_p.float(), lse_p.new_full((lse_p.shape[0], 1), float("-inf"))], 1)[:, parts]
        o_g = torch.cat([o_p, o_p.new_zeros((1, *o_p.shape[1:]))], 0)[parts].float()  # (Rt, m, H, D)
        top = lse_g.amax(-1, keepdim=True)  # (H, Rt, 1): every row has a partial, so finite
        weights = torch.exp(lse_g - top)
        total = weights.sum(-1)
        merged = torch.einsum("hrm,rmhd->rhd", weights, o_g) / total.transpose(0, 1).unsqueeze(-1)
        out[rows] = merged.to(out.dtype)
        lse[:, rows] = top.squeeze(-1) + torch.log(total)
        return
    if out.device.type != "cuda" and not runs_interpreted(_indexed_merge_kernel):
        raise RuntimeError(f"the Triton indexed merge on CPU runs only under the Triton interpreter: {CPU_HINT}")
    heads, head_dim = out.shape[1], out.shape[2]
    for t in (o_p, out):
        if t.stride(2) != 1:
            raise ValueError(f"merge_indexed_partials needs unit stride in the head dimension, got strides {t.stride()}")
    n_rows, width = parts.shape
    block_r = 32
    grid = (triton.cdiv(n_rows, block_r), heads)
    _indexed_merge_kernel[grid](
        o_p, lse_p, parts, rows, out, lse,
        n_rows, width, o_p.shape[0],
        o_p.stride(0), o_p.stride(1), lse_p.stride(0), lse_p.stride(1),
        out.stride(0), out.stride(1), lse.stride(0), lse.stride(1),
        HEAD_DIM=head_dim, BLOCK_R=block_r, BLOCK_D=triton.next_power_of_2(head_dim), num_warps=4,
    )


@triton.jit
def _indexed_merge_kernel(
    ot_ptr, lt_ptr, parts_ptr, rows_ptr, out_ptr, lse_ptr,
    n_rows, width, none_pos,
    s_ot0, s_ot1, s_lt0, s_lt1, s_out0, s_out1, s_lse0, s_lse1,
    HEAD_DIM: tl.constexpr, BLOCK_R: tl.constexpr, BLOCK_D: tl.constexpr,
):
    r = tl.program_id(0) * BLOCK_R + tl.arange(0, BLOCK_R)
    head = tl.program_id(1).to(tl.int64)
    ok = r < n_rows
    dims = tl.arange(0, BLOCK_D)
    ok2 = ok[:, None] & (dims < HEAD_DIM)[None, :]
    r64 = r.to(tl.int64)
    pos = tl.load(parts_ptr + r64 * width, mask=ok, other=0)  # the first partial always exists
    top = tl.load(lt_ptr + head * s_lt0 + pos * s_lt1, mask=ok, other=0.0)
    acc = tl.load(ot_ptr + (pos * s_ot0 + head * s_ot1)[:, None] + dims[None, :], mask=ok2, other=0.0).to(tl.float32)
    total = tl.full((BLOCK_R,), 1.0, tl.float32)
    for j in range(1, width):
        pos = tl.load(parts_ptr + r64 * width + j, mask=ok, other=none_pos)
        has = ok & (pos < none_pos)
        part_lse = tl.load(lt_ptr + head * s_lt0 + pos * s_lt1, mask=has, other=float("-inf"))
        new_top = tl.maximum(top, part_lse)
        keep = tl.exp(top - new_top)
        weight = tl.exp(part_lse - new_top)
        part = tl.load(ot_ptr + (pos * s_ot0 + head * s_ot1)[:, None] + dims[None, :], mask=has[:, None] & ok2,
                       other=0.0).to(tl.float32)
        acc = acc * keep[:, None] + part * weight[:, None]
        total = total * keep + weight
        top = new_top
    row = tl.load(rows_ptr + r64, mask=ok, other=0)
    tl.store(out_ptr + (row * s_out0 + head * s_out1)[:, None] + dims[None, :],
             (acc / total[:, None]).to(out_ptr.dtype.element_ty), mask=ok2)
    tl.store(lse_ptr + head * s_lse0 + row * s_lse1, top + tl.log(total), mask=ok)
