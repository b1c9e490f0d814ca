"""A stand-in for ``python -m lvsa_worker serve`` speaking contracts/worker-protocol/v1/, for the runner's tests
(WorkerProtocolTest checks its lines against the schemas).

Runs with any Python 3 (no torch). Every request line it reads is appended to RUN_DIR/requests.jsonl (RUN_DIR: the
parent of the job's ``out`` folder), so tests can check exactly what reached the worker. What it does with a job
depends on a marker in the prompt:

  OOM      answer status "oom"
  HANG     never answer (the runner's watchdog must kill it)
  CRASH    exit with code 3 in the middle of the job
  BADLINE  write a line that is not JSON on stdout
  PAUSE    sleep 0.3 s, then as other
  SLOWONCE sleep 300 s, the first time only (RUN_DIR/.slow-done marks it): a job to kill the runner in
  other    copy tiny-33f.mp4 (beside this script) to ``out`` and answer "ok"
"""

import json
import os
import platform
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# the protocol version: contracts/worker-protocol/v1/version.json, copied beside this script by the tests
with open(os.path.join(HERE, "version.json"), encoding="utf-8") as f:
    PROTOCOL = json.load(f)["const"]


def send(msg):
    msg = {"protocol": PROTOCOL, **msg}
    sys.stdout.write(json.dumps(msg) + "\n")
    sys.stdout.flush()


def main():
    device = "cpu"
    if "--device" in sys.argv:
        device = sys.argv[sys.argv.index("--device") + 1]
    send({"type": "ready", "worker_version": "fake", "protocol_version": PROTOCOL, "pid": os.getpid(), "preloaded": None,
          "device": device, "versions": {"worker": "fake", "python": platform.python_version(), "torch": "fake",
                                         "diffusers": None, "transformers": None}})
    for line in sys.stdin:  # closing stdin ends the worker
        if not line.strip():
            continue
        req = json.loads(line)
        job = req["job"]
        run_dir = os.path.dirname(os.path.dirname(job["out"]))
        with open(os.path.join(run_dir, "requests.jsonl"), "a", encoding="utf-8") as f:
            f.write(json.dumps({"pid": os.getpid(), "visible": os.environ.get("CUDA_VISIBLE_DEVICES"),
                                "device": device, "request": req}, ensure_ascii=False) + "\n")
        prompt = job.get("prompt", "")
        rid = req["id"]
        send({"type": "progress", "id": rid, "phase": "load", "model": job["model"]})
        marker = os.path.join(run_dir, ".slow-done")
        if "SLOWONCE" in prompt and not os.path.exists(marker):
            open(marker, "w").close()
            time.sleep(300)
        if "PAUSE" in prompt:
            time.sleep(0.3)
        if "HANG" in prompt:
            time.sleep(3600)
        if "CRASH" in prompt:
            sys.stderr.write("fake worker: crashing on purpose\n")
            sys.stderr.flush()
            os._exit(3)
        if "BADLINE" in prompt:
            sys.stdout.write("this is not json\n")
            sys.stdout.flush()
            time.sleep(3600)
        for step in range(1, job["steps"] + 1):
            send({"type": "progress", "id": rid, "phase": "denoise", "step": step, "steps": job["steps"],
                  "step_latency_s": 0.001})
        base = {"type": "result", "id": rid, "step_latency_s": [0.001] * job["steps"], "total_s": 0.01,
                "peak_memory_gb": 0.1, "peak_memory_kind": "process_peak_rss", "density": 1.0,
                "expected_density": 1.0, "backend": "sdpa-gather", "device": device, "dtype": "fp32",
                "model_cached": True, "steps_run": job["steps"]}
        if "OOM" in prompt:
            send({**base, "status": "oom", "error_code": "oom", "output": None,
                  "message": "out of memory: fake allocation of 80 GB failed"})
            continue
        os.makedirs(os.path.dirname(job["out"]), exist_ok=True)
        shutil.copyfile(os.path.join(HERE, "tiny-33f.mp4"), job["out"])
        send({**base, "status": "ok", "output": job["out"], "message": "33 frames written", "frames_written": 33})
    return 0


if __name__ == "__main__":
    sys.exit(main())
