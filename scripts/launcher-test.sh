#!/usr/bin/env bash
# The launchers' own output: what bin/vqeval prints is the tool's, nothing from the JVM. `evaluate` without
# --json writes the JSON report to stdout (users pipe it into jq), so stdout must be one JSON document and
# stderr empty with --progress none, on the first run after a build (which writes the class-data-sharing
# archive) and on later ones.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
video="$ROOT/../shared/datasets/external/wan13b_4x_dense_dog.mp4"
[ -f "$video" ] || { log "launcher test skipped: $video not found"; exit 0; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for run in 1 2; do
  "$ROOT/bin/vqeval" evaluate "$video" --progress none >"$out/stdout" 2>"$out/stderr" \
    || die "bin/vqeval evaluate failed (run $run): $(head -3 "$out/stderr")"
  "$PY" -c 'import json, sys; json.load(open(sys.argv[1]))' "$out/stdout" \
    || die "bin/vqeval evaluate (run $run): stdout is not one JSON document; it starts: $(head -c 200 "$out/stdout")"
  [ ! -s "$out/stderr" ] || die "bin/vqeval evaluate --progress none (run $run) wrote to stderr: $(head -3 "$out/stderr")"
done
log "bin/vqeval evaluate: stdout is the JSON report alone, stderr empty"
