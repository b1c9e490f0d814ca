"""Correctness of the worker's CUDA attention backends against the masked reference, on a GPU.

The CPU test suite checks every backend that runs on a CPU; this script checks the CUDA-only ones
(``flashinfer``, the CUDA paths of ``fbs``, ``sdpa-gather`` and ``flex``) the same way, in bf16, on the
frame masks of the golden plans (step 0 and step 1 patterns) with head dim 128, with and without padded
joint text tokens. Prints one JSON line per (backend, case) and exits 1 if any result is off. From
``lvsa-runner/worker``:

    python -m bench.gpu_check --plan-dir ../../contracts/attention-plan/v1/golden
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import torch

TOLERANCE = 2e-2  # relative L2 error for bf16 inputs against a float32 reference


def cases(plan_dir: Path, tokens_per_frame: int):
    from lvsa_worker.plan import load_plan

    for name in ("tiny-wan_lvsa_65f.json", "tiny-hv15_lvsa_65f.json", "wan2.1-t2v-1.3b_lvsa_161f.json"):
        plan = load_plan(plan_dir / name)
        for step in (0, 1):
            mask = plan.mask_for_step(step)
            yield f"{name}:step{step}", mask, plan.geometry.latent_frames, 0, None
        # the same rows with 16 joint text tokens, 10 of them real (HunyuanVideo-style padding)
        yield f"{name}:step0+text", plan.mask_for_step(0), plan.geometry.latent_frames, 16, 10


def relative_error(out: torch.Tensor, ref: torch.Tensor, layout, real_text: int | None) -> float:
    keep = torch.ones(out.shape[1], dtype=torch.bool, device=out.device)
    if real_text is not None:  # padded text queries: outputs are defined as zero by the worker; skip them
        keep[layout.video_tokens + real_text:] = False
    o, r = out[:, keep].float(), ref[:, keep].float()
    return (torch.linalg.vector_norm(o - r) / torch.linalg.vector_norm(r)).item()


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plan-dir", type=Path, required=True)
    parser.add_argument("--backends", default="sdpa-gather,fbs,fbs:window_mode=gather,flashinfer,flex",
                        help="worker backends; 'fbs:KEY=VALUE,...' passes options to the split-lse method fbs picks")
    parser.add_argument("--tokens-per-frame", type=int, default=200)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--device", default="cuda", help="cpu only to try the script itself")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.device == "cuda" and not torch.cuda.is_available():
        print("needs a CUDA GPU", file=sys.stderr)
        return 2
    from lvsa_worker.attention import TextKeys, TokenLayout, resolve
    from lvsa_worker.kernels.frame_block_sparse import auto_options_override, parse_variant

    cuda, failures = torch.device(args.device), 0
    reference = resolve("reference", cuda.type, False)
    for case, mask, t, text_tokens, real_text in cases(args.plan_dir, args.tokens_per_frame):
        layout = TokenLayout(t, args.tokens_per_frame, text_tokens)
        g = torch.Generator(device=cuda).manual_seed(0)
        q, k, v = (torch.randn(1, layout.sequence_tokens, args.heads, 128, generator=g, device=cuda,
                               dtype=torch.bfloat16) for _ in range(3))
        text = None
        if real_text is not None:
            text = TextKeys.from_mask((torch.arange(text_tokens, device=cuda) < real_text)[None].long())
        common = dict(device=cuda, num_heads=args.heads, head_dim=128, score_transform=None)
        ref_prepared = reference.prepare(mask, layout, dtype=torch.float32, **common)
        ref = reference.run(ref_prepared, q.float(), k.float(), v.float(), text=text)
        for name in [b.strip() for b in args.backends.split(",") if b.strip()]:
            line = {"backend": name, "case": case, "T": t, "P": args.tokens_per_frame, "text_tokens": text_tokens}
            try:
                base, options = parse_variant(name)
                backend = resolve(base, cuda.type, False, needs_padded_text=text is not None)
                with auto_options_override("split-lse", **options):
                    prepared = backend.prepare(mask, layout, dtype=torch.bfloat16, **common)
                out = backend.run(prepared, q, k, v, text=text)
                if cuda.type == "cuda":
                    torch.cuda.synchronize()
                err = relative_error(out, ref, layout, real_text)
                line.update(rel_err=float(f"{err:.3g}"), status="ok" if err <= TOLERANCE else "WRONG")
                failures += line["status"] != "ok"
            except Exception as exc:  # noqa: BLE001 - report and go on
                unsupported = "cannot mask padded text" in str(exc)
                line.update(status="unsupported" if unsupported else "error", message=f"{type(exc).__name__}: {exc}"[:300])
                failures += not unsupported
            print(json.dumps(line), flush=True)
    print(f"gpu_check: {failures} failure(s)", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
