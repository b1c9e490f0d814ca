# The real labelled set remade as a held-out set from elsewhere might come, with its labels moved to match (frame
# numbers, periods, fps), then scored with
#   bin/vqeval validate OUTDIR --labels OUTDIR/labels.csv --quiet --out OUTDIR/val
# Usage: .venv/bin/python scripts/real_set_variants.py VARIANT OUTDIR
#   (VARIANT: fps30, half, fps16, crop43, trim1s, crf38, crf45, logo, bright, contrast135, contrast80, contrast60,
#   letterbox, portrait, small, gif, grain, blur, gray, republish)
# scripts/validate-vqeval.sh checks fps30, crop43, republish, contrast135 and portrait. trim1s moves the labels by subtraction, which is wrong for a
# replay of the opening (the cut removes part of what it replays): read its period misses with that in mind.
# The real set is ../shared/datasets/real beside the checkout, or VQEVAL_REAL_SET.
import csv
import os
import subprocess
import sys

import imageio_ffmpeg

FF = imageio_ffmpeg.get_ffmpeg_exe()
HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.environ.get("VQEVAL_REAL_SET", os.path.join(HERE, "../../shared/datasets/real"))

# FFmpeg filter, old frame -> new frame, fps factor
VARIANTS = {
    "fps30": ("fps=30", lambda f: round(f * 30 / 24), 30 / 24),
    "half": ("select=not(mod(n\\,2)),setpts=N/(12*TB),fps=12", lambda f: round(f / 2), 0.5),
    "crop43": ("crop=ih*4/3:ih", lambda f: f, 1.0),
    "trim1s": ("trim=start_frame=24,setpts=PTS-STARTPTS", lambda f: max(0, f - 24), 1.0),
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
    # a 16 fps generation (Wan's rate): two of every three frames; a softer or a colourless copy; a starved encode
    "fps16": ("fps=16", lambda f: round(f * 16 / 24), 16 / 24),
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


def main(variant: str, out: str) -> None:
    flt, frame_map, fps_factor = VARIANTS[variant]
    os.makedirs(out, exist_ok=True)
    rows = list(csv.DictReader(open(f"{REAL}/labels.csv")))
    for r in rows:
        cmd = [FF, "-v", "error", "-nostdin", "-y", "-i", f"{REAL}/{r['file']}", "-vf", flt, "-an"]
        # the output's container follows the variant, so a remake of a remade set (a GIF set included) works too
        r["file"] = os.path.splitext(r["file"])[0] + (".gif" if variant == "gif" else ".mp4")
        if variant != "gif":
            cmd += ["-c:v", "libx264", "-preset", "veryfast", "-crf", CRF.get(variant, "20"), "-pix_fmt", "yuv420p"]
        if variant == "half":
            cmd += ["-r", "12"]
        subprocess.run([*cmd, f"{out}/{r['file']}"], check=True)
        move_labels(r, frame_map, fps_factor)
    with open(f"{out}/labels.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
