"""What attention_bench.py reports about its environment: the software versions line, the Triton kernel's chosen
configuration, and whether the CUDA context still works after a kernel failed."""

from __future__ import annotations

import sys


def triton_config_note() -> str:
    from lvsa_worker.kernels import triton_fbs

    tuner = triton_fbs._autotuned
    best = getattr(tuner, "best_config", None) if tuner is not None else None
    if best is None:
        return ""
    return f" chosen: BLOCK_N={best.kwargs.get('BLOCK_N')} warps={best.num_warps} stages={best.num_stages}"


def cuda_alive() -> bool:
    import torch

    try:
        torch.cuda.synchronize()
        (torch.ones(8, device="cuda") * 2).sum().item()
        return True
    except Exception:  # noqa: BLE001
        return False


def print_environment(device) -> None:
    import torch
    import triton

    parts = [f"torch {torch.__version__}", f"triton {triton.__version__}", f"python {sys.version.split()[0]}"]
    if device == "cuda":
        parts += [f"GPU {torch.cuda.get_device_name()}", f"CUDA {torch.version.cuda}",
                  f"cuDNN {torch.backends.cudnn.version()}"]
    try:
        import flashinfer

        parts.append(f"flashinfer {flashinfer.__version__}")
    except ImportError:
        parts.append("flashinfer not installed")
    from lvsa_worker.kernels.inner import fa4_unavailable_reason, fa4_version

    reason = fa4_unavailable_reason(device)
    parts.append(f"flash-attn-4 {fa4_version()}" if reason is None else f"fa4 unavailable: {reason}")
    try:
        from importlib.metadata import version

        parts.append(f"nvidia-cutlass-dsl {version('nvidia-cutlass-dsl')}")
    except Exception:  # noqa: BLE001
        pass
    print("# " + ", ".join(parts), flush=True)
