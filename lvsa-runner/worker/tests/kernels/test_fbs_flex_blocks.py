"""FlexAttention blocks: 'full' must be entirely attended (the compiled kernel skips the
mask_mod there), skipped blocks entirely unattended. The CPU (eager) implementation applies
the mask_mod everywhere, so the end-to-end tests alone could not catch a wrong 'full'."""

import numpy as np
import pytest
from fbs_cases import ALL_CASES

from lvsa_worker.kernels import token_mask
from lvsa_worker.kernels.flex import classify_blocks
from lvsa_worker.kernels.rows import frame_mask, validate_rows


@pytest.mark.parametrize("case", sorted(ALL_CASES))
@pytest.mark.parametrize("p, text_tokens, block", [(24, 0, 16), (40, 5, 32), (24, 13, 128), (300, 7, 128)])
def test_block_classes_agree_with_the_token_mask(case, p, text_tokens, block):
    rows = ALL_CASES[case]
    mask = token_mask(rows, p, text_tokens).numpy()
    seq = mask.shape[0]
    nb = -(-seq // block)
    padded = np.zeros((nb * block, nb * block), dtype=bool)
    padded[:seq, :seq] = mask
    blocks = padded.reshape(nb, block, nb, block).swapaxes(1, 2)
    counts = blocks.sum(axis=(2, 3))
    sizes = np.outer(np.minimum(block, seq - np.arange(nb) * block), np.minimum(block, seq - np.arange(nb) * block))
    any_att, all_att = classify_blocks(frame_mask(validate_rows(rows)), p, text_tokens, block)
    assert np.array_equal(any_att, counts > 0)
    assert np.array_equal(all_att, counts == sizes)
