#!/usr/bin/env bash
# The launchers' own output: what bin/vqeval prints is the tool's, nothing from the JVM. `evaluate` without
# --json writes the JSON report to stdout (users pipe it into jq), so stdout must be one JSON document and
# stderr empty with --progress none, on the first run after a build (which writes the class-data-sharing
# archive) and on later ones. The archive must stay usable: the JVM silently ignores one whose class path changed
# (every class then comes from the jars again, about 0.2 s of a short clip), so a rebuild that replaces a single
# dependency must make the next run write a new one.
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
jar="$ROOT/vqeval/target/vqeval.jar"
jsa="$ROOT/vqeval/target/vqeval.jsa"
maps() {
  java -Xshare:on -XX:SharedArchiveFile="$jsa" -Xlog:disable -cp "$jar:$ROOT/vqeval/target/lib/*" \
    dev.lvsa.vqeval.cli.VqevalCli --version >/dev/null 2>&1
}
[ -f "$jsa" ] || die "bin/vqeval evaluate wrote no class-data-sharing archive ($jsa)"
maps || die "the class-data-sharing archive $jsa does not map onto bin/vqeval's class path"
# a dependency replaced by a rebuild: same name, other time (Maven's copy keeps the jar's own time)
dep=("$ROOT"/vqeval/target/lib/toolkit-common*.jar)
kept=$(stat -c %Y "${dep[0]}")
touch -d "@$((kept - 60))" "${dep[0]}"
"$ROOT/bin/vqeval" evaluate "$video" --progress none >"$out/stdout" 2>"$out/stderr" \
  || die "bin/vqeval evaluate failed after a dependency changed: $(head -3 "$out/stderr")"
maps || { touch -d "@$kept" "${dep[0]}"; die "after ${dep[0]##*/} changed, bin/vqeval kept an archive the JVM ignores"; }
touch -d "@$kept" "${dep[0]}"
log "bin/vqeval's class-data-sharing archive maps, and is remade when a dependency changes"
