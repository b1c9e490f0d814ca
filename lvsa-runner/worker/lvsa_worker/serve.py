"""``python -m lvsa_worker serve``: JSON-lines jobs on stdin, progress and results on stdout.

The protocol is defined by the JSON Schemas of contracts/worker-protocol/v1/ (guide: contracts/worker-protocol.md).
Requests are handled one at a time, in order; models stay loaded between jobs
(:class:`~lvsa_worker.models.loading.ModelCache`, ``--cache-size`` of them); closing stdin ends the worker.
"""

from __future__ import annotations

import importlib.metadata
import json
import logging
import os
import platform
import sys
from typing import IO

from . import __version__, devices
from .errors import UsageError, WorkerError
from .generate import JobSpec, failed_request, run_job
from .models.loading import ModelCache, check_weights
from .protocol import PROTOCOL_VERSION, ProtocolOut

log = logging.getLogger("lvsa_worker")


def _request(out: ProtocolOut, line: str) -> dict | None:
    """The generate request on one stdin line, or None after answering a line that is not one with an error."""
    try:
        request = json.loads(line)
        if not isinstance(request, dict):
            raise ValueError("a request must be a JSON object")
    except ValueError as exc:
        _error(out, None, "bad_request", f"request is not a JSON object: {exc}")
        return None
    request_id = request.get("id")
    kind = request.get("type")
    if not isinstance(request_id, (str, int)) or isinstance(request_id, bool):
        _error(out, None, "bad_request",
               f"request needs an id (string or integer), got {json.dumps(request_id)[:80]}")
        return None
    if kind != "generate":
        _error(out, request_id, "bad_request", f"unknown request type {kind!r} (the one request is generate; "
                                               f"close stdin to stop the worker)")
        return None
    return request


def _job_spec(request: dict, defaults: dict) -> JobSpec:
    """The request's job with the worker's defaults (device, offload, dtype, weights, text) where it names none;
    raises UsageError for a request without a job object."""
    job = request.get("job")
    if not isinstance(job, dict):
        raise UsageError("a generate request needs a job object")
    job = dict(job)
    for key, value in defaults.items():
        if value is not None:
            job.setdefault(key, value)
    if "timeout_s" in request:
        job["timeout_s"] = request["timeout_s"]
    return JobSpec.from_mapping(job)


def _error(out: ProtocolOut, request_id, code: str, message: str) -> None:
    out.send({"type": "error", "id": request_id, "status": "error", "error_code": code, "message": message})


def software_versions() -> dict:
    """Versions of what generates the videos, for the ready line (the runner records them with the run)."""
    import torch

    def version(dist: str):
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            return None

    return {"worker": __version__, "python": platform.python_version(), "torch": torch.__version__,
            "diffusers": version("diffusers"), "transformers": version("transformers")}


def serve(
    out: ProtocolOut,
    stdin: IO[str],
    *,
    preload: str | None = None,
    device: str = "auto",
    dtype: str | None = None,
    offload: str = "none",
    cache_size: int = 1,
    weights: str | None = None,
    text: str | None = None,
) -> int:
    cache = ModelCache(capacity=cache_size)
    preloaded = None
    try:
        check_weights(weights, text)
        dev = devices.resolve_device(device)
        if preload:
            model, _ = cache.get(preload, dev, devices.resolve_dtype(dtype, dev), offload, weights, text)
            preloaded = {"model": preload, "device": str(dev), "dtype": devices.dtype_name(model.dtype),
                         "load_s": round(model.load_s, 3), **model.result_fields()}
    except WorkerError as exc:
        _error(out, None, exc.code, exc.message)
        return 1
    out.send({
        "type": "ready", "worker_version": __version__, "protocol_version": PROTOCOL_VERSION, "pid": os.getpid(),
        "preloaded": preloaded,
        "device": str(dev),
        "versions": software_versions(),
    })
    defaults = {"device": str(dev), "offload": offload, "dtype": dtype, "weights": weights,
                "text": text if weights is not None else None}
    while True:
        line = stdin.readline()
        if not line:
            log.info("stdin closed: exiting")
            return 0
        if not line.strip():
            continue
        request = _request(out, line)
        if request is None:
            continue
        request_id = request["id"]
        try:
            spec = _job_spec(request, defaults)
        except UsageError as exc:
            out.send({"type": "result", "id": request_id, **failed_request(exc)})
            continue

        def progress(event: dict, request_id=request_id) -> None:
            out.send({"type": "progress", "id": request_id, **event})

        result = run_job(spec, cache, progress)
        out.send({"type": "result", "id": request_id, **result})


def main_serve(args) -> int:
    out = ProtocolOut.take_stdout()
    return serve(out, sys.stdin, preload=args.model, device=args.device, dtype=args.dtype,
                 offload=args.offload, cache_size=args.cache_size, weights=args.weights, text=args.text)
