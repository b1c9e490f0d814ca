"""``python -m lvsa_worker``: see :mod:`lvsa_worker.cli`."""

import sys

from .cli import main

sys.exit(main())
