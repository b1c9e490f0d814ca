"""The bench rival cudnn-bsa: frames padded to whole blocks, short last blocks, one key-block list per query block.

cuDNN's kernel needs a GPU; here it is emulated as documented (each listed key block contributes its first
``block_sizes[n]`` keys), on the padded copies the bench makes, and the unpadded result must equal the
masked reference. A block list that misses a frame, a wrong short length or a wrong token position fails.
"""

import math

import pytest
import torch
from fbs_cases import ALL_CASES

from bench.cudnn_bsa import padded_layout
from lvsa_worker.kernels import masked_reference_attention


def emulate(q, k, v, layout, block):
    where = torch.from_numpy(layout.token_index)
    padded = []
    for t in (q, k, v):
        buf = torch.zeros(t.shape[0], layout.padded_len, *t.shape[2:])
        padded.append(buf.index_copy(1, where, t))
    qp, kp, vp = padded
    out = torch.zeros_like(qp)
    for m, key_blocks in enumerate(layout.block_lists):
        rows = slice(m * block, (m + 1) * block)
        cols = torch.cat([torch.arange(n * block, n * block + int(layout.block_sizes[n])) for n in key_blocks])
        scores = torch.einsum("bqhd,bkhd->bhqk", qp[:, rows], kp[:, cols]) / math.sqrt(q.shape[-1])
        out[:, rows] = torch.einsum("bhqk,bkhd->bqhd", torch.softmax(scores, dim=-1), vp[:, cols])
    return out.index_select(1, where)


@pytest.mark.parametrize("p, text_tokens, block", [(24, 0, 8), (20, 5, 8), (16, 0, 16), (13, 9, 4)])
@pytest.mark.parametrize("case", sorted(ALL_CASES))
def test_emulated_padded_block_sparse_matches_the_reference(case, p, text_tokens, block):
    rows = ALL_CASES[case]
    layout = padded_layout(rows, p, text_tokens, block)
    seq = len(rows) * p + text_tokens
    gen = torch.Generator().manual_seed(5)
    q, k, v = (torch.randn(1, seq, 2, 8, generator=gen) for _ in range(3))
    out = emulate(q, k, v, layout, block)
    torch.testing.assert_close(out, masked_reference_attention(q, k, v, rows, p, text_tokens), atol=2e-5, rtol=1e-4)


def test_a_1560_token_frame_pads_to_25_blocks_with_a_24_token_last_block():
    layout = padded_layout([[[0, 1]], [[0, 1]]], 1560, 0)
    assert layout.padded_len == 2 * 1600 and layout.segment_starts == [0, 1600]
    assert layout.block_sizes.tolist() == ([64] * 24 + [24]) * 2
    assert len(layout.block_lists) == 50 and layout.block_lists[0] == list(range(50))
