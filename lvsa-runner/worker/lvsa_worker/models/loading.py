"""Load a model (tiny preset, local diffusers folder, or dummy weights), describe its geometry, check a plan.

``weights="dummy"`` builds a registry model (``contracts/models/real-models.json``) or a tiny preset from its
description with seeded random weights (:mod:`.dummy`), instead of reading a checkpoint.

A loaded model knows its family (``wan`` or ``hunyuanvideo15``), its experts (one transformer, or two for
Wan 2.2 A14B), and what the plan's geometry must say: VAE factors, patch, joint text tokens and, where
known, the training horizon. :class:`ModelCache` keeps models loaded across jobs (key: model, device,
dtype, offload, weights, text).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import torch

from ..contracts import REAL_MODELS_RELATIVE, real_models
from ..errors import GeometryMismatch, ModelLoadError, UsageError, WorkerError
from ..plan import Plan
from . import dummy, hunyuan15, presets, wan

FAMILY_ADAPTERS = {"wan": wan, "hunyuanvideo15": hunyuan15}
PIPELINE_FAMILIES = {"WanPipeline": "wan", "HunyuanVideo15Pipeline": "hunyuanvideo15"}


@lru_cache(maxsize=1)
def known_horizons() -> dict[tuple[str, int, int], int]:
    """Training horizons in latent frames where the family and VAE pin them down: (family, temporal factor,
    spatial factor) -> ``reference_latent_frames`` over the models of ``contracts/models/real-models.json``.
    Two models with the same key and different horizons are refused."""
    horizons: dict[tuple[str, int, int], tuple[int, str]] = {}
    for entry in real_models()["models"]:
        key = (entry["family"], int(entry["temporal_factor"]), int(entry["spatial_factor"]))
        frames, name = int(entry["reference_latent_frames"]), entry["name"]
        seen = horizons.setdefault(key, (frames, name))
        if seen[0] != frames:
            raise WorkerError(
                f"contracts/{REAL_MODELS_RELATIVE}: models {seen[1]} and {name} share family and VAE factors {key} "
                f"but give training horizons {seen[0]} and {frames} latent frames; a checkpoint folder's horizon "
                f"would be ambiguous"
            )
    return {key: frames for key, (frames, _) in horizons.items()}


@dataclass
class LoadedModel:
    name: str
    family: str
    pipe: object
    device: torch.device
    dtype: torch.dtype
    preset: dict | None
    load_s: float
    offload: str = "none"
    weights: str = "checkpoint"  # "preset" (a tiny preset's own init), "checkpoint" (a folder), "dummy"
    text: str | None = None  # with dummy weights: "encoder" or "dummy-embeddings"
    description: dict | None = None  # with dummy weights: what was built (see models.dummy)

    def result_fields(self) -> dict:
        """What a job's result records about the weights."""
        fields = {"weights": self.weights}
        if self.weights == "dummy":
            fields.update(text=self.text, weights_seed=dummy.DEFAULT_SEED)
        return fields

    @property
    def adapter(self):
        return FAMILY_ADAPTERS[self.family]

    @property
    def transformers(self) -> list:
        experts = [self.pipe.transformer]
        second = getattr(self.pipe, "transformer_2", None)
        if second is not None:
            experts.append(second)
        return experts

    @property
    def config(self):
        return self.transformers[0].config

    @property
    def temporal_factor(self) -> int:
        return int(self.pipe.vae_scale_factor_temporal)

    @property
    def spatial_factor(self) -> int:
        return int(self.pipe.vae_scale_factor_spatial)

    @property
    def patch(self) -> tuple[int, int, int]:
        if self.family == "wan":
            return tuple(int(p) for p in self.config.patch_size)
        return (int(self.config.patch_size_t), int(self.config.patch_size), int(self.config.patch_size))

    @property
    def num_heads(self) -> int:
        return int(self.config.num_attention_heads)

    @property
    def head_dim(self) -> int:
        return int(self.config.attention_head_dim)

    @property
    def text_tokens(self) -> int:
        """Text tokens that join self-attention (Wan: none; HunyuanVideo 1.5: image + ByT5 + MLLM slots)."""
        if self.family == "wan":
            return 0
        if self.preset is not None:
            return presets.HV_IMAGE_TOKENS + presets.HV_BYT5_TOKENS + presets.HV_MLLM_TOKENS
        pipe = self.pipe
        return int(pipe.vision_num_semantic_tokens + pipe.tokenizer_max_length + pipe.tokenizer_2_max_length)

    @property
    def reference_latent_frames(self) -> int | None:
        if self.preset is not None:
            return int(self.preset["reference_latent_frames"])
        return known_horizons().get((self.family, self.temporal_factor, self.spatial_factor))

    def rope(self, transformer):
        return transformer.rope


