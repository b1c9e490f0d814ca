"""One JSON line per record on stdout and, when a path is given, in that file too (flushed per line), for the
benches that end with a table (step_bench.py, hv15_memory_bench.py)."""

from __future__ import annotations

import json
from pathlib import Path


class JsonLines:
    def __init__(self, path: Path | None):
        self._file = path.open("w") if path else None

    def emit(self, record: dict) -> None:
        line = json.dumps(record)
        print(line, flush=True)
        if self._file:
            self._file.write(line + "\n")
            self._file.flush()

    def close(self) -> None:
        if self._file:
            self._file.close()
