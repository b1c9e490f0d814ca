# Videos of the LVSA-adjacent project pages as labelled sets for `bin/vqeval validate`, taken from local clones of
# the pages' repositories (the pages state no licence for their videos: evaluate with them and cite them, do not
# redistribute them). Labels and sources: docs/results/vqeval-2026-12-06d/{riflex,ultravico}-page-labels.csv and
# docs/results/vqeval-2026-12-06e/{fifo,deepforcing}-page-labels.csv, set by eye at the commits named there.
#   riflex       riflex-video/riflex-video.github.io (commit 55f2fc8): 15 comparison videos, copied as they are
#   ultravico    thu-ml/UltraViCo.github.io (commit eccd7ee): 9 panels cut from side-by-side videos (x264 CRF 18)
#   fifo         jjihwan/jjihwan.github.io (commit 03a0c12), the FIFO-Diffusion page: 24 videos, 6 prompts by FIFO,
#                FreeNoise, Gen-L-Video and LaVie+SEINE (100 frames at 10 fps), copied as they are
#   deepforcing  cvlab-kaist/DeepForcing (commit ecc39ff): 11 videos of 30 s by Deep Forcing, Self Forcing, Rolling
#                Forcing and LongLive (16 fps), copied as they are
# Usage: .venv/bin/python scripts/page_sets.py riflex|ultravico|fifo|deepforcing CLONE OUTDIR
#   then bin/vqeval validate OUTDIR --labels OUTDIR/labels.csv
import csv
import os
import shutil
import subprocess
import sys

from real_set_variants import FF, HERE  # the same FFmpeg as the remakes

LABELS = {name: os.path.join(HERE, f"../docs/results/vqeval-2026-12-06{day}/{name}-page-labels.csv")
          for name, day in (("riflex", "d"), ("ultravico", "d"), ("fifo", "e"), ("deepforcing", "e"))}


def copy_or_cut(source: str, crop: str, target: str) -> None:
    """The source video as it is, or the panel ``crop`` (FFmpeg w:h:x:y) cut out of it and re-encoded."""
    if not crop:
        shutil.copyfile(source, target)
        return
    cmd = [FF, "-v", "error", "-nostdin", "-y", "-i", source, "-vf", f"crop={crop}", "-an", "-c:v", "libx264",
           "-crf", "18", "-pix_fmt", "yuv420p", target]
    subprocess.run(cmd, check=True)


def main(name: str, clone: str, out: str) -> int:
    rows = list(csv.DictReader(open(LABELS[name], newline="")))
    missing = sorted({r["source_path"] for r in rows if not os.path.isfile(os.path.join(clone, r["source_path"]))})
    if missing:
        print(f"page_sets: {clone}: no {missing[0]} (and {len(missing) - 1} more of the {name} page's videos): "
              f"not a clone of {rows[0]['source_repo']} with its videos", file=sys.stderr)
        return 2
    os.makedirs(out, exist_ok=True)
    for r in rows:
        copy_or_cut(os.path.join(clone, r["source_path"]), r.get("crop", ""), os.path.join(out, r["file"]))
    shutil.copyfile(LABELS[name], os.path.join(out, "labels.csv"))
    print(f"page_sets: {len(rows)} videos of the {name} page and labels.csv in {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in LABELS:
        print(f"usage: page_sets.py {'|'.join(LABELS)} CLONE OUTDIR", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
