"""One JSON line per record on stdout and, when a path is given, in that file too (flushed per line), for the
benches (step_bench.py, hv15_memory_bench.py, cp_bench.py, attention_bench.py). ``default`` is json.dumps' hook
for values JSON has no type for (attention_bench passes ``str``)."""

from __future__ import annotations

import json
from pathlib import Path


class JsonLines:
    def __init__(self, path: Path | None, default=None):
        self._file = path.open("w") if path else None
        self._default = default

    def emit(self, record: dict) -> None:
        line = json.dumps(record, default=self._default)
        print(line, flush=True)
        if self._file:
            self._file.write(line + "\n")
            self._file.flush()

    def close(self) -> None:
        if self._file:
            self._file.close()
