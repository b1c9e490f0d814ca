"""``fbs``: the frame-block-sparse kernels of ``lvsa_worker.kernels.frame_block_sparse`` (CUDA; CPU too).

That module is written separately; this file only registers it. Its contract:
``plan_fbs(rows, tokens_per_frame, text_tokens, num_heads, head_dim, device, dtype, method="auto") -> plan``
and ``fbs_attention(q, k, v, plan, scale=None) -> out`` on ``(B, S, H, D)`` tensors, where ``rows`` are the
plan's interval rows for one step.

Padded joint text (HunyuanVideo 1.5) is dropped, not masked: the real text tokens come first (a prefix, as
``TextKeys.prefix_lengths`` reports), so a batch item with ``r`` real tokens runs the kernels on its first
``video + r`` tokens with a kernel plan for ``text_tokens=r`` (planned once per pattern and real count), and its
padding queries get a zero output. Every video query then attends its frames and every real text key, text
queries attend every non-padding key, and no query attends a padding key: exactly the reference's mask, with no
(B, 1, S, S) boolean mask and no masked kernel. A text layout that is not a prefix is refused.

The dense inner kernel (``inner`` of ``plan_fbs``: ``auto``, ``cudnn``, ``fa2``, ``fa4``) comes from the
environment variable ``LVSA_FBS_INNER`` (default ``auto``: FA4 where ``flash_attn.cute`` imports on an sm90+
GPU, else cuDNN). The choice and its reason are logged once per pattern and kept on the prepared state
(``inner``, ``inner_note``); a requested ``fa4`` that cannot run is ``BackendUnavailable`` naming the cause.

With ``frame_reorder=True`` (the runtime asks when the model adapter permutes frames once per step) the kernel
plan may name a frame order (split-lse's compact order: anchors first); the prepared state carries it as
``frame_order`` and every layer's q, k, v arrive in it, so split-lse copies nothing per layer.
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
    def __init__(self, layout, kernel_plan, frame_density: float, make_plan):
        self.layout = layout
        self.kernel_plan = kernel_plan
        self.frame_density = frame_density
        self.inner = getattr(kernel_plan, "inner", None)
        self.inner_note = getattr(kernel_plan, "inner_note", "")
        self.make_plan = make_plan  # text_tokens -> kernel plan of this pattern
        self.by_real_text = {layout.text_tokens: kernel_plan}  # real text count -> kernel plan
        order = kernel_plan.frame_order
        self.frame_order = None if order is None else torch.tensor(order, dtype=torch.int64, device=kernel_plan.device)

    def plan_for_text(self, real_text: int):
        """The kernel plan for ``real_text`` real text tokens (built on first use, then cached)."""
        plan = self.by_real_text.get(real_text)
        if plan is None:
            plan = self.by_real_text[real_text] = self.make_plan(real_text)
        return plan


class FbsBackend(AttentionBackend):
    name = "fbs"
    devices = ("cuda", "cpu")
    supports_score_transform = False
    supports_padded_text = True
    supports_frame_reorder = True
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

    def prepare(self, mask, layout, *, device, dtype, num_heads, head_dim, score_transform=None,
                frame_reorder=False):
        rows = mask.rows
        if rows is None:  # dense: one interval per query frame
            rows = tuple(((0, layout.latent_frames - 1),) for _ in range(layout.latent_frames))
        rows = [[list(interval) for interval in row] for row in rows]
        from ..kernels.inner import InnerKernelUnavailable

        inner = os.environ.get(INNER_ENV, "").strip()
        options = {"inner": inner} if inner else {}  # unset: the kernels' AUTO_OPTIONS decide ("auto")
        module = self._module()

        def make_plan(text_tokens: int):
            return module.plan_fbs(rows, layout.tokens_per_frame, text_tokens, num_heads, head_dim, device, dtype,
                                   frames_reorderable=frame_reorder, **options)

        try:
            kernel_plan = make_plan(layout.text_tokens)
        except InnerKernelUnavailable as exc:
            source = f" ({INNER_ENV}={inner})" if inner else ""
            raise BackendUnavailable(f"backend fbs{source}: {exc}") from None
        log.info("backend fbs: method %s, inner kernel %s%s", kernel_plan.method, kernel_plan.inner_note or "-",
                 ", frames in compact order" if kernel_plan.frame_order is not None else "")
        # Realised density: what the kernel's plan holds (its own rows), not the plan file's figure.
        return FbsPrepared(layout, kernel_plan, float(getattr(kernel_plan, "frame_density", mask.frame_density)),
                           make_plan)

    def run(self, prepared: FbsPrepared, q, k, v, text: TextKeys | None = None, scale=None):
        layout = prepared.layout
        layout.check(q, k, v)
        attend = self._module().fbs_attention
        if text is None or not layout.text_tokens:
            return self._checked(attend(q, k, v, prepared.kernel_plan, scale=scale), q.shape)
        if text.prefix_lengths is None:
            raise ValueError("backend fbs needs the real text tokens to come first (a prefix)")
        out = torch.empty(q.shape, dtype=q.dtype, device=q.device)
        # one call for the whole batch when every item has the same real text count, else one per item
        uniform = text.uniform_prefix
        groups = [(slice(None), uniform)] if uniform is not None else \
            [(slice(i, i + 1), real) for i, real in enumerate(text.prefix_lengths)]
        for items, real in groups:
            used = layout.video_tokens + real
            o = attend(q[items, :used], k[items, :used], v[items, :used], prepared.plan_for_text(real), scale=scale)
            out[items, :used] = self._checked(o, q[items, :used].shape)
            out[items, used:] = 0  # padding text queries attend nothing
        return out

    @staticmethod
    def _checked(out, shape):
        if not isinstance(out, torch.Tensor) or out.shape != shape:
            raise ValueError(f"fbs_attention returned {getattr(out, 'shape', type(out))}, expected {tuple(shape)}")
        return out


def _inner_choice(device):
    """(the InnerChoice fbs would run on ``device``, None) or (None, why not): ``LVSA_FBS_INNER``, else the kernels'
    ``AUTO_OPTIONS``."""
    from ..kernels.frame_block_sparse import AUTO_OPTIONS
    from ..kernels.inner import InnerKernelUnavailable, resolve_inner

    requested = os.environ.get(INNER_ENV, "").strip() or AUTO_OPTIONS.get("split-lse", {}).get("inner", "auto")
    try:
        return resolve_inner(requested, device), None
    except (InnerKernelUnavailable, ValueError) as exc:
        return None, str(exc)


def inner_kernel_name(device) -> str | None:
    """The dense inner kernel fbs would run on ``device`` (``fa4``, ``cudnn``, ``fa2``), or None when the requested
    one cannot run there."""
    choice, _ = _inner_choice(device)
    return choice.name if choice else None


def inner_status(device) -> str:
    """One line: the dense inner kernel fbs would run on ``device`` and why, or why the requested one cannot run.
    For ``python -m lvsa_worker backends``."""
    choice, why = _inner_choice(device)
    return choice.note if choice else f"unavailable: {why}"


register(FbsBackend())
