#!/usr/bin/env bash
# Wall time of `bin/vqeval evaluate VIDEO` end to end, JVM start-up included: one warm-up run (which
# also writes the class-data-sharing archive after a build), then RUNS timed runs; prints each wall
# time, the median, and the load average (on a shared machine other work skews the figures).
#   scripts/bench-vqeval.sh [VIDEO] [RUNS]
# Default VIDEO: the 333-frame 832x480 dense Wan clip in ../shared/datasets/external/; RUNS: 10.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
build_java

video="${1:-$ROOT/../shared/datasets/external/wan13b_4x_dense_dog.mp4}"
runs="${2:-10}"
[ -f "$video" ] || die "$video: no such file"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive whole number, got '$runs'"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

"$ROOT/bin/vqeval" evaluate "$video" --json "$out/warmup.json" >/dev/null
times=()
for i in $(seq 1 "$runs"); do
  t0=$(date +%s%N)
  "$ROOT/bin/vqeval" evaluate "$video" --json "$out/run.json" >/dev/null
  t1=$(date +%s%N)
  ms=$(( (t1 - t0) / 1000000 ))
  times+=("$ms")
  printf 'run %d: %d ms\n' "$i" "$ms"
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
if (( n % 2 )); then median=${sorted[n/2]}; else median=$(( (sorted[n/2-1] + sorted[n/2]) / 2 )); fi
printf '%s: median %d ms over %d runs after a warm-up (min %d, max %d); load average: %s\n' \
  "$(basename "$video")" "$median" "$n" "${sorted[0]}" "${sorted[n-1]}" "$(cut -d' ' -f1-3 /proc/loadavg)"
