"""Runs the worker as `python worker_calls.py -m MODULE ARGS...` and appends to $TRACE_OUT each source file in
which a Python function is called for the first time (scripts/trace-job.sh reads it)."""

import os
import runpy
import sys
import threading

OUT = os.environ["TRACE_OUT"]
_seen = set()


def _on_event(frame, event, arg):
    if event == "call":
        name = frame.f_code.co_filename
        if name not in _seen:
            _seen.add(name)
            # written at once: the worker may leave through os._exit, which skips atexit handlers
            with open(OUT, "a", encoding="utf-8") as out:
                out.write(name + "\n")


sys.setprofile(_on_event)
threading.setprofile(_on_event)
args = sys.argv[1:]
if args[:1] == ["-m"] and len(args) >= 2:
    sys.argv = [args[1], *args[2:]]
    runpy.run_module(args[1], run_name="__main__", alter_sys=True)
else:
    sys.argv = args
    runpy.run_path(args[0], run_name="__main__")
