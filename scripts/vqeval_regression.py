# VQeval on every labelled set that can be made on this machine, in one command, and what moved against an earlier
# run: the check to make before and after a change to VQeval's scoring. scripts/validate-vqeval.sh (run by
# scripts/test.sh) gates on a few of these sets; this runs them all and reports instead of stopping at a miss.
#
# The sets are those of docs/results/vqeval-2026-12-06f/README.md, with the same names, so a committed results
# folder (docs/results/vqeval-2026-12-07/decay/, say) is a baseline as it is:
#   real                 ../shared/datasets/real (hand labels)
#   rm_<remake>          the real set remade (scripts/real_set_variants.py); c60crf45 and pcrf45 are remade twice
#   splice1..6           replays, slow-downs and stills spliced into its clean footage (scripts/real_set_failures.py)
#   kinds11, kinds12     dissolves, mid-video and stretched replays (seed 11); cycles and ping-pongs (seed 12)
#                        (the committed extra1 is kinds11 made a second time: the same lines)
#   syn<seed>            the synthetic set, 64 clips per seed (bin/lvsa-datasets synth), 2-frame/4-frame goals
#   page_*               project pages' videos, only where VQEVAL_<PAGE>_PAGE names a clone (scripts/page_sets.py)
# Made sets are kept in --sets-dir and reused, so a baseline run and a candidate run score the same clips.
#
# Writes, in OUT: <set>.txt (bin/vqeval validate's table), <set>.json (its JSON), summary.md (one row per set) and,
# with --baseline DIR (an earlier OUT, or a committed folder of <set>.txt files), compare.txt: per set, goals met,
# disagreements and the summed freeze-onset error before -> after (changed sets marked *), every video row that
# changed, and the totals.
# Exit: 0 every set scored (and, with --baseline, none lost its goals); 1 a set could not be made or scored (the
# others still ran), or with --baseline a set that met its goals no longer does; 2 bad arguments.
# Usage: scripts/vqeval-regression.sh OUT [--baseline DIR] [--only NAME,...] [--sets-dir DIR] [--list]
import argparse
import fnmatch
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field

from real_set_variants import HERE, REAL  # the real set the remakes and splices start from

ROOT = os.path.dirname(HERE)
SYNTH_SEEDS = (1, 5, 7, 11, 12, 13, 14, 15, 16, 17, 18, 21, 77, 99, 2026, 4242, 31337)
# remake name -> the scripts/real_set_variants.py variants applied in turn
REMAKES = {
    **{v: (v,) for v in ("blur", "contrast135", "contrast60", "contrast80", "crf45", "crop43", "fps16", "fps30",
                         "gray", "half", "letterbox", "portrait", "republish", "small")},
    "c60crf45": ("contrast60", "crf45"),
    "pcrf45": ("portrait", "crf45"),
}
# splice set name -> (seed, --kinds of scripts/real_set_failures.py or None for its default kinds)
SPLICES = {
    **{f"splice{s}": (s, None) for s in range(1, 7)},
    "kinds11": (11, "dissolve,midreplay,stretched"),
    "kinds12": (12, "cycle,pingpong"),
}
# set name -> scripts/page_sets.py page (its clone comes from VQEVAL_<PAGE>_PAGE)
PAGES = {"page_rpset": "riflex", "page_uvpset": "ultravico", "page_fifoset": "fifo", "page_dfset": "deepforcing",
         "page_selfforcing": "selfforcing", "page_waveforcing": "waveforcing", "page_infrope": "infrope",
         "page_freenoise": "freenoise"}
SYNTH_GOALS = ["--period-tolerance", "2", "--loop-onset-tolerance", "4", "--freeze-onset-tolerance", "4",
               "--min-auroc", "0.98"]


@dataclass(frozen=True)
class LabelledSet:
    """One labelled set: how to make it (argument lists, run in turn; ``{out}`` is the folder to fill and
    ``{prev}`` the previous step's folder) and the goals to score it with."""

    name: str
    steps: tuple = ()  # empty: the set is a folder that exists already (``source``)
    source: str | None = None
    goals: tuple = ()
    needs: str | None = None  # why it cannot be made here, when it cannot


