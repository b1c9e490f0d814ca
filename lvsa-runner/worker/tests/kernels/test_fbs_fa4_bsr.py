"""Method fa4-bsr: the block lists and frame table handed to FA4's block-sparse forward.

FA4 cannot run on the CPU, so its kernel is emulated here as it is documented: per query block, visit the
listed *full* key blocks without a mask and the listed *partial* key blocks with the mask_mod, whose
lookup (``table[(q // P) * width + k // P]``, or the frame-of-token table) is computed exactly as the
CuTe-DSL function does. A wrong full block, a missing block or a wrong table entry changes the result.
The kernel itself is checked on the GPU (``python -m bench.attention_bench --check --kernels fa4-bsr``).
"""

import math

import numpy as np
import pytest
import torch
from fbs_cases import ALL_CASES

from lvsa_worker.kernels import masked_reference_attention, plan_fbs
from lvsa_worker.kernels.fa4_bsr import block_lists, plan_fa4_bsr
from lvsa_worker.kernels.flex import classify_blocks, frame_table, plan_flex
from lvsa_worker.kernels.inner import InnerKernelUnavailable
from lvsa_worker.kernels.rows import frame_mask, validate_rows


def emulate_fa4_block_sparse(q, k, v, plan, seq):
    """FA4's block-sparse forward as documented, in float32: q, k, v ``(B, S, H, D)``."""
    block, width, p = plan.block_size, plan.width, plan.tokens_per_frame
    nb = plan.partial_cnt.shape[-1]
    pad = nb * block - seq
    qf, kf, vf = (torch.nn.functional.pad(t.float(), (0, 0, 0, 0, 0, pad)) for t in (q, k, v))
    out = torch.zeros_like(qf)
    table = plan.table
    for m in range(nb):
        rows = torch.arange(m * block, (m + 1) * block)
        keys, allowed = [], []
        for kind in ("full", "partial"):
            cnt = int(getattr(plan, f"{kind}_cnt")[0, 0, m])
            for n in getattr(plan, f"{kind}_idx")[0, 0, m, :cnt].tolist():
                cols = torch.arange(n * block, (n + 1) * block)
                if kind == "full":
                    ok = torch.ones(block, block, dtype=torch.bool)
                elif plan.lookup == "divide":
                    ok = table[(rows // p)[:, None] * width + (cols // p)[None, :]] > 0
                else:
                    frames = plan.frame_of_token
                    ok = table[frames[rows][:, None] * width + frames[cols][None, :]] > 0
                keys.append(cols)
                allowed.append(ok & (cols < seq)[None, :])  # FA4 masks keys past the sequence itself
        if not keys:
            continue
        cols, ok = torch.cat(keys), torch.cat(allowed, dim=1)
        scores = torch.einsum("bqhd,bkhd->bhqk", qf[:, rows], kf[:, cols]) / math.sqrt(q.shape[-1])
        probs = torch.softmax(scores.masked_fill(~ok, float("-inf")), dim=-1)
        out[:, rows] = torch.einsum("bhqk,bkhd->bqhd", probs, vf[:, cols])
    return out[:, :seq]


@pytest.mark.parametrize("lookup", ["divide", "token-table"])
@pytest.mark.parametrize("p, text_tokens, block", [(24, 0, 16), (40, 5, 32), (12, 7, 8), (16, 0, 16)])
@pytest.mark.parametrize("case", sorted(ALL_CASES))
def test_emulated_block_sparse_forward_matches_the_reference(case, p, text_tokens, block, lookup):
    rows = ALL_CASES[case]
    plan = plan_fa4_bsr(frame_mask(validate_rows(rows)), p, text_tokens, "cpu", block_size=block, lookup=lookup)
    seq = len(rows) * p + text_tokens
    gen = torch.Generator().manual_seed(3)
    q, k, v = (torch.randn(2, seq, 2, 16, generator=gen) for _ in range(3))
    out = emulate_fa4_block_sparse(q, k, v, plan, seq)
    torch.testing.assert_close(out, masked_reference_attention(q, k, v, rows, p, text_tokens), atol=2e-5, rtol=1e-4)


@pytest.mark.parametrize("case", sorted(ALL_CASES))
def test_block_lists_are_the_classified_blocks_packed_left_in_order(case):
    mask = frame_mask(validate_rows(ALL_CASES[case]))
    plan = plan_fa4_bsr(mask, 40, 5, "cpu", block_size=32)
    any_att, all_att = classify_blocks(mask, 40, 5, 32)
    for kind, expected in (("partial", any_att & ~all_att), ("full", all_att)):
        cnt, idx = getattr(plan, f"{kind}_cnt")[0, 0].numpy(), getattr(plan, f"{kind}_idx")[0, 0].numpy()
        assert cnt.dtype == np.int32 and idx.dtype == np.int32
        for row, want in enumerate(expected):
            listed = idx[row, : cnt[row]]
            assert list(listed) == sorted(np.flatnonzero(want))
    assert plan.full_blocks == int(all_att.sum()) and plan.partial_blocks == int((any_att & ~all_att).sum())


def test_block_lists_of_an_empty_row_and_padding():
    selected = np.array([[False, True, True], [False, False, False], [True, False, True]])
    counts, order = block_lists(selected)
    assert counts.tolist() == [2, 0, 2]
    assert order.tolist() == [[1, 2], [0, 0], [0, 2]]


def test_frame_table_covers_every_padded_token_and_opens_text_and_padding():
    mask = np.array([[1, 0], [1, 1]], dtype=bool)
    table, width = frame_table(mask, 10, 64)  # 2 frames of 10 tokens, padded to 64: ids 0..6
    assert width == 7
    grid = table.reshape(width, width)
    assert grid[:2, :2].tolist() == [[1, 0], [1, 1]]
    assert (grid[2:, :] == 1).all() and (grid[:, 2:] == 1).all()


def test_fa4_bsr_on_the_cpu_is_refused_with_the_cause():
    with pytest.raises(InnerKernelUnavailable, match="method 'fa4-bsr' runs FA4's block-sparse kernel: .*CUDA GPUs only"):
        plan_fbs([[[0, 0]], [[0, 1]]], 8, 0, 2, 16, "cpu", torch.float32, method="fa4-bsr")


def test_bad_lookup_and_flash_backend_on_the_cpu_are_refused():
    mask = frame_mask(validate_rows([[[0, 0]], [[0, 1]]]))
    with pytest.raises(ValueError, match="lookup must be one of"):
        plan_fa4_bsr(mask, 8, 0, "cpu", lookup="guess")
    with pytest.raises(ValueError, match="flex_backend 'flash' runs the compiled kernel on CUDA only"):
        plan_flex(mask, 8, 0, torch.device("cpu"), flex_backend="flash")
    with pytest.raises(ValueError, match="flex_backend must be one of"):
        plan_flex(mask, 8, 0, torch.device("cpu"), flex_backend="fast")
