"""The golden plans written by the Java planner (contracts/attention-plan/v1/golden/), as pytest params."""

import pytest

from lvsa_worker.contracts import golden_dir


def golden_plan_files():
    """The golden plan files, sorted by name (``importlib.resources`` traversables: Paths in a checkout)."""
    folder = golden_dir()
    if not folder.is_dir():
        return []
    return sorted((path for path in folder.iterdir() if path.name.endswith(".json")), key=lambda path: path.name)


def golden_params():
    """One pytest param per golden plan file; a single skipped param when there are none yet."""
    files = golden_plan_files()
    if not files:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no golden plans in {golden_dir()} yet"))]
    return [pytest.param(path, id=path.name) for path in files]
