"""The worker protocol's JSON Schemas (contracts/worker-protocol/v1/) for the tests: check a stdout message or a
request against them. A message's schema is ``TYPE.schema.json``; the schemas refer to each other and to
``version.json`` by their ``$id``s, resolved here from the folder itself."""

import json

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from lvsa_worker.contracts import protocol_dir


def documents() -> dict[str, dict]:
    """Every JSON file of the folder by file name."""
    return {path.name: json.loads(path.read_text(encoding="utf-8"))
            for path in protocol_dir().iterdir() if path.name.endswith(".json")}


DOCUMENTS = documents()
REGISTRY = Registry().with_resources((doc["$id"], Resource.from_contents(doc)) for doc in DOCUMENTS.values())
MESSAGE_TYPES = tuple(sorted(name.removesuffix(".schema.json") for name in DOCUMENTS
                             if name.endswith(".schema.json") and name != "request.schema.json"))


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(DOCUMENTS[name], registry=REGISTRY)


def problems(message, schema: str | None = None) -> list[str]:
    """Violations of ``message`` (its type's schema, or ``schema``), each as 'path: message'; empty when valid."""
    if schema is None:
        kind = message.get("type") if isinstance(message, dict) else None
        if kind not in MESSAGE_TYPES:
            return [f"type {kind!r} is not a message type of the protocol ({', '.join(MESSAGE_TYPES)})"]
        schema = f"{kind}.schema.json"
    return sorted(f"{'/'.join(map(str, error.absolute_path)) or '<message>'}: {error.message}"
                  for error in validator(schema).iter_errors(message))


def check(message, schema: str | None = None) -> None:
    """Assert that ``message`` (a dict or a stdout line) follows its schema."""
    if isinstance(message, str):
        message = json.loads(message)
    found = problems(message, schema)
    assert not found, f"{json.dumps(message)[:2000]}\nbreaks the protocol schema:\n" + "\n".join(found)


def check_request(request) -> None:
    check(request, "request.schema.json")
