"""Shared test set-up: CPU-friendly threading, offline hub, golden plan discovery, a shared model cache."""

import os

# Before torch loads: passive OpenMP waiting keeps CPU runs fast when the cores are shared.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import pytest  # noqa: E402

from lvsa_worker.contracts import golden_dir  # noqa: E402


def golden_plan_files():
    folder = golden_dir()
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def golden_params():
    """One pytest param per golden plan file; a single skipped param when there are none yet."""
    files = golden_plan_files()
    if not files:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no golden plans in {golden_dir()} yet"))]
    return [pytest.param(path, id=path.name) for path in files]


@pytest.fixture(scope="session")
def model_cache():
    from lvsa_worker.models.loading import ModelCache

    return ModelCache(capacity=3)
