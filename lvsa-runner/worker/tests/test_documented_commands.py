"""Every worker command shown in a code block of README.md or docs/*.md parses with the worker's real argument
parser (subcommand, option names, required options, choices, value types), without running it; so does every
bench command (``python -m bench.NAME``, also after ``torch.distributed.run``), with that bench module's
``parse_args``. The Java CLIs' documented commands are checked the same way by lvsa-runner's DocumentedCommandsTest."""

from __future__ import annotations

import importlib
import re
import shlex
from pathlib import Path

import pytest

from lvsa_worker import cli

ROOT = Path(__file__).resolve().parents[3]
SHELL_OPERATORS = ("|", "||", "&&", ";", "&")
WORKER = "lvsa_worker"
#: ``-m bench.NAME`` (or torchrun's ``--module bench.NAME``) in a documented command line.
BENCH_MODULE = re.compile(r"(?:^|\s)(?:-m|--module) bench\.\w+(?:\s|$)")


def docs() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def program_and_args(words: list[str]) -> tuple[str, list[str]]:
    """The program a command runs (``lvsa_worker``, or the bench module ``bench.NAME``) and the words after it."""
    for i, word in enumerate(words):
        if word == "lvsa-worker" or (word == "lvsa_worker" and i and words[i - 1] == "-m"):
            return WORKER, words[i + 1:]
        if word.startswith("bench.") and i and words[i - 1] in ("-m", "--module"):
            return word, words[i + 1:]
    raise ValueError(f"no worker or bench program in {words}")


def documented() -> list[tuple[str, str, list[str]]]:
    """(file:line, program, the words after it) for each documented worker or bench command."""
    found = []
    for path in docs():
        lines = path.read_text(encoding="utf-8").splitlines()
        in_code, i = False, 0
        while i < len(lines):
            text = lines[i].strip()
            first = i
            i += 1
            if text.startswith("```"):
                in_code = not in_code
                continue
            if not in_code or not ("-m lvsa_worker " in text or text.startswith("lvsa-worker ")
                                   or BENCH_MODULE.search(text)):
                continue
            while text.endswith("\\") and i < len(lines):
                text = text[:-1] + " " + lines[i].strip()
                i += 1
            words = []
            for word in shlex.split(text, comments=True):
                if word in SHELL_OPERATORS or word[0] in "<>":
                    break
                words.append(word)
            found.append((f"{path.relative_to(ROOT)}:{first + 1}", *program_and_args(words)))
    return found


COMMANDS = documented()


def parses(words: list[str], program: str = WORKER) -> str | None:
    """None when ``program``'s parser accepts ``words`` (``--version``/``--help`` exit 0), else why not."""
    parse = cli._parser().parse_args if program == WORKER else importlib.import_module(program).parse_args
    try:
        parse(words)
    except SystemExit as exc:
        return None if exc.code == 0 else f"argparse exit {exc.code}"
    return None


def test_the_docs_show_worker_and_bench_commands():
    assert {words[0] for _, program, words in COMMANDS if program == WORKER and words} >= {
        "generate", "serve", "backends"}
    assert {program for _, program, _ in COMMANDS} >= {"bench.attention_bench", "bench.step_bench"}


@pytest.mark.parametrize(("where", "program", "words"), COMMANDS, ids=[where for where, _, _ in COMMANDS])
def test_documented_command_parses(where, program, words, capsys):
    assert parses(words, program) is None, (
        f"{where}: {program} {' '.join(words)} does not parse: {capsys.readouterr().err.strip()}")


def test_a_command_that_drifted_is_caught(capsys):
    assert parses(["generate", "--model", "tiny-wan", "--no-such-option"]) is not None
    assert parses(["serve", "--device"]) is not None
    assert parses(["generat"]) is not None
    assert parses(["--horizons"], "bench.step_bench") is not None
    assert parses(["--kernels", "fastest"], "bench.attention_bench") is not None


def test_a_bench_command_after_torchrun_is_found():
    words = shlex.split("python -m torch.distributed.run --nproc-per-node 2 -m bench.cp_bench --smoke-cpu")
    assert program_and_args(words) == ("bench.cp_bench", ["--smoke-cpu"])
    assert program_and_args(["python", "-m", "lvsa_worker", "serve"]) == (WORKER, ["serve"])


def test_no_doc_runs_a_bench_file_as_a_script():
    """The bench is a package: ``python bench/NAME.py`` fails on its relative imports."""
    script = re.compile(r"python3?\s+\S*bench/\w+\.py")
    assert [f"{path.relative_to(ROOT)}: {m.group(0)}" for path in docs()
            for m in script.finditer(path.read_text(encoding="utf-8"))] == []
