"""Compiles the Triton kernels for Hopper (sm_90) on a machine without a GPU and reports what
the code generator made of them: one JSON line per kernel configuration.

Run by test_fbs_hopper_compile.py in a process without TRITON_INTERPRET, from the worker folder as
``python -m tests.kernels.hopper_compile`` (so that it imports that folder's lvsa_worker). Arguments are
specialised as Triton does at run time for the Wan 1.3B shapes (pointers and strides divisible
by 16), so the software pipelining (asynchronous copies) and register use are the real ones.
"""

import json
import os
import subprocess
from pathlib import Path

import triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource

from lvsa_worker.kernels import lse_merge, triton_fbs

HOPPER = GPUTarget("cuda", 90, 32)
CUOBJDUMP = Path(triton.__file__).parent / "backends" / "nvidia" / "bin" / "cuobjdump"


def resources(cubin: bytes) -> dict:
    if not CUOBJDUMP.exists():
        return {}
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"fbs-{os.getpid()}.cubin"
    path.write_bytes(cubin)
    try:
        text = subprocess.run([str(CUOBJDUMP), "--dump-resource-usage", str(path)], capture_output=True, text=True).stdout
    finally:
        path.unlink()
    for line in text.splitlines():
        if "REG:" in line:
            fields = dict(f.split(":", 1) for f in line.split() if ":" in f)
            return {"regs": int(fields["REG"]), "stack": int(fields["STACK"])}
    return {}


def compile_kernel(fn, types, constants, divisible, num_warps, num_stages):
    names = fn.arg_names
    signature = {n: ("constexpr" if n in constants else types.get(n, "i32")) for n in names}
    attrs = {(i,): [["tt.divisibility", 16]] for i, n in enumerate(names) if n in divisible}
    src = ASTSource(fn=fn, signature=signature, constexprs=constants, attrs=attrs)
    kernel = triton.compile(src, target=HOPPER, options=dict(num_warps=num_warps, num_stages=num_stages))
    ttgir = kernel.asm["ttgir"]
    return {
        "shared_bytes": kernel.metadata.shared,
        "wgmma": "warp_group_dot" in ttgir,
        "async_copies": ttgir.count("async_copy_global_to_local"),
        **resources(kernel.asm["cubin"]),
    }


def main() -> None:
    pointers = {"Q", "K", "V", "K_text", "V_text", "Out"}
    types = {n: "*bf16" for n in pointers} | {"tbl": "*i32", "meta": "*i32", "allow": "*i8", "scale_log2": "fp32"}
    strides = {f"s_{t}{d}" for t in "qkvo" for d in "bsh"}
    divisible = pointers | strides | {"tbl", "meta", "allow", "MAX_KEYS"}
    for block_n, warps, stages in triton_fbs.AUTOTUNE_CONFIGS:
        constants = dict(P=1560, HEAD_DIM=128, MAX_QF=2, MAX_NS=2, BLOCK_M=128, BLOCK_N=block_n,
                         HAS_TEXT=False, DOT_FP32=False)
        result = compile_kernel(triton_fbs._fbs_fwd_kernel, types, constants, divisible, warps, stages)
        print(json.dumps({"kernel": "fbs", "config": [block_n, warps, stages], **result}), flush=True)
    merge_types = {"oa_ptr": "*bf16", "ow_ptr": "*bf16", "out_ptr": "*bf16", "la_ptr": "*fp32", "lw_ptr": "*fp32"}
    merge_divisible = set(merge_types) | {"s_oa0", "s_oa1", "s_oa2", "s_ow0", "s_ow1", "s_ow2", "s_out0", "s_out1", "s_out2"}
    result = compile_kernel(lse_merge._lse_merge_kernel, merge_types, dict(HEAD_DIM=128, BLOCK_R=64, BLOCK_D=128),
                            merge_divisible, 4, 1)
    print(json.dumps({"kernel": "lse_merge", **result}), flush=True)


if __name__ == "__main__":
    main()
