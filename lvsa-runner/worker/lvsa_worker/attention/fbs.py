"""``fbs``: the frame-block-sparse kernels of ``lvsa_worker.kernels.frame_block_sparse`` (CUDA; CPU too).

That module is written separately; this file only registers it. Its contract:
``plan_fbs(rows, tokens_per_frame, text_tokens, num_heads, head_dim, device, dtype, method="auto") -> plan``
and ``fbs_attention(q, k, v, plan, scale=None) -> out`` on ``(B, S, H, D)`` tensors, where ``rows`` are the
plan's interval rows for one step. Text padding is not part of that contract, so a forward with padded
text tokens is refused rather than run inexactly.

The dense inner kernel (``inner`` of ``plan_fbs``: ``auto``, ``cudnn``, ``fa2``, ``fa4``) comes from the
environment variable ``LVSA_FBS_INNER`` (default ``auto``: FA4 where ``flash_attn.cute`` imports on an sm90+
GPU, else cuDNN). The choice and its reason are logged once per pattern and kept on the prepared state
(``inner``, ``inner_note``); a requested ``fa4`` that cannot run is ``BackendUnavailable`` naming the cause.
"""

from __future__ import annotations

import importlib
import logging
import os

import torch

from ..errors import BackendUnavailable

from .base import AttentionBackend, Prepared, TextKeys
from .registry import register

MODULE = "lvsa_worker.kernels.frame_block_sparse"
INNER_ENV = "LVSA_FBS_INNER"
log = logging.getLogger(__name__)


class FbsPrepared(Prepared):
    def __init__(self, layout, kernel_plan, frame_density: float):
        self.layout = layout
        self.kernel_plan = kernel_plan
        self.frame_density = frame_density
        self.inner = getattr(kernel_plan, "inner", None)
        self.inner_note = getattr(kernel_plan, "inner_note", "")


class FbsBackend(AttentionBackend):
    name = "fbs"
    devices = ("cuda", "cpu")
    supports_score_transform = False
    supports_padded_text = False
    install_hint = f"the module {MODULE} (lvsa-toolkit's own kernel, needs triton)"

    def _module(self):
        return importlib.import_module(MODULE)

    def unavailable_reason(self, device_type):
        reason = super().unavailable_reason(device_type)
        if reason:
            return reason
        try:
            self._module()
        except ImportError as exc:
            return f"backend fbs needs {self.install_hint}: {exc}"
        return None

    def prepare(self, mask, layout, *, device, dtype, num_heads, head_dim, score_transform=None):
        rows = mask.rows
        if rows is None:  # dense: one interval per query frame
            rows = tuple(((0, layout.latent_frames - 1),) for _ in range(layout.latent_frames))
        rows = [[list(interval) for interval in row] for row in rows]
        from ..kernels.inner import InnerKernelUnavailable

        inner = os.environ.get(INNER_ENV, "").strip()
        options = {"inner": inner} if inner else {}  # unset: the kernels' AUTO_OPTIONS decide ("auto")
        try:
            kernel_plan = self._module().plan_fbs(
                rows, layout.tokens_per_frame, layout.text_tokens, num_heads, head_dim, device, dtype, **options
            )
        except InnerKernelUnavailable as exc:
            source = f" ({INNER_ENV}={inner})" if inner else ""
            raise BackendUnavailable(f"backend fbs{source}: {exc}") from None
        log.info("backend fbs: method %s, inner kernel %s", kernel_plan.method, kernel_plan.inner_note or "-")
        # Realised density: what the kernel's plan holds (its own rows), not the plan file's figure.
        return FbsPrepared(layout, kernel_plan, float(getattr(kernel_plan, "frame_density", mask.frame_density)))

    def run(self, prepared: FbsPrepared, q, k, v, text: TextKeys | None = None, scale=None):
        prepared.layout.check(q, k, v)
        if text is not None:
            raise ValueError("backend fbs does not handle padded text tokens")
        out = self._module().fbs_attention(q, k, v, prepared.kernel_plan, scale=scale)
        if not isinstance(out, torch.Tensor) or out.shape != q.shape:
            raise ValueError(f"fbs_attention returned {getattr(out, 'shape', type(out))}, expected {tuple(q.shape)}")
        return out


def inner_status(device) -> str:
    """One line: the dense inner kernel fbs would run on ``device`` and why (``LVSA_FBS_INNER``, else the kernels'
    ``AUTO_OPTIONS``), or why the requested one cannot run. For ``python -m lvsa_worker backends``."""
    from ..kernels.frame_block_sparse import AUTO_OPTIONS
    from ..kernels.inner import InnerKernelUnavailable, resolve_inner

    requested = os.environ.get(INNER_ENV, "").strip() or AUTO_OPTIONS.get("split-lse", {}).get("inner", "auto")
    try:
        return resolve_inner(requested, device).note
    except (InnerKernelUnavailable, ValueError) as exc:
        return f"unavailable: {exc}"


register(FbsBackend())
