"""One Slurm array task = one lvsa-runner job. Written into RUN_DIR/slurm/ by lvsa-runner (see docs/runner.md).

Usage: python task.py RUN_DIR INDEX

Reads RUN_DIR/slurm/tasks/INDEX.json, runs ``python -m lvsa_worker generate`` with an argument list (no shell: the
prompt reaches the worker exactly as written; a task with ``ranks`` N > 1 runs it as N ranks of
``python -m torch.distributed.run --standalone --nproc-per-node N ... --sequence-parallel``, rank 0 printing the
result), and writes the worker's result line, plus the job id and where it
ran, to the task's result file atomically (temporary file + rename in the same folder). Exit code: the worker's.
"""

import json
import os
import socket
import subprocess
import sys
import time

OPTIONAL = ("device", "backend", "guidance", "prompt", "negative_prompt", "fps", "dtype", "offload", "weights", "text",
            "timed_steps", "memory_cap_gb")


def worker_argv(job, timeout_s, ranks=1):
    if ranks > 1:
        argv = [sys.executable, "-m", "torch.distributed.run", "--standalone", f"--nproc-per-node={ranks}",
                "-m", "lvsa_worker", "generate", "--sequence-parallel"]
    else:
        argv = [sys.executable, "-m", "lvsa_worker", "generate"]
    for key in ("model", "plan", "frames", "height", "width", "steps", "seed", "out"):
        argv.append(f"--{key}={job[key]}")
    for key in OPTIONAL:
        if job.get(key) is not None:
            argv.append(f"--{key.replace('_', '-')}={job[key]}")
    if timeout_s is not None:
        argv.append(f"--timeout-s={timeout_s}")
    return argv


def in_run(run_dir, path):
    """A path of the task: relative ones (written by --executor array) are inside the run folder."""
    return path if os.path.isabs(path) else os.path.join(run_dir, path)


def main():
    run_dir, index = os.path.abspath(sys.argv[1]), sys.argv[2]
    with open(os.path.join(run_dir, "slurm", "tasks", f"{index}.json"), encoding="utf-8") as f:
        task = json.load(f)
    for key in ("plan", "out"):
        task["job"][key] = in_run(run_dir, task["job"][key])
    started = time.time()
    ranks = task.get("ranks", 1)
    proc = subprocess.run(worker_argv(task["job"], task.get("timeout_s"), ranks), stdout=subprocess.PIPE,
                          encoding="utf-8", errors="replace")
    result = None
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    if lines:
        try:
            result = json.loads(lines[-1])
        except ValueError:
            result = None
    if not isinstance(result, dict) or "status" not in result:
        result = {"status": "error", "error_code": "worker_crashed", "step_latency_s": [], "total_s": None,
                  "peak_memory_gb": None, "output": None,
                  "message": f"the worker exited with code {proc.returncode} without a result line "
                             f"(see the task's log: Slurm's, or slurm/logs/task-INDEX.log)"}
    elif ranks > 1 and proc.returncode != 0 and result.get("error_code") == "internal":
        # a rank died and rank 0's collective failed with it: the launch crashed (no retry on Slurm)
        result["error_code"] = "worker_crashed"
        result["message"] = (f"a rank of the {ranks}-rank launch failed (exit code {proc.returncode}; see the "
                             f"task's log); rank 0 reported: {result.get('message')}")
    result["id"] = task["job_id"]
    result["slurm"] = {"array_job_id": os.environ.get("SLURM_ARRAY_JOB_ID"),
                       "array_task_id": os.environ.get("SLURM_ARRAY_TASK_ID"),
                       "host": socket.gethostname(), "task_wall_s": round(time.time() - started, 3)}
    target = in_run(run_dir, task["result"])
    tmp = f"{target}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, target)
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
