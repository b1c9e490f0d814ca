#!/usr/bin/env bash
# VQeval on every labelled set that can be made on this machine, and what moved against an earlier run
# (scripts/vqeval_regression.py says what it makes, writes and exits with).
#   scripts/vqeval-regression.sh OUT [--baseline DIR] [--only NAME,...] [--sets-dir DIR] [--list]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ -x "$PY" ] || die "no Python environment at $VENV: run scripts/setup.sh first"
case " $* " in *" --list "*|*" -h "*|*" --help "*) ;; *) build_java ;; esac
exec "$PY" "$ROOT/scripts/vqeval_regression.py" "$@"
