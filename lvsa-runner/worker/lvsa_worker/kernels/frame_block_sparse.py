"""Frame-block-sparse attention: plan once per denoising step, run in every layer.

Self-attention over ``T`` latent frames of ``P`` tokens each (plus ``text_tokens`` joint
text tokens after the video tokens), where query frame ``f`` attends every token of the
key frames in ``rows[f]`` (inclusive ``[first, last]`` intervals) and every text key,
and text queries attend every key. Exact: the result equals masked dense attention.

Example (CPU, float32), checked against the dense reference::

    >>> import torch
    >>> from lvsa_worker.kernels import plan_fbs, fbs_attention, masked_reference_attention
    >>> rows = [[[0, 1]], [[0, 2]], [[0, 0], [2, 3]], [[0, 0], [3, 3]]]   # 4 frames
    >>> plan = plan_fbs(rows, tokens_per_frame=24, text_tokens=8, num_heads=2, head_dim=16,
    ...                 device="cpu", dtype=torch.float32)
    >>> plan.method, plan.num_tokens
    ('gather', 104)
    >>> q, k, v = (torch.randn(1, 104, 2, 16) for _ in range(3))    # (B, S, H, D)
    >>> out = fbs_attention(q, k, v, plan)
    >>> ref = masked_reference_attention(q, k, v, rows, tokens_per_frame=24, text_tokens=8)
    >>> torch.allclose(out, ref, atol=1e-5)
    True

Methods (all exact): ``dense`` (full masks only), ``gather``, ``split-lse``, ``triton``,
``flex``, ``flex-allpartial``, ``fa4-bsr`` (FA4's block-sparse forward; CUDA sm90+ with FA4 only).
``method="auto"`` takes the first entry of :data:`AUTO_PREFERENCE` for the device that the rows allow.
``dense``, ``gather`` and ``split-lse`` call a dense inner kernel chosen by the option ``inner`` (``auto``,
``cudnn``, ``fa2``, ``fa4``; :mod:`.inner`); the plan records it (``plan.inner``) and why (``plan.inner_note``).
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from numbers import Integral
from typing import Any

import torch

from . import fa4_bsr as _fa4_bsr
from . import flex as _flex
from . import gather as _gather
from . import split_lse as _split
from . import triton_fbs as _triton
from .inner import InnerKernelUnavailable, fa4_unavailable_reason, resolve_inner
from .rows import anchor_window_form, attended_pairs, frame_mask, validate_rows
from .sdpa_ops import dense_attention

METHODS = ("dense", "gather", "split-lse", "triton", "flex", "flex-allpartial", "fa4-bsr")

#: What ``method="auto"`` picks, per device type, in order of preference: the first
#: method the rows allow wins (a full mask always runs ``dense``). Edit after measuring
#: (python -m bench.attention_bench); split-lse is the default on CUDA until the H200 says otherwise.
AUTO_PREFERENCE: dict[str, tuple[str, ...]] = {
    "cuda": ("split-lse", "gather"),
    "cpu": ("gather",),
}

#: Options ``method="auto"`` uses with the method it picks (explicit options win).
#: If the inner kernel refuses the overlapping strided windows on a GPU, set window_mode "gather" here.
#: ``inner="auto"`` runs FA4 where it imports on an sm90+ GPU, else cuDNN (see :mod:`.inner`).
AUTO_OPTIONS: dict[str, dict] = {
    "split-lse": {"window_mode": "strided", "inner": "auto"},
}

#: What ``method="auto"`` changes in :data:`AUTO_OPTIONS` when the caller can reorder the frames
#: (``frames_reorderable``) and the inner kernel is FA4 (options the caller passes still win): in split-lse's compact
#: order the strided windows break into about twice as many segments (an anchor frame's query sits apart from its
#: neighbours and each anchor takes a step of two out of their window starts), so the whole window part runs as one
#: FA4 variable-length call. Measured on an H100 on 2026-12-06 (bench/results/h100-2026-12-06b/): compiled Wan 1.3B
#: step at 6x 2,839 ms against 2,853 ms with strided windows, both reordered. Its sequences' partial last query
#: tiles go to a second small call (``query_tails="split"``, :mod:`.varlen_tails`): on an H100 on 2026-12-06
#: (bench/results/h100-2026-12-06c/) the 6x call 0.7-2.3% faster in four comparisons on two machines; the compiled
#: step 1.0% faster on one (2,722.0 against 2,748.8 ms), unchanged on the other (2,777.3 against 2,778.5 ms).
AUTO_OPTIONS_REORDERED_FA4: dict[str, dict] = {
    "split-lse": {"window_mode": "varlen", "query_tails": "split"},
}

#: Methods that call a dense inner kernel, and so take the option ``inner``.
INNER_METHODS = ("dense", "gather", "split-lse")


@contextlib.contextmanager
def auto_options_override(method: str, **options):
    """Within the block, ``method="auto"`` passes ``options`` to ``method`` on top of :data:`AUTO_OPTIONS`.

    For benches and checks that compare variants through the worker's ``fbs`` backend, e.g.
    ``with auto_options_override("split-lse", window_mode="gather"): ...``. Not thread-safe.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    with _entry_replaced(AUTO_OPTIONS, method, lambda saved: {**(saved or {}), **options}):
        yield


