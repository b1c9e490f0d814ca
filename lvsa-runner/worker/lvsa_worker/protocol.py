"""The stdout protocol channel: JSON lines only, nothing else ever reaches the real stdout.

:meth:`ProtocolOut.take_stdout` keeps a private duplicate of file descriptor 1 for protocol lines and points
fd 1 (and ``sys.stdout``) at stderr, so a ``print`` or a C library writing to stdout lands in the log
instead of corrupting the stream.

The messages are defined by the JSON Schemas of ``contracts/worker-protocol/v1/``; :data:`PROTOCOL_VERSION` is
read from that folder's ``version.json``, the one place the number is written (the Java runner reads it too).
"""

from __future__ import annotations

import json
import math
import os
import sys
import threading
from typing import IO

from .contracts import protocol_version

PROTOCOL_VERSION: int = protocol_version()


def _clean(value):
    """JSON has no NaN/Infinity: send them as null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


class ProtocolOut:
    def __init__(self, stream: IO[str]):
        self._stream = stream
        self._lock = threading.Lock()

    @classmethod
    def take_stdout(cls) -> ProtocolOut:
        sys.stdout.flush()
        private = os.dup(1)
        os.dup2(2, 1)
        sys.stdout = sys.stderr
        return cls(os.fdopen(private, "w", encoding="utf-8", buffering=1))

    def send(self, message: dict) -> None:
        """Write one message as one line (``protocol`` added) and flush."""
        line = json.dumps(_clean({"protocol": PROTOCOL_VERSION, **message}), separators=(",", ":"),
                          ensure_ascii=False)
        with self._lock:
            self._stream.write(line + "\n")
            self._stream.flush()
