"""``python -m lvsa_worker serve`` over one process: a readiness line, two jobs with the model loaded once,
a bad job answered with a structured error while the next job is still served, an exit when stdin closes;
stdout carries protocol lines only, each following its schema (contracts/worker-protocol/v1/)."""

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import plan_docs
import protocol_schemas
import pytest

from lvsa_worker.protocol import PROTOCOL_VERSION
from lvsa_worker.video import count_frames

WORKER_ROOT = Path(__file__).resolve().parents[1]


class Worker:
    def __init__(self, *args):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "lvsa_worker", "serve", *args], cwd=WORKER_ROOT, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(WORKER_ROOT)})
        self.lines: queue.Queue = queue.Queue()
        self.raw: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.stderr: list[str] = []
        threading.Thread(target=lambda: self.stderr.extend(self.proc.stderr), daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.raw.append(line)
            self.lines.put(line)
        self.lines.put(None)

    def send(self, message) -> None:
        text = message if isinstance(message, str) else json.dumps(message)
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()

    def next(self, timeout=300) -> dict:
        line = self.lines.get(timeout=timeout)
        assert line is not None, "worker exited; stderr tail:\n" + "".join(self.stderr)[-3000:]
        return json.loads(line)

    def until(self, kind, request_id, timeout=300) -> tuple[dict, list[dict]]:
        seen = []
        while True:
            message = self.next(timeout)
            seen.append(message)
            if message["type"] == kind and message.get("id") == request_id:
                return message, seen


def job_request(request_id, tmp_path, doc, **job):
    plan_path = tmp_path / f"{request_id}.json"
    plan_path.write_text(json.dumps(doc))
    body = dict(model=doc["model"], plan=str(plan_path), frames=doc["geometry"]["video_frames"], height=64,
                width=96, steps=doc["steps"], seed=7, out=str(tmp_path / f"{request_id}.mp4"))
    body.update(job)
    return {"type": "generate", "id": request_id, "timeout_s": 300, "job": body}


@pytest.fixture
def worker():
    w = Worker("--device", "cpu")
    yield w
    if w.proc.poll() is None:
        w.proc.kill()
    w.proc.wait(timeout=30)


def test_two_jobs_one_model_load_a_bad_job_and_a_clean_exit(worker, tmp_path):
    ready = worker.next()
    assert ready["type"] == "ready" and ready["protocol"] == ready["protocol_version"] == PROTOCOL_VERSION

    worker.send(job_request("job-1", tmp_path, plan_docs.rotating_bands("tiny-wan", 17, steps=2, half_width=1,
                                                                        anchor_sets=((0,), (0, 4)))))
    first, seen = worker.until("result", "job-1")
    assert first["status"] == "ok", first["message"]
    assert first["model_cached"] is False and count_frames(first["output"]) == 17
    progress = [m for m in seen if m["type"] == "progress"]
    assert [m["step"] for m in progress if m["phase"] == "denoise"] == [1, 2]
    assert {m["phase"] for m in progress} >= {"load", "denoise", "decode", "write"}

    mismatched = job_request("job-2", tmp_path, plan_docs.dense("tiny-wan", 17, steps=2), frames=21)
    worker.send(mismatched)
    second, _ = worker.until("result", "job-2")
    assert second["status"] == "error" and second["error_code"] == "geometry_mismatch"

    worker.send("{this is not json")
    garbled = worker.next()
    assert garbled["type"] == "error" and garbled["id"] is None and garbled["error_code"] == "bad_request"

    worker.send({"type": "generate", "id": "job-3", "job": {"model": "tiny-wan"}})
    incomplete, _ = worker.until("result", "job-3")
    assert incomplete["status"] == "error" and incomplete["error_code"] == "bad_request"
    assert "missing field" in incomplete["message"]

    worker.send(job_request("job-4", tmp_path, plan_docs.dense("tiny-wan", 17, steps=2)))
    fourth, _ = worker.until("result", "job-4")
    assert fourth["status"] == "ok" and fourth["model_cached"] is True

    worker.send({"type": "shutdown", "id": "bye"})  # not a request of the protocol: closing stdin stops the worker
    refused = worker.next()
    assert refused["type"] == "error" and refused["id"] == "bye" and "close stdin" in refused["message"]

    worker.proc.stdin.close()
    assert worker.proc.wait(timeout=60) == 0
    for line in worker.raw:  # nothing but protocol lines on stdout
        protocol_schemas.check(line)


def test_closing_stdin_ends_the_worker_cleanly(worker):
    assert worker.next()["type"] == "ready"
    worker.proc.stdin.close()
    assert worker.proc.wait(timeout=60) == 0


def test_the_ready_line_names_the_software_versions():
    import io

    import torch

    from lvsa_worker import __version__
    from lvsa_worker.protocol import ProtocolOut
    from lvsa_worker.serve import serve

    stream = io.StringIO()
    assert serve(ProtocolOut(stream), io.StringIO(""), device="cpu") == 0
    ready = json.loads(stream.getvalue().splitlines()[0])
    protocol_schemas.check(ready)
    versions = ready["versions"]
    assert versions["worker"] == __version__ and versions["torch"] == torch.__version__
    assert versions["diffusers"] and versions["python"].count(".") == 2
