# Shared set-up helpers for scripts/*.sh. Source it; do not run it.
# Everything is idempotent: a second run on a set-up machine takes seconds.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

log() { printf '\033[1m[lvsa]\033[0m %s\n' "$*" >&2; }
die() { printf '[lvsa] error: %s\n' "$*" >&2; exit 1; }

need() { command -v "$1" >/dev/null 2>&1 || die "$1 is required but not on PATH ($2)"; }

# Build every Java module and install it into the local Maven repository.
# Skips the build when no Java source changed since the last one.
build_java() {
  need java "install a Java 17 JDK"
  need mvn "install Maven 3.8+"
  local stamp="$ROOT/target/.build-stamp"
  if [ -f "$stamp" ] && [ -z "$(find "$ROOT" -path "$ROOT/.venv" -prune -o -path '*/target' -prune -o \
        \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' -o -path "$ROOT/contracts/*" \) \
        -newer "$stamp" -print -quit)" ]; then
    log "Java modules up to date"
    return
  fi
  log "building Java modules (mvn install -DskipTests)"
  (cd "$ROOT" && mvn -q install -DskipTests) || die "Java build failed"
  mkdir -p "$ROOT/target" && touch "$stamp"
}

# Python worker: a virtual environment at .venv with torch (CPU use of the
# PyPI wheel), diffusers and the worker package installed editable.
setup_python() {
  need python3 "install Python 3.10+"
  if [ ! -x "$PY" ]; then
    log "creating $VENV"
    python3 -m venv "$VENV"
  fi
  if ! "$PY" -c 'import torch' >/dev/null 2>&1; then
    log "installing PyTorch into .venv (one time, several GB)"
    "$PY" -m pip install -q torch
  fi
  # the worker's wheel test builds without isolation: it needs setuptools 77+ (PEP 639 licence fields)
  if ! "$PY" -c 'import setuptools, sys; sys.exit(int(setuptools.__version__.split(".")[0]) < 77)' >/dev/null 2>&1; then
    log "installing setuptools>=77 into .venv (the worker's wheel build)"
    "$PY" -m pip install -q "setuptools>=77"
  fi
  local worker="$ROOT/lvsa-runner/worker"
  local stamp="$VENV/.worker-stamp"
  if [ ! -f "$stamp" ] || [ "$worker/pyproject.toml" -nt "$stamp" ]; then
    log "installing the worker (lvsa_worker) and its test extras"
    "$PY" -m pip install -q -e "$worker[test]"
    touch "$stamp"
  else
    log "Python worker up to date"
  fi
}
