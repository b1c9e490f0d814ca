#!/usr/bin/env bash
# Wall time of `bin/vqeval evaluate VIDEO` end to end, JVM start-up included: one warm-up run (which
# also writes the class-data-sharing archive after a build), then RUNS timed runs; prints each wall
# time with the share of CPU that was idle in the second before it (on a shared machine other work skews
# the figures), the median, and the median of the runs that started on an otherwise idle machine.
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
# percentage of CPU time idle over the next second, from /proc/stat (Linux); empty elsewhere
idle_share() {
  [ -r /proc/stat ] || { echo "?"; return; }
  local a b c d e f g h t1 i1
  read -r _ a b c d e f g h _ < /proc/stat; t1=$((a+b+c+d+e+f+g+h)); i1=$d
  sleep 1
  read -r _ a b c d e f g h _ < /proc/stat
  echo $(( 100 * (d - i1) / ((a+b+c+d+e+f+g+h) - t1) ))
}

median() {
  local sorted n
  sorted=($(printf '%s\n' "$@" | sort -n)); n=${#sorted[@]}
  if (( n == 0 )); then echo "-"; elif (( n % 2 )); then echo "${sorted[n/2]}"
  else echo $(( (sorted[n/2-1] + sorted[n/2]) / 2 )); fi
}

times=(); quiet=()
for i in $(seq 1 "$runs"); do
  idle=$(idle_share)
  t0=$(date +%s%N)
  "$ROOT/bin/vqeval" evaluate "$video" --json "$out/run.json" >/dev/null
  t1=$(date +%s%N)
  ms=$(( (t1 - t0) / 1000000 ))
  times+=("$ms")
  [[ "$idle" =~ ^[0-9]+$ ]] && (( idle >= 90 )) && quiet+=("$ms")
  printf 'run %d: %d ms (CPU idle before: %s%%)\n' "$i" "$ms" "$idle"
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
printf '%s: median %s ms over %d runs after a warm-up (min %d, max %d); median of the %d runs started on an idle machine: %s ms\n' \
  "$(basename "$video")" "$(median "${times[@]}")" "${#times[@]}" "${sorted[0]}" "${sorted[-1]}" "${#quiet[@]}" \
  "$(median "${quiet[@]}")"
