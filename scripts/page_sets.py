# Videos of the LVSA-adjacent project pages as labelled sets for `bin/vqeval validate`, taken from local clones of
# the pages' repositories (the pages state no licence for their videos: evaluate with them and cite them, do not
# redistribute them). Labels and sources: docs/results/vqeval-2026-12-06d/{riflex,ultravico}-page-labels.csv,
# docs/results/vqeval-2026-12-06e/{fifo,deepforcing}-page-labels.csv and
# docs/results/vqeval-2026-12-06h/{selfforcing,waveforcing,infrope,freenoise}-page-labels.csv, set by eye at the
# commits named there.
#   riflex       riflex-video/riflex-video.github.io (commit 55f2fc8): 15 comparison videos, copied as they are
#   ultravico    thu-ml/UltraViCo.github.io (commit eccd7ee): 9 panels cut from side-by-side videos (x264 CRF 18)
#   fifo         jjihwan/jjihwan.github.io (commit 03a0c12), the FIFO-Diffusion page: 24 videos, 6 prompts by FIFO,
#                FreeNoise, Gen-L-Video and LaVie+SEINE (100 frames at 10 fps), copied as they are
#   deepforcing  cvlab-kaist/DeepForcing (commit ecc39ff): 11 videos of 30 s by Deep Forcing, Self Forcing, Rolling
#                Forcing and LongLive (16 fps), copied as they are
#   selfforcing  self-forcing/self-forcing.github.io (commit dd3722f): 5 Self Forcing extrapolations (10 s, 30 s)
#   waveforcing  SJTU-DENG-Lab/WaveForcing (commit 2644d7a): 17 streaming generations of 100 s (12 fps)
#   infrope      infinity-rope/infinity-rope.github.io (commit 4df3385): 14 videos, copied as they are
#   freenoise    arthur-qiu/arthur-qiu.github.io (commit 6609173), the FreeNoise page: 14 panels of three screen
#                captures that hold each generated frame for 3-4 captured ones; the held copies are dropped (a frame
#                is new when over 2% of its pixels change by more than 12 grey levels) and the 64 frames of each
#                panel re-timed to the page's rate (the labels' fps)
# Usage: .venv/bin/python scripts/page_sets.py riflex|ultravico|fifo|deepforcing|selfforcing|waveforcing|infrope|freenoise
#            CLONE OUTDIR
#   then bin/vqeval validate OUTDIR --labels OUTDIR/labels.csv
import csv
import os
import shutil
import subprocess
import sys

import numpy as np
from real_set_failures import read_frames, write_video  # the splices' reader and x264 writer
from real_set_variants import FF, HERE  # the same FFmpeg as the remakes

LABELS = {name: os.path.join(HERE, f"../docs/results/vqeval-2026-12-06{day}/{name}-page-labels.csv")
          for name, day in (("riflex", "d"), ("ultravico", "d"), ("fifo", "e"), ("deepforcing", "e"),
                            ("selfforcing", "h"), ("waveforcing", "h"), ("infrope", "h"), ("freenoise", "h"))}
HELD_FRAMES = {"freenoise"}  # screen captures: each generated frame held for several captured ones


def copy_or_cut(source: str, crop: str, target: str) -> None:
    """The source video as it is, or the panel ``crop`` (FFmpeg w:h:x:y) cut out of it and re-encoded."""
    if not crop:
        shutil.copyfile(source, target)
        return
    cmd = [FF, "-v", "error", "-nostdin", "-y", "-i", source, "-vf", f"crop={crop}", "-an", "-c:v", "libx264",
           "-crf", "18", "-pix_fmt", "yuv420p", target]
    subprocess.run(cmd, check=True)


def captured_once(source: str, crop: str, fps: str, target: str) -> None:
    """The panel ``crop`` of a screen capture with each held frame kept once, re-timed to ``fps`` (x264 CRF 18)."""
    rgb, _ = read_frames(source)
    grey = rgb.astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)
    changed = (np.abs(np.diff(grey, axis=0)) > 12).mean(axis=(1, 2))
    keep = [0] + [i + 1 for i, c in enumerate(changed) if c > 0.02]
    cw, ch, x, y = (int(v) for v in crop.split(":"))
    write_video(target, np.ascontiguousarray(rgb[keep, y:y + ch, x:x + cw]), float(fps))


def main(name: str, clone: str, out: str) -> int:
    rows = list(csv.DictReader(open(LABELS[name], newline="")))
    missing = sorted({r["source_path"] for r in rows if not os.path.isfile(os.path.join(clone, r["source_path"]))})
    if missing:
        print(f"page_sets: {clone}: no {missing[0]} (and {len(missing) - 1} more of the {name} page's videos): "
              f"not a clone of {rows[0]['source_repo']} with its videos", file=sys.stderr)
        return 2
    os.makedirs(out, exist_ok=True)
    for r in rows:
        source, target = os.path.join(clone, r["source_path"]), os.path.join(out, r["file"])
        if name in HELD_FRAMES:
            captured_once(source, r["crop"], r["fps"], target)
        else:
            copy_or_cut(source, r.get("crop", ""), target)
    shutil.copyfile(LABELS[name], os.path.join(out, "labels.csv"))
    print(f"page_sets: {len(rows)} videos of the {name} page and labels.csv in {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in LABELS:
        print(f"usage: page_sets.py {'|'.join(LABELS)} CLONE OUTDIR", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
