"""Write generated frames to an mp4 (H.264 through imageio-ffmpeg), atomically: temp file, then rename."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np


def to_uint8(frames: np.ndarray) -> np.ndarray:
    """``(F, H, W, 3)`` floats in [0, 1] (a pipeline's ``output_type="np"``) to uint8."""
    return (np.clip(frames, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)


def _ffmpeg_problem() -> str | None:
    """Why imageio cannot write mp4 here (imageio-ffmpeg or its binary missing), or None. Without
    imageio-ffmpeg imageio silently picks another plugin (e.g. TIFF): refuse instead."""
    try:
        import imageio_ffmpeg

        imageio_ffmpeg.get_ffmpeg_exe()
    except ImportError:
        return "writing mp4 needs the imageio-ffmpeg package: pip install imageio-ffmpeg"
    except RuntimeError as exc:
        return f"imageio-ffmpeg finds no ffmpeg binary ({' '.join(str(exc).split())})"
    return None


def _require_ffmpeg() -> None:
    problem = _ffmpeg_problem()
    if problem is not None:
        raise RuntimeError(problem)


def check_writer(path: str | Path) -> str | None:
    """Why ``path`` cannot be written as an mp4 here, or None: the FFmpeg writer (imageio-ffmpeg and its
    binary) and a writable output folder, checked before a job spends its time denoising."""
    problem = _ffmpeg_problem()
    if problem is not None:
        return problem
    folder = Path(path).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-check-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        return f"the output folder {folder} cannot be written ({exc.strerror or exc})"
    return None


def write_mp4(frames: np.ndarray, path: str | Path, fps: int) -> Path:
    """Write ``(F, H, W, 3)`` uint8 frames to ``path``; the file appears complete or not at all."""
    import imageio.v2 as imageio

    _require_ffmpeg()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.stem}.tmp-{os.getpid()}.mp4")
    try:
        # macro_block_size=1: keep the exact resolution (the default would rescale to multiples of 16).
        with imageio.get_writer(
            str(temp), format="FFMPEG", fps=fps, codec="libx264", quality=8, pixelformat="yuv420p", macro_block_size=1,
            ffmpeg_log_level="error",
        ) as writer:
            for frame in frames:
                writer.append_data(frame)
        os.replace(temp, target)
    finally:
        if temp.exists():
            temp.unlink()
    return target


def count_frames(path: str | Path) -> int:
    """Frames in a video file, decoded one by one (not the container's estimate)."""
    import imageio.v2 as imageio

    _require_ffmpeg()
    with imageio.get_reader(str(path), format="FFMPEG") as reader:
        return sum(1 for _ in reader)
