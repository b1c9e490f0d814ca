"""Hand-written plan documents for tests.

Patterns here are explicit: literal interval rows, or "a band of half-width w clipped at the ends plus a
fixed set of anchor frames". That band is a test pattern, not LVSA's rule (no shifted windows, no growth,
no key-frame interval); the worker executes whatever rows a plan holds, so any pattern tests it. The
expected densities are counted here from the rows, independently of the worker's executors.
"""

from __future__ import annotations

import copy

from lvsa_worker.contracts import tiny_model_specs


def geometry(model: str = "tiny-wan", frames: int = 65) -> dict:
    spec = tiny_model_specs()[model]
    tf, sf, patch = spec["temporal_factor"], spec["spatial_factor"], spec["patch"]
    grid = [spec["height"] // (sf * patch[1]), spec["width"] // (sf * patch[2])]
    return {
        "video_frames": frames, "latent_frames": (frames - 1) // tf + 1, "height": spec["height"],
        "width": spec["width"], "temporal_factor": tf, "spatial_factor": sf, "patch": list(patch),
        "frame_grid": grid, "tokens_per_frame": grid[0] * grid[1], "text_tokens": spec["text_tokens"],
        "reference_latent_frames": spec["reference_latent_frames"],
    }


def to_intervals(frames) -> list[list[int]]:
    """Sorted frame indices -> merged inclusive intervals."""
    intervals: list[list[int]] = []
    for f in sorted(set(frames)):
        if intervals and f == intervals[-1][1] + 1:
            intervals[-1][1] = f
        else:
            intervals.append([f, f])
    return intervals


def band_rows(latent_frames: int, half_width: int, anchors=()) -> list[list[list[int]]]:
    """Row q: frames max(0, q-w) .. min(T-1, q+w), plus the anchors."""
    rows = []
    for q in range(latent_frames):
        band = range(max(0, q - half_width), min(latent_frames - 1, q + half_width) + 1)
        rows.append(to_intervals(list(band) + [a for a in anchors if a < latent_frames]))
    return rows


def row_density(rows) -> float:
    t = len(rows)
    return sum(last - first + 1 for row in rows for first, last in row) / float(t * t)


def _base(model: str, frames: int, steps: int, method: str, mask: dict) -> dict:
    return {
        "schema_version": 1, "created_by": "lvsa_worker tests", "model": model, "method": method,
        "geometry": geometry(model, frames), "steps": steps, "mask": mask,
        "score_transform": None, "rope_transform": None,
        "backend": {"name": "auto", "on_unavailable": "fail"},
    }


def dense(model: str = "tiny-wan", frames: int = 65, steps: int = 2, **extra) -> dict:
    doc = _base(model, frames, steps, "dense", {"kind": "dense"})
    doc["expected"] = {"frame_density_per_step": [1.0] * steps, "mean_frame_density": 1.0}
    doc.update(extra)
    return doc


def frame_blocks(model: str, frames: int, steps: int, patterns: list, step_patterns: list,
                 method: str = "test-pattern", **extra) -> dict:
    mask = {"kind": "frame_blocks", "patterns": [{"rows": copy.deepcopy(r)} for r in patterns],
            "step_patterns": list(step_patterns)}
    doc = _base(model, frames, steps, method, mask)
    per_step = [row_density(patterns[i]) for i in step_patterns]
    doc["expected"] = {"frame_density_per_step": per_step, "mean_frame_density": sum(per_step) / steps}
    doc.update(extra)
    return doc


def rotating_bands(model: str = "tiny-wan", frames: int = 65, steps: int = 4, half_width: int = 2,
                   anchor_sets=((0, 4, 12), (0, 5, 13), (0, 6, 14))) -> dict:
    """A sparse plan whose anchors move from step to step (like LVSA's rotation, with fixed sets)."""
    t = geometry(model, frames)["latent_frames"]
    patterns = [band_rows(t, half_width, anchors) for anchors in anchor_sets]
    return frame_blocks(model, frames, steps, patterns, [s % len(patterns) for s in range(steps)])
