"""Method ``split-lse``: anchors and windows as dense calls, merged by log-sum-exp.

Valid for rows of the form "anchors shared by every row + a window that is contiguous
once the anchors are removed" (LVSA; see :func:`rows.anchor_window_form`).

Per call:

1. K and V are copied once into *compact order*: ``[anchor frames | text | non-anchor
   frames]``. The anchor keys (plus text) are then one contiguous slice, and each query
   frame's window is one contiguous slice of the non-anchor part.
   (``window_mode="gather"`` copies only anchors and text and gathers each window.)
2. Anchor part: ONE dense call of all video queries against the anchor slice, with lse.
3. Window part: per *segment* of consecutive query frames whose windows have equal
   length and starts ``delta`` frames apart, one batched dense call, with lse. With
   ``window_mode="strided"`` the batch of windows is an overlapping strided view of
   the compact K/V (batch stride = ``delta`` frames): no copy. Segments with
   ``delta == 0`` share one window: their queries are folded into one sequence.
   ``window_mode="varlen"`` (inner kernel fa4 only) makes the whole window part ONE
   variable-length call instead: every query frame (or folded segment) is a sequence whose
   keys start at its window in the compact K/V (``cu_seqlens_k``) and run its window's
   length (``seqused_k``), so the windows overlap in one buffer; one merge follows. ``query_tails="split"``
   moves each sequence's partial last query tile into a second, small call (:mod:`.varlen_tails`). With ``overlap="on"`` (CUDA)
   that call runs on a second stream while the anchor call runs, so neither waits for the other's last wave.
4. Merge both parts by log-sum-exp in float32 (fused Triton kernel on CUDA), straight
   into the output. Text queries: one dense call over all keys.
A mask where every row attends every frame is one dense call.

``input_order="compact"`` (no joint text): the caller hands q, k and v with their frames already in compact
order (:attr:`SplitPlan.frame_order`: anchors, then non-anchors) and gets the output in that order. Step 1's
copies vanish (the anchor keys and every window are slices of k and v as given) and the segments of step 3 run
over the query frames in compact order. A model adapter that permutes its frames once per denoising step
(``models/wan.py``) saves the copy in every layer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from .lse_merge import merge_partials
from .rows import AnchorWindowForm, frame_token_index, window_segments
from .sdpa_ops import attention_with_lse, dense_attention
from .varlen_tails import FA4_QUERY_TILE, QUERY_TAILS, VarlenWindowPart, plan_window_part, window_part_attention

WINDOW_MODES = ("strided", "gather", "varlen")
INPUT_ORDERS = ("natural", "compact")
OVERLAP = ("off", "on")


@dataclass(frozen=True)
class SplitSegment:
    first_frame: int
    count: int
    start: int  # compact non-anchor position of the first frame's window
    delta: int
    length: int  # frames per window
    fold: bool  # one shared window: queries folded into one sequence
    key_index: torch.Tensor | None  # gather mode only: token rows of k for all windows


@dataclass(frozen=True)
class SplitPlan:
    full: bool
    anchors: tuple[int, ...]
    anchor_frames: torch.Tensor  # (|A|,) int64
    non_anchor_frames: torch.Tensor  # (|N|,) int64
    identity_order: bool  # compact order equals the original order: no reorder copy
    segments: tuple[SplitSegment, ...]
    anchor_only_runs: tuple[tuple[int, int], ...]  # (first_frame, count) of rows with no window
    window_mode: str
    backend: str  # the resolved inner kernel (cudnn, fa2, fa4): plan_fbs's option ``inner``
    use_triton_merge: bool
    varlen: VarlenWindowPart | None = None  # window_mode "varlen": the window part's calls
    # input_order "compact": the frame order q, k, v arrive in (anchors, then non-anchors); None: natural order
    frame_order: tuple[int, ...] | None = None
    overlap: bool = False  # varlen window call on a second CUDA stream, beside the anchor call


def plan_split_lse(
    form: AnchorWindowForm,
    tokens_per_frame: int,
    text_tokens: int,
    device: torch.device,
    window_mode: str = "strided",
    backend: str = "cudnn",
    merge: str = "auto",
    input_order: str = "natural",
    overlap: str = "off",
    query_tails: str = "whole",
    query_tile: int = FA4_QUERY_TILE,
) -> SplitPlan:
    _check_options(text_tokens, window_mode, backend, merge, input_order, overlap)
    _check_tails(window_mode, query_tails, query_tile)
    num_frames = len(form.window_start)
    order = tuple(form.anchors) + tuple(form.non_anchors)
    identity = order == tuple(range(num_frames)) if text_tokens == 0 else len(form.anchors) == num_frames
    frame_order = None
    form_segments, anchor_only = form.segments, form.anchor_only_frames
    if input_order == "compact" and not identity:
        # query frames arrive in compact order: segments and anchor-only runs index that order
        frame_order = order
        form_segments = window_segments([form.window_start[f] for f in order], [form.window_length[f] for f in order])
        anchor_only = tuple(c for c, f in enumerate(order) if form.window_length[f] == 0)
        identity = True  # k and v arrive in compact order: no copy
    segments = _segments(form, form_segments, tokens_per_frame, window_mode, device)
    use_triton = (device.type == "cuda") if merge == "auto" else merge == "triton"
    return SplitPlan(
        full=len(form.anchors) == num_frames,
        anchors=form.anchors,
        anchor_frames=torch.tensor(form.anchors, dtype=torch.int64, device=device),
        non_anchor_frames=torch.tensor(form.non_anchors, dtype=torch.int64, device=device),
        identity_order=identity,
        segments=segments,
        anchor_only_runs=_runs(anchor_only),
        window_mode=window_mode,
        backend=backend,
        use_triton_merge=use_triton,
        varlen=None if window_mode != "varlen" else plan_window_part(
            _varlen_items(segments, tokens_per_frame, len(form.anchors) * tokens_per_frame + text_tokens),
            query_tails, query_tile, device),
        frame_order=frame_order,
        overlap=overlap == "on" and device.type == "cuda",
    )


def _check_options(text_tokens: int, window_mode: str, backend: str, merge: str, input_order: str,
                   overlap: str) -> None:
    if input_order not in INPUT_ORDERS:
        raise ValueError(f"input_order must be one of {INPUT_ORDERS}, got {input_order!r}")
    if input_order == "compact" and text_tokens:
        raise ValueError(f"input_order 'compact' takes video tokens only, got text_tokens={text_tokens}")
    if input_order == "compact" and window_mode == "gather":
        raise ValueError("input_order 'compact' makes every window a slice already: use window_mode 'strided' or "
                         "'varlen', not 'gather'")
    if window_mode not in WINDOW_MODES:
        raise ValueError(f"window_mode must be one of {WINDOW_MODES}, got {window_mode!r}")
    if merge not in ("auto", "triton", "torch"):
        raise ValueError(f"merge must be 'auto', 'triton' or 'torch', got {merge!r}")
    if window_mode == "varlen" and backend != "fa4":
        raise ValueError(f"window_mode 'varlen' needs inner kernel fa4 (its variable-length call), got {backend!r}")
    if overlap not in OVERLAP or (overlap == "on" and window_mode != "varlen"):
        raise ValueError(f"overlap must be one of {OVERLAP} ('on' with window_mode 'varlen' only), got {overlap!r} "
                         f"with window_mode {window_mode!r}")


def _check_tails(window_mode: str, query_tails: str, query_tile: int) -> None:
    if query_tails not in QUERY_TAILS or (query_tails == "split" and window_mode != "varlen"):
        raise ValueError(f"query_tails must be one of {QUERY_TAILS} ('split' with window_mode 'varlen' only), got "
                         f"{query_tails!r} with window_mode {window_mode!r}")
    if not isinstance(query_tile, int) or query_tile < 1:
        raise ValueError(f"query_tile must be a positive integer (query rows per tile), got {query_tile!r}")


def _segments(form: AnchorWindowForm, form_segments, p: int, window_mode: str, device) -> tuple[SplitSegment, ...]:
    segments = []
    for seg in form_segments:
        fold = seg.count == 1 or seg.delta == 0
        key_index = None
        if window_mode == "gather":
            windows = [
                form.non_anchors[seg.start + i * seg.delta : seg.start + i * seg.delta + seg.length]
                for i in range(1 if fold else seg.count)
            ]
            key_index = torch.from_numpy(np.concatenate([frame_token_index(w, p) for w in windows])).to(device)
        segments.append(SplitSegment(seg.first_frame, seg.count, seg.start, seg.delta, seg.length, fold, key_index))
    return tuple(segments)


def _runs(frames) -> tuple[tuple[int, int], ...]:
    """(first, count) of each run of consecutive frames."""
    runs = []
    for f in frames:
        if runs and runs[-1][0] + runs[-1][1] == f:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((f, 1))
    return tuple(runs)


def _varlen_items(segments, p: int, window_base: int) -> list:
    """Each query frame with a window (a folded segment: its frames together) as one sequence of the window call:
    (first query row, query rows, first key row in the compact K/V, key rows), sorted by query row."""
    items = []
    for seg in segments:
        key0 = window_base + seg.start * p
        if seg.fold:
            items.append((seg.first_frame * p, seg.count * p, key0, seg.length * p))
        else:
            items.extend(((seg.first_frame + i) * p, p, key0 + i * seg.delta * p, seg.length * p) for i in range(seg.count))
    return sorted(items)  # none: no row has a window, the anchor part is the whole call


def _frames_view(x_b: torch.Tensor, num_frames: int, tokens_per_frame: int) -> torch.Tensor:
    """(S, H, D) of one batch item -> (T, P*H*D) rows of its video frames (copies only if strided)."""
    video = x_b[: num_frames * tokens_per_frame]
    if not video.is_contiguous():
        video = video.contiguous()
    return video.view(num_frames, -1)


def _compact(x: torch.Tensor, plan: SplitPlan, tokens_per_frame: int, text_tokens: int, with_window: bool) -> torch.Tensor:
    """K or V in compact order [anchors | text | non-anchors] (non-anchors only if ``with_window``)."""
    batch, seq, heads, head_dim = x.shape
    p = tokens_per_frame
    num_frames = (seq - text_tokens) // p
    n_anchor = len(plan.anchors) * p
    length = seq if with_window else n_anchor + text_tokens
    buf = torch.empty((batch, length, heads, head_dim), dtype=x.dtype, device=x.device)
    for b in range(batch):
        frames = _frames_view(x[b], num_frames, p)
        if n_anchor:
            torch.index_select(frames, 0, plan.anchor_frames, out=buf[b, :n_anchor].view(len(plan.anchors), -1))
        if text_tokens:
            buf[b, n_anchor : n_anchor + text_tokens].copy_(x[b, num_frames * p :])
        if with_window and plan.non_anchor_frames.numel():
            torch.index_select(
                frames, 0, plan.non_anchor_frames, out=buf[b, n_anchor + text_tokens :].view(plan.non_anchor_frames.numel(), -1)
            )
    return buf


def _window_kv(x, xc, b, seg: SplitSegment, plan: SplitPlan, p: int, window_base: int):
    """Keys (or values) of one segment's windows as ``(items, H, length*P, D)``."""
    heads, head_dim = x.shape[2], x.shape[3]
    if plan.window_mode == "gather":
        items = 1 if seg.fold else seg.count
        return x[b].index_select(0, seg.key_index).view(items, seg.length * p, heads, head_dim).transpose(1, 2)
    if seg.fold:
        first = window_base + seg.start * p
        return xc[b : b + 1, first : first + seg.length * p].transpose(1, 2)
    s_s, s_h = xc.stride(1), xc.stride(2)
    offset = xc.storage_offset() + b * xc.stride(0) + (window_base + seg.start * p) * s_s
    return xc.as_strided((seg.count, heads, seg.length * p, head_dim), (seg.delta * p * s_s, s_h, s_s, 1), offset)


