#!/usr/bin/env bash
# Which of the toolkit's source files one LVSA job passes through, measured, not read: runs the one-job experiment
# scripts/trace/one-lvsa-job.yaml (tiny-wan, lvsa, 1x, CPU) and `report` on it, with the JVM logging every class
# it loads and the worker recording every file in which one of its Python functions is called. Prints the files
# in first-use order (Java top-level classes mapped to their source files; lambdas and nested classes count as
# their file) and the counts. docs/architecture.md gives the numbers.
#   scripts/trace-job.sh [WORK_DIR]       (default: a temporary folder, removed afterwards)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
build_java
work="${1:-}"
if [ -z "$work" ]; then work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$work"
rm -rf "$work/run" "$work/python.txt"
wrapper="$work/python"
printf '#!/usr/bin/env bash\nexec %q %q "$@"\n' "$PY" "$ROOT/scripts/trace/worker_calls.py" > "$wrapper"
chmod +x "$wrapper"
java_opts="-XX:+UseParallelGC -Djava.awt.headless=true"
TRACE_OUT="$work/python.txt" LVSA_JAVA_OPTS="$java_opts -Xlog:class+load=info:file=$work/java-run.txt" \
  "$ROOT/bin/lvsa-runner" run "$ROOT/scripts/trace/one-lvsa-job.yaml" --out "$work/run" --python "$wrapper" \
  --progress none >/dev/null
LVSA_JAVA_OPTS="$java_opts -Xlog:class+load=info:file=$work/java-report.txt" \
  "$ROOT/bin/lvsa-runner" report "$work/run" >/dev/null 2>&1
"$PY" - "$ROOT" "$work" <<'PYEOF'
import os
import re
import sys

root, work = sys.argv[1], sys.argv[2]
modules = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d, "src", "main", "java")))
java, seen = [], set()
for log in ("java-run.txt", "java-report.txt"):
    for line in open(os.path.join(work, log), encoding="utf-8"):
        m = re.search(r"\] (dev\.lvsa\.[\w.$]+) source: ", line)
        if not m or "$$Lambda" in m.group(1):
            continue
        rel = m.group(1).split("$")[0].replace(".", "/") + ".java"
        for mod in modules:
            path = os.path.join(mod, "src", "main", "java", rel)
            if os.path.exists(os.path.join(root, path)) and path not in seen:
                seen.add(path)
                java.append(path)
                break
worker = os.path.join(root, "lvsa-runner", "worker") + os.sep
python = []
for line in open(os.path.join(work, "python.txt"), encoding="utf-8"):
    f = line.strip()
    if f.startswith(worker) and f.endswith(".py") and os.path.relpath(f, root) not in python:
        python.append(os.path.relpath(f, root))
for f in java + python:
    print(f)
by_module = {}
for f in java:
    by_module[f.split("/")[0]] = by_module.get(f.split("/")[0], 0) + 1
print(f"{len(java) + len(python)} files: {len(java)} Java ({', '.join(f'{k} {v}' for k, v in sorted(by_module.items()))}), "
      f"{len(python)} Python (the worker)")
PYEOF
