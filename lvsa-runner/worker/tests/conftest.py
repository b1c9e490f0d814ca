"""Shared test set-up: CPU-friendly threading, offline hub, a shared model cache."""

import os

# Before torch loads: passive OpenMP waiting keeps CPU runs fast when the cores are shared.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def model_cache():
    from lvsa_worker.models.loading import ModelCache

    return ModelCache(capacity=3)
