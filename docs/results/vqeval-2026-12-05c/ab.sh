#!/usr/bin/env bash
# Whole `bin/vqeval evaluate` processes of two checkouts (BEFORE, AFTER) against plain
# `ffmpeg -threads 2 -i CLIP -f null -`, alternating ffmpeg / before / after, N rounds; wall ms, sorted, medians.
#   BEFORE=/path/to/old/checkout AFTER=/path/to/new/checkout N=10 ab.sh CLIP
set -euo pipefail
V=$1; N=${N:-10}
FF=$("$AFTER/.venv/bin/python" -c "import imageio_ffmpeg;print(imageio_ffmpeg.get_ffmpeg_exe())" 2>/dev/null \
  || /work/main/.venv/bin/python -c "import imageio_ffmpeg;print(imageio_ffmpeg.get_ffmpeg_exe())")
ms() { local t0; t0=$(date +%s%N); "$@" >/dev/null 2>&1; echo $(( ($(date +%s%N) - t0) / 1000000 )); }
# one untimed run each: writes the class-data-sharing archives after a build
"$BEFORE/bin/vqeval" evaluate "$V" --json /tmp/ab-before.json >/dev/null
"$AFTER/bin/vqeval" evaluate "$V" --json /tmp/ab-after.json >/dev/null
declare -A R
for _ in $(seq "$N"); do
  R[ff]+="$(ms "$FF" -v error -threads 2 -i "$V" -f null -) "
  R[before]+="$(ms "$BEFORE/bin/vqeval" evaluate "$V" --json /tmp/ab-before.json) "
  R[after]+="$(ms "$AFTER/bin/vqeval" evaluate "$V" --json /tmp/ab-after.json) "
done
echo "## $(basename "$V"), $N rounds, $(date -u)"
for k in ff before after; do
  sorted=$(echo ${R[$k]} | tr ' ' '\n' | sort -n | tr '\n' ' ')
  echo "$k: $sorted median $(echo ${R[$k]} | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END{print (NR%2? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')"
done
