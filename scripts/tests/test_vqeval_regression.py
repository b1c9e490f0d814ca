"""scripts/vqeval_regression.py: its catalogue names the committed sets, its reading of `vqeval validate`'s table
and its comparison reproduce a comparison made by hand earlier, and a set is made whole or not at all."""

import glob
import os
import re
import shlex
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import vqeval_regression as reg  # noqa: E402

RESULTS = os.path.join(reg.ROOT, "docs", "results", "vqeval-2026-12-07")
DECAY, SLOWED = os.path.join(RESULTS, "decay"), os.path.join(RESULTS, "slowed-into")


def table(folder: str, name: str) -> reg.Table:
    with open(reg.find_table(folder, name), encoding="utf-8") as f:
        return reg.read_table(f.read())


def test_the_catalogue_names_every_committed_set_once():
    names = [s.name for s in reg.catalogue("python", "lvsa-datasets")]
    committed = sorted(f[:-4] for f in os.listdir(DECAY) if f.endswith(".txt") and not f.startswith("compare"))
    assert len(names) == len(set(names)) == 50
    # the committed extra1 is kinds11 made a second time under another name
    assert table(DECAY, "extra1").rows == table(DECAY, "kinds11").rows
    assert sorted(names) == [n for n in committed if n != "extra1"]


def test_a_table_read_back_the_real_set():
    real = table(DECAY, "real")
    assert len(real.rows) == 9 and real.goals_met and real.disagreements == 0
    assert real.rows["hyv2x_yarn_drama.mp4"] == ("freeze", "0.0", "-/-", "120/130", "ok")
    assert sorted(real.freeze_onset_errors()) == [0, 4, 10]  # ink 0/0, PI 120/116, YaRN 120/130


def test_a_missed_goal_and_its_disagreement_are_read():
    remake = table(DECAY, "rm_c60crf45")
    assert not remake.goals_met and remake.disagreements == 1
    assert remake.rows["longlive_60s_ballet.mp4"][4] == "clean video flagged (loop_quality 19.1)"


def test_the_comparison_reproduces_the_committed_one():
    with open(os.path.join(DECAY, "compare-048d66b.txt"), encoding="utf-8") as f:
        expected = f.read().splitlines()
    names = [line.split()[0] for line in expected if not line.startswith("TOTAL")]
    lines, lost = reg.compare({n: table(SLOWED, n) for n in names}, {n: table(DECAY, n) for n in names})
    mine = lines[: len(expected)]
    assert [line.removesuffix(" *") for line in mine] == [line.removesuffix(" *") for line in expected]
    assert not lost
    # the hand-made comparison starred changed figures; this one stars every set with a changed row, which adds the
    # contrast x0.6 + crf45 remake (its flagged clean ballet, loop_quality 22.8 -> 19.1)
    starred = {line.split()[0] for line in mine if line.endswith(" *")}
    assert starred == {line.split()[0] for line in expected if line.endswith(" *")} | {"rm_c60crf45"}
    assert "  splice2: hyv23x_riflex_porcupine_slow.mp4:" not in "\n".join(lines)  # unchanged there
    assert any(line.startswith("  splice5: ") for line in lines[len(expected):])


def test_a_set_that_loses_its_goals_is_reported():
    before = {"real": table(DECAY, "real")}
    after = {"real": table(DECAY, "rm_c60crf45")}
    lines, lost = reg.compare(before, after)
    assert lost and lines[0].startswith("real goals True ->False disagreements 0->1")
    assert any("longlive_60s_ballet.mp4" in line and "flagged" in line for line in lines)


def maker(body: str) -> tuple:
    return (sys.executable, "-c", f"import os, sys; out = sys.argv[1]; {body}", "{out}")


def test_a_set_is_made_whole_then_reused(tmp_path):
    s = reg.LabelledSet("demo", (maker("os.makedirs(out, exist_ok=True); open(out + '/labels.csv', 'w').close()"),))
    folder, made = reg.make_set(s, str(tmp_path), dict(os.environ))
    assert made and os.path.isfile(os.path.join(folder, "labels.csv"))
    assert reg.make_set(s, str(tmp_path), dict(os.environ)) == (folder, False)


def test_a_failed_step_leaves_no_set_behind(tmp_path):
    first = maker("os.makedirs(out, exist_ok=True); open(out + '/labels.csv', 'w').close()")
    broken = maker("sys.exit('no ffmpeg here')")
    s = reg.LabelledSet("demo", (first, broken))
    with pytest.raises(RuntimeError, match="exited 1: no ffmpeg here"):
        reg.make_set(s, str(tmp_path), dict(os.environ))
    assert not os.path.exists(tmp_path / "demo")


def test_only_takes_names_and_globs_and_refuses_unknown_ones():
    sets = reg.catalogue("python", "lvsa-datasets")
    assert [s.name for s in reg.select(sets, "real,syn20*")] == ["real", "syn2026"]
    with pytest.raises(SystemExit) as exit_info:
        reg.select(sets, "real,nosuchset")
    assert exit_info.value.code == 2


def test_every_documented_command_parses():
    docs = [os.path.join(reg.ROOT, "README.md"), *glob.glob(os.path.join(reg.ROOT, "docs", "*.md"))]
    shown = [m.group(1) for path in docs for m in re.finditer(r"`scripts/vqeval-regression\.sh([^`]*)`",
                                                                open(path, encoding="utf-8").read())]
    assert shown, "the docs show the command"
    for words in shown:
        args = reg.build_parser().parse_args(shlex.split(words))
        assert args.out or args.list
