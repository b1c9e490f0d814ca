"""Thin wrappers over the dense attention kernels, with an explicit inner kernel.

All tensors here are ``(batch, heads, seq, head_dim)`` views (usually transposes of the
``(B, S, H, D)`` layout, so no copy is made). On CUDA the kernel is forced: when the
requested kernel cannot take the inputs it raises, it never silently picks another.
``backend`` is an inner kernel name already resolved by :func:`.inner.resolve_inner`
(``cudnn``, ``fa2``, ``fa4``), or for :func:`dense_attention` also ``efficient``/``math``.

FA4 (``flash_attn.cute``) takes ``(B, S, H, D)`` with unit stride in D and 16-byte aligned
strides: the ``(B, H, S, D)`` transposes given here are transposed back (no copy), so the
overlapping strided window views of split-lse reach it as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch.nn.attention import SDPBackend, sdpa_kernel

from .inner import fa4_module

#: SDPA backends by the inner-kernel names the plans and the bench use.
CUDA_BACKENDS = {
    "cudnn": SDPBackend.CUDNN_ATTENTION,
    "fa2": SDPBackend.FLASH_ATTENTION,
    "efficient": SDPBackend.EFFICIENT_ATTENTION,
    "math": SDPBackend.MATH,
}


def _fa4(q, k, v, scale: float, return_lse: bool):
    """FA4 forward on ``(B, H, S, D)`` views; returns ``(out (B, H, Sq, D), lse (B, H, Sq) float32 or None)``."""
    out, lse = fa4_module().flash_attn_func(
        q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), softmax_scale=scale, return_lse=return_lse
    )
    return out.transpose(1, 2), lse


@dataclass(frozen=True)
class VarlenWindows:
    """Sequences of one variable-length call: sequence ``i`` is query rows ``cu_q[i] : cu_q[i] + used_q[i]`` against
    key rows ``cu_k[i] : cu_k[i] + used_k[i]`` (int32 tensors on the device; key ranges may overlap)."""

    cu_q: torch.Tensor
    used_q: torch.Tensor
    cu_k: torch.Tensor
    used_k: torch.Tensor
    max_q: int
    max_k: int


def varlen_attention_with_lse(q, k, v, scale: float, windows: VarlenWindows):
    """FA4's variable-length forward: q ``(rows, H, D)``, k/v ``(key rows, H, D)`` -> out ``(rows, H, D)`` and lse
    ``(H, rows)`` float32. Rows outside every sequence are left undefined."""
    return fa4_module().flash_attn_varlen_func(
        q, k, v, cu_seqlens_q=windows.cu_q, cu_seqlens_k=windows.cu_k, max_seqlen_q=windows.max_q,
        max_seqlen_k=windows.max_k, seqused_q=windows.used_q, seqused_k=windows.used_k, softmax_scale=scale,
        return_lse=True,
    )


def dense_attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, scale: float, backend: str = "cudnn") -> torch.Tensor:
    """Dense attention, ``(B, H, Sq, D) x (B, H, Sk, D) -> (B, H, Sq, D)``.

    On CUDA ``backend`` (cudnn, fa2, fa4, efficient, math) is the only kernel allowed;
    on CPU PyTorch's own choice runs.
    """
    if q.device.type != "cuda":
        return F.scaled_dot_product_attention(q, k, v, scale=scale)
    if backend == "fa4":
        return _fa4(q, k, v, scale, return_lse=False)[0]
    if backend not in CUDA_BACKENDS:
        raise ValueError(f"dense_attention: backend must be 'fa4' or one of {sorted(CUDA_BACKENDS)}, got {backend!r}")
    with sdpa_kernel(CUDA_BACKENDS[backend]):
        return F.scaled_dot_product_attention(q, k, v, scale=scale)


def attention_with_lse(
    q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, scale: float, backend: str = "cudnn"
) -> tuple[torch.Tensor, torch.Tensor]:
    """Dense attention that also returns the natural-log log-sum-exp of the scaled scores.

    Returns ``out (B, H, Sq, D)`` in the input dtype and ``lse (B, H, Sq)`` in float32
    (any strides). CUDA: cuDNN (``backend="cudnn"``), FlashAttention-2 (``"fa2"``) or
    FlashAttention-4 (``"fa4"``); CPU: PyTorch's CPU flash kernel.
    """
    if q.device.type == "cuda":
        if backend == "fa4":
            return _fa4(q, k, v, scale, return_lse=True)
        if backend == "cudnn":
            result = torch.ops.aten._scaled_dot_product_cudnn_attention(
                q, k, v, None, True, 0.0, False, False, scale=scale
            )
        elif backend == "fa2":
            result = torch.ops.aten._scaled_dot_product_flash_attention(q, k, v, 0.0, False, False, scale=scale)
        else:
            raise ValueError(f"attention_with_lse: backend must be 'cudnn', 'fa2' or 'fa4' on CUDA, got {backend!r}")
    else:
        result = torch.ops.aten._scaled_dot_product_flash_attention_for_cpu(q, k, v, 0.0, False, scale=scale)
    out, lse = result[0], result[1]
    if lse.dim() == 4:  # cuDNN returns (B, H, Sq, 1) in some versions
        lse = lse.squeeze(-1)
    return out, lse
