"""One registry, one dispatch: backends by name, and the resolution of ``auto``.

Resolution order: the name the caller asked for (CLI/serve job) > the plan's ``backend.name``. A named
backend that cannot run here is an error (``BackendUnavailable``) naming the cause and the install hint,
never a silent fallback. ``auto`` picks the first available backend of the device's preference list and
the result reports which one ran.

The names are those of ``contracts/backends.json`` (shared with Java): every built-in backend below declares
its name as a class attribute and registers itself when :func:`_ensure_builtin` imports its module; a test
checks that the built-in names equal the contract's, ``auto`` aside. Adding a backend is one call and one
entry in that file::

    register(MyBackend())          # a subclass of AttentionBackend with name, devices, prepare, run
"""

from __future__ import annotations

import os

from ..errors import BackendUnavailable, UnsupportedFeature
from .base import AttentionBackend

_REGISTRY: dict[str, AttentionBackend] = {}

# Preference lists for ``auto``, fastest first as measured (LVSA_AUTO_BACKENDS_<DEVICE>=name,name overrides
# them at run time). CUDA, H200, Wan 2.1 1.3B shapes, one transformer step at 6x (docs/kernels.md):
# fbs (split-lse) 3.69 s, flashinfer 3.77 s, sdpa-gather 4.00 s; per attention call at 6x: 70.9 / 75.2 / 86.1 ms.
# With FlashAttention-4 as fbs's inner kernel (its default where FA4 imports on sm90+; 2026-12-04, compiled step,
# rotation-cycle medians): fbs 2.90 s per 6x step; per call 64.1 ms against flashinfer's 78.8 ms.
AUTO_ORDER: dict[str, tuple[str, ...]] = {
    "cuda": ("fbs", "flashinfer", "sdpa-gather"),
    "npu": ("sdpa-gather",),
    "cpu": ("sdpa-gather",),
}
# When the model joins padded text (HunyuanVideo 1.5; fbs drops the padding, flashinfer masks it). Measured on the
# H200 (2026-12-05, bench.hv15_memory_bench, 257 frames, 80 GB cap, one forward): fbs with FA4 inside 5.52 s,
# flashinfer 6.63 s; so fbs comes first where its inner kernel is FA4 (AUTO_ORDER_PADDED_TEXT_FA4). fbs with cuDNN
# inside was not measured against flashinfer on that bench, so flashinfer stays first there.
AUTO_ORDER_PADDED_TEXT: dict[str, tuple[str, ...]] = {
    "cuda": ("flashinfer", "fbs", "sdpa-gather"),
}
AUTO_ORDER_PADDED_TEXT_FA4: dict[str, tuple[str, ...]] = {
    "cuda": ("fbs", "flashinfer", "sdpa-gather"),
}
# When the plan carries a score transform (UltraViCo) only transform-capable backends qualify.
AUTO_ORDER_SCORE_TRANSFORM: dict[str, tuple[str, ...]] = {
    "cuda": ("flex",),
    "npu": ("reference",),
    "cpu": ("reference",),
}


def register(backend: AttentionBackend) -> AttentionBackend:
    if not backend.name:
        raise ValueError("a backend needs a name")
    _REGISTRY[backend.name] = backend
    return backend


def names() -> list[str]:
    _ensure_builtin()
    return sorted(_REGISTRY)


def get(name: str) -> AttentionBackend:
    _ensure_builtin()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UnsupportedFeature(
            f"backend {name!r} is unknown; known: auto, {', '.join(sorted(_REGISTRY))}"
        ) from None


def availability(device_type: str) -> dict[str, str | None]:
    """For each backend: None when it can run on ``device_type``, else the reason it cannot."""
    _ensure_builtin()
    return {name: backend.unavailable_reason(device_type) for name, backend in sorted(_REGISTRY.items())}


def resolve(name: str, device_type: str, needs_score_transform: bool,
            needs_padded_text: bool = False) -> AttentionBackend:
    """The backend to run for the requested ``name`` (``auto`` or a registered name).

    ``needs_padded_text``: the model joins padded text tokens to self-attention (HunyuanVideo 1.5);
    ``auto`` then skips backends that cannot mask them, and naming one is an error.
    """
    _ensure_builtin()
    if name == "auto":
        order = _auto_order(device_type, needs_score_transform, needs_padded_text)
        reasons = []
        for candidate in order:
            backend = _REGISTRY.get(candidate)
            reason = "not registered" if backend is None else backend.unavailable_reason(device_type)
            if reason is None and needs_padded_text and not backend.supports_padded_text:
                reason = "cannot mask padded text tokens"
            if reason is None:
                return backend
            reasons.append(f"{candidate}: {reason}")
        raise BackendUnavailable(
            f"backend auto found nothing usable on {device_type} ({'; '.join(reasons) or 'empty list'})"
        )
    backend = get(name)
    reason = backend.unavailable_reason(device_type)
    if reason is not None:
        raise BackendUnavailable(reason)
    if needs_score_transform and not backend.supports_score_transform:
        capable = sorted(n for n, b in _REGISTRY.items() if b.supports_score_transform)
        raise UnsupportedFeature(
            f"backend {name} cannot execute a score transform (UltraViCo); use auto or one of {', '.join(capable)}"
        )
    if needs_padded_text and not backend.supports_padded_text:
        capable = sorted(n for n, b in _REGISTRY.items() if b.supports_padded_text)
        raise UnsupportedFeature(
            f"backend {name} cannot mask padded text tokens (joint text of this model); "
            f"use auto or one of {', '.join(capable)}"
        )
    return backend


def _auto_order(device_type: str, needs_score_transform: bool, needs_padded_text: bool = False) -> tuple[str, ...]:
    if needs_score_transform:
        table, suffix = AUTO_ORDER_SCORE_TRANSFORM, "_SCORE_TRANSFORM"
    elif needs_padded_text and device_type in AUTO_ORDER_PADDED_TEXT:
        table, suffix = AUTO_ORDER_PADDED_TEXT, "_PADDED_TEXT"
        if device_type in AUTO_ORDER_PADDED_TEXT_FA4 and _fbs_runs_fa4(device_type):
            table = AUTO_ORDER_PADDED_TEXT_FA4
    else:
        table, suffix = AUTO_ORDER, ""
    override = os.environ.get(f"LVSA_AUTO_BACKENDS{suffix}_{device_type.upper()}")
    if override:
        return tuple(n.strip() for n in override.split(",") if n.strip())
    return table.get(device_type, ())


def _fbs_runs_fa4(device_type: str) -> bool:
    """Whether fbs's inner kernel on this device type is FlashAttention-4 (its auto choice, or LVSA_FBS_INNER)."""
    from .fbs import inner_kernel_name

    return inner_kernel_name(device_type) == "fa4"


_loaded = False


def _ensure_builtin() -> None:
    """Register the built-in backends on first use (their modules import nothing heavy at load time)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    from . import fbs, flashinfer_backend, flex, reference, sdpa_gather  # noqa: F401  (they register)
