# Failures of the real set's kinds spliced into real clean footage, with labels known by construction: a held-out
# check of VQeval on real textures and motion, not on procedural scenes. From each clean clip of the real set (and
# the clean external clips, when present) it writes:
#   NAME_clean   the clip as it is (its first MAX_FRAMES frames)                          label clean
#   NAME_replay  at frame k (55-70% in) a hard cut back to frame s (0-12), played on       label loop, period k-s, onset k
#   NAME_slow    from frame k (40-55% in) the motion slows to a crawl (speed decays with   label freeze, onset k
#                a 10-frame time constant, then 4% of real time), frames blended, as the
#                "slower motion" failures of PI and YaRN do
#   NAME_still   from frame k (40-55% in) frame k held, with fine grain that differs in    label freeze, onset k
#                every frame (a still picture, not pixel-frozen)
# With --kinds, other kinds of loop (not in the default set) are made too:
#   NAME_dissolve   at frame k (55-70% in) a 12-frame dissolve back to frame s (0-12)      label loop, period k-s, onset k
#   NAME_midreplay  at frame k (62-75% in) a hard cut back to frame s (25-35% in)          label loop, period k-s, onset k
#   NAME_stretched  at frame k (55-70% in) a cut back to frame s (0-12), played at 0.85-0.95 of its speed
#                                                                                          label loop, period k-s, onset k
#   NAME_cycle      from frame k (40-50% in) the last 1.5-2.5 s repeat to the end           label loop, period L, onset k
#   NAME_pingpong   from frame k (50-60% in) played backwards                               label loop, onset k
# Labels follow the real set's conventions: a replay's onset is its first replayed frame, a slow-motion freeze's
# onset is where the motion turns slow. Then score with
#   bin/vqeval validate OUTDIR --labels OUTDIR/labels.csv --quiet --out OUTDIR/val
# Usage: .venv/bin/python scripts/real_set_failures.py OUTDIR [SEED] [--kinds clean,replay,slow,still,...]
import argparse
import csv
import os
import subprocess
import sys

import imageio_ffmpeg
import numpy as np
from real_set_variants import FF, HERE, REAL  # the same FFmpeg and real set as the remakes

EXTERNAL = os.environ.get("VQEVAL_EXTERNAL_SET", os.path.join(HERE, "../../shared/datasets/external"))
EXTERNAL_CLEAN = ("hv15_2x_lvsa_ocean.mp4", "wan_riflex_cat.gif")  # their SOURCES.md: no loop
MAX_FRAMES = 480
FIELDS = ["file", "frames", "fps", "width", "height", "source", "label", "period_frames", "onset_frame", "notes"]


