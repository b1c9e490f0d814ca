"""The Triton kernels (frame-block-sparse forward, log-sum-exp merge) under the Triton interpreter.

Sizes stay tiny: the interpreter runs each program in NumPy. If triton was imported
before TRITON_INTERPRET was set (another test module of this session imported it
first), the kernels are compiled-mode objects that cannot run on CPU; this module then
re-runs itself in a fresh interpreter process and reports that run as one test.
"""

import os
import subprocess
import sys

import pytest
import torch
from fbs_cases import ALL_CASES, LVSA_LIKE_T10, LVSA_LIKE_T12, SPLITTABLE, USER_T8

from lvsa_worker.kernels import fbs_attention, masked_reference_attention, plan_fbs, triton_fbs
from lvsa_worker.kernels.lse_merge import merge_partials

HEADS = 2
TOLERANCE = {torch.float32: dict(atol=2e-5, rtol=1e-4), torch.bfloat16: dict(atol=2e-2, rtol=2e-2)}

if not triton_fbs.is_interpreted():

    def test_triton_kernels_in_a_fresh_interpreter_process():
        env = dict(os.environ, TRITON_INTERPRET="1")
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", __file__],
            env=env, capture_output=True, text=True, timeout=900,
        )
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
        assert " passed" in result.stdout

else:

    def run_case(rows, p, text, d, batch, dtype, seed=0, **options):
        gen = torch.Generator().manual_seed(seed)
        seq = len(rows) * p + text
        q, k, v = (torch.randn(batch, seq, HEADS, d, generator=gen).to(dtype) for _ in range(3))
        plan = plan_fbs(rows, p, text, HEADS, d, "cpu", dtype, method="triton", **options)
        out = fbs_attention(q, k, v, plan)
        ref = masked_reference_attention(q, k, v, rows, p, text)
        torch.testing.assert_close(out.float(), ref, **TOLERANCE[dtype])
        return plan

    @pytest.mark.parametrize("text_tokens", [0, 5])
    @pytest.mark.parametrize("case", sorted(ALL_CASES))
    def test_triton_matches_the_reference(case, text_tokens):
        run_case(ALL_CASES[case], 24, text_tokens, 16, 1, torch.float32)

    @pytest.mark.parametrize(
        "p, d, batch, dtype, block_m, config",
        [
            pytest.param(40, 32, 2, torch.float32, 32, (32, 4, 1), id="P40-D32-B2-tile<frame"),
            pytest.param(24, 16, 1, torch.float32, 64, (32, 4, 1), id="P24-tile-spans-3-frames"),
            pytest.param(24, 64, 1, torch.bfloat16, 16, (16, 4, 1), id="P24-D64-bf16"),
        ],
    )
    @pytest.mark.parametrize("case", ["lvsa_t12", "user_t8"])
    def test_triton_tile_shapes(case, p, d, batch, dtype, block_m, config):
        rows = {"lvsa_t12": LVSA_LIKE_T12, "user_t8": USER_T8}[case]
        plan = run_case(rows, p, 5, d, batch, dtype, block_m=block_m, config=config)
        if block_m > p:
            assert plan.impl.max_qf >= 3  # a query tile holds rows of three query frames

    def test_straddling_tiles_use_the_union_of_neighbouring_rows():
        plan = run_case(LVSA_LIKE_T10, 24, 0, 16, 1, torch.float32, block_m=16)
        # tile 1 holds tokens 16..31: frames 0 and 1, whose rows are equal -> no masked slots
        assert tuple(plan.impl.meta[1].tolist()) == (6, 6)
        # tile 4 holds tokens 64..79: frames 2 ([0,4],[8]) and 3 ([0],[2,5],[8]) -> 5 shared, 2 masked
        assert tuple(plan.impl.meta[4].tolist()) == (5, 7)
        assert 0.0 < plan.impl.wasted_fraction < 0.1

    @pytest.mark.parametrize("case", sorted(SPLITTABLE))
    @pytest.mark.parametrize("text_tokens", [0, 5])
    def test_split_lse_with_the_triton_merge_kernel(case, text_tokens):
        rows, p, d = SPLITTABLE[case], 24, 32
        gen = torch.Generator().manual_seed(3)
        q, k, v = (torch.randn(2, len(rows) * p + text_tokens, HEADS, d, generator=gen) for _ in range(3))
        plan = plan_fbs(rows, p, text_tokens, HEADS, d, "cpu", torch.float32, method="split-lse", merge="triton")
        out = fbs_attention(q, k, v, plan)
        torch.testing.assert_close(out, masked_reference_attention(q, k, v, rows, p, text_tokens), **TOLERANCE[torch.float32])

    def test_merge_kernel_equals_the_torch_merge_on_strided_views():
        gen = torch.Generator().manual_seed(4)
        o_a = torch.randn(3, 2, 50, 32, generator=gen).transpose(1, 2)  # (n, L, H, D) with BHSD storage
        o_w = torch.randn(3, 50, 2, 32, generator=gen)
        lse_a = torch.randn(3, 2, 50, generator=gen).transpose(1, 2) * 5
        lse_w = torch.randn(3, 50, 2, generator=gen) * 5
        expected, got = torch.empty(3, 50, 2, 32), torch.empty(3, 50, 2, 32)
        merge_partials(o_a, lse_a, o_w, lse_w, expected, use_triton=False)
        merge_partials(o_a, lse_a, o_w, lse_w, got, use_triton=True)
        torch.testing.assert_close(got, expected, atol=1e-6, rtol=1e-5)