def check_weights(weights: str | None, text: str | None) -> None:
    if weights is not None and weights not in dummy.WEIGHTS:
        raise UsageError(f"weights {weights!r} is not one of {', '.join(dummy.WEIGHTS)} (or absent: the model's own)")
    if text is not None and weights != "dummy":
        raise UsageError("text applies to dummy weights only (--weights dummy)")
    if text is not None and text not in dummy.TEXT_OPTIONS:
        raise UsageError(f"text {text!r} is not one of {', '.join(dummy.TEXT_OPTIONS)}")


def _load_dummy(name: str, device: torch.device, dtype: torch.dtype, offload: str, text: str | None) -> LoadedModel:
    started = time.perf_counter()
    text = text or "encoder"
    if name in presets.PRESETS:
        spec = presets.spec_of(name)
        desc, preset = presets.description(spec), spec
    else:
        desc, preset = dummy.describe_real(name), None
        if desc is None:
            raise ModelLoadError(f"model {name}: dummy weights need a registry model "
                                 f"({', '.join(dummy.real_model_names())}) or a preset ({', '.join(presets.PRESETS)})")
    build_on = device if offload == "none" else torch.device("cpu")
    pipe = dummy.build_pipeline(desc, seed=dummy.DEFAULT_SEED, text=text, device=build_on, dtype=dtype)
    pipe.set_progress_bar_config(disable=True)
    if offload == "model":
        pipe.enable_model_cpu_offload(device=device)
    return LoadedModel(name, desc["family"], pipe, device, dtype, preset, time.perf_counter() - started, offload,
                       weights="dummy", text=text, description=desc)


def load(name: str, device: torch.device, dtype: torch.dtype, offload: str = "none", weights: str | None = None,
         text: str | None = None) -> LoadedModel:
    """A preset by name, or a local diffusers pipeline folder (never downloaded); with ``weights="dummy"`` a
    registry model or preset with seeded random weights (``text``: ``encoder``, the default, or
    ``dummy-embeddings``)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    check_weights(weights, text)
    if offload not in ("none", "model"):
        raise UsageError(f"offload {offload!r} is not one of none, model")
    if weights == "dummy":
        return _load_dummy(name, device, dtype, offload, text)
    started = time.perf_counter()
    if name in presets.PRESETS:
        pipe, spec = presets.build(name)
        family, preset = spec["family"], spec
    else:
        path = Path(name).expanduser()
        if not path.is_dir():
            hint = " (a registry model: add --weights dummy)" if name in dummy.real_model_names() else ""
            raise ModelLoadError(
                f"model {name}: not a preset ({', '.join(presets.PRESETS)}) and not a local folder{hint}"
            )
        if not (path / "model_index.json").is_file():
            raise ModelLoadError(f"model {name}: no model_index.json (not a diffusers pipeline folder)")
        from diffusers import DiffusionPipeline

        try:
            pipe = DiffusionPipeline.from_pretrained(str(path), torch_dtype=dtype, local_files_only=True)
        except Exception as exc:  # diffusers raises many types; report one line
            raise ModelLoadError(f"model {name}: cannot load ({type(exc).__name__}: {exc})") from exc
        family = PIPELINE_FAMILIES.get(type(pipe).__name__)
        if family is None:
            raise ModelLoadError(
                f"model {name}: pipeline {type(pipe).__name__} is not supported "
                f"(supported: {', '.join(PIPELINE_FAMILIES)})"
            )
        preset = None
    pipe.set_progress_bar_config(disable=True)
    if preset is not None:
        pipe.to(dtype=dtype)
    elif family == "wan":
        pipe.vae.to(torch.float32)  # Wan's VAE is meant to decode in float32 (the transformer stays in dtype)
    if offload == "model":
        pipe.enable_model_cpu_offload(device=device)
    else:
        pipe.to(device=device)
    return LoadedModel(name, family, pipe, device, dtype, preset, time.perf_counter() - started, offload,
                       weights="preset" if preset is not None else "checkpoint")


class ModelCache:
    """Models kept loaded across jobs, keyed by (model, device, dtype, offload, weights, text); one at a time by
    default."""

    def __init__(self, capacity: int = 1):
        self.capacity = capacity
        self._models: dict[tuple, LoadedModel] = {}

    def get(self, name: str, device: torch.device, dtype: torch.dtype, offload: str = "none",
            weights: str | None = None, text: str | None = None) -> tuple[LoadedModel, bool]:
        """(model, True when it was already loaded)."""
        if weights == "dummy":
            text = text or "encoder"
        key = (name, str(device), str(dtype), offload, weights, text)
        if key in self._models:
            return self._models[key], True
        while len(self._models) >= self.capacity:
            self._models.pop(next(iter(self._models)))
        model = load(name, device, dtype, offload, weights, text)
        self._models[key] = model
        return model, False


def check_request(plan: Plan, *, frames: int, height: int, width: int, steps: int) -> None:
    """The request's own numbers against the plan, before a model is loaded (a load can take minutes)."""
    g = plan.geometry
    problems = [
        f"{what} is {plan_value} in the plan but {actual} from {option}"
        for what, plan_value, actual, option in (
            ("video_frames", g.video_frames, frames, "--frames"), ("height", g.height, height, "--height"),
            ("width", g.width, width, "--width"), ("steps", plan.steps, steps, "--steps"))
        if plan_value != actual
    ]
    if problems:
        raise GeometryMismatch(f"plan {plan.source} does not fit the request: " + "; ".join(problems))


