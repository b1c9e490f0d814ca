"""Attention backends that execute a plan's frame mask, their registry, and the per-job runtime.

* :mod:`.registry`: ``register``, ``resolve`` (``auto`` included), ``availability``.
* backends: :mod:`.reference`, :mod:`.sdpa_gather`, :mod:`.flashinfer_backend`, :mod:`.flex`, :mod:`.fbs`.
* :mod:`.runtime`: step tracking and the per-step prepared state.
"""

from .base import AttentionBackend, Prepared, TextKeys, TokenLayout
from .registry import availability, names, register, resolve
from .runtime import AttentionRuntime, StepRecord, install_step_tracking

__all__ = [
    "AttentionBackend",
    "AttentionRuntime",
    "Prepared",
    "StepRecord",
    "TextKeys",
    "TokenLayout",
    "availability",
    "install_step_tracking",
    "names",
    "register",
    "resolve",
]
