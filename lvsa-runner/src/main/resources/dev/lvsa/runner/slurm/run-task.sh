#!/bin/bash
# Written by lvsa-runner (--executor array). Runs ONE job of this run folder on this host, with the worker's Python:
#   RUN_DIR/slurm/run-task.sh INDEX [PYTHON]        (PYTHON default: $LVSA_PYTHON, else python3)
# The indices are listed in RUN_DIR/slurm/tasks.txt; run them in any order, on any number of hosts that see (or got
# a copy of) this folder. Each writes RUN_DIR/slurm/results/JOB_ID.json; then, where Java is:
#   lvsa-runner collect RUN_DIR
set -euo pipefail
index="${1:?usage: run-task.sh INDEX [PYTHON] (indices: tasks.txt beside this script)}"
run_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${2:-${LVSA_PYTHON:-python3}}"
mkdir -p "$run_dir/slurm/logs"
exec "$python" "$run_dir/slurm/task.py" "$run_dir" "$index" 2>>"$run_dir/slurm/logs/task-$index.log"
