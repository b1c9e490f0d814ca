"""One generation job: plan + model + request in, an mp4 and a result dict out.

:func:`run_job` never raises for a job's own failure: it returns a result whose ``status`` is ``ok``,
``oom``, ``error`` or ``timeout`` (see contracts/worker-protocol.md for every field).
"""

from __future__ import annotations

import logging
import math
import time
import traceback
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, fields
from typing import Any

import torch

from . import devices, timed_steps, vae_decode
from .attention import AttentionRuntime, StepRecord, TokenLayout, install_step_tracking, resolve
from .contracts import backend_names
from .errors import GeometryMismatch, JobTimeout, UnsupportedFeature, UsageError, WorkerError, WriterUnavailable
from .models import dummy, presets
from .models.loading import LoadedModel, ModelCache, check_geometry, check_request, check_weights
from .plan import Plan, load_plan, parse_plan
from .transforms import riflex
from .video import check_writer, to_uint8, write_mp4

log = logging.getLogger("lvsa_worker")

DEFAULT_PROMPT = "a red fox trotting through fresh snow at dawn, cinematic, detailed fur"


@dataclass
class JobSpec:
    """A generation request (the CLI's ``generate`` options, or a serve job's ``job`` object)."""

    model: str
    plan: Any  # a path to a plan file, or the plan document itself
    frames: int
    height: int
    width: int
    steps: int
    seed: int
    out: str
    device: str = "auto"
    backend: str | None = None  # None: the plan's backend.name
    guidance: float = 5.0
    prompt: str = DEFAULT_PROMPT
    negative_prompt: str = ""
    fps: int = 16
    dtype: str | None = None
    offload: str = "none"
    timeout_s: float | None = None
    weights: str | None = None  # None: the model's own (preset or checkpoint); "dummy": seeded random weights
    text: str | None = None  # with dummy weights: "encoder" (default) or "dummy-embeddings"
    timed_steps: int | None = None  # run only this many of the steps, spread over the schedule (timed_steps.py)
    memory_cap_gb: float | None = None  # cap the process's device memory (10^9 bytes), e.g. 80 for an 80 GB card

    _TYPES = {"model": str, "frames": int, "height": int, "width": int, "steps": int, "seed": int, "out": str,
              "device": str, "backend": (str, type(None)), "guidance": (int, float), "prompt": str,
              "negative_prompt": str, "fps": int, "dtype": (str, type(None)), "offload": str,
              "timeout_s": (int, float, type(None)), "plan": (str, dict),
              "weights": (str, type(None)), "text": (str, type(None)), "timed_steps": (int, type(None)),
              "memory_cap_gb": (int, float, type(None))}
    _REQUIRED = ("model", "plan", "frames", "height", "width", "steps", "seed", "out")

    @classmethod
    def from_mapping(cls, data: dict) -> JobSpec:
        """Build from a JSON object; a missing, unknown or mistyped field raises UsageError naming it."""
        if not isinstance(data, dict):
            raise UsageError("job must be a JSON object")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise UsageError(f"job has unknown field(s): {', '.join(unknown)}")
        missing = [name for name in cls._REQUIRED if name not in data]
        if missing:
            raise UsageError(f"job is missing field(s): {', '.join(missing)}")
        for name, value in data.items():
            expected = cls._TYPES[name]
            if isinstance(value, bool) or not isinstance(value, expected):
                raise UsageError(f"job field {name} has the wrong type ({type(value).__name__})")
        spec = cls(**data)
        spec.check()
        return spec

    def check(self) -> None:
        for name in ("frames", "height", "width", "steps", "fps"):
            if getattr(self, name) < 1:
                raise UsageError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.backend is not None and self.backend not in backend_names():
            raise UsageError(f"backend {self.backend!r} is not one of {', '.join(backend_names())}")
        if self.timeout_s is not None and not self.timeout_s > 0:
            raise UsageError(f"timeout_s must be positive, got {self.timeout_s}")
        if self.timed_steps is not None and not 1 <= self.timed_steps <= self.steps:
            raise UsageError(f"timed_steps must be between 1 and steps ({self.steps}), got {self.timed_steps}")
        if self.memory_cap_gb is not None and not (math.isfinite(self.memory_cap_gb) and self.memory_cap_gb > 0):
            raise UsageError(f"memory_cap_gb must be a positive number of GB, got {self.memory_cap_gb}")
        if not math.isfinite(self.guidance):
            raise UsageError("guidance must be a finite number")
        check_weights(self.weights, self.text)


