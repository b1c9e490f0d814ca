"""Rows (frame masks) for attention_bench.py, read from attention plans that the Java planner wrote.

The bench never derives a pattern itself: a shape without a matching plan is an error that says how to write
one (``bin/lvsa-runner pattern plan``).

A case label is a shape (``6x``) or, with ``--patterns all``, a shape and a rotation pattern (``6x@p3``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SHAPES = {"1x": 21, "2x": 41, "4x": 81, "6x": 121}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def rows_from_plan_file(path: Path):
    plan = json.loads(path.read_text())
    if "rows" in plan and "mask" not in plan:
        return plan["rows"]
    mask = plan.get("mask", {})
    if mask.get("kind") == "dense":
        t = plan["geometry"]["latent_frames"]
        return [[[0, t - 1]]] * t
    if mask.get("kind") == "frame_blocks":
        return mask["patterns"][mask["step_patterns"][0]]["rows"]
    raise ValueError(f"{path}: no rows (mask kind {mask.get('kind')!r})")


def find_plan_rows(plan_dir: Path, num_frames: int, tokens_per_frame: int, all_patterns: bool = False):
    """[(rows, source)]: step 0's pattern of the first matching LVSA plan, or (``all_patterns``) each distinct
    pattern in the order the steps first use it (a whole rotation cycle). None without a matching plan."""
    if not plan_dir.is_dir():
        return None
    for path in sorted(plan_dir.glob("*.json")):
        try:
            plan = json.loads(path.read_text())
            geo = plan["geometry"]
            if geo["latent_frames"] != num_frames or geo["tokens_per_frame"] != tokens_per_frame:
                continue
            if plan.get("method") == "lvsa" and plan["mask"]["kind"] == "frame_blocks":
                mask = plan["mask"]
                firsts = {}
                for step, index in enumerate(mask["step_patterns"]):
                    firsts.setdefault(index, step)
                chosen = list(firsts.items()) if all_patterns else [(mask["step_patterns"][0], 0)]
                return [(mask["patterns"][index]["rows"], f"plan {path.name} step {step}") for index, step in chosen]
        except (KeyError, ValueError, TypeError):
            continue
    return None


def rows_for_shape(label, num_frames, args) -> dict:
    """{case label: (rows, source)}: one case, or one per rotation pattern with ``--patterns all``
    (labels ``6x@p0``, ``6x@p1``, ...)."""
    if args.rows_json:
        rows = rows_from_plan_file(Path(args.rows_json))
        return {label: (rows, f"file {Path(args.rows_json).name}")}
    if label == "1x":
        return {label: ([[[0, num_frames - 1]]] * num_frames, "full mask (1x)")}
    found = find_plan_rows(Path(args.plan_dir), num_frames, args.tokens_per_frame, args.patterns == "all")
    if found and len(found) == 1:
        return {label: found[0]}
    if found:
        return {f"{label}@p{i}": case for i, case in enumerate(found)}
    raise SystemExit(f"--plan-dir {args.plan_dir}: no lvsa plan with latent_frames={num_frames} and "
                     f"tokens_per_frame={args.tokens_per_frame} for shape {label}; write one with "
                     f"'bin/lvsa-runner pattern plan' or pass --rows-json FILE")


def base_shape(label: str) -> str:
    """``6x@p3`` -> ``6x`` (the shape a rotation pattern's case belongs to)."""
    return label.split("@", 1)[0]


def is_first_case(label: str) -> bool:
    """Dense kernels ignore the mask: they run once per shape, on its first case."""
    return "@" not in label or label.endswith("@p0")
