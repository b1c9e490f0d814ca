#!/usr/bin/env bash
# Report fixtures for looking at the reports (docs/results/reports-2026-12-05/README.md):
#   batch-40/   vqeval batch report of 40 synthetic clips (every kind: clean, loops, freezes; many loop quality 0)
#   batch-3/    vqeval batch report of 3 clips (objects, an exact loop, a freeze: two scores of 0)
#   run-full/   run report of the reports module's test export (2 models, OOM, failed and pending cells)
#   run-demo/   run report of a copy of a finished run folder (default runs/demo), if there is one
# and, when a Chromium is on PATH, a 1400 px wide screenshot of each report.html as OUT/*.png.
# Needs the Java modules built in this tree (bin/ launchers). Usage: scripts/report-fixtures.sh [OUT] [RUN_DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/target/report-fixtures}"
RUN="${2:-$ROOT/runs/demo}"
log() { printf '[lvsa] %s\n' "$*" >&2; }
rm -rf "$OUT" && mkdir -p "$OUT"
log "synthetic clips: 40 of every kind (seed 7) and 3 (objects, loop_exact, freeze)"
"$ROOT/bin/lvsa-datasets" synth --out "$OUT/clips-40" --count 40 --seed 7 --quiet
"$ROOT/bin/lvsa-datasets" synth --out "$OUT/clips-3" --count 3 --seed 7 --kinds objects,loop_exact,freeze --quiet
for n in 40 3; do
  log "vqeval batch: $n videos"
  "$ROOT/bin/vqeval" batch "$OUT/clips-$n" --out "$OUT/batch-$n" --progress none
done
log "run report of the test export (OOM, failed and pending cells)"
mkdir -p "$OUT/run-full-input"
cp "$ROOT/reports/src/test/resources/dev/lvsa/reports/full_run_export.csv" "$OUT/run-full-input/export.csv"
"$ROOT/bin/lvsa-runner" report "$OUT/run-full-input" --out "$OUT/run-full" --name full-run-fixture
if [ -f "$RUN/ledger.sqlite" ] || [ -f "$RUN/export.csv" ]; then
  # a copy: the report refreshes the run folder's export.csv
  log "run report of a copy of $RUN"
  cp -r "$RUN" "$OUT/run-demo-input"
  rm -rf "$OUT/run-demo-input/report"
  "$ROOT/bin/lvsa-runner" report "$OUT/run-demo-input" --out "$OUT/run-demo" --name "$(basename "$RUN")"
fi
chrome="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -n "$chrome" ]; then
  for d in batch-40 batch-3 run-full run-demo; do
    [ -f "$OUT/$d/report.html" ] || continue
    "$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,"${HEIGHT:-3000}" \
      --screenshot="$OUT/$d.png" "file://$OUT/$d/report.html" >/dev/null 2>&1 || log "no screenshot of $d"
  done
fi
log "done: $OUT"