ProgressFn = Callable[[dict], None]


def empty_result() -> dict[str, Any]:
    """The result fields every job reports, before anything ran."""
    return {
        "status": "error", "step_latency_s": [], "total_s": 0.0, "peak_memory_gb": 0.0,
        "peak_memory_kind": None, "density": None, "expected_density": None, "backend": None,
        "output": None, "message": "",
    }


def failed_request(exc: WorkerError) -> dict[str, Any]:
    """The result of a request refused before it became a job (e.g. a missing field)."""
    return {**empty_result(), "error_code": exc.code, "message": exc.message}


def run_job(spec: JobSpec, cache: ModelCache, progress: ProgressFn | None = None, sp=None) -> dict:
    """Run one job; the returned dict is the protocol's result payload.

    ``sp`` (a :class:`~lvsa_worker.parallel.SequenceParallel` of degree > 1): every rank of the group calls
    this with the same job; the transformer blocks are sharded over the ranks (Ulysses) and rank 0 alone
    writes the video. Degree 1 or None: the plain path, nothing wrapped.
    """
    started = time.perf_counter()
    deadline = None if spec.timeout_s is None else time.monotonic() + spec.timeout_s
    result = empty_result()
    device = None
    emit = progress or (lambda event: None)
    try:
        plan = _checked_plan(spec, sp, result)
        device = devices.resolve_device(spec.device)
        dtype = devices.resolve_dtype(spec.dtype, device)
        result["memory_cap_gb"] = devices.set_memory_cap(device, spec.memory_cap_gb)
        devices.reset_peak_memory(device)
        backend = resolve(spec.backend or plan.backend, device.type, plan.score_transform is not None,
                          needs_padded_text=plan.geometry.text_tokens > 0)
        result.update(backend=backend.name, device=str(device), dtype=devices.dtype_name(dtype))
        emit({"phase": "load", "model": spec.model})
        phases = PhaseClock(device, result)
        model, cached = cache.get(spec.model, device, dtype, spec.offload, spec.weights, spec.text)
        phases.end("load")
        result.update(model_cached=cached, model_load_s=round(model.load_s, 3), **model.result_fields())
        check_geometry(plan, model, frames=spec.frames, height=spec.height, width=spec.width, steps=spec.steps)
        if deadline is not None and time.monotonic() > deadline:
            raise JobTimeout(f"job ran past its time limit ({spec.timeout_s} s) while loading the model")
        parallel = sp is not None and sp.degree > 1
        if parallel:
            backend = _sequence_parallel(backend, sp, model, spec, result)
        video = _generate(spec, plan, model, backend, deadline, emit, result, sp if parallel else None, phases)
        if parallel and sp.rank != 0:
            result.update(status="ok", frames_written=0, message=f"rank {sp.rank}: rank 0 writes the video")
            return result
        emit({"phase": "write", "output": spec.out})
        write_mp4(to_uint8(video), spec.out, spec.fps)
        phases.end("write")
        result.update(status="ok", output=spec.out, frames_written=int(video.shape[0]))
        result["message"] = f"{video.shape[0]} frames written"
    except JobTimeout as exc:
        result.update(status="timeout", error_code=exc.code, message=exc.message)
    except WorkerError as exc:
        result.update(status="error", error_code=exc.code, message=exc.message)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a structured result
        if devices.is_out_of_memory(exc):
            result.update(status="oom", error_code="oom", message=f"out of memory: {str(exc).splitlines()[0]}")
        else:
            log.error("job failed:\n%s", traceback.format_exc())
            text = " ".join(str(exc).split())
            result.update(status="error", error_code="internal", message=f"{type(exc).__name__}: {text}")
    finally:
        _close_result(result, device, started, spec.steps)
    return result


def _checked_plan(spec: JobSpec, sp, result: dict) -> Plan:
    """The job's plan, checked against the request; the video writer checked too (by the rank that writes),
    before any model loads."""
    plan = parse_plan(spec.plan, "<inline plan>") if isinstance(spec.plan, dict) else load_plan(spec.plan)
    result["expected_density"] = plan.expected.get("mean_frame_density", plan.mean_frame_density())
    check_request(plan, frames=spec.frames, height=spec.height, width=spec.width, steps=spec.steps)
    if sp is None or sp.rank == 0:
        why = check_writer(spec.out)
        if why is not None:
            raise WriterUnavailable(f"{spec.out}: {why}")
    return plan


