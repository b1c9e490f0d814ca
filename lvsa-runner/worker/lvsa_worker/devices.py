"""Devices (cuda, npu through torch_npu, cpu): resolution, default dtype, synchronisation, peak memory, OOM."""

from __future__ import annotations

import resource
import sys

import torch

from .errors import BackendUnavailable, UsageError

DTYPES = {"bf16": torch.bfloat16, "bfloat16": torch.bfloat16, "fp16": torch.float16, "float16": torch.float16,
          "fp32": torch.float32, "float32": torch.float32}


def _npu():
    try:
        import torch_npu  # noqa: F401
    except ImportError as exc:
        raise BackendUnavailable(
            f"device npu needs torch_npu ({exc}); install it with: pip install lvsa-worker[npu]"
        ) from None
    return torch.npu


def resolve_device(name: str) -> torch.device:
    """``cpu``, ``cuda[:i]``, ``npu[:i]`` or ``auto`` (cuda, else npu when torch_npu is present, else cpu)."""
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        try:
            if _npu().is_available():
                return torch.device("npu")
        except BackendUnavailable:
            pass
        return torch.device("cpu")
    kind = name.split(":")[0]
    if kind == "cpu":
        return torch.device("cpu")
    if kind == "cuda":
        if not torch.cuda.is_available():
            raise BackendUnavailable(f"device {name}: torch.cuda.is_available() is False on this machine")
        return torch.device(name)
    if kind == "npu":
        if not _npu().is_available():
            raise BackendUnavailable(f"device {name}: torch_npu is installed but reports no NPU")
        return torch.device(name)
    raise UsageError(f"device {name!r} is not one of cpu, cuda, npu, auto")


def resolve_dtype(name: str | None, device: torch.device) -> torch.dtype:
    """Default: bf16 on cuda/npu, float32 on cpu."""
    if name is None:
        return torch.float32 if device.type == "cpu" else torch.bfloat16
    try:
        return DTYPES[name]
    except KeyError:
        raise UsageError(f"dtype {name!r} is not one of {', '.join(sorted(DTYPES))}") from None


def dtype_name(dtype: torch.dtype) -> str:
    return {torch.bfloat16: "bf16", torch.float16: "fp16", torch.float32: "fp32"}.get(dtype, str(dtype))


def synchronize(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    elif device.type == "npu":
        torch.npu.synchronize(device)


def reset_peak_memory(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)
    elif device.type == "npu":
        torch.npu.reset_peak_memory_stats(device)


def peak_memory(device: torch.device) -> tuple[float, str]:
    """(GB, kind): the device's peak allocated memory since the job's reset, or on CPU the process's peak
    resident set size since the worker started (``ru_maxrss``; it never goes down between jobs)."""
    if device.type == "cuda":
        return torch.cuda.max_memory_allocated(device) / 1e9, "device_peak_allocated"
    if device.type == "npu":
        return torch.npu.max_memory_allocated(device) / 1e9, "device_peak_allocated"
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scale = 1.0 if sys.platform == "darwin" else 1024.0  # bytes on macOS, KiB on Linux
    return rss_kib * scale / 1e9, "process_peak_rss"


def set_memory_cap(device: torch.device, cap_gb: float | None) -> float | None:
    """Cap this process's allocations on ``device`` at ``cap_gb`` (10^9 bytes; None: the whole device) and return
    the cap in force (None: uncapped). The allocator then raises out-of-memory past the cap, as a smaller card
    would. A cap is a GPU/NPU setting: on the CPU it is refused."""
    if device.type == "cuda":
        module = torch.cuda
    elif device.type == "npu":
        module = torch.npu
    else:
        if cap_gb is not None:
            raise UsageError(f"memory_cap_gb applies to cuda and npu devices, not {device.type}")
        return None
    index = device.index if device.index is not None else module.current_device()  # "cuda" means the current one
    total = module.get_device_properties(index).total_memory
    fraction = 1.0 if cap_gb is None else min(1.0, cap_gb * 1e9 / total)
    module.set_per_process_memory_fraction(fraction, index)
    return None if cap_gb is None else round(min(cap_gb, total / 1e9), 3)


def is_out_of_memory(exc: BaseException) -> bool:
    """CUDA's OutOfMemoryError, a host MemoryError, or the NPU/CPU allocators' out-of-memory RuntimeErrors."""
    if isinstance(exc, (MemoryError, getattr(torch, "OutOfMemoryError", MemoryError))):
        return True
    text = str(exc).lower()
    return isinstance(exc, RuntimeError) and ("out of memory" in text or "can't allocate memory" in text)


def empty_cache(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.empty_cache()
    elif device.type == "npu":
        torch.npu.empty_cache()
