#!/usr/bin/env bash
# The main job, end to end on this machine (a minute or two on 2 cores once built):
#   1. build what is needed,
#   2. generate the labelled synthetic video set        -> runs/demo/synthetic/
#   3. score it with VQeval and check it on its labels  -> runs/demo/vqeval-synthetic/
#   4. score the sample videos in ../shared/datasets/external/ (skipped when absent)
#                                                       -> runs/demo/vqeval-external/
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
build_java

out="$ROOT/runs/demo"
mkdir -p "$out"

log "generating the labelled synthetic set (48 clips, seed 1) into runs/demo/synthetic/"
"$ROOT/bin/lvsa-datasets" synth --out "$out/synthetic" --count 48 --seed 1 --quiet >/dev/null

log "scoring it with VQeval into runs/demo/vqeval-synthetic/"
"$ROOT/bin/vqeval" batch "$out/synthetic" --out "$out/vqeval-synthetic" --progress lines \
  || die "vqeval batch failed on the synthetic set (exit $?)"

log "checking VQeval against the labels"
"$ROOT/bin/lvsa-datasets" validate --labels "$out/synthetic/labels.csv" \
  --summary "$out/vqeval-synthetic/summary.csv" || log "VQeval missed the validation targets on this set"

external="$ROOT/../shared/datasets/external"
if [ -d "$external" ]; then
  log "scoring the sample videos in $external into runs/demo/vqeval-external/"
  code=0
  "$ROOT/bin/vqeval" batch "$external" --out "$out/vqeval-external" --progress lines || code=$?
  [ "$code" -eq 0 ] || die "vqeval batch failed on the sample videos (exit $code)"
  cut -d, -f2,10-16 "$out/vqeval-external/summary.csv" | sed 's/^/  /'
else
  log "skipping the sample videos: $external is absent"
fi

log "outputs:"
log "  runs/demo/synthetic/            labelled clips and labels.csv"
log "  runs/demo/vqeval-synthetic/     one JSON per clip, summary.csv, failures.csv"
[ -d "$external" ] && log "  runs/demo/vqeval-external/      one JSON per sample video, summary.csv, failures.csv"
log "demo done"