def run_split_lse(
    q: torch.Tensor,
    k: torch.Tensor,
    v: torch.Tensor,
    plan: SplitPlan,
    tokens_per_frame: int,
    text_tokens: int,
    scale: float,
) -> torch.Tensor:
    """q, k, v: ``(B, S, H, D)``; returns the output ``(B, S, H, D)`` (contiguous)."""
    q, k, v = (t if t.stride(-1) == 1 else t.contiguous() for t in (q, k, v))  # windows are strided views
    if plan.full:
        o = dense_attention(q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), scale, plan.backend)
        return o.transpose(1, 2).contiguous()  # no copy when the kernel wrote (B, S, H, D) memory
    batch, seq, heads, head_dim = q.shape
    out = torch.empty((batch, seq, heads, head_dim), dtype=q.dtype, device=q.device)
    p = tokens_per_frame
    video = seq - text_tokens
    n_anchor_keys = len(plan.anchors) * p + text_tokens
    if plan.identity_order:
        kc, vc = k, v
    else:
        with_window = plan.window_mode != "gather"
        kc = _compact(k, plan, p, text_tokens, with_window)
        vc = _compact(v, plan, p, text_tokens, with_window)

    o_a = lse_a = None
    windows = _side_stream_windows(q, kc, vc, plan, video, scale) if plan.overlap and plan.varlen else None
    if n_anchor_keys:
        o_a, lse_a = attention_with_lse(
            q[:, :video].transpose(1, 2), kc[:, :n_anchor_keys].transpose(1, 2), vc[:, :n_anchor_keys].transpose(1, 2),
            scale, plan.backend,
        )
    if windows is not None:
        torch.cuda.current_stream(q.device).wait_stream(_side_stream(q.device))
    if plan.varlen is not None:
        _window_part_varlen(q, kc, vc, out, o_a, lse_a, plan, video, scale, windows)
    else:
        _window_part_segments(q, k, v, kc, vc, out, o_a, lse_a, plan, p, n_anchor_keys, scale)
    for first, count in plan.anchor_only_runs:  # (after the varlen merge, which left these rows undefined)
        rows = slice(first * p, (first + count) * p)
        out[:, rows].copy_(o_a[:, :, rows].transpose(1, 2))
    if text_tokens:
        o_t = dense_attention(q[:, video:].transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), scale, plan.backend)
        out[:, video:].copy_(o_t.transpose(1, 2))
    return out


