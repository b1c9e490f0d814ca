"""Timed steps: run a few denoising steps of a long schedule and estimate the whole job from them.

A real-size job at 6x takes many minutes per 50-step video; a speed table needs the per-step cost, not 50
identical steps. With ``timed_steps`` k < steps the pipeline keeps its full schedule (the scheduler's
timesteps, Wan 2.2's expert boundary, the plan's per-step patterns are those of the ``steps``-step run), but
only k steps, spread evenly over it (the first and the last among them, so both Wan 2.2 experts run), call the
transformer; the others are skipped through the pipeline's own ``interrupt`` check at the top of its loop.
Skipped steps still advance the attention runtime's step counter, so every timed step uses the pattern the
plan gives that step.

The video of such a job is not a finished generation (most steps never ran): the runner never scores it, and the
result says so. What is reported:

* ``step_latency_s``: the k timed steps, measured;
* ``estimated_denoise_s``: their sum plus (steps - k) x their median (one-time costs such as a pattern's first
  preparation or a kernel's compile are counted once, as in the full run);
* ``estimated_total_s``: the measured ``total_s`` with the measured denoising replaced by that estimate.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable


def spread(steps: int, timed: int | None) -> list[int]:
    """The step indices that run: all of them when ``timed`` is None or >= ``steps``, else ``timed`` indices
    spread evenly from 0 to steps - 1 (``timed`` 1: step 0 alone)."""
    if timed is None or timed >= steps:
        return list(range(steps))
    if timed < 1:
        raise ValueError(f"timed steps must be at least 1, got {timed}")
    if timed == 1:
        return [0]
    return sorted({round(j * (steps - 1) / (timed - 1)) for j in range(timed)})


def install(pipe, skip_step: Callable[[], None], run: list[int]) -> Callable[[], None]:
    """Make ``pipe`` skip every loop iteration whose index is not in ``run``; returns the undo.

    The pipeline reads its ``interrupt`` property once at the top of each denoising iteration (diffusers'
    Wan and HunyuanVideo 1.5 pipelines): the pipeline's class is swapped for a subclass whose property counts
    those reads and answers True for the iterations to skip, calling ``skip_step`` for each.
    """
    original = type(pipe)
    keep = frozenset(run)
    seen = [-1]

    def interrupt(self) -> bool:
        if getattr(self, "_interrupt", False):
            return True
        seen[0] += 1
        if seen[0] in keep:
            return False
        skip_step()
        return True

    pipe.__class__ = type(original.__name__, (original,), {"interrupt": property(interrupt)})

    def undo() -> None:
        pipe.__class__ = original

    return undo


def estimate(latencies: list[float], steps: int) -> float:
    """The denoising time of all ``steps`` steps from the timed ``latencies`` (see the module's docstring)."""
    if not latencies:
        raise ValueError("no timed step to estimate from")
    return sum(latencies) + (steps - len(latencies)) * statistics.median(latencies)
