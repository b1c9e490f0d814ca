"""The few exception types of the worker, each with a protocol error code (the generate command's exit code
follows from it: cli.py).

Every message names the input and the cause in one line, e.g.
``plan /tmp/p.json: geometry.latent_frames is 17 but (video_frames - 1) / temporal_factor + 1 = 16``.
"""

from __future__ import annotations


class WorkerError(Exception):
    """Base class: a failure the worker reports as a structured result, not a stack trace."""

    code = "internal"

    def __init__(self, message: str):
        message = " ".join(part.strip() for part in message.splitlines() if part.strip())  # one line
        super().__init__(message)
        self.message = message


class UsageError(WorkerError):
    """The request itself is wrong: missing or invalid fields, impossible sizes."""

    code = "bad_request"


class PlanError(UsageError):
    """The attention plan fails the schema or a semantic rule (contracts/README.md)."""

    code = "plan_invalid"


class GeometryMismatch(UsageError):
    """The plan's geometry differs from the loaded model or the requested video size."""

    code = "geometry_mismatch"


class ContractsNotFound(WorkerError):
    """The contracts folder (schema, tiny model presets) cannot be located."""

    code = "contracts_missing"


class WriterUnavailable(WorkerError):
    """The video cannot be written (no FFmpeg writer, an output folder that cannot be written): found before
    the model loads, not after the denoising."""

    code = "writer_unavailable"


class BackendUnavailable(WorkerError):
    """A requested attention backend cannot run here; the message names how to install it."""

    code = "backend_unavailable"


class UnsupportedFeature(UsageError):
    """The plan asks for something this worker version cannot execute exactly."""

    code = "unsupported"


class ModelLoadError(WorkerError):
    """The model (preset or local diffusers folder) could not be loaded."""

    code = "model_load_failed"


class JobTimeout(WorkerError):
    """The job ran past its time limit (checked at every denoising-step boundary)."""

    code = "timeout"