def read_frames(path: str):
    """(frames (N, H, W, 3) uint8, fps) of the first MAX_FRAMES frames, at even width and height."""
    reader = imageio_ffmpeg.read_frames(path, pix_fmt="rgb24")
    meta = next(reader)
    width, height = meta["size"]
    frames = []
    for raw in reader:
        frames.append(np.frombuffer(raw, np.uint8).reshape(height, width, 3))
        if len(frames) == MAX_FRAMES:
            reader.close()
            break
    even = np.stack(frames)[:, : height // 2 * 2, : width // 2 * 2]
    return even, float(meta["fps"])


def write_video(path: str, frames: np.ndarray, fps: float) -> None:
    _, height, width, _ = frames.shape
    cmd = [FF, "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}", "-r", f"{fps}",
           "-i", "-", "-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p", path]
    subprocess.run(cmd, input=frames.tobytes(), check=True)


def at_position(frames: np.ndarray, position: float) -> np.ndarray:
    """The picture at a fractional frame position: the two nearest frames blended."""
    lo = int(np.floor(position))
    hi = min(lo + 1, len(frames) - 1)
    t = position - lo
    return (frames[lo] * (1 - t) + frames[hi] * t).round().astype(np.uint8)


def replay(frames, rng):
    n = len(frames)
    k = int(rng.uniform(0.55, 0.70) * n)
    s = int(rng.integers(0, 13))
    out = np.concatenate([frames[:k], frames[s : s + n - k]])
    return out, dict(label="loop", period_frames=k - s, onset_frame=k,
                     notes=f"hard cut at {k - 1}->{k} back to frame {s}, played on")


def slow(frames, rng):
    n = len(frames)
    k = int(rng.uniform(0.40, 0.55) * n)
    t = np.arange(n - k, dtype=np.float64)
    positions = k + 10.0 * (1 - np.exp(-t / 10.0)) + 0.04 * t
    out = np.concatenate([frames[:k], np.stack([at_position(frames, p) for p in positions])])
    return out, dict(label="freeze", period_frames="", onset_frame=k,
                     notes=f"from {k} the motion slows (time constant 10 frames) to 4% of real time")


# Frames worked on in float64 at a time: a 720p clip's spliced part whole would take over 10 GB (the CI machine has
# 24). Drawing the grain in chunks gives the same numbers as one draw, so the clips are the same.
CHUNK = 16


def still(frames, rng):
    n = len(frames)
    k = int(rng.uniform(0.40, 0.55) * n)
    out = np.empty_like(frames)
    out[:k] = frames[:k]
    base = frames[k][None].astype(np.float64)
    for i in range(k, n, CHUNK):
        grain = rng.normal(0.0, 2.0, size=(min(CHUNK, n - i), *frames.shape[1:]))
        out[i : i + len(grain)] = np.clip(base + grain, 0, 255).round().astype(np.uint8)
    return out, dict(label="freeze", period_frames="", onset_frame=k, notes=f"frame {k} held from {k}, grain sigma 2 per frame")


def dissolve(frames, rng):
    n = len(frames)
    k = int(rng.uniform(0.55, 0.70) * n)
    s = int(rng.integers(0, 13))
    out = frames.copy()
    for i in range(k, n, CHUNK):
        j = min(i + CHUNK, n)
        mix = np.minimum(1.0, np.arange(i - k + 1, j - k + 1) / 12.0)[:, None, None, None]
        ahead = frames[i:j].astype(np.float64)
        out[i:j] = ((1 - mix) * ahead + mix * frames[s + i - k : s + j - k]).round().astype(np.uint8)
    return out, dict(label="loop", period_frames=k - s, onset_frame=k, notes=f"12-frame dissolve from {k} back to {s}")


def midreplay(frames, rng):
    n = len(frames)
    k = int(rng.uniform(0.62, 0.75) * n)
    s = int(rng.uniform(0.25, 0.35) * n)
    out = np.concatenate([frames[:k], frames[s : s + n - k]])
    return out, dict(label="loop", period_frames=k - s, onset_frame=k, notes=f"hard cut at {k - 1}->{k} back to {s}")


def stretched(frames, rng):
    n = len(frames)
    k = int(rng.uniform(0.55, 0.70) * n)
    s = int(rng.integers(0, 13))
    rate = rng.uniform(0.85, 0.95)
    later = np.stack([at_position(frames, s + rate * t) for t in range(n - k)])
    return np.concatenate([frames[:k], later]), dict(label="loop", period_frames=k - s, onset_frame=k,
                                                     notes=f"hard cut at {k - 1}->{k} back to {s}, at {rate:.2f}x")


def cycle(frames, rng):
    n = len(frames)
    k = int(rng.uniform(0.40, 0.50) * n)
    length = int(rng.uniform(1.5, 2.5) * 24)
    order = list(range(k)) + [k - length + j % length for j in range(n - k)]
    return frames[order], dict(label="loop", period_frames=length, onset_frame=k,
                               notes=f"from {k} the last {length} frames repeat")


def pingpong(frames, rng):
    n = len(frames)
    k = int(rng.uniform(0.50, 0.60) * n)
    order = list(range(k)) + [max(0, k - 2 - j) for j in range(n - k)]
    return frames[order], dict(label="loop", period_frames="", onset_frame=k, notes=f"from {k} played backwards")


def clean(frames, rng):
    return frames, dict(label="clean", period_frames="", onset_frame="", notes="as published")


KINDS = {"clean": clean, "replay": replay, "slow": slow, "still": still, "dissolve": dissolve,
         "midreplay": midreplay, "stretched": stretched, "cycle": cycle, "pingpong": pingpong}
DEFAULT_KINDS = ("clean", "replay", "slow", "still")


def sources():
    for r in csv.DictReader(open(f"{REAL}/labels.csv")):
        if r["label"] == "clean":
            yield os.path.splitext(r["file"])[0], f"{REAL}/{r['file']}"
    for name in EXTERNAL_CLEAN:
        if os.path.exists(f"{EXTERNAL}/{name}"):
            yield os.path.splitext(name)[0], f"{EXTERNAL}/{name}"


def main(out: str, seed: int, kinds=DEFAULT_KINDS) -> None:
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(seed)
    rows = []
    for name, path in sources():
        frames, fps = read_frames(path)
        for kind in kinds:
            video, label = KINDS[kind](frames, rng)
            file = f"{name}_{kind}.mp4"
            write_video(f"{out}/{file}", video, fps)
            rows.append(dict(file=file, frames=len(video), fps=fps, width=video.shape[2], height=video.shape[1],
                             source=os.path.basename(path), **label))
        print(f"{name}: {len(frames)} frames at {fps} fps", file=sys.stderr)
    with open(f"{out}/labels.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)


def parse(argv):
    parser = argparse.ArgumentParser(description="Failures spliced into the real set's clean clips, with labels.")
    parser.add_argument("out", metavar="OUTDIR")
    parser.add_argument("seed", metavar="SEED", type=int, nargs="?", default=1)
    parser.add_argument("--kinds", type=lambda text: tuple(dict.fromkeys(text.split(","))), default=DEFAULT_KINDS,
                        help=f"comma-separated, of: {', '.join(KINDS)} (default: {','.join(DEFAULT_KINDS)})")
    args = parser.parse_args(argv)
    unknown = [k for k in args.kinds if k not in KINDS]
    if unknown:
        parser.error(f"unknown kind {unknown[0]}")
    return args.out, args.seed, args.kinds


if __name__ == "__main__":
    main(*parse(sys.argv[1:]))
