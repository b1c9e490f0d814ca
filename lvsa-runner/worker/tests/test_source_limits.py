"""The size limits of the codebase (docs/architecture.md) for the worker's Python: no file over 400 lines, no
function over 60 (from its ``def`` line to its last line, docstring included), no import cycle between the
worker's modules at import time. The Java modules have the same
limits in toolkit-common's SourceLimitsTest. ``bench/results/`` holds scripts as they were run and is left out."""

from __future__ import annotations

import ast
from pathlib import Path

WORKER = Path(__file__).resolve().parents[1]
MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 60
#: Left whole on purpose, with the reason (none today).
EXEMPT: set[tuple[str, str]] = set()


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


def module_imports() -> dict[str, set[str]]:
    """lvsa_worker's modules and the modules each imports at import time (module level; ``from . import x`` of a
    submodule counts as importing the submodule, not its package)."""
    package = WORKER / "lvsa_worker"
    modules = {}
    for path in package.rglob("*.py"):
        name = ".".join(path.relative_to(WORKER).with_suffix("").parts)
        modules[name.removesuffix(".__init__")] = path
    graph = {}
    for name, path in modules.items():
        base = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        edges = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Import):
                edges.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                parts = base.split(".")[: len(base.split(".")) - max(0, node.level - 1)] if node.level else []
                mod = ".".join(parts + ([node.module] if node.module else []))
                subs = [f"{mod}.{a.name}" for a in node.names if f"{mod}.{a.name}" in modules]
                edges.update(subs if len(subs) == len(node.names) else [mod, *subs])
        graph[name] = {e for e in edges if e in modules and e != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, state, stack = [], {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_no_import_cycle_between_worker_modules():
    graph = module_imports()
    assert len(graph) > 30
    assert "lvsa_worker.attention.registry" in graph
    assert cycles(graph) == []


def test_an_import_cycle_is_found():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c", "a"]]