@contextlib.contextmanager
def auto_method_override(method: str, device_type: str = "cuda"):
    """Within the block, ``method="auto"`` on ``device_type`` tries ``method`` first (rows it cannot run, and
    full masks, still go to the next choice). For benches that compare methods through the worker's ``fbs``
    backend, e.g. ``with auto_method_override("fa4-bsr"): ...``. Not thread-safe."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    with _entry_replaced(AUTO_PREFERENCE, device_type,
                         lambda saved: (method, *(m for m in saved or () if m != method))):
        yield


@contextlib.contextmanager
def _entry_replaced(table: dict, key, replace):
    """Within the block ``table[key]`` is ``replace(its value or None)``; afterwards it is restored (or removed)."""
    saved = table.get(key)
    table[key] = replace(saved)
    try:
        yield
    finally:
        if saved is None:
            table.pop(key, None)
        else:
            table[key] = saved


def parse_variant(spec: str) -> tuple[str, dict]:
    """``"fbs:window_mode=gather,merge=torch"`` -> ``("fbs", {"window_mode": "gather", "merge": "torch"})``.

    Integer values become ints. Raises ValueError quoting ``spec`` when an option is not ``key=value``.
    """
    name, _, rest = spec.partition(":")
    options = {}
    for item in filter(None, (part.strip() for part in rest.split(","))):
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise ValueError(f"{spec!r}: options must be key=value, got {item!r}")
        options[key.strip()] = int(value) if value.strip().lstrip("-").isdigit() else value.strip()
    return name.strip(), options


@dataclass(frozen=True)
class FbsPlan:
    """Everything one denoising step's pattern needs, built by :func:`plan_fbs`.

    ``impl`` holds the method's index tables (device tensors); the other fields
    describe the pattern.
    """

    method: str
    rows: tuple[tuple[int, ...], ...]  # attended key frames per query frame
    num_frames: int
    tokens_per_frame: int
    text_tokens: int
    num_heads: int
    head_dim: int
    device: torch.device
    dtype: torch.dtype
    attended_pairs: int
    impl: Any = field(repr=False, default=None)
    options: dict = field(default_factory=dict)
    inner: str | None = None  # the dense inner kernel that runs (dense, gather, split-lse), else None
    inner_note: str = ""  # why that inner kernel (e.g. "auto: fa4 (flash-attn-4 4.0.0b36 on sm90)")

    @property
    def num_tokens(self) -> int:
        return self.num_frames * self.tokens_per_frame + self.text_tokens

    @property
    def density(self) -> float:
        """Share of (query token, key token) pairs attended, text included."""
        return self.attended_pairs / float(self.num_tokens) ** 2

    @property
    def frame_density(self) -> float:
        """Share of (query frame, key frame) pairs attended."""
        return sum(len(r) for r in self.rows) / float(self.num_frames) ** 2

    def flops(self) -> int:
        """Effective FLOPs of one call: 4 x attended pairs x head_dim x heads (per batch item)."""
        return 4 * self.attended_pairs * self.head_dim * self.num_heads

    @property
    def frame_order(self) -> tuple[int, ...] | None:
        """The order q, k, v's video frames must arrive in (and the output leaves in), or None: natural order.
        Set only by split-lse's ``input_order="compact"``."""
        return getattr(self.impl, "frame_order", None) if self.method == "split-lse" else None


