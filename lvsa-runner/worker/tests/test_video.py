"""The mp4 writer: exact frames and size, atomic, and a clear error (not another imageio plugin) without ffmpeg."""

import builtins

import numpy as np
import pytest

from lvsa_worker.video import count_frames, write_mp4


def test_written_video_has_every_frame_and_no_temp_file_is_left(tmp_path):
    frames = np.random.default_rng(0).integers(0, 255, size=(9, 64, 96, 3), dtype=np.uint8)
    out = write_mp4(frames, tmp_path / "clip.mp4", fps=8)
    assert count_frames(out) == 9
    assert [p.name for p in tmp_path.iterdir()] == ["clip.mp4"]


def test_without_imageio_ffmpeg_writing_fails_with_the_install_hint(tmp_path, monkeypatch):
    real_import = builtins.__import__

    def no_ffmpeg(name, *args, **kwargs):
        if name == "imageio_ffmpeg":
            raise ImportError("No module named 'imageio_ffmpeg'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ffmpeg)
    with pytest.raises(RuntimeError, match="pip install imageio-ffmpeg"):
        write_mp4(np.zeros((2, 16, 16, 3), np.uint8), tmp_path / "x.mp4", fps=8)
    assert not list(tmp_path.iterdir())
