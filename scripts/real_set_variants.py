# The real labelled set remade as a held-out set from elsewhere might come, with its labels moved to match (frame
# numbers, periods, fps), then scored with
#   bin/vqeval validate OUTDIR --labels OUTDIR/labels.csv --quiet --out OUTDIR/val
# Usage: .venv/bin/python scripts/real_set_variants.py VARIANT OUTDIR
#   (VARIANT: fps30, half, fps16, crop43, trim1s, crf38, crf45, logo, bright, contrast135, contrast80, contrast60,
#   letterbox, portrait, small, gif, grain, blur, gray, republish)
# scripts/validate-vqeval.sh checks fps30, crop43, republish, contrast135 and portrait. trim1s moves the labels by
# subtraction, which is wrong for a replay of the opening (the cut removes part of what it replays): read its period
# misses with that in mind. The real set is ../shared/datasets/real beside the checkout, or VQEVAL_REAL_SET (any
# folder with the real set's labels.csv columns, a page set of scripts/page_sets.py among them; rates and the
# trimmed second follow each clip's own fps).
import csv
import os
import subprocess
import sys

import imageio_ffmpeg

FF = imageio_ffmpeg.get_ffmpeg_exe()
HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.environ.get("VQEVAL_REAL_SET", os.path.join(HERE, "../../shared/datasets/real"))

# Variants that change the frame rate or drop the first second, from each clip's own rate (the real set's is 24):
# the new rate, and the FFmpeg filter for a clip at `fps`
RATES = {
    "fps30": (lambda fps: 30.0, lambda fps: "fps=30"),
    "half": (lambda fps: fps / 2, lambda fps: f"select=not(mod(n\\,2)),setpts=N/({fps / 2:g}*TB),fps={fps / 2:g}"),
    # a 16 fps generation (Wan's rate): two of every three frames of a 24 fps clip
    "fps16": (lambda fps: 16.0, lambda fps: "fps=16"),
}

# the rest: FFmpeg filter, old frame -> new frame, fps factor
VARIANTS = {
    "crop43": ("crop=ih*4/3:ih", lambda f: f, 1.0),
    # the same frames, changed the way republished videos are: a heavier encode, a static logo, a global
    # brightness and contrast change, letterbox bars, fine film grain that differs in every frame
    "crf38": ("null", lambda f: f, 1.0),
    "logo": ("drawbox=x=iw*0.70:y=ih*0.05:w=iw*0.25:h=ih*0.12:color=white@0.85:t=fill", lambda f: f, 1.0),
    "bright": ("eq=brightness=0.08:contrast=1.15", lambda f: f, 1.0),
    # contrast alone, both ways: grey-level tests with fixed levels move with it
    "contrast135": ("eq=contrast=1.35", lambda f: f, 1.0),
    "contrast80": ("eq=contrast=0.8", lambda f: f, 1.0),
    "contrast60": ("eq=contrast=0.6", lambda f: f, 1.0),
    "letterbox": ("pad=iw:trunc(ih*4/3/2)*2:0:(oh-ih)/2:black", lambda f: f, 1.0),
    # other shapes and sizes: a portrait crop (9:16, as portrait generations are), a small web copy
    "portrait": ("crop=trunc(ih*9/16/2)*2:ih", lambda f: f, 1.0),
    "small": ("scale=480:-2:flags=area", lambda f: f, 1.0),
    # a project-page GIF: 480 pixels wide, 256 colours with ordered dithering, frame delays in 1/100 s
    "gif": ("scale=480:-2:flags=area,split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse=dither=bayer",
            lambda f: f, 1.0),
    "grain": ("noise=alls=6:allf=t", lambda f: f, 1.0),
    # a softer or a colourless copy; a starved encode
    "blur": ("gblur=sigma=2", lambda f: f, 1.0),
    "gray": ("hue=s=0", lambda f: f, 1.0),
    "crf45": ("null", lambda f: f, 1.0),
    # several at once, as a re-upload does: brighter, a logo, letterbox bars, a heavier encode
    "republish": (
        "eq=brightness=0.06,drawbox=x=iw*0.70:y=ih*0.05:w=iw*0.25:h=ih*0.12:color=white@0.85:t=fill,"
        "pad=iw:trunc(ih*4/3/2)*2:0:(oh-ih)/2:black",
        lambda f: f,
        1.0,
    ),
}
CRF = {"crf38": "38", "crf45": "45", "republish": "32"}


def move_labels(r: dict, frame_map, fps_factor: float) -> None:
    """Moves one label row to the variant's frames and rate."""
    if r["period_frames"] and fps_factor != 1.0:
        r["period_frames"] = str(round(float(r["period_frames"]) * fps_factor))
    if r["onset_frame"]:
        r["onset_frame"] = str(frame_map(int(r["onset_frame"])))
    r["fps"] = str(float(r["fps"]) * fps_factor)


def recipe(variant: str, fps: float):
    """(FFmpeg filter, old frame -> new frame, fps factor) of the variant for a clip at ``fps``."""
    if variant in RATES:
        rate, flt = RATES[variant]
        factor = rate(fps) / fps
        return flt(fps), lambda f: round(f * factor), factor
    if variant == "trim1s":
        second = round(fps)
        return f"trim=start_frame={second},setpts=PTS-STARTPTS", lambda f: max(0, f - second), 1.0
    return VARIANTS[variant]


def main(variant: str, out: str) -> None:
    os.makedirs(out, exist_ok=True)
    rows = list(csv.DictReader(open(f"{REAL}/labels.csv")))
    for r in rows:
        flt, frame_map, fps_factor = recipe(variant, float(r["fps"]))
        cmd = [FF, "-v", "error", "-nostdin", "-y", "-i", f"{REAL}/{r['file']}", "-vf", flt, "-an"]
        # the output's container follows the variant, so a remake of a remade set (a GIF set included) works too
        r["file"] = os.path.splitext(r["file"])[0] + (".gif" if variant == "gif" else ".mp4")
        if variant != "gif":
            cmd += ["-c:v", "libx264", "-preset", "veryfast", "-crf", CRF.get(variant, "20"), "-pix_fmt", "yuv420p"]
        if variant == "half":
            cmd += ["-r", f"{float(r['fps']) / 2:g}"]
        subprocess.run([*cmd, f"{out}/{r['file']}"], check=True)
        move_labels(r, frame_map, fps_factor)
    with open(f"{out}/labels.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    names = [*RATES, "trim1s", *VARIANTS]
    if len(sys.argv) != 3 or sys.argv[1] not in names:
        print(f"usage: real_set_variants.py {'|'.join(names)} OUTDIR", file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