def _check_positive(name: str, value, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def _resolve_auto(device: torch.device, full: bool, split_ok: bool) -> str:
    if full:
        return "dense"
    for method in AUTO_PREFERENCE.get(device.type, ("gather",)):
        if method == "split-lse" and not split_ok:
            continue
        if method == "triton" and device.type != "cuda" and not _triton.is_interpreted():
            continue
        return method
    return "gather"


#: The options each method takes as keyword arguments of :func:`plan_fbs` (``inner`` is resolved there, the rest
#: passed to the method's planner):
#:
#: - gather: ``chunk_frames`` (16), ``inner``
#: - split-lse: ``window_mode`` ("strided", "gather", or "varlen": the window part as one FA4 variable-length
#:   call, inner fa4 only), ``inner``, ``merge`` ("auto", "triton", "torch"), ``input_order`` ("natural", or
#:   "compact": q, k, v arrive with their frames in ``plan.frame_order``; see ``frames_reorderable``), ``overlap``
#:   ("off", or "on": the varlen window call on a second CUDA stream beside the anchor call,
#:   ``query_tails`` ("whole", or "split": varlen only, each window sequence's partial last query tile goes to a
#:   second small call by key interval; ``query_tile``, default 128, the rows per tile it rounds to)
#: - triton: ``block_m`` (128 on CUDA, 32 on CPU), ``config`` ((BLOCK_N, warps, stages) or None: autotune),
#:   ``text_backend``
#: - flex, flex-allpartial: ``compile`` (True: torch.compile'd kernel on CUDA; False: eager), ``flex_backend``
#:   ("triton", default; "flash": Inductor's FA4 CuTe-DSL template, ``kernel_options={"BACKEND": "FLASH"}``)
#: - fa4-bsr: ``lookup`` ("divide", "token-table": how its mask_mod finds a token's frame)
#: - dense: ``inner``
#:
#: ``inner`` is the dense kernel inside dense, gather and split-lse: ``"auto"`` (default: fa4 where
#: ``flash_attn.cute`` imports and the GPU is sm90 or newer, else cudnn), ``"cudnn"``, ``"fa2"``, ``"fa4"``.
METHOD_OPTIONS = {
    "dense": {"inner"},
    "gather": {"chunk_frames", "inner"},
    "split-lse": {"window_mode", "inner", "merge", "input_order", "overlap", "query_tails", "query_tile"},
    "triton": {"block_m", "config", "text_backend"},
    "flex": {"compile", "flex_backend"},
    "flex-allpartial": {"compile", "flex_backend"},
    "fa4-bsr": {"lookup"},
}


def _checked_sizes(tokens_per_frame, text_tokens, num_heads, head_dim) -> tuple[int, int, int, int]:
    """(tokens per frame, text tokens, heads, head dim), each a positive integer (text tokens may be 0)."""
    return (_check_positive("tokens_per_frame", tokens_per_frame),
            _check_positive("text_tokens", text_tokens, minimum=0),
            _check_positive("num_heads", num_heads), _check_positive("head_dim", head_dim))


def _method_plan(method, frame_sets, mask, form, p, text, dim, device, choice, options, method_options):
    """The chosen method's own plan (its index tables), or ValueError when it cannot run these rows."""
    if method == "dense":
        if not mask.all():
            raise ValueError(
                f"method 'dense' needs every query frame to attend every key frame; frame density is "
                f"{mask.mean():.3f}"
            )
        return choice.name
    if method == "gather":
        return _gather.plan_gather(frame_sets, p, text, device, **method_options)
    if method == "split-lse":
        if isinstance(form, str):
            raise ValueError(f"method 'split-lse' needs anchors plus contiguous windows: {form}")
        return _split.plan_split_lse(form, p, text, device, **method_options)
    if method == "triton":
        return _triton.plan_triton(mask, p, text, dim, device, **options)
    if method == "fa4-bsr":
        reason = fa4_unavailable_reason(device)
        if reason is not None:
            raise InnerKernelUnavailable(f"method 'fa4-bsr' runs FA4's block-sparse kernel: {reason}")
        return _fa4_bsr.plan_fa4_bsr(mask, p, text, device, **options)
    return _flex.plan_flex(mask, p, text, device, all_partial=method == "flex-allpartial", **options)


def _method_options(method: str, auto: bool, explicit: dict, device, reorderable: bool):
    """(the method planner's keyword arguments, every option in force, the inner kernel choice or None)."""
    options = {**AUTO_OPTIONS.get(method, {}), **explicit} if auto else explicit
    allowed = METHOD_OPTIONS[method]
    unknown = set(options) - allowed
    if unknown:
        raise ValueError(f"method {method!r} takes no option(s) {sorted(unknown)}; it takes {sorted(allowed)}")
    choice = resolve_inner(options.get("inner", "auto"), device) if method in INNER_METHODS else None
    method_options = {k: v for k, v in options.items() if k != "inner"}
    if reorderable and method == "split-lse" and options.get("window_mode") != "gather":
        method_options.setdefault("input_order", "compact")
        if auto and choice.name == "fa4":
            method_options.update({k: v for k, v in AUTO_OPTIONS_REORDERED_FA4.get(method, {}).items()
                                   if k not in explicit})
            if method_options.get("window_mode") != "varlen" and "query_tails" not in explicit:
                method_options.pop("query_tails", None)  # tails split only a varlen call: not with the caller's mode
    if choice is not None:
        method_options["backend"] = choice.name
    return method_options, options, choice


def plan_fbs(
    rows: Sequence[Sequence[Sequence[int]]],
    tokens_per_frame: int,
    text_tokens: int,
    num_heads: int,
    head_dim: int,
    device,
    dtype: torch.dtype,
    method: str = "auto",
    frames_reorderable: bool = False,
    **options,
) -> FbsPlan:
    """Validates the pattern and builds the index tables of ``method`` (once per step).

    rows: one entry per query frame (T entries), each a list of inclusive key-frame
    intervals ``[[first, last], ...]``, sorted and disjoint. Method options (keyword arguments): see
    :data:`METHOD_OPTIONS`.

    ``frames_reorderable``: the caller can hand q, k, v with their video frames in any order the plan names
    (``plan.frame_order``) and take the output back in that order, as a model adapter that permutes its frames
    once per step can. Split-lse then reads its anchors and windows as slices (``input_order="compact"``) when
    there is no joint text and its windows are not gathered; other methods ignore it (``frame_order`` None).

    Raises ``ValueError`` quoting the values on bad input, and when ``method`` cannot run
    these rows (``split-lse`` needs anchors + contiguous windows; ``dense`` a full mask);
    :class:`.inner.InnerKernelUnavailable` naming the cause when ``inner="fa4"`` cannot run here.
    """
    frame_sets = validate_rows(rows)
    p, text, heads, dim = _checked_sizes(tokens_per_frame, text_tokens, num_heads, head_dim)
    device = torch.device(device)
    if not isinstance(dtype, torch.dtype) or not dtype.is_floating_point:
        raise ValueError(f"dtype must be a floating torch.dtype, got {dtype!r}")
    if method != "auto" and method not in METHODS:
        raise ValueError(f"method must be 'auto' or one of {METHODS}, got {method!r}")
    mask = frame_mask(frame_sets)
    form = anchor_window_form(frame_sets)
    auto = method == "auto"
    if auto:
        method = _resolve_auto(device, bool(mask.all()), not isinstance(form, str))
    method_options, options, choice = _method_options(method, auto, options, device, frames_reorderable and text == 0)
    impl = _method_plan(method, frame_sets, mask, form, p, text, dim, device, choice, options, method_options)
    return FbsPlan(
        method=method,
        rows=frame_sets,
        num_frames=len(frame_sets),
        tokens_per_frame=p,
        text_tokens=text,
        num_heads=heads,
        head_dim=dim,
        device=device,
        dtype=dtype,
        attended_pairs=attended_pairs(frame_sets, p, text),
        impl=impl,
        options=dict(options),
        inner=choice.name if choice else None,
        inner_note=choice.note if choice else "",
    )


def _same_device(a: torch.device, b: torch.device) -> bool:
    return a.type == b.type and (a.index is None or b.index is None or a.index == b.index)


def fbs_attention(
    q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, plan: FbsPlan, scale: float | None = None
) -> torch.Tensor:
    """Frame-block-sparse attention.

    q, k, v: ``(B, S, H, D)`` with ``S = T*P + text_tokens`` (any strides); returns
    ``(B, S, H, D)``, contiguous, in q's dtype. ``scale`` defaults to ``1/sqrt(D)``.
    No host synchronisation: only shapes are checked here.
    """
    expected = (plan.num_tokens, plan.num_heads, plan.head_dim)
    for name, t in (("q", q), ("k", k), ("v", v)):
        if t.dim() != 4 or tuple(t.shape[1:]) != expected:
            raise ValueError(f"{name} must have shape (B, {expected[0]}, {expected[1]}, {expected[2]}), got {tuple(t.shape)}")
        if t.dtype != plan.dtype or not _same_device(t.device, plan.device):
            raise ValueError(
                f"{name} is {t.dtype} on {t.device} but the plan was built for {plan.dtype} on {plan.device}"
            )
    if k.shape[0] != q.shape[0] or v.shape[0] != q.shape[0]:
        raise ValueError(f"q, k, v batch sizes differ: {q.shape[0]}, {k.shape[0]}, {v.shape[0]}")
    scale = 1.0 / math.sqrt(plan.head_dim) if scale is None else float(scale)
    p, text = plan.tokens_per_frame, plan.text_tokens
    if plan.method == "dense":
        o = dense_attention(q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), scale, plan.impl)
        return o.transpose(1, 2).contiguous()
    if plan.method == "gather":
        return _gather.run_gather(q, k, v, plan.impl, p, text, scale)
    if plan.method == "split-lse":
        return _split.run_split_lse(q, k, v, plan.impl, p, text, scale)
    if plan.method == "triton":
        return _triton.run_triton(q, k, v, plan.impl, p, text, scale)
    if plan.method == "fa4-bsr":
        return _fa4_bsr.run_fa4_bsr(q, k, v, plan.impl, scale)
    return _flex.run_flex(q, k, v, plan.impl, scale)
