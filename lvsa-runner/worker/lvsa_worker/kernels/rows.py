"""Frame-level attention rows: validation and the structure the kernels exploit.

A *row* lists, for one query frame, the key frames it attends as sorted, disjoint,
inclusive intervals ``[[first, last], ...]`` (the attention-plan contract's
``frame_blocks`` rows). Everything here is plain Python/NumPy on small inputs
(T x T frames), done once per denoising step, never per layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Integral

import numpy as np


def _as_int(value, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ValueError(f"{what} must be an integer, got {value!r}")
    return int(value)


def validate_rows(rows: Sequence[Sequence[Sequence[int]]]) -> tuple[tuple[int, ...], ...]:
    """Checks ``rows`` and returns each row's attended frames as a sorted tuple.

    ``rows`` has one entry per query frame (so ``T = len(rows)``); each entry is a
    non-empty list of ``[first, last]`` intervals within ``[0, T-1]``, sorted and
    disjoint. Adjacent intervals (``[0, 2], [3, 5]``) are accepted and mean the same
    as their union. Raises ``ValueError`` quoting the offending values.
    """
    if isinstance(rows, (str, bytes)) or not isinstance(rows, Sequence):
        raise ValueError(f"rows must be a list with one entry per query frame, got {type(rows).__name__}")
    num_frames = len(rows)
    if num_frames == 0:
        raise ValueError("rows is empty: need one entry per query frame")
    frames_per_row = []
    for f, row in enumerate(rows):
        if isinstance(row, (str, bytes)) or not isinstance(row, Sequence) or len(row) == 0:
            raise ValueError(f"rows[{f}] must be a non-empty list of [first, last] intervals, got {row!r}")
        frames: list[int] = []
        previous_last = -1
        for interval in row:
            if isinstance(interval, (str, bytes)) or not isinstance(interval, Sequence) or len(interval) != 2:
                raise ValueError(f"rows[{f}] has {interval!r}: each interval must be [first, last]")
            first = _as_int(interval[0], f"rows[{f}] interval start")
            last = _as_int(interval[1], f"rows[{f}] interval end")
            if not 0 <= first <= last <= num_frames - 1:
                raise ValueError(
                    f"rows[{f}] has interval [{first}, {last}] outside [0, {num_frames - 1}] "
                    f"or reversed (T = {num_frames} query frames)"
                )
            if first <= previous_last:
                raise ValueError(
                    f"rows[{f}] intervals must be sorted and disjoint: [{first}, {last}] starts at or "
                    f"before the previous interval's end {previous_last}"
                )
            frames.extend(range(first, last + 1))
            previous_last = last
        frames_per_row.append(tuple(frames))
    return tuple(frames_per_row)


def frame_mask(frame_sets: Sequence[Sequence[int]]) -> np.ndarray:
    """(T, T) boolean matrix: ``mask[q, k]`` iff query frame q attends key frame k."""
    num_frames = len(frame_sets)
    mask = np.zeros((num_frames, num_frames), dtype=bool)
    for f, frames in enumerate(frame_sets):
        mask[f, list(frames)] = True
    return mask


def attended_pairs(frame_sets: Sequence[Sequence[int]], tokens_per_frame: int, text_tokens: int) -> int:
    """Number of attended (query token, key token) pairs, text included.

    Effective FLOPs of one attention call are ``4 * attended_pairs * head_dim * heads``.
    """
    num_frames = len(frame_sets)
    seq = num_frames * tokens_per_frame + text_tokens
    video = sum(tokens_per_frame * (len(fs) * tokens_per_frame + text_tokens) for fs in frame_sets)
    return video + text_tokens * seq


@dataclass(frozen=True)
class WindowSegment:
    """Consecutive query frames ``first_frame .. first_frame+count-1`` whose windows
    all have ``length`` frames and start ``delta`` compact positions apart.

    Compact positions index the non-anchor frames in increasing order; query frame
    ``first_frame + i`` attends compact frames ``start + i*delta .. start + i*delta + length - 1``.
    """

    first_frame: int
    count: int
    start: int
    delta: int
    length: int


@dataclass(frozen=True)
class AnchorWindowForm:
    """Rows written as shared anchors plus, per row, a window contiguous once anchors are removed."""

    anchors: tuple[int, ...]
    non_anchors: tuple[int, ...]
    window_start: tuple[int, ...]
    window_length: tuple[int, ...]
    segments: tuple[WindowSegment, ...]

    @property
    def anchor_only_frames(self) -> tuple[int, ...]:
        return tuple(f for f, n in enumerate(self.window_length) if n == 0)


def anchor_window_form(frame_sets: Sequence[Sequence[int]]) -> AnchorWindowForm | str:
    """Splits rows into anchors (frames every row attends) and contiguous windows.

    Returns an :class:`AnchorWindowForm`, or a string saying why the rows do not have
    that form (the first query frame whose non-anchor frames are not contiguous in
    the order of non-anchor frames).
    """
    num_frames = len(frame_sets)
    anchor_set = set(frame_sets[0])
    for frames in frame_sets[1:]:
        anchor_set &= set(frames)
    anchors = tuple(sorted(anchor_set))
    non_anchors = tuple(f for f in range(num_frames) if f not in anchor_set)
    compact = {frame: i for i, frame in enumerate(non_anchors)}
    starts, lengths = [], []
    for f, frames in enumerate(frame_sets):
        window = [compact[g] for g in frames if g not in anchor_set]
        if window and window != list(range(window[0], window[0] + len(window))):
            return (
                f"query frame {f}'s non-anchor frames {[g for g in frames if g not in anchor_set]} are not "
                f"contiguous once the anchors {list(anchors)} are removed"
            )
        starts.append(window[0] if window else 0)
        lengths.append(len(window))
    return AnchorWindowForm(
        anchors=anchors,
        non_anchors=non_anchors,
        window_start=tuple(starts),
        window_length=tuple(lengths),
        segments=window_segments(starts, lengths),
    )


def window_segments(starts: Sequence[int], lengths: Sequence[int]) -> tuple[WindowSegment, ...]:
    """Greedy runs of consecutive query frames with equal window length and a constant start step.

    ``starts[i]``, ``lengths[i]``: the window of the i-th query frame in whatever order the queries arrive
    (natural frame order, or split-lse's compact order); segments index that order."""
    segments: list[WindowSegment] = []
    f = 0
    num_frames = len(starts)
    while f < num_frames:
        if lengths[f] == 0:
            f += 1
            continue
        end = f + 1
        delta = None
        while end < num_frames and lengths[end] == lengths[f]:
            step = starts[end] - starts[end - 1]
            if step < 0 or (delta is not None and step != delta):
                break
            delta = step
            end += 1
        segments.append(WindowSegment(f, end - f, starts[f], delta or 0, lengths[f]))
        f = end
    return tuple(segments)


def frame_token_index(frames: Sequence[int], tokens_per_frame: int) -> np.ndarray:
    """Token rows of the given frames, in the given order (int64)."""
    frames_arr = np.asarray(frames, dtype=np.int64)
    offsets = np.arange(tokens_per_frame, dtype=np.int64)
    return (frames_arr[:, None] * tokens_per_frame + offsets[None, :]).reshape(-1)
