#!/usr/bin/env bash
# The toolkit's main job, on CPU, on a fresh machine in minutes (installs and builds what is missing first):
#   1. VQeval: the labelled synthetic set and the sample videos, scored  -> runs/demo/vqeval-*/
#   2. the runner: datasets/experiments/demo-tiny.yaml (tiny-wan; dense, RIFLEx, UltraViCo and LVSA at 1x and
#      2x its training length) into runs/demo: plans, videos, timings and VQeval scores in runs/demo/ledger.sqlite,
#      exported to runs/demo/results.csv, then the run's status.
# Running it again resumes: finished jobs are skipped, anything interrupted is run again.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
build_java
setup_python

DEMO="$ROOT/runs/demo"
mkdir -p "$DEMO"

# --- VQeval ------------------------------------------------------------------------------------------------
if [ ! -f "$DEMO/synthetic/labels.csv" ]; then
  log "VQeval: generating the labelled synthetic set into runs/demo/synthetic"
  "$ROOT/bin/lvsa-datasets" synth --out "$DEMO/synthetic" --quiet
fi
log "VQeval: scoring the synthetic set into runs/demo/vqeval-synthetic"
"$ROOT/bin/vqeval" batch "$DEMO/synthetic" --out "$DEMO/vqeval-synthetic" --progress none
external="$ROOT/../shared/datasets/external"
if [ -d "$external" ]; then
  log "VQeval: scoring the sample videos into runs/demo/vqeval-external"
  "$ROOT/bin/vqeval" batch "$external" --out "$DEMO/vqeval-external" --progress none
else
  log "VQeval: sample videos not found at $external: skipped"
fi

# --- the runner's main job -----------------------------------------------------------------------------------
log "runner: demo-tiny experiment into runs/demo (resumes if present)"
rc=0
"$ROOT/bin/lvsa-runner" run "$ROOT/datasets/experiments/demo-tiny.yaml" --out "$DEMO" || rc=$?
"$ROOT/bin/lvsa-runner" export "$DEMO" --csv "$DEMO/results.csv"
"$ROOT/bin/lvsa-runner" status "$DEMO"
[ "$rc" -eq 0 ] || die "the demo grid did not finish cleanly (lvsa-runner run exit code $rc; see above)"

log "outputs:"
log "  runs/demo/results.csv              one row per job: timings, density, VQeval scores"
log "  runs/demo/videos/  runs/demo/plans/ the generated videos and the attention plans they ran"
log "  runs/demo/ledger.sqlite            the run ledger (lvsa-runner status runs/demo)"
log "  runs/demo/vqeval-synthetic/  runs/demo/vqeval-external/   VQeval batch reports"