def _sequence_parallel(backend, sp, model: LoadedModel, spec: JobSpec, result: dict):
    """``backend`` wrapped for Ulysses over ``sp``; a degree that does not divide the heads is refused here,
    before any step runs."""
    from .parallel import UlyssesBackend

    try:
        wrapped = UlyssesBackend(backend, sp, model.num_heads)
    except ValueError as exc:
        raise UnsupportedFeature(f"{spec.model}: {exc}") from None
    result.update(sequence_parallel=sp.degree, rank=sp.rank)
    return wrapped


def _close_result(result: dict, device, started: float, steps: int) -> None:
    """Peak memory (the highest of the phases: the phase clock resets the device's peak at each), total time and,
    for a timed-steps job, the estimated 50-step figures."""
    if device is not None:
        if result["status"] == "oom":
            devices.empty_cache(device)
        last, result["peak_memory_kind"] = devices.peak_memory(device)
        result["peak_memory_gb"] = round(max([last, *result.get("phase_peak_memory_gb", {}).values()]), 4)
    result["total_s"] = round(time.perf_counter() - started, 4)
    if result["status"] == "ok" and result.get("timed_steps") is not None:
        measured = result["step_latency_s"]
        estimated = timed_steps.estimate(measured, steps)
        result["estimated_denoise_s"] = round(estimated, 4)
        result["estimated_total_s"] = round(result["total_s"] - sum(measured) + estimated, 4)


def _generate(spec: JobSpec, plan: Plan, model: LoadedModel, backend, deadline, emit, result: dict, sp,
              phases: PhaseClock):
    layout = TokenLayout(plan.geometry.latent_frames, plan.geometry.tokens_per_frame, plan.geometry.text_tokens)
    run = timed_steps.spread(plan.steps, spec.timed_steps)
    if len(run) < plan.steps:
        result.update(timed_steps=len(run), timed_step_indices=run)

    def on_step_end(record: StepRecord) -> None:
        result["step_latency_s"].append(round(record.latency_s, 4))
        emit({"phase": "denoise", "step": record.step + 1, "steps": plan.steps,
              "step_latency_s": round(record.latency_s, 4)})
        if record.step == run[-1]:
            phases.end("denoise")
            emit({"phase": "decode"})

    runtime = AttentionRuntime(
        plan, backend, layout, device=model.device, dtype=model.dtype, num_heads=model.num_heads,
        head_dim=model.head_dim, synchronize=lambda: devices.synchronize(model.device),
        on_step_end=on_step_end, deadline=deadline,
        # the first step begins: prompt encoding and latent set-up are over
        on_step_begin=lambda step: phases.end("text_and_setup") if step == 0 else None,
    )
    with ExitStack() as undo:
        undo.callback(model.adapter.install(model.transformers, runtime))
        if sp is not None:
            from .parallel.blocks import shard_blocks

            undo.callback(shard_blocks(model.transformers, sp))
        undo.callback(install_step_tracking(model.pipe, runtime, model.transformers))
        if len(run) < plan.steps:
            undo.callback(timed_steps.install(model.pipe, runtime.skip_step, run))
        undo.callback(vae_decode.guard(model.pipe.vae, model.device, lambda how: result.update(vae_decode=how)))
        if plan.rope_transform is not None:
            thetas = riflex.temporal_frequencies(model.rope(model.transformers[0]))
            decision = riflex.decide(thetas, plan.rope_transform, plan.geometry.latent_frames)
            for transformer in model.transformers:
                undo.callback(riflex.apply(model.rope(transformer), decision).remove)
            result.update(riflex_k=decision.k, riflex=decision.as_dict())
        video = _call_pipeline(spec, model)
    phases.end("decode")
    result["density"] = runtime.realised_density()
    result["steps_run"] = len([r for r in runtime.records if r.latency_s is not None])
    result["transformer_calls_per_step"] = [r.transformer_calls for r in runtime.records]
    if result["steps_run"] != len(run):
        raise WorkerError(f"the pipeline ran {result['steps_run']} denoising steps but {len(run)} were to run "
                          f"(plan: {plan.steps})")
    if video.shape[0] != spec.frames:
        raise GeometryMismatch(f"the pipeline produced {video.shape[0]} frames, not the requested {spec.frames}")
    return video