_SIDE_STREAMS: dict = {}


def _side_stream(device: torch.device):
    """One second CUDA stream per device, made on first use."""
    index = device.index if device.index is not None else torch.cuda.current_device()
    if index not in _SIDE_STREAMS:
        _SIDE_STREAMS[index] = torch.cuda.Stream(device=index)
    return _SIDE_STREAMS[index]


def _side_stream_windows(q, kc, vc, plan: SplitPlan, video: int, scale: float) -> list:
    """The varlen window calls enqueued on the side stream (after everything the current stream has enqueued); the
    caller enqueues the anchor call, then makes the current stream wait for the side stream before merging."""
    main, side = torch.cuda.current_stream(q.device), _side_stream(q.device)
    side.wait_stream(main)
    with torch.cuda.stream(side):
        parts = [window_part_attention(q[b, :video], kc[b], vc[b], scale, plan.varlen, plan.use_triton_merge)
                 for b in range(q.shape[0])]
    for part in parts:
        for t in part:
            t.record_stream(main)  # made on the side stream, read and freed on the current one
    return parts


def _window_part_varlen(q, kc, vc, out, o_a, lse_a, plan: SplitPlan, video: int, scale: float, windows=None) -> None:
    """The window part as one variable-length call per batch item (``windows``: already made on the side stream),
    merged with the anchor part in one pass."""
    for b in range(q.shape[0]):
        o_w, lse_w = windows[b] if windows is not None else window_part_attention(
            q[b, :video], kc[b], vc[b], scale, plan.varlen, plan.use_triton_merge)
        target = out[b, :video].unsqueeze(0)
        if o_a is None:
            target.copy_(o_w.unsqueeze(0))
            continue
        merge_partials(
            o_a[b].transpose(0, 1).unsqueeze(0),
            lse_a[b].transpose(0, 1).unsqueeze(0),
            o_w.unsqueeze(0),
            lse_w.transpose(0, 1).unsqueeze(0),
            target,
            plan.use_triton_merge,
        )


