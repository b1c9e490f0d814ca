"""Attention plans: load, validate (JSON Schema, then the semantic rules of contracts/README.md), expose.

A plan is written by the Java planner and executed as is: the worker never re-derives a pattern.

Example::

    >>> plan = parse_plan({
    ...     "schema_version": 1, "model": "tiny-wan", "method": "dense", "steps": 2,
    ...     "geometry": {"video_frames": 5, "latent_frames": 2, "height": 64, "width": 96,
    ...                  "temporal_factor": 4, "spatial_factor": 8, "patch": [1, 2, 2],
    ...                  "frame_grid": [4, 6], "tokens_per_frame": 24, "text_tokens": 0,
    ...                  "reference_latent_frames": 9},
    ...     "mask": {"kind": "dense"}, "backend": {"name": "auto", "on_unavailable": "fail"}})
    >>> plan.mask_for_step(1).frame_density
    1.0
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .contracts import load_schema
from .errors import PlanError

DENSITY_TOLERANCE = 1e-6

Interval = tuple[int, int]
Row = tuple[Interval, ...]


@dataclass(frozen=True)
class Geometry:
    """Where the tokens are: ``latent_frames`` frames of ``tokens_per_frame`` video tokens, then text tokens."""

    video_frames: int
    latent_frames: int
    height: int
    width: int
    temporal_factor: int
    spatial_factor: int
    patch: tuple[int, int, int]
    frame_grid: tuple[int, int]
    tokens_per_frame: int
    text_tokens: int
    reference_latent_frames: int

    @property
    def video_tokens(self) -> int:
        return self.latent_frames * self.tokens_per_frame

    @property
    def sequence_tokens(self) -> int:
        """Tokens of the joint self-attention: video then text."""
        return self.video_tokens + self.text_tokens


@dataclass(frozen=True)
class FrameMask:
    """The frame-level mask of one denoising step.

    ``rows[q]`` lists the inclusive key-frame intervals that query frame ``q`` attends; ``rows is None``
    means dense (every frame attends every frame). ``key`` identifies the pattern for per-step caches.
    """

    key: str
    latent_frames: int
    rows: tuple[Row, ...] | None

    @property
    def is_dense(self) -> bool:
        return self.rows is None

    def attended_frames(self, query_frame: int) -> list[int]:
        if self.rows is None:
            return list(range(self.latent_frames))
        return [f for first, last in self.rows[query_frame] for f in range(first, last + 1)]

    def row_lengths(self) -> list[int]:
        if self.rows is None:
            return [self.latent_frames] * self.latent_frames
        return [sum(last - first + 1 for first, last in row) for row in self.rows]

    def as_matrix(self) -> np.ndarray:
        """Boolean ``(T, T)`` matrix: ``[q, k]`` is True when query frame q attends key frame k."""
        t = self.latent_frames
        if self.rows is None:
            return np.ones((t, t), dtype=bool)
        matrix = np.zeros((t, t), dtype=bool)
        for q, row in enumerate(self.rows):
            for first, last in row:
                matrix[q, first : last + 1] = True
        return matrix

    @property
    def frame_density(self) -> float:
        """Attended (query frame, key frame) pairs over ``T * T``."""
        return sum(self.row_lengths()) / float(self.latent_frames**2)

    @property
    def is_full(self) -> bool:
        """True when the mask attends every pair (a dense plan or a frame mask with no gaps)."""
        return self.rows is None or all(n == self.latent_frames for n in self.row_lengths())


def token_density(mask: FrameMask, geometry: Geometry) -> float:
    """Attended token pairs over ``S * S`` for the joint sequence (text rows and columns fully attended)."""
    p, s, lt = geometry.tokens_per_frame, geometry.sequence_tokens, geometry.text_tokens
    pairs = p * p * sum(mask.row_lengths()) + 2 * s * lt - lt * lt
    return pairs / float(s * s)


@dataclass(frozen=True)
class UltraViCo:
    """UltraViCo's logit transform (see the schema's ``ultravico`` definition)."""

    alpha: float
    distance_tokens: int
    first_frame_key_limit_tokens: int
    beta: float | None = None
    beta_period_tokens: int | None = None


@dataclass(frozen=True)
class Riflex:
    """RIFLEx: lower one temporal RoPE frequency; ``k`` is 1-based, None lets the worker pick it."""

    repeat_latent_frames: int
    scale: float
    k: int | None = None


@dataclass(frozen=True)
class Plan:
    """A validated attention plan. ``raw`` is the document as read."""

    source: str
    raw: dict
    model: str
    method: str
    geometry: Geometry
    steps: int
    mask_kind: str
    patterns: tuple[FrameMask, ...]
    step_patterns: tuple[int, ...]
    score_transform: UltraViCo | None
    rope_transform: Riflex | None
    backend: str
    expected: dict

    def mask_for_step(self, step: int) -> FrameMask:
        """The frame mask of denoising step ``step`` (0-based, counted over the whole trajectory)."""
        if not 0 <= step < self.steps:
            raise IndexError(f"plan {self.source}: step {step} outside 0..{self.steps - 1}")
        return self.patterns[self.step_patterns[step]]

    def frame_density_per_step(self) -> list[float]:
        return [self.mask_for_step(s).frame_density for s in range(self.steps)]

    def mean_frame_density(self) -> float:
        per_step = self.frame_density_per_step()
        return sum(per_step) / len(per_step)

    def mean_token_density(self) -> float:
        return sum(token_density(self.mask_for_step(s), self.geometry) for s in range(self.steps)) / self.steps


def load_plan(path: str | Path, *, check_schema: bool = True) -> Plan:
    """Read, validate and parse a plan file; any problem raises :class:`PlanError` naming the file."""
    source = str(path)
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except FileNotFoundError:
        raise PlanError(f"plan {source}: file not found") from None
    except json.JSONDecodeError as exc:
        raise PlanError(f"plan {source}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except OSError as exc:
        raise PlanError(f"plan {source}: cannot read ({exc.strerror})") from None
    return parse_plan(document, source, check_schema=check_schema)


def parse_plan(document: Any, source: str = "<plan>", *, check_schema: bool = True) -> Plan:
    """Validate ``document`` against the schema and the semantic rules, then build a :class:`Plan`.

    ``check_schema=False`` skips only the JSON Schema pass (for benchmark machines without jsonschema);
    the worker's CLI and serve always check it.
    """
    if check_schema:
        _check_schema(document, source)
    geometry = _parse_geometry(document["geometry"], source)
    steps = document["steps"]
    mask_doc = document["mask"]
    if mask_doc["kind"] == "dense":
        patterns = (FrameMask("dense", geometry.latent_frames, None),)
        step_patterns = tuple([0] * steps)
    else:
        patterns = tuple(
            FrameMask(f"pattern-{i}", geometry.latent_frames, _parse_rows(p["rows"], geometry, source, i))
            for i, p in enumerate(mask_doc["patterns"])
        )
        step_patterns = tuple(mask_doc["step_patterns"])
        if len(step_patterns) != steps:
            raise PlanError(
                f"plan {source}: mask.step_patterns has {len(step_patterns)} entries but steps is {steps}"
            )
        for step, index in enumerate(step_patterns):
            if index >= len(patterns):
                raise PlanError(
                    f"plan {source}: mask.step_patterns[{step}] = {index} but there are only "
                    f"{len(patterns)} patterns"
                )
    plan = Plan(
        source=source,
        raw=document,
        model=document["model"],
        method=document["method"],
        geometry=geometry,
        steps=steps,
        mask_kind=mask_doc["kind"],
        patterns=patterns,
        step_patterns=step_patterns,
        score_transform=_parse_ultravico(document.get("score_transform"), source),
        rope_transform=_parse_riflex(document.get("rope_transform")),
        backend=document["backend"]["name"],
        expected=dict(document.get("expected") or {}),
    )
    _check_expected(plan)
    return plan


def _check_schema(document: Any, source: str) -> None:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    validator = Draft202012Validator(load_schema())
    error = best_match(validator.iter_errors(document))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        raise PlanError(f"plan {source}: schema violation at {where}: {error.message}")


def _parse_geometry(g: dict, source: str) -> Geometry:
    geometry = Geometry(
        video_frames=g["video_frames"],
        latent_frames=g["latent_frames"],
        height=g["height"],
        width=g["width"],
        temporal_factor=g["temporal_factor"],
        spatial_factor=g["spatial_factor"],
        patch=tuple(g["patch"]),
        frame_grid=tuple(g["frame_grid"]),
        tokens_per_frame=g["tokens_per_frame"],
        text_tokens=g["text_tokens"],
        reference_latent_frames=g["reference_latent_frames"],
    )
    tf = geometry.temporal_factor
    if (geometry.video_frames - 1) % tf != 0:
        raise PlanError(
            f"plan {source}: geometry.video_frames - 1 = {geometry.video_frames - 1} is not a multiple of "
            f"temporal_factor {tf}"
        )
    latent = (geometry.video_frames - 1) // tf + 1
    if geometry.latent_frames != latent:
        raise PlanError(
            f"plan {source}: geometry.latent_frames is {geometry.latent_frames} but "
            f"(video_frames - 1) / temporal_factor + 1 = {latent}"
        )
    sf, (_, ph, pw) = geometry.spatial_factor, geometry.patch
    if geometry.height % (sf * ph) or geometry.width % (sf * pw):
        raise PlanError(
            f"plan {source}: geometry {geometry.height}x{geometry.width} is not divisible by "
            f"spatial_factor * patch = {sf * ph}x{sf * pw}"
        )
    grid = (geometry.height // (sf * ph), geometry.width // (sf * pw))
    if geometry.frame_grid != grid:
        raise PlanError(
            f"plan {source}: geometry.frame_grid is {list(geometry.frame_grid)} but height/width over "
            f"spatial_factor * patch give {list(grid)}"
        )
    if geometry.tokens_per_frame != grid[0] * grid[1]:
        raise PlanError(
            f"plan {source}: geometry.tokens_per_frame is {geometry.tokens_per_frame} but frame_grid gives "
            f"{grid[0] * grid[1]}"
        )
    return geometry


def _parse_rows(rows: list, geometry: Geometry, source: str, pattern: int) -> tuple[Row, ...]:
    t = geometry.latent_frames
    if len(rows) != t:
        raise PlanError(
            f"plan {source}: mask.patterns[{pattern}].rows has {len(rows)} entries but latent_frames is {t}"
        )
    parsed = []
    for q, row in enumerate(rows):
        previous_last = None
        intervals = []
        for first, last in row:
            where = f"plan {source}: mask.patterns[{pattern}].rows[{q}] interval [{first}, {last}]"
            if first > last:
                raise PlanError(f"{where}: first is after last")
            if last > t - 1:
                raise PlanError(f"{where}: outside key frames 0..{t - 1}")
            if previous_last is not None:
                if first <= previous_last:
                    raise PlanError(f"{where}: intervals must be sorted and disjoint")
                if first == previous_last + 1:
                    raise PlanError(f"{where}: adjacent to the previous interval (merge them)")
            previous_last = last
            intervals.append((first, last))
        parsed.append(tuple(intervals))
    return tuple(parsed)


def _parse_ultravico(doc: dict | None, source: str) -> UltraViCo | None:
    if doc is None:
        return None
    beta, period = doc.get("beta"), doc.get("beta_period_tokens")
    if (beta is None) != (period is None):
        raise PlanError(f"plan {source}: score_transform.beta and beta_period_tokens must be given together")
    return UltraViCo(
        alpha=float(doc["alpha"]),
        distance_tokens=int(doc["distance_tokens"]),
        first_frame_key_limit_tokens=int(doc["first_frame_key_limit_tokens"]),
        beta=None if beta is None else float(beta),
        beta_period_tokens=period,
    )


def _parse_riflex(doc: dict | None) -> Riflex | None:
    if doc is None:
        return None
    return Riflex(repeat_latent_frames=int(doc["repeat_latent_frames"]), scale=float(doc["scale"]), k=doc.get("k"))


def _check_expected(plan: Plan) -> None:
    """The planner's figures must agree with the mask it wrote: a disagreement means a broken plan."""
    expected = plan.expected
    per_step = plan.frame_density_per_step()
    listed = expected.get("frame_density_per_step")
    if listed is not None:
        if len(listed) != plan.steps:
            raise PlanError(
                f"plan {plan.source}: expected.frame_density_per_step has {len(listed)} entries "
                f"but steps is {plan.steps}"
            )
        for step, (want, have) in enumerate(zip(listed, per_step, strict=False)):
            if abs(want - have) > DENSITY_TOLERANCE:
                raise PlanError(
                    f"plan {plan.source}: expected.frame_density_per_step[{step}] = {want} but the mask of "
                    f"that step has density {have:.6f}"
                )
    mean = expected.get("mean_frame_density")
    if mean is not None and abs(mean - plan.mean_frame_density()) > DENSITY_TOLERANCE:
        raise PlanError(
            f"plan {plan.source}: expected.mean_frame_density = {mean} but the masks give "
            f"{plan.mean_frame_density():.6f}"
        )
    token = expected.get("mean_token_density")
    if token is not None and abs(token - plan.mean_token_density()) > DENSITY_TOLERANCE:
        raise PlanError(
            f"plan {plan.source}: expected.mean_token_density = {token} but the masks give "
            f"{plan.mean_token_density():.6f} (text rows and columns counted as fully attended)"
        )