def check_geometry(plan: Plan, model: LoadedModel, *, frames: int, height: int, width: int, steps: int) -> None:
    """Refuse, in one line listing every difference, a plan that does not fit the model and request."""
    g = plan.geometry
    problems = []

    def differ(what: str, plan_value, actual, source: str) -> None:
        if plan_value != actual:
            problems.append(f"{what} is {plan_value} in the plan but {actual} from {source}")

    tf, sf, patch = model.temporal_factor, model.spatial_factor, model.patch
    if (frames - 1) % tf != 0:
        problems.append(f"--frames {frames}: frames - 1 must be a multiple of the VAE's temporal factor {tf}")
    if height % (sf * patch[1]) or width % (sf * patch[2]):
        problems.append(
            f"--height/--width {height}x{width} must be multiples of {sf * patch[1]}x{sf * patch[2]}"
        )
    differ("video_frames", g.video_frames, frames, "--frames")
    differ("latent_frames", g.latent_frames, (frames - 1) // tf + 1, "--frames and the VAE")
    differ("height", g.height, height, "--height")
    differ("width", g.width, width, "--width")
    differ("temporal_factor", g.temporal_factor, tf, "the model's VAE")
    differ("spatial_factor", g.spatial_factor, sf, "the model's VAE")
    differ("patch", list(g.patch), list(patch), "the transformer config")
    grid = [height // (sf * patch[1]), width // (sf * patch[2])]
    differ("frame_grid", list(g.frame_grid), grid, "the resolution and the model")
    differ("tokens_per_frame", g.tokens_per_frame, grid[0] * grid[1], "the resolution and the model")
    differ("text_tokens", g.text_tokens, model.text_tokens, "the model's joint attention")
    horizon = model.reference_latent_frames
    if horizon is not None:
        differ("reference_latent_frames", g.reference_latent_frames, horizon, f"the {model.family} model's training horizon")
    differ("steps", plan.steps, steps, "--steps")
    if (model.preset is not None or model.weights == "dummy") and plan.model != model.name:
        what = "preset" if model.preset is not None else "dummy-weight model"
        problems.append(f"model is {plan.model} in the plan but the worker loaded {what} {model.name}")
    if problems:
        raise GeometryMismatch(f"plan {plan.source} does not fit model {model.name}: " + "; ".join(problems))
