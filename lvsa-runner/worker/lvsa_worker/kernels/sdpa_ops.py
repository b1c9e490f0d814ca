"""Thin wrappers over PyTorch's dense attention kernels, with an explicit backend.

All tensors here are ``(batch, heads, seq, head_dim)`` views (usually transposes of the
``(B, S, H, D)`` layout, so no copy is made). On CUDA the backend is forced: when the
requested kernel cannot take the inputs PyTorch raises, it never silently picks another.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch.nn.attention import SDPBackend, sdpa_kernel

#: SDPA backends by the names the bench and the plans use.
CUDA_BACKENDS = {
    "cudnn": SDPBackend.CUDNN_ATTENTION,
    "flash": SDPBackend.FLASH_ATTENTION,
    "efficient": SDPBackend.EFFICIENT_ATTENTION,
    "math": SDPBackend.MATH,
}


def dense_attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, scale: float, backend: str = "cudnn") -> torch.Tensor:
    """Dense attention, ``(B, H, Sq, D) x (B, H, Sk, D) -> (B, H, Sq, D)``.

    On CUDA ``backend`` (cudnn, flash, efficient, math) is the only one allowed;
    on CPU PyTorch's own choice runs.
    """
    if q.device.type != "cuda":
        return F.scaled_dot_product_attention(q, k, v, scale=scale)
    with sdpa_kernel(CUDA_BACKENDS[backend]):
        return F.scaled_dot_product_attention(q, k, v, scale=scale)


def attention_with_lse(
    q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, scale: float, backend: str = "cudnn"
) -> tuple[torch.Tensor, torch.Tensor]:
    """Dense attention that also returns the natural-log log-sum-exp of the scaled scores.

    Returns ``out (B, H, Sq, D)`` in the input dtype and ``lse (B, H, Sq)`` in float32
    (any strides). CUDA: cuDNN (``backend="cudnn"``) or FlashAttention-2 (``"flash"``);
    CPU: PyTorch's CPU flash kernel.
    """
    if q.device.type == "cuda":
        if backend == "cudnn":
            result = torch.ops.aten._scaled_dot_product_cudnn_attention(
                q, k, v, None, True, 0.0, False, False, scale=scale
            )
        elif backend == "flash":
            result = torch.ops.aten._scaled_dot_product_flash_attention(q, k, v, 0.0, False, False, scale=scale)
        else:
            raise ValueError(f"attention_with_lse: backend must be 'cudnn' or 'flash' on CUDA, got {backend!r}")
    else:
        result = torch.ops.aten._scaled_dot_product_flash_attention_for_cpu(q, k, v, 0.0, False, scale=scale)
    out, lse = result[0], result[1]
    if lse.dim() == 4:  # cuDNN returns (B, H, Sq, 1) in some versions
        lse = lse.squeeze(-1)
    return out, lse
