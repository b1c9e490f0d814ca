"""Locate the files shared with the Java side: the plan schema and the tiny model presets.

The contracts live at ``<repo>/contracts`` (this package sits at ``<repo>/lvsa-runner/worker/lvsa_worker``).
``LVSA_CONTRACTS_DIR`` overrides the location (it names the ``contracts`` folder itself).
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from .errors import ContractsNotFound

ENV_VAR = "LVSA_CONTRACTS_DIR"
SCHEMA_RELATIVE = Path("attention-plan") / "v1" / "attention-plan.schema.json"
GOLDEN_RELATIVE = Path("attention-plan") / "v1" / "golden"
TINY_MODELS_RELATIVE = Path("models") / "tiny-models.json"


def contracts_dir() -> Path:
    """The contracts folder: ``$LVSA_CONTRACTS_DIR`` if set, else the one beside this source tree."""
    override = os.environ.get(ENV_VAR)
    if override:
        path = Path(override).expanduser()
        if not (path / SCHEMA_RELATIVE).is_file():
            raise ContractsNotFound(
                f"{ENV_VAR}={override}: no {SCHEMA_RELATIVE.as_posix()} there"
            )
        return path
    guess = Path(__file__).resolve().parents[3] / "contracts"
    if not (guess / SCHEMA_RELATIVE).is_file():
        raise ContractsNotFound(
            f"contracts folder not found at {guess} (expected {SCHEMA_RELATIVE.as_posix()}); "
            f"set {ENV_VAR} to the repository's contracts folder"
        )
    return guess


def schema_path() -> Path:
    return contracts_dir() / SCHEMA_RELATIVE


def golden_dir() -> Path:
    return contracts_dir() / GOLDEN_RELATIVE


@lru_cache(maxsize=4)
def _read_json(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def load_schema() -> dict:
    return _read_json(str(schema_path()))


def tiny_model_specs() -> dict[str, dict]:
    """The entries of ``contracts/models/tiny-models.json`` by name."""
    path = contracts_dir() / TINY_MODELS_RELATIVE
    if not path.is_file():
        raise ContractsNotFound(f"{path}: tiny model presets file is missing")
    return {entry["name"]: entry for entry in _read_json(str(path))["models"]}
