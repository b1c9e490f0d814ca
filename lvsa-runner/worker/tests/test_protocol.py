"""The worker protocol's JSON Schemas (contracts/worker-protocol/v1/) are what the worker speaks: the version is
read from that folder, the job schema lists exactly the fields JobSpec accepts, and the lines of a real serve
session (ready, progress, results ok and refused, errors) and the requests that made them follow the schemas."""

import dataclasses
import json
import re

import plan_docs
import protocol_schemas
import pytest
from jsonschema import Draft202012Validator
from test_serve import Worker, job_request

from lvsa_worker.contracts import contracts_dir, golden_dir, protocol_dir
from lvsa_worker.generate import JobSpec
from lvsa_worker.protocol import PROTOCOL_VERSION

SCHEMA_TYPES = {str: "string", int: "integer", float: "number", dict: "object", type(None): "null"}


def test_the_version_lives_once_in_the_schema_folder():
    version = protocol_schemas.DOCUMENTS["version.json"]
    assert PROTOCOL_VERSION == version["const"]
    assert protocol_dir().name == f"v{PROTOCOL_VERSION}"
    base = version["$id"].rsplit("/", 1)[0]
    for name, doc in protocol_schemas.DOCUMENTS.items():
        Draft202012Validator.check_schema(doc)
        assert doc["$id"] == f"{base}/{name}"
        assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(protocol_schemas.MESSAGE_TYPES) == {"ready", "progress", "result", "error"}


def test_the_job_schema_lists_exactly_the_fields_jobspec_accepts():
    job = protocol_schemas.DOCUMENTS["request.schema.json"]["$defs"]["job"]
    assert set(job["properties"]) == {f.name for f in dataclasses.fields(JobSpec)}
    assert job["required"] == list(JobSpec._REQUIRED)
    for name, expected in JobSpec._TYPES.items():
        accepted = expected if isinstance(expected, tuple) else (expected,)
        spec = job["properties"][name]
        if "enum" in spec:  # a closed set of values, each of a type JobSpec accepts
            assert all(isinstance(value, accepted) for value in spec["enum"]), name
            continue
        types = spec["type"] if isinstance(spec["type"], list) else [spec["type"]]
        named = {SCHEMA_TYPES[t] for t in accepted}
        if named >= {"integer", "number"}:
            named.discard("integer")  # JSON Schema's number includes the integers
        assert set(types) == named, name


def test_a_served_session_follows_the_schemas(tmp_path):
    """RIFLEx with timed steps (riflex, timed_step_indices, estimated_*), dummy weights (weights_seed, text),
    refused jobs and unreadable requests, from a real ``serve`` worker."""
    worker = Worker("--device", "cpu")
    try:
        riflex = json.loads((golden_dir() / "tiny-wan_riflex_33f.json").read_text(encoding="utf-8"))
        requests = [
            job_request("riflex", tmp_path, riflex, timed_steps=2, prompt="a kite", negative_prompt="", fps=8,
                        guidance=1.0, backend="sdpa-gather", dtype="fp32", timeout_s=600),
            job_request("dummy", tmp_path, plan_docs.dense("tiny-wan", 17, steps=2), weights="dummy",
                        text="dummy-embeddings"),
            job_request("mismatch", tmp_path, plan_docs.dense("tiny-wan", 17, steps=2), frames=21),
            job_request(7, tmp_path, plan_docs.dense("tiny-wan", 17, steps=2), timed_steps=5),
        ]
        for request in requests:  # the last asks for more timed steps than steps: the worker's check, not the schema's
            protocol_schemas.check_request(request)
        ready = worker.next()
        protocol_schemas.check(ready)
        results = {}
        for request in requests:
            worker.send(request)
            results[request["id"]], seen = worker.until("result", request["id"])
            for message in seen:
                protocol_schemas.check(message)
        assert results["riflex"]["status"] == "ok", results["riflex"]["message"]
        assert {"riflex", "riflex_k", "timed_step_indices", "estimated_total_s", "vae_decode", "phase_s"} <= set(
            results["riflex"])
        assert results["dummy"]["status"] == "ok" and results["dummy"]["text"] == "dummy-embeddings"
        assert results["mismatch"]["error_code"] == "geometry_mismatch"
        assert results[7]["error_code"] == "bad_request"
        for line, request_id in (("[1, 2]", None), ('{"type": "generate", "id": 1.5}', None),
                                 ('{"type": "ping", "id": "p"}', "p")):
            worker.send(line)
            error = worker.next()
            protocol_schemas.check(error)
            assert error["type"] == "error" and error["id"] == request_id
        worker.proc.stdin.close()
        assert worker.proc.wait(timeout=60) == 0
        for line in worker.raw:
            protocol_schemas.check(line)
    finally:
        if worker.proc.poll() is None:
            worker.proc.kill()


