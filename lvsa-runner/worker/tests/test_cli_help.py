"""``--help`` of the worker's command line is plain text: no reST markup leaks in from docstrings."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import lvsa_worker
from lvsa_worker.contracts import backend_names

#: reST an argparse text must not show: inline literals, roles (:class:`X`), hyperlink references (`x`_).
REST = re.compile(r"``|:[a-z]+:`|`[^`\n]+`_")


def help_text(*args: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(Path(lvsa_worker.__file__).resolve().parents[1]))
    proc = subprocess.run([sys.executable, "-m", "lvsa_worker", *args, "--help"], capture_output=True, text=True,
                          env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize("command", [[], ["generate"], ["serve"], ["backends"]], ids=lambda c: " ".join(c) or "top")
def test_help_is_plain_text_with_exit_codes(command):
    text = help_text(*command)
    assert text.startswith("usage: python -m lvsa_worker")
    assert not REST.search(text), f"reST markup in --help: {REST.search(text).group(0)!r}\n{text}"
    assert "Exit codes: 0" in text


def test_the_markup_check_catches_what_docstrings_hold():
    for rest in ["``python -m lvsa_worker``", ":class:`ModelCache`", ":mod:`lvsa_worker.cli`", "`protocol`_"]:
        assert REST.search(rest), rest
    assert not REST.search("contracts/worker-protocol.md: one JSON object per line, e.g. {\"type\": \"ping\"}")


def test_the_top_help_lists_every_command():
    text = help_text()
    for command in ["generate", "serve", "backends"]:
        assert re.search(rf"^\s+{command}\s+\S", text, re.M), command


def test_generate_offers_every_backend_name_of_the_contract():
    usage = re.sub(r"\s+", "", help_text("generate"))
    assert "--backend{" + ",".join(backend_names()) + "}" in usage
