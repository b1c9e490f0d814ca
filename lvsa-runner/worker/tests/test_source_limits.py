"""The size limits of the codebase (docs/architecture.md) for the worker's Python: no file over 400 lines, no
function over 60 (from its ``def`` line to its last line, docstring included). The Java modules have the same
limits in toolkit-common's SourceLimitsTest. ``bench/results/`` holds scripts as they were run and is left out."""

from __future__ import annotations

import ast
from pathlib import Path

WORKER = Path(__file__).resolve().parents[1]
MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 60
#: Left whole on purpose, with the reason.
EXEMPT = {
    # the Triton kernel's inner loop (online softmax over key blocks): split, it would need re-measuring on a GPU
    ("lvsa_worker/kernels/triton_fbs.py", "_attend_keys"),
}


def sources() -> list[Path]:
    return sorted(p for p in WORKER.rglob("*.py")
                  if "bench/results" not in p.as_posix() and ".venv" not in p.parts and "build" not in p.parts)


def long_functions(path: Path, root: Path = WORKER) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines = node.end_lineno - node.lineno + 1
            where = (path.relative_to(root).as_posix(), node.name)
            if lines > MAX_FUNCTION_LINES and where not in EXEMPT:
                out.append(f"{where[0]}: {node.name} ({lines} lines)")
    return out


def test_no_file_over_400_lines_and_no_function_over_60():
    files = sources()
    assert len(files) > 50
    too_long = [f"{p.relative_to(WORKER)}: {n} lines" for p in files
                if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_FILE_LINES]
    assert too_long == []
    assert [f for p in files for f in long_functions(p)] == []


def test_a_long_function_is_found(tmp_path):
    source = tmp_path / "long.py"
    body = "".join(f"    a{i} = {i}\n" for i in range(MAX_FUNCTION_LINES))
    source.write_text(f"def long_one():\n{body}\n\ndef short_one():\n    return 1\n", encoding="utf-8")
    assert long_functions(source, tmp_path) == ["long.py: long_one (61 lines)"]
