#!/usr/bin/env bash
# Runs every command of README.md's "## Tour" section, as written, and fails on the first that does not exit 0.
#
#   scripts/tour-test.sh          run them (needs the built Java modules and .venv: scripts/setup.sh)
#   scripts/tour-test.sh --list   only print what would run and what is skipped
#
# The commands are the lines of the section's ```sh blocks: comment-only lines are left out, a line ending in a
# backslash continues on the next. A command whose line holds "# not run by tests" (say why after it: a GPU,
# real weights, a cluster, a long run) is skipped and listed. The others run in order, each through
# `bash -o pipefail -c`, with stdin from /dev/null, in a scratch folder that looks like the repository root: every
# top-level entry of the checkout linked in, except runs/, so what the Tour writes under runs/ lands in the scratch
# folder. A failure prints the command, its exit code and its output, and keeps the scratch folder.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
README="${LVSA_TOUR_README:-$ROOT/README.md}"   # another file: to try the test itself
SKIP_MARK="# not run by tests"
PER_COMMAND_TIMEOUT_S=300

log() { printf '\033[1m[tour]\033[0m %s\n' "$*" >&2; }

# The Tour's commands, one per line (continuations joined).
tour_commands() {
  awk '
    /^## /        { in_tour = ($0 == "## Tour"); next }
    !in_tour      { next }
    /^```sh[[:space:]]*$/ { in_block = 1; next }
    /^```/        { if (in_block && cmd != "") { print cmd; cmd = "" } in_block = 0; next }
    !in_block     { next }
    {
      line = $0
      if (cmd == "" && line ~ /^[[:space:]]*(#|$)/) next
      if (line ~ /\\$/) { cmd = cmd substr(line, 1, length(line) - 1); next }
      cmd = cmd line; print cmd; cmd = ""
    }
  ' "$README"
}

mapfile -t commands < <(tour_commands)
[ "${#commands[@]}" -gt 0 ] || { log "no commands found in README.md's ## Tour section"; exit 1; }

run=(); skipped=()
for c in "${commands[@]}"; do
  if [[ "$c" == *"$SKIP_MARK"* ]]; then skipped+=("$c"); else run+=("$c"); fi
done

if [ "${1:-}" = "--list" ]; then
  printf 'run:  %s\n' "${run[@]}"
  [ "${#skipped[@]}" -eq 0 ] || printf 'skip: %s\n' "${skipped[@]}"
  exit 0
fi

for need in "$ROOT/lvsa-runner/target/lvsa-runner.jar" "$ROOT/vqeval/target/vqeval.jar" \
            "$ROOT/datasets/target/datasets.jar" "$ROOT/.venv/bin/python"; do
  [ -e "$need" ] || { log "$need is missing: build first (scripts/setup.sh)"; exit 1; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/lvsa-tour.XXXXXX")"
for entry in "$ROOT"/* "$ROOT/.venv"; do
  case "${entry##*/}" in runs) continue ;; esac
  ln -s "$entry" "$work/${entry##*/}"
done
# The worker the checkout holds, even when .venv's editable install points at another copy (a git worktree).
export PYTHONPATH="$ROOT/lvsa-runner/worker${PYTHONPATH:+:$PYTHONPATH}"
timeout_cmd=()
command -v timeout >/dev/null 2>&1 && timeout_cmd=(timeout "$PER_COMMAND_TIMEOUT_S")

log "README.md's Tour: ${#run[@]} commands to run, ${#skipped[@]} skipped, in $work"
for c in "${skipped[@]}"; do log "  skipped: $c"; done
start=$SECONDS
i=0
for c in "${run[@]}"; do
  i=$((i + 1))
  t0=$SECONDS
  code=0
  (cd "$work" && "${timeout_cmd[@]}" bash -o pipefail -c "$c" </dev/null >"$work/.tour-output" 2>&1) || code=$?
  if [ "$code" -ne 0 ]; then
    log "FAILED ($i/${#run[@]}, exit $code): $c"
    log "its output (stdout and stderr), last 80 lines:"
    tail -n 80 "$work/.tour-output" >&2
    log "the scratch folder is kept: $work"
    exit 1
  fi
  log "  ok $((SECONDS - t0))s: $c"
done
rm -rf "$work"
log "all ${#run[@]} Tour commands exited 0 in $((SECONDS - start))s (${#skipped[@]} skipped)"