def catalogue(python: str, lvsa_datasets: str) -> list[LabelledSet]:
    """Every set, in the order they run (the real set first: it is the one that matters most)."""
    variants, failures = os.path.join(HERE, "real_set_variants.py"), os.path.join(HERE, "real_set_failures.py")
    sets = [LabelledSet("real", source=REAL)]
    for name, chain in sorted(REMAKES.items()):
        sets.append(LabelledSet(f"rm_{name}", tuple((python, variants, v, "{out}") for v in chain)))
    for name, (seed, kinds) in SPLICES.items():
        sets.append(LabelledSet(name, ((python, failures, "{out}", str(seed), *(("--kinds", kinds) if kinds else ())),)))
    for seed in SYNTH_SEEDS:
        step = (lvsa_datasets, "synth", "--out", "{out}", "--seed", str(seed), "--count", "64", "--quiet")
        sets.append(LabelledSet(f"syn{seed}", (step,), goals=tuple(SYNTH_GOALS)))
    for name, page in PAGES.items():
        variable = f"VQEVAL_{page.upper()}_PAGE"
        clone = os.environ.get(variable)
        step = (python, os.path.join(HERE, "page_sets.py"), page, clone or "", "{out}")
        sets.append(LabelledSet(name, (step,), needs=None if clone else f"{variable} (a clone of the page's repository)"))
    return sets


# ---- reading bin/vqeval validate's table (the form committed under docs/results) ----

@dataclass
class Table:
    rows: dict = field(default_factory=dict)  # video -> (label, loop_quality, period l/f, onset l/f, disagreement)
    goals_met: bool = False

    @property
    def disagreements(self) -> int:
        return sum(1 for r in self.rows.values() if r[4] != "ok")

    def freeze_onset_errors(self) -> list[int]:
        """|found - labelled| of every labelled freeze whose onset was found."""
        errors = []
        for label, _, _, onset, _ in self.rows.values():
            labelled, _, found = onset.partition("/")
            if label == "freeze" and labelled.isdigit() and found.isdigit():
                errors.append(abs(int(found) - int(labelled)))
        return errors


def read_table(text: str) -> Table:
    table = Table()
    lines = text.splitlines()
    for line in lines[1:]:  # the header first
        if line.startswith("AUROC"):
            break
        parts = line.split(None, 5)
        if len(parts) == 6:
            table.rows[parts[0]] = (parts[1], parts[2], parts[3], parts[4], parts[5].strip())
    table.goals_met = bool(lines) and lines[-1].strip() == "goals met"
    return table


def find_table(folder: str, name: str) -> str | None:
    """``<name>.txt`` (this tool's and the committed layout) or ``<name>/validation.txt``."""
    for path in (os.path.join(folder, f"{name}.txt"), os.path.join(folder, name, "validation.txt")):
        if os.path.isfile(path):
            return path
    return None


def compare(before: dict, after: dict) -> tuple[list[str], bool]:
    """Lines of compare.txt for the sets in ``after`` (name -> Table), against ``before``; and whether a set that
    met its goals before misses them now."""
    lines, details, lost = [], [], False
    totals = {"err": [0, 0], "dis": [0, 0], "goals": [0, 0], "n": 0}
    width = max((len(n) for n in after), default=4)
    for name, new in sorted(after.items()):
        old = before.get(name)
        if old is None:
            lines.append(f"{name:<{width}} goals {new.goals_met!s:<5}  (no baseline)")
            continue
        errors = old.freeze_onset_errors(), new.freeze_onset_errors()
        changed = [v for v in sorted(set(old.rows) | set(new.rows)) if old.rows.get(v) != new.rows.get(v)]
        lines.append(f"{name:<{width}} goals {old.goals_met!s:<5}->{new.goals_met!s:<5} disagreements "
                     f"{old.disagreements}->{new.disagreements} freeze-onset abs err sum {sum(errors[0])}->{sum(errors[1])} "
                     f"(n={len(errors[1])}){' *' if changed else ''}")
        for video in changed:
            details.append(f"  {name}: {video}: {_row(old.rows.get(video))}  ->  {_row(new.rows.get(video))}")
        lost |= old.goals_met and not new.goals_met
        totals["n"] += 1
        for i, t in enumerate((old, new)):
            totals["err"][i] += sum(errors[i])
            totals["dis"][i] += t.disagreements
            totals["goals"][i] += t.goals_met
    lines.append(f"TOTAL freeze onset abs err {totals['err'][0]} -> {totals['err'][1]}  disagreements "
                 f"{totals['dis'][0]} -> {totals['dis'][1]}  sets meeting goals {totals['goals'][0]} -> "
                 f"{totals['goals'][1]} of {totals['n']}")
    if details:
        lines += ["", "rows that changed (label, loop_quality, period l/f, onset l/f, disagreement):", *details]
    return lines, lost


