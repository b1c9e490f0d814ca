"""The inner dense kernel that ``dense``, ``gather`` and ``split-lse`` call: one option, ``inner``.

Values (:data:`INNER_KERNELS`):

- ``cudnn``: PyTorch's cuDNN attention (SDPA backend ``CUDNN_ATTENTION``);
- ``fa2``: PyTorch's FlashAttention-2 (SDPA backend ``FLASH_ATTENTION``);
- ``fa4``: FlashAttention-4, the CuTe-DSL kernels of the ``flash-attn-4`` package (import path
  ``flash_attn.cute``; worker extra ``[fa4]``), on CUDA GPUs of compute capability 9.0 (Hopper) or newer;
- ``auto``: ``fa4`` where it can run, else ``cudnn``; the resolution says why (:class:`InnerChoice`).

On CPU every inner kernel is PyTorch's own CPU attention (``cudnn``/``fa2`` name the CUDA kernel only);
``fa4`` on CPU is refused. A requested ``fa4`` that cannot run raises :class:`InnerKernelUnavailable`
naming the cause: there is no silent fallback.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import torch

INNER_KERNELS = ("cudnn", "fa2", "fa4")
#: FA4's import path and the pip distribution that provides it.
FA4_MODULE = "flash_attn.cute"
FA4_DISTRIBUTION = "flash-attn-4"
FA4_INSTALL_HINT = "pip install 'lvsa-worker[fa4]' (flash-attn-4 with nvidia-cutlass-dsl[cu13])"
#: FA4's forward kernels exist for sm90 (Hopper) and sm100 (Blackwell) and newer.
FA4_MIN_CAPABILITY = (9, 0)


class InnerKernelUnavailable(RuntimeError):
    """A requested inner kernel cannot run on this device; the message names the cause."""


@dataclass(frozen=True)
class InnerChoice:
    """The inner kernel a plan runs (``name``) and why (``note``, one line)."""

    name: str
    note: str


def fa4_module():
    """FA4's module ``flash_attn.cute`` (raises ImportError when it cannot be imported)."""
    return importlib.import_module(FA4_MODULE)


def fa4_version() -> str | None:
    try:
        from importlib.metadata import version

        return version(FA4_DISTRIBUTION)
    except Exception:  # noqa: BLE001 - not installed as a distribution (e.g. a source checkout)
        return None


def fa4_unavailable_reason(device) -> str | None:
    """None when FA4 can run on ``device``; else the cause, in one line."""
    device = torch.device(device)
    if device.type != "cuda":
        return f"inner kernel fa4 runs on CUDA GPUs only, not on {device.type}"
    if not torch.cuda.is_available():
        return "inner kernel fa4 needs CUDA, but torch.cuda.is_available() is False"
    capability = tuple(torch.cuda.get_device_capability(device))
    if capability < FA4_MIN_CAPABILITY:
        return (f"inner kernel fa4 needs compute capability {FA4_MIN_CAPABILITY[0]}.{FA4_MIN_CAPABILITY[1]} "
                f"(sm90, Hopper) or newer; {torch.cuda.get_device_name(device)} is sm{capability[0]}{capability[1]}")
    try:
        fa4_module()
    except Exception as exc:  # noqa: BLE001 - ImportError, or a broken CuTe-DSL install failing at import
        text = " ".join(str(exc).split())[:200]
        return f"inner kernel fa4: import {FA4_MODULE} failed ({type(exc).__name__}: {text}); {FA4_INSTALL_HINT}"
    return None


def resolve_inner(inner: str, device) -> InnerChoice:
    """The inner kernel to run for ``inner`` (``auto`` or one of :data:`INNER_KERNELS`) on ``device``.

    Raises ValueError for an unknown name and :class:`InnerKernelUnavailable` when ``fa4`` was asked
    for and cannot run here.
    """
    if inner != "auto" and inner not in INNER_KERNELS:
        raise ValueError(f"inner must be 'auto' or one of {INNER_KERNELS}, got {inner!r}")
    device = torch.device(device)
    if inner == "fa4":
        reason = fa4_unavailable_reason(device)
        if reason is not None:
            raise InnerKernelUnavailable(reason)
        return InnerChoice("fa4", f"fa4 requested ({_fa4_label(device)})")
    if inner != "auto":
        return InnerChoice(inner, f"{inner} requested" + ("" if device.type == "cuda" else
                                                          f" (on {device.type}: PyTorch's own kernel runs)"))
    if device.type != "cuda":
        return InnerChoice("cudnn", f"auto: cudnn (on {device.type}: PyTorch's own kernel runs)")
    reason = fa4_unavailable_reason(device)
    if reason is None:
        return InnerChoice("fa4", f"auto: fa4 ({_fa4_label(device)})")
    return InnerChoice("cudnn", f"auto: cudnn, because {reason}")


def _fa4_label(device: torch.device) -> str:
    major, minor = torch.cuda.get_device_capability(device)
    return f"{FA4_DISTRIBUTION} {fa4_version() or 'unknown version'} on sm{major}{minor}"
