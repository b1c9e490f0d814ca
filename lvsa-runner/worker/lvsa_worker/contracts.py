"""Locate the files shared with the Java side: the plan schema, the backend names, the model registries, the
golden plans, the worker protocol's schemas and version.

They live in the repository's ``contracts/`` folder, the one source that Java reads too. :func:`contracts_dir`
is the only place that finds that folder; it looks, in order, at

1. ``$LVSA_CONTRACTS_DIR`` (it names the ``contracts`` folder itself);
2. the checkout around this source tree (``pip install -e`` or ``PYTHONPATH``): ``<repo>/contracts``, since
   this package sits at ``<repo>/lvsa-runner/worker/lvsa_worker``;
3. the copy that a wheel carries as package data (``lvsa_worker/_contracts``, copied from ``<repo>/contracts``
   by ``setup.py`` when the wheel is built; never kept in git), read with :mod:`importlib.resources`.

Paths are ``importlib.resources`` traversables: a :class:`pathlib.Path` in a checkout and in an ordinary
installation; use ``/``, ``is_file``, ``iterdir``, ``read_text`` on them.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ContractsNotFound

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

ENV_VAR = "LVSA_CONTRACTS_DIR"
#: Where a wheel carries the contracts, inside this package (written by setup.py's build step).
PACKAGED = "_contracts"
SCHEMA_RELATIVE = "attention-plan/v1/attention-plan.schema.json"
GOLDEN_RELATIVE = "attention-plan/v1/golden"
TINY_MODELS_RELATIVE = "models/tiny-models.json"
REAL_MODELS_RELATIVE = "models/real-models.json"
BACKENDS_RELATIVE = "backends.json"
#: The worker protocol's JSON Schemas (one per message, ``request.schema.json`` for the stdin lines) and the
#: protocol version (``version.json``'s ``const``, the one place it is written).
PROTOCOL_RELATIVE = "worker-protocol/v1"


def _child(folder: Traversable, relative: str) -> Traversable:
    for part in relative.split("/"):
        folder = folder / part
    return folder


def contracts_dir() -> Traversable:
    """The contracts folder: ``$LVSA_CONTRACTS_DIR``, else the checkout's, else the copy packaged in a wheel."""
    override = os.environ.get(ENV_VAR)
    if override:
        path = Path(override).expanduser()
        if not _child(path, SCHEMA_RELATIVE).is_file():
            raise ContractsNotFound(f"{ENV_VAR}={override}: no {SCHEMA_RELATIVE} there")
        return path
    checkout = Path(__file__).resolve().parents[3] / "contracts"
    if _child(checkout, SCHEMA_RELATIVE).is_file():
        return checkout
    packaged = resources.files(__package__) / PACKAGED
    if _child(packaged, SCHEMA_RELATIVE).is_file():
        return packaged
    raise ContractsNotFound(
        f"contracts folder not found (expected {SCHEMA_RELATIVE} in it): not in a checkout ({checkout}) and not "
        f"packaged with lvsa_worker ({packaged}; a wheel built by lvsa-runner/worker/setup.py carries it); "
        f"set {ENV_VAR} to the repository's contracts folder"
    )


def schema_path() -> Traversable:
    return _child(contracts_dir(), SCHEMA_RELATIVE)


def golden_dir() -> Traversable:
    return _child(contracts_dir(), GOLDEN_RELATIVE)


@lru_cache(maxsize=8)
def _read_json(path: Traversable) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def load_schema() -> dict:
    return _read_json(schema_path())


def tiny_model_specs() -> dict[str, dict]:
    """The entries of ``contracts/models/tiny-models.json`` by name."""
    path = _child(contracts_dir(), TINY_MODELS_RELATIVE)
    if not path.is_file():
        raise ContractsNotFound(f"{path}: tiny model presets file is missing")
    return {entry["name"]: entry for entry in _read_json(path)["models"]}


def real_models() -> dict:
    """``contracts/models/real-models.json``: the real models' component configs (``components``) and entries."""
    path = _child(contracts_dir(), REAL_MODELS_RELATIVE)
    if not path.is_file():
        raise ContractsNotFound(f"{path}: real model registry file is missing")
    return _read_json(path)


def real_model_specs() -> dict[str, dict]:
    """The entries of ``contracts/models/real-models.json`` by name."""
    return {entry["name"]: entry for entry in real_models()["models"]}


def protocol_dir() -> Traversable:
    """``contracts/worker-protocol/v1``: ``version.json`` and a ``TYPE.schema.json`` per message type."""
    return _child(contracts_dir(), PROTOCOL_RELATIVE)


def protocol_version() -> int:
    """The protocol version every stdout message carries: ``worker-protocol/v1/version.json``'s ``const``."""
    path = protocol_dir() / "version.json"
    if not path.is_file():
        raise ContractsNotFound(f"{path}: worker protocol version file is missing")
    return int(_read_json(path)["const"])


def backends() -> list[dict]:
    """The entries of ``contracts/backends.json`` in file order: ``name``, ``in_plan``, ``meaning``."""
    path = _child(contracts_dir(), BACKENDS_RELATIVE)
    if not path.is_file():
        raise ContractsNotFound(f"{path}: backend names file is missing")
    return _read_json(path)["backends"]


def backend_names(in_plan: bool | None = None) -> tuple[str, ...]:
    """Backend names in file order: every one (a job may ask for any), or only those a plan may carry
    (``in_plan=True``, the schema's ``backend.name`` enum) or only the job/worker overrides (``in_plan=False``)."""
    return tuple(b["name"] for b in backends() if in_plan is None or b["in_plan"] is in_plan)
