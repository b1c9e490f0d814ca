"""Every worker command shown in a code block of README.md or docs/*.md parses with the worker's real argument
parser (subcommand, option names, required options, choices, value types), without running it. The Java CLIs'
documented commands are checked the same way by lvsa-runner's DocumentedCommandsTest."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from lvsa_worker import cli

ROOT = Path(__file__).resolve().parents[3]
SHELL_OPERATORS = ("|", "||", "&&", ";", "&")


def documented() -> list[tuple[str, list[str]]]:
    """(file:line, the words after ``-m lvsa_worker`` or ``lvsa-worker``) for each documented worker command."""
    found = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        lines = path.read_text(encoding="utf-8").splitlines()
        in_code, i = False, 0
        while i < len(lines):
            text = lines[i].strip()
            first = i
            i += 1
            if text.startswith("```"):
                in_code = not in_code
                continue
            if not in_code or not ("-m lvsa_worker " in text or text.startswith("lvsa-worker ")):
                continue
            while text.endswith("\\") and i < len(lines):
                text = text[:-1] + " " + lines[i].strip()
                i += 1
            words = []
            for word in shlex.split(text, comments=True):
                if word in SHELL_OPERATORS or word[0] in "<>":
                    break
                words.append(word)
            start = words.index("lvsa_worker") + 1 if "lvsa_worker" in words else words.index("lvsa-worker") + 1
            found.append((f"{path.relative_to(ROOT)}:{first + 1}", words[start:]))
    return found


COMMANDS = documented()


def parses(words: list[str]) -> str | None:
    """None when the worker's parser accepts ``words`` (``--version``/``--help`` exit 0), else why not."""
    try:
        cli._parser().parse_args(words)
    except SystemExit as exc:
        return None if exc.code == 0 else f"argparse exit {exc.code}"
    return None


def test_the_docs_show_worker_commands():
    assert {words[0] for _, words in COMMANDS if words} >= {"generate", "serve", "backends"}


@pytest.mark.parametrize(("where", "words"), COMMANDS, ids=[where for where, _ in COMMANDS])
def test_documented_worker_command_parses(where, words, capsys):
    assert parses(words) is None, f"{where}: {' '.join(words)} does not parse: {capsys.readouterr().err.strip()}"


def test_a_command_that_drifted_is_caught(capsys):
    assert parses(["generate", "--model", "tiny-wan", "--no-such-option"]) is not None
    assert parses(["serve", "--device"]) is not None
    assert parses(["generat"]) is not None
