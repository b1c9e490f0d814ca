"""The per-job attention runtime: which denoising step is running, and the backend's per-step state.

Step boundaries come from the pipeline: :func:`install_step_tracking` wraps the scheduler's ``step`` (called
exactly once per denoising step, after every transformer pass of that step: both classifier-free-guidance
passes, whichever Wan 2.2 expert ran) and adds a forward pre-hook to each transformer. The first
transformer call of a step fetches the backend's prepared state for that step's pattern (built once per
pattern and cached), so the per-layer :meth:`AttentionRuntime.attention` only runs the kernel.

Without a pipeline (tests, benchmarks) call :meth:`AttentionRuntime.begin_step` yourself.

Frame reorder: a model adapter that can permute its video frames once per transformer call (``models/wan.py``)
calls :meth:`AttentionRuntime.enable_frame_reorder`; backends that support it (``fbs``) may then name a frame
order per step (:meth:`AttentionRuntime.frame_order`), and the adapter feeds every layer in that order. The
environment variable ``LVSA_FRAME_REORDER=off`` keeps the natural order (to measure what the reorder saves).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import torch

from ..errors import JobTimeout
from ..plan import Plan
from .base import AttentionBackend, Prepared, TextKeys, TokenLayout

#: ``off`` keeps every step's frames in natural order even where the adapter and the backend could reorder them.
FRAME_REORDER_ENV = "LVSA_FRAME_REORDER"
log = logging.getLogger(__name__)


@dataclass
class StepRecord:
    """What ran at one denoising step."""

    step: int
    pattern: str
    frame_density: float
    transformer_calls: int = 0
    attention_calls: int = 0
    experts: list[int] = field(default_factory=list)
    started: float = 0.0
    skipped: bool = False  # timed steps: the pipeline skipped this step (no transformer call)
    latency_s: float | None = None


class AttentionRuntime:
    def __init__(
        self,
        plan: Plan,
        backend: AttentionBackend,
        layout: TokenLayout,
        *,
        device: torch.device,
        dtype: torch.dtype,
        num_heads: int,
        head_dim: int,
        synchronize: Callable[[], None] = lambda: None,
        on_step_end: Callable[[StepRecord], None] | None = None,
        deadline: float | None = None,
        on_step_begin: Callable[[int], None] | None = None,
    ):
        self.plan = plan
        self.backend = backend
        self.layout = layout
        self.device, self.dtype = device, dtype
        self.num_heads, self.head_dim = num_heads, head_dim
        self.synchronize = synchronize
        self.on_step_end = on_step_end
        self.on_step_begin = on_step_begin
        self.deadline = deadline
        self.step = 0
        self.records: list[StepRecord] = []
        self._prepared: dict[str, Prepared] = {}
        self._current: Prepared | None = None
        self._record: StepRecord | None = None
        self._text_source: torch.Tensor | None = None
        self._text_keys: TextKeys | None = None
        self.frame_reorder = False

    def enable_frame_reorder(self) -> bool:
        """The model adapter can feed each step's frames in the order the backend names; returns whether the
        backend will be asked for one (False when it cannot reorder or ``LVSA_FRAME_REORDER=off``)."""
        if os.environ.get(FRAME_REORDER_ENV, "").strip().lower() == "off":
            log.info("frame reorder off (%s=off)", FRAME_REORDER_ENV)
            return False
        if self.backend.supports_frame_reorder and not self.frame_reorder:
            self.frame_reorder = True
            self._prepared.clear()  # states built before were planned for natural order
            if self._current is not None:  # a step already begun: its state is planned again, for the reorder
                self._current = self._state_for(self.plan.mask_for_step(self.step))
        return self.frame_reorder

    def _state_for(self, mask) -> Prepared:
        """The backend's state for ``mask`` (built once per pattern, then cached)."""
        prepared = self._prepared.get(mask.key)
        if prepared is None:
            prepared = self.backend.prepare(
                mask, self.layout, device=self.device, dtype=self.dtype, num_heads=self.num_heads,
                head_dim=self.head_dim, score_transform=self.plan.score_transform,
                **({"frame_reorder": True} if self.frame_reorder else {}),
            )
            self._prepared[mask.key] = prepared
        return prepared

    # ---- step boundaries -------------------------------------------------------------------------
    def begin_step(self, step: int) -> StepRecord:
        """Make ``step`` current: fetch (or build once) the backend's state for that step's pattern."""
        if self.on_step_begin is not None:
            self.on_step_begin(step)
        if not 0 <= step < self.plan.steps:
            raise RuntimeError(
                f"denoising step {step} is outside the plan's {self.plan.steps} steps "
                f"(plan {self.plan.source}); the pipeline ran more steps than planned"
            )
        mask = self.plan.mask_for_step(step)
        prepared = self._state_for(mask)
        self.step = step
        self._current = prepared
        self._record = StepRecord(step, mask.key, prepared.frame_density, started=time.perf_counter())
        self.records.append(self._record)
        return self._record

    def skip_step(self) -> None:
        """The pipeline skips step ``self.step`` (timed steps): record it as skipped and move to the next, so
        later steps keep the plan's pattern for their index."""
        mask = self.plan.mask_for_step(self.step)
        self.records.append(StepRecord(self.step, mask.key, mask.frame_density, skipped=True))
        self._record = None
        self.step += 1

    def on_transformer_call(self, expert: int = 0) -> None:
        """Forward pre-hook: the first call of a step begins it; later calls (CFG, experts) reuse it."""
        if self._record is None or self._record.step != self.step:
            self.begin_step(self.step)
        self._record.transformer_calls += 1
        self._record.experts.append(expert)

    def end_step(self) -> None:
        """Called after the scheduler's step: close the current step and move to the next."""
        record = self._record
        if record is None or record.step != self.step:
            raise RuntimeError(f"scheduler stepped at step {self.step} without a transformer call")
        self.synchronize()
        record.latency_s = time.perf_counter() - record.started
        self.step += 1
        if self.on_step_end is not None:
            self.on_step_end(record)
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise JobTimeout(f"job ran past its time limit after denoising step {record.step + 1}")

    # ---- per layer -------------------------------------------------------------------------------
    def text_keys(self, mask: torch.Tensor | None) -> TextKeys | None:
        """Text-key validity for this forward; read on the host once per mask tensor (not per layer)."""
        if mask is None:
            return None
        if mask is not self._text_source:
            self._text_source = mask
            self._text_keys = TextKeys.from_mask(mask)
        return self._text_keys

    def frame_order(self) -> torch.Tensor | None:
        """The current step's frame order (device int64 tensor) the adapter must feed, or None: natural order."""
        if self._current is None:
            self.begin_step(self.step)
        return self._current.frame_order

    @torch.compiler.disable  # under torch.compile the backend's kernels run as they are, outside the graph
    def attention(self, q, k, v, text: TextKeys | None = None, scale: float | None = None) -> torch.Tensor:
        """Run the current step's attention on ``(B, S, H, D)`` tensors."""
        if self._current is None:
            self.begin_step(self.step)
        self._record.attention_calls += 1
        return self.backend.run(self._current, q, k, v, text=text, scale=scale)

    # ---- results ---------------------------------------------------------------------------------
    def inner_notes(self) -> list[str]:
        """The dense inner kernels the backend's per-pattern states run, and why (``fbs``: e.g.
        ``auto: fa4 (flash-attn-4 4.0.0b36 on sm90)``); empty for backends without one."""
        return sorted({getattr(p, "inner_note", "") for p in self._prepared.values()} - {""})

    def reordered_patterns(self) -> list[str]:
        """The patterns whose prepared state ran with its frames in the backend's order (not natural)."""
        return sorted(key for key, prepared in self._prepared.items() if prepared.frame_order is not None)

    def realised_density(self) -> float | None:
        """Mean frame density over the steps whose attention actually ran (from the backend's own state)."""
        ran = [r.frame_density for r in self.records if r.attention_calls > 0]
        return sum(ran) / len(ran) if ran else None


def install_step_tracking(pipe, runtime: AttentionRuntime, transformers: list) -> Callable[[], None]:
    """Hook the pipeline's scheduler and transformers; returns a function that removes every hook."""
    scheduler = pipe.scheduler
    original_step = scheduler.step

    def step_and_advance(*args, **kwargs):
        result = original_step(*args, **kwargs)
        runtime.end_step()
        return result

    scheduler.step = step_and_advance
    handles = []
    for expert, transformer in enumerate(transformers):
        def pre_hook(module, args, expert=expert):
            runtime.on_transformer_call(expert)

        # first among the transformer's pre-hooks: the adapter's (frame reorder) need the step begun
        handles.append(transformer.register_forward_pre_hook(pre_hook, prepend=True))

    def remove() -> None:
        for handle in handles:
            handle.remove()
        if scheduler.__dict__.get("step") is step_and_advance:
            del scheduler.step

    return remove
