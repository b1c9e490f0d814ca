"""The module docstring of frame_block_sparse is a runnable example checked against the reference."""

import doctest

from lvsa_worker.kernels import frame_block_sparse


def test_module_docstring_example_runs():
    result = doctest.testmod(frame_block_sparse, raise_on_error=False)
    assert result.attempted >= 5 and result.failed == 0
