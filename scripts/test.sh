#!/usr/bin/env bash
# Every test of every module: Maven (Java), ruff and pytest (Python worker and scripts/).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup_python
build_java
log "Java formatting (Spotless with palantir-java-format; 'mvn spotless:apply' fixes it)"
(cd "$ROOT" && mvn -q spotless:check) || { log "Java sources are not formatted: run 'mvn spotless:apply'"; exit 1; }
log "Java tests (mvn verify)"
(cd "$ROOT" && mvn -q verify) || { log "Java tests FAILED"; exit 1; }
"$ROOT/scripts/tour-test.sh" || { log "README Tour commands FAILED (scripts/tour-test.sh)"; exit 1; }
"$ROOT/scripts/launcher-test.sh" || { log "launcher output check FAILED (scripts/launcher-test.sh)"; exit 1; }
log "VQeval on labelled real and synthetic videos (scripts/validate-vqeval.sh)"
"$ROOT/scripts/validate-vqeval.sh" || { log "VQeval validation FAILED"; exit 1; }
log "Python lint (ruff check of the worker and scripts/; rules in lvsa-runner/worker/pyproject.toml)"
(cd "$ROOT/lvsa-runner/worker" && "$PY" -m ruff check --quiet . && "$PY" -m ruff check --quiet --config pyproject.toml "$ROOT/scripts") \
  || { log "ruff found problems (fix them, or 'ruff check --fix')"; exit 1; }
log "tests of the scripts' own logic (pytest scripts/tests)"
"$PY" -m pytest -q -p no:cacheprovider "$ROOT/scripts/tests" || { log "scripts tests FAILED"; exit 1; }
log "Python worker tests (pytest)"
(cd "$ROOT/lvsa-runner/worker" && "$PY" -m pytest -q) || { log "worker tests FAILED"; exit 1; }
log "all tests passed"
