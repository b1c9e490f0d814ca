"""FA4 smoke test on the GPU, before the benches: versions, what inner="auto" resolves to, and FA4's
forward (with and without lse, on an overlapping strided window view as split-lse passes it) against a
float32 reference. Run from lvsa-runner/worker with the wheels on PYTHONPATH; prints JSON lines."""

import json
import math
import time
from importlib.metadata import version

import torch
import torch.nn.functional as F

from lvsa_worker.kernels.inner import fa4_module, resolve_inner


def emit(**kw):
    print(json.dumps(kw), flush=True)


def versions():
    out = {"torch": torch.__version__, "cuda": torch.version.cuda, "cudnn": torch.backends.cudnn.version(),
           "gpu": torch.cuda.get_device_name(), "capability": torch.cuda.get_device_capability()}
    for dist in ("flash-attn-4", "nvidia-cutlass-dsl", "nvidia-cutlass-dsl-libs-base", "nvidia-cutlass-dsl-libs-cu13",
                 "quack-kernels", "apache-tvm-ffi", "torch-c-dlpack-ext", "flashinfer-python"):
        try:
            out[dist] = version(dist)
        except Exception as exc:  # noqa: BLE001
            out[dist] = f"missing ({type(exc).__name__})"
    return out


def reference(q, k, v, scale):
    qf, kf, vf = (t.float().transpose(1, 2) for t in (q, k, v))
    scores = qf @ kf.transpose(-1, -2) * scale
    out = (torch.softmax(scores, -1) @ vf).transpose(1, 2)
    return out, torch.logsumexp(scores, -1)


def rel(a, b):
    return ((a.float() - b.float()).norm() / b.float().norm()).item()


def main():
    emit(kind="versions", **versions())
    choice = resolve_inner("auto", "cuda")
    emit(kind="auto", inner=choice.name, note=choice.note)
    fa4 = fa4_module()
    torch.manual_seed(0)
    d, h, p = 128, 12, 1560
    scale = 1 / math.sqrt(d)
    q, k, v = (torch.randn(1, 4 * p, h, d, device="cuda", dtype=torch.bfloat16) for _ in range(3))
    t0 = time.perf_counter()
    out, lse = fa4.flash_attn_func(q, k, v, softmax_scale=scale, return_lse=True)
    torch.cuda.synchronize()
    first = time.perf_counter() - t0
    ref, ref_lse = reference(q, k, v, scale)
    emit(kind="dense+lse", first_call_s=round(first, 2), out_shape=list(out.shape), lse_shape=list(lse.shape),
         lse_dtype=str(lse.dtype), out_rel_err=rel(out, ref), lse_max_abs_err=(lse - ref_lse).abs().max().item())
    out2, lse2 = fa4.flash_attn_func(q, k, v, softmax_scale=scale, return_lse=False)
    emit(kind="dense", out_rel_err=rel(out2, ref), lse_is_none=lse2 is None)
    # 3 overlapping windows of 2 frames, 1 frame apart (as split-lse's strided view), 1 query frame each
    s_s = k.stride(1)
    win = k.as_strided((3, 2 * p, h, d), (p * s_s, s_s, k.stride(2), 1))
    win_v = v.as_strided((3, 2 * p, h, d), (p * s_s, s_s, v.stride(2), 1))
    qw = q[0, : 3 * p].unflatten(0, (3, p))
    ow, lw = fa4.flash_attn_func(qw, win, win_v, softmax_scale=scale, return_lse=True)
    refw, ref_lw = reference(qw, win.contiguous(), win_v.contiguous(), scale)
    emit(kind="strided windows", out_rel_err=rel(ow, refw), lse_max_abs_err=(lw - ref_lw).abs().max().item())


if __name__ == "__main__":
    main()