def _row(row) -> str:
    return "absent" if row is None else " ".join(row)


def summary(tables: dict, skipped: dict, failed: dict) -> list[str]:
    out = ["| set | clips | disagreements | freeze-onset abs err (n) | goals |", "|---|---|---|---|---|"]
    for name, t in tables.items():
        err = t.freeze_onset_errors()
        out.append(f"| {name} | {len(t.rows)} | {t.disagreements} | {sum(err)} ({len(err)}) | "
                   f"{'met' if t.goals_met else 'NOT met'} |")
    out += [f"| {name} | - | - | - | not run: {why} |" for name, why in {**skipped, **failed}.items()]
    met = sum(t.goals_met for t in tables.values())
    out += ["", f"{met} of {len(tables)} sets scored meet every goal; {len(skipped)} not run here, {len(failed)} failed."]
    return out


# ---- making and scoring ----

def make_set(s: LabelledSet, sets_dir: str, env: dict) -> tuple[str, bool]:
    """The set's folder, made now (True) or found from an earlier run (False). Made in a scratch folder and moved
    into place when whole, so an interrupted run never leaves a half-made set to be reused."""
    if not s.steps:
        if not os.path.isfile(os.path.join(s.source, "labels.csv")):
            raise RuntimeError(f"no labels.csv in {s.source}")
        return s.source, False
    final = os.path.join(sets_dir, s.name)
    if os.path.isfile(os.path.join(final, "labels.csv")):
        return final, False
    scratch = final + ".making"
    shutil.rmtree(scratch, ignore_errors=True)
    prev = None
    for i, step in enumerate(s.steps):
        out = scratch if i == len(s.steps) - 1 else f"{scratch}/step{i}"
        step_env = dict(env, VQEVAL_REAL_SET=prev) if prev else env
        run([a.replace("{out}", out) for a in step], step_env)
        prev = out
    for i in range(len(s.steps) - 1):
        shutil.rmtree(f"{scratch}/step{i}")
    shutil.rmtree(final, ignore_errors=True)
    os.replace(scratch, final)
    return final, True


def run(argv: list[str], env: dict, ok=(0,)) -> None:
    """Runs a maker or scorer (no shell); an exit code outside ``ok`` raises with its last line of stderr."""
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode not in ok:
        last = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
        tool = argv[1] if len(argv) > 1 and argv[1].endswith(".py") else f"{argv[0]} {argv[1]}"
        raise RuntimeError(f"{os.path.basename(tool)} exited {done.returncode}: {last}")


def score_set(s: LabelledSet, folder: str, out: str, vqeval: str, env: dict) -> Table:
    work = os.path.join(out, ".work", s.name)
    shutil.rmtree(work, ignore_errors=True)
    argv = [vqeval, "validate", folder, "--labels", os.path.join(folder, "labels.csv"), "--quiet", "--out", work,
            *s.goals]
    run(argv, env, ok=(0, 1))  # 1: goals missed, still a result
    if not os.path.isfile(os.path.join(work, "validation.txt")):
        raise RuntimeError(f"vqeval validate wrote no table for {folder}")
    for ext in ("txt", "json"):
        shutil.copyfile(os.path.join(work, f"validation.{ext}"), os.path.join(out, f"{s.name}.{ext}"))
    shutil.rmtree(work, ignore_errors=True)
    with open(os.path.join(out, f"{s.name}.txt"), encoding="utf-8") as f:
        return read_table(f.read())