VALID_RESULT = {"protocol": PROTOCOL_VERSION, "type": "result", "id": "j", "status": "ok", "step_latency_s": [0.1],
                "total_s": 1.0, "peak_memory_gb": 0.5, "peak_memory_kind": "process_peak_rss", "density": 0.5,
                "expected_density": 0.5, "backend": "sdpa-gather", "output": "/v.mp4", "message": "17 frames written"}


@pytest.mark.parametrize("change, why", [
    ({"inner": ["auto: fa4"]}, "a field the protocol does not define"),
    ({"protocol": PROTOCOL_VERSION + 1}, "another protocol version"),
    ({"error_code": "oom"}, "an error code on an ok result"),
    ({"status": "error", "error_code": "error", "output": None}, "an error code outside the table"),
    ({"status": "error", "output": None}, "a failure without an error code"),
    ({"status": "timeout", "error_code": "internal", "output": None}, "a timeout whose code is not timeout"),
    ({"riflex_k": 3}, "riflex_k without riflex"),
    ({"phase_s": {"load": 1.0, "compile": 2.0}}, "a phase the protocol does not define"),
    ({"id": None}, "a null id"),
])
def test_the_result_schema_refuses_what_the_protocol_does_not_say(change, why):
    assert protocol_schemas.problems(VALID_RESULT) == []
    assert protocol_schemas.problems({**VALID_RESULT, **change}), why


def test_the_other_schemas_refuse_what_the_protocol_does_not_say():
    ready = {"protocol": PROTOCOL_VERSION, "type": "ready", "worker_version": "0.1.0",
             "protocol_version": PROTOCOL_VERSION, "pid": 42, "preloaded": None, "device": "cpu",
             "versions": {"worker": "0.1.0", "python": "3.11.9", "torch": "2.5.1", "diffusers": None,
                          "transformers": None}}
    assert protocol_schemas.problems(ready) == []
    assert protocol_schemas.problems({**ready, "backends": {"sdpa-gather": True}})  # removed from version 1
    assert protocol_schemas.problems({**ready, "protocol_version": PROTOCOL_VERSION + 1})
    progress = {"protocol": PROTOCOL_VERSION, "type": "progress", "id": 1, "phase": "denoise", "step": 1, "steps": 2,
                "step_latency_s": 0.2}
    assert protocol_schemas.problems({**progress, "anything": "new"}) == []  # progress may be extended
    assert protocol_schemas.problems({k: v for k, v in progress.items() if k != "step"})
    job = {"model": "tiny-wan", "plan": "/p.json", "frames": 17, "height": 64, "width": 96, "steps": 2, "seed": 0,
           "out": "/v.mp4"}
    request = {"type": "generate", "id": "r", "job": job}
    assert protocol_schemas.problems(request, "request.schema.json") == []
    for bad in ({**request, "type": "ping"}, {**request, "job": {**request["job"], "cfg": 5}},
                {**request, "job": {**request["job"], "frames": True}}):
        assert protocol_schemas.problems(bad, "request.schema.json")
    assert protocol_schemas.problems({"type": "pong", "id": 1, "protocol": PROTOCOL_VERSION})


def test_the_examples_of_the_guide_follow_the_schemas():
    guide = (contracts_dir() / "worker-protocol.md").read_text(encoding="utf-8")
    examples = [json.loads(block) for block in re.findall(r"```json\n(.*?)```", guide, flags=re.S)]
    assert {example["type"] for example in examples} == {"ready", "progress", "result", "error", "generate"}
    for example in examples:
        if example["type"] == "generate":
            protocol_schemas.check_request(example)
        else:
            protocol_schemas.check(example)
