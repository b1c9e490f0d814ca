"""Kernel tests run on CPU; the Triton kernels run under the Triton interpreter.

TRITON_INTERPRET must be set before triton itself is first imported (triton.language's
own helpers are built at import time), so it is set here, before the kernel test
modules import lvsa_worker.kernels. When an earlier test module of the same pytest
session imported triton first, test_fbs_triton.py re-runs itself in a fresh process.
"""

import os

os.environ.setdefault("TRITON_INTERPRET", "1")