class PhaseClock:
    """Wall time and peak memory per phase of a job, into ``result["phase_s"]`` and
    ``result["phase_peak_memory_gb"]``: load, text_and_setup (prompt encoding, latents: everything before the
    first denoising step), denoise, decode (the VAE), write. Peak memory is reset at each phase on a GPU; on a
    CPU it is the process's peak so far (it cannot be reset), as ``peak_memory_kind`` says."""

    def __init__(self, device, result: dict):
        self.device = device
        self.result = result
        self.mark = time.perf_counter()
        result.setdefault("phase_s", {})
        result.setdefault("phase_peak_memory_gb", {})

    def end(self, phase: str, at: float | None = None) -> None:
        now = at if at is not None else time.perf_counter()
        self.result["phase_s"][phase] = round(now - self.mark, 4)
        peak, _ = devices.peak_memory(self.device)
        self.result["phase_peak_memory_gb"][phase] = round(peak, 4)
        devices.reset_peak_memory(self.device)
        self.mark = now


def _call_pipeline(spec: JobSpec, model: LoadedModel):
    pipe = model.pipe
    generator = torch.Generator(device="cpu").manual_seed(spec.seed)
    common = dict(height=spec.height, width=spec.width, num_frames=spec.frames,
                  num_inference_steps=spec.steps, generator=generator, output_type="np")
    if model.weights == "dummy":
        return _call_dummy(spec, model, common)
    if model.family == "wan":
        if model.preset is not None:
            text = dict(prompt_embeds=presets.wan_prompt_embeds(spec.prompt).to(model.device),
                        negative_prompt_embeds=presets.wan_prompt_embeds(spec.negative_prompt).to(model.device))
        else:
            text = dict(prompt=spec.prompt, negative_prompt=spec.negative_prompt)
        return pipe(guidance_scale=spec.guidance, **text, **common).frames[0]
    # HunyuanVideo 1.5: guidance lives in the pipeline's guider.
    previous = pipe.guider.guidance_scale
    pipe.guider.guidance_scale = spec.guidance
    try:
        if model.preset is not None:
            cond, uncond = presets.hv15_prompt_inputs(spec.prompt), presets.hv15_prompt_inputs(spec.negative_prompt)
            to = lambda t: t.to(model.device)  # noqa: E731
            text = dict(
                prompt_embeds=to(cond["embeds"]), prompt_embeds_mask=to(cond["mask"]),
                prompt_embeds_2=to(cond["embeds_2"]), prompt_embeds_mask_2=to(cond["mask_2"]),
                negative_prompt_embeds=to(uncond["embeds"]), negative_prompt_embeds_mask=to(uncond["mask"]),
                negative_prompt_embeds_2=to(uncond["embeds_2"]), negative_prompt_embeds_mask_2=to(uncond["mask_2"]),
            )
        else:
            text = dict(prompt=spec.prompt, negative_prompt=spec.negative_prompt)
        return pipe(**text, **common).frames[0]
    finally:
        pipe.guider.guidance_scale = previous


def _call_dummy(spec: JobSpec, model: LoadedModel, common: dict):
    """Dummy weights: prompts through the random text encoder(s) and stand-in tokenizers (``encoder``), or
    random embeddings of the real shape (``dummy-embeddings``)."""
    pipe = model.pipe
    length = model.description.get("pipeline", {}).get("max_sequence_length")
    if model.text == "dummy-embeddings":
        to = lambda inputs: {k: v.to(model.device) for k, v in inputs.items()}  # noqa: E731
        cond = to(dummy.prompt_inputs(pipe, model.family, spec.prompt, length))
        uncond = to(dummy.prompt_inputs(pipe, model.family, spec.negative_prompt, length))
        text = {**cond, **{f"negative_{k}": v for k, v in uncond.items()}}
    else:
        text = dict(prompt=spec.prompt, negative_prompt=spec.negative_prompt)
    if model.family == "wan":
        if length is not None:
            text["max_sequence_length"] = int(length)
        return pipe(guidance_scale=spec.guidance, **text, **common).frames[0]
    previous = pipe.guider.guidance_scale
    pipe.guider.guidance_scale = spec.guidance
    try:
        return pipe(**text, **common).frames[0]
    finally:
        pipe.guider.guidance_scale = previous
