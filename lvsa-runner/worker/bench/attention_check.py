"""attention_bench.py --check: every requested kernel against the float32 masked reference at small sizes (a golden
LVSA plan, irregular rows that split-lse must refuse, a full mask), on CUDA or on the CPU-capable kernels."""

from __future__ import annotations

from pathlib import Path

from .attention_kernels import Case, Unavailable, prepare
from .attention_rows import rows_from_plan_file

#: --check's LVSA case: a golden plan the Java planner wrote (17 latent frames, anchors 0 and 16 at step 0).
CHECK_PLAN = "tiny-wan_lvsa_65f.json"
#: The kernels --check runs on the CPU.
CPU_KERNELS = ("dense-cudnn", "gather", "split-lse", "split-lse-gather", "flex", "flex-allpartial", "triton")


def run_check(args, device) -> int:
    import torch

    check_plan = Path(args.plan_dir) / CHECK_PLAN
    if not check_plan.is_file():
        raise SystemExit(f"--plan-dir {args.plan_dir}: {CHECK_PLAN} not found (it is one of the golden plans in "
                         f"contracts/attention-plan/v1/golden)")
    cases = [
        ("lvsa plan T=17", rows_from_plan_file(check_plan)),
        ("irregular T=6", [[[0, 0], [5, 5]], [[1, 2]], [[0, 5]], [[3, 3]], [[2, 2], [4, 5]], [[5, 5]]]),
        ("full T=3", [[[0, 2]]] * 3),
    ]
    on_cuda = device == "cuda"
    geometries = [(40, 64, 0), (200, 128, 16)] if on_cuda else [(40, 32, 0), (24, 16, 5)]
    dtype = torch.bfloat16 if on_cuda else torch.float32
    tol = dict(atol=2e-2, rtol=2e-2) if on_cuda else dict(atol=1e-4, rtol=1e-4)
    names = [k for k in args.kernels if on_cuda or k in CPU_KERNELS]
    failures = 0
    print(f"{'kernel':17} {'case':16} {'P':>4} {'D':>4} {'text':>4}  result")
    for name in names:
        for case_name, rows in cases:
            for p, d, text in geometries:
                case = Case(case_name, rows, "check", p, 2, d, text, device, dtype, seed=1)
                result, failed = check_case(name, case_name, rows, case, on_cuda, tol)
                failures += failed
                print(f"{name:17} {case_name:16} {p:4} {d:4} {text:4}  {result}", flush=True)
    print(f"\n{'all checked kernels match the reference' if not failures else f'{failures} check(s) FAILED'}")
    return 1 if failures else 0


def check_case(name: str, case_name: str, rows, case: Case, on_cuda: bool, tol: dict) -> tuple[str, int]:
    """One kernel on one case against the masked reference: (the line's result text, 1 if it failed else 0)."""
    import torch

    from lvsa_worker.kernels import fbs_attention, masked_reference_attention, plan_fbs, triton_fbs

    p, d, text, device, dtype = case.P, case.D, case.text, case.device, case.dtype
    failed = 0
    if not on_cuda and name == "triton" and not triton_fbs.is_interpreted():
        result = "skipped: needs TRITON_INTERPRET=1 before triton is imported"
    elif not on_cuda and name == "dense-cudnn" and not case_name.startswith("full"):
        result = "skipped: dense ignores the mask"
    elif name.startswith("split-lse") and case_name.startswith("irregular"):
        try:
            plan_fbs(rows, p, text, 2, d, device, dtype, method="split-lse")
            result = "MISMATCH: split-lse accepted rows that are not anchors + windows"
            failed = 1
        except ValueError as err:
            result = "ok: refused as designed" if "contiguous windows" in str(err) else f"ERROR {err}"
            failed = 0 if result.startswith("ok") else 1
    else:
        try:
            if name.startswith("dense") and not case_name.startswith("full"):
                raise Unavailable("dense ignores the mask")
            if on_cuda:
                # one Triton config, eager FlexAttention: a few compiles, not dozens
                overrides = {"triton": {"config": (64, 8, 3)}, "flex": {"compile": False},
                             "flex-allpartial": {"compile": False}}
                run, to_bshd, _ = prepare(name, case, overrides)
                out = to_bshd(run())
            else:
                method = {"dense-cudnn": "dense", "split-lse-gather": "split-lse"}.get(name, name)
                options = {"window_mode": "gather"} if name == "split-lse-gather" else {}
                plan = plan_fbs(rows, p, text, 2, d, device, dtype, method=method, **options)
                out = fbs_attention(case.q, case.k, case.v, plan)
            ref = masked_reference_attention(case.q, case.k, case.v, rows, p, text)
            err = (out.float() - ref).abs().max().item()
            good = torch.allclose(out.float(), ref, **tol)
            result = f"{'ok' if good else 'MISMATCH'} max abs err {err:.2e}"
            failed = 0 if good else 1
        except Unavailable as err:
            result = f"skipped: {err}"
        except Exception as err:  # noqa: BLE001
            result = f"ERROR {type(err).__name__}: {str(err).splitlines()[0][:200] if str(err) else ''}"
            failed = 1
    return result, failed