def write_lines(path: str, lines: list[str]) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, path)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="scripts/vqeval-regression.sh",
        description="VQeval on every labelled set that can be made here; with --baseline, what moved.")
    p.add_argument("out", nargs="?", help="folder for <set>.txt/.json, summary.md and compare.txt")
    p.add_argument("--baseline", help="an earlier OUT, or a committed folder of <set>.txt files, to compare with")
    p.add_argument("--only", help="comma-separated set names or globs (e.g. real,rm_*,syn2026)")
    p.add_argument("--sets-dir", default=os.path.join(ROOT, "target", "vqeval-sets"),
                   help="where made sets are kept and reused (default: target/vqeval-sets)")
    p.add_argument("--list", action="store_true", help="list the sets and whether each can be made here, then exit")
    return p


def parse_args(argv=None):
    p = build_parser()
    args = p.parse_args(argv)
    if not args.list and not args.out:
        p.error("OUT is required (or --list)")
    if args.baseline and not os.path.isdir(args.baseline):
        p.error(f"--baseline {args.baseline}: no such folder")
    return args


def select(sets: list[LabelledSet], only: str | None) -> list[LabelledSet]:
    if not only:
        return sets
    patterns = [p.strip() for p in only.split(",") if p.strip()]
    unknown = [p for p in patterns if not any(fnmatch.fnmatchcase(s.name, p) for s in sets)]
    if unknown:
        log(f"--only {','.join(unknown)}: no such set (see --list)")
        raise SystemExit(2)
    return [s for s in sets if any(fnmatch.fnmatchcase(s.name, p) for p in patterns)]


def main(argv=None) -> int:
    args = parse_args(argv)
    sets = select(catalogue(sys.executable, os.path.join(ROOT, "bin", "lvsa-datasets")), args.only)
    if args.list:
        for s in sets:
            print(f"{s.name:<18} {'not here: needs ' + s.needs if s.needs else 'ok'}")
        return 0
    os.makedirs(args.out, exist_ok=True)
    os.makedirs(args.sets_dir, exist_ok=True)
    env = dict(os.environ, VQEVAL_REAL_SET=REAL)
    tables, skipped, failed = {}, {}, {}
    started = time.monotonic()
    for i, s in enumerate(sets, 1):
        tag = f"[{i}/{len(sets)}] {s.name}"
        if s.needs:
            skipped[s.name] = f"needs {s.needs}"
            log(f"{tag}: not run (needs {s.needs})")
            continue
        t0 = time.monotonic()
        try:
            folder, made = make_set(s, args.sets_dir, env)
            tables[s.name] = score_set(s, folder, args.out, os.path.join(ROOT, "bin", "vqeval"), env)
        except (RuntimeError, OSError) as err:
            failed[s.name] = str(err)
            log(f"{tag}: FAILED: {err}")
            continue
        t = tables[s.name]
        log(f"{tag}: {'made and ' if made else ''}scored in {time.monotonic() - t0:.0f} s: {len(t.rows)} clips, "
            f"{t.disagreements} disagreements, goals {'met' if t.goals_met else 'NOT met'}")
    shutil.rmtree(os.path.join(args.out, ".work"), ignore_errors=True)  # what a failed scoring left
    write_lines(os.path.join(args.out, "summary.md"), summary(tables, skipped, failed))
    lost = False
    if args.baseline:
        before = {}
        for name in tables:
            path = find_table(args.baseline, name)
            if path:
                with open(path, encoding="utf-8") as f:
                    before[name] = read_table(f.read())
        lines, lost = compare(before, tables)
        write_lines(os.path.join(args.out, "compare.txt"), lines)
        print("\n".join(lines))
    log(f"{len(tables)} sets scored in {(time.monotonic() - started) / 60:.1f} min; {len(skipped)} not run here; "
        f"{len(failed)} failed; results in {args.out}" + (" (summary.md, compare.txt)" if args.baseline else
                                                          " (summary.md)"))
    if lost:
        log("a set that met its goals in the baseline misses them now (compare.txt)")
    return 1 if failed or lost else 0


def log(message: str) -> None:
    print(f"[vqeval-regression] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