def _window_part_segments(q, k, v, kc, vc, out, o_a, lse_a, plan: SplitPlan, p: int, n_anchor_keys: int, scale: float):
    """The window part as one batched call per segment, each merged with the anchor part into its rows."""
    for b in range(q.shape[0]):
        for seg in plan.segments:
            rows = slice(seg.first_frame * p, (seg.first_frame + seg.count) * p)
            items, per_item = (1, seg.count * p) if seg.fold else (seg.count, p)
            q_s = q[b, rows].unflatten(0, (items, per_item)).transpose(1, 2)
            k_s = _window_kv(k, kc, b, seg, plan, p, n_anchor_keys)
            v_s = _window_kv(v, vc, b, seg, plan, p, n_anchor_keys)
            o_w, lse_w = attention_with_lse(q_s, k_s, v_s, scale, plan.backend)
            target = out[b, rows].unflatten(0, (items, per_item))
            o_w = o_w.transpose(1, 2)  # (items, per_item, H, D)
            if o_a is None:
                target.copy_(o_w)
                continue
            merge_partials(
                o_a[b, :, rows].transpose(0, 1).unflatten(0, (items, per_item)),
                lse_a[b, :, rows].transpose(0, 1).unflatten(0, (items, per_item)),
                o_w,
                lse_w.transpose(1, 2),
                target,
                plan.use_triton_merge,
            )
