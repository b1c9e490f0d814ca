"""The worker as a real package: a wheel built from this checkout, installed into a fresh virtual environment
outside it, runs a tiny job through the installed ``lvsa-worker`` script with the contracts the wheel carries.

The new environment sees the heavy dependencies (torch, diffusers, ...) of the interpreter running the tests
through a ``.pth`` file listing its site-packages folders: plain folder lines, so that the ``.pth`` files in
those folders (an editable ``lvsa_worker`` from this or another checkout) are not processed. The build is
offline (``--no-build-isolation``: this interpreter's setuptools) from a copy of the checkout's layout in
``tmp_path``, so nothing is written into the checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import venv
from importlib import metadata
from pathlib import Path

import pytest
from golden_files import golden_plan_files

import lvsa_worker
from lvsa_worker.video import count_frames

WORKER_ROOT = Path(__file__).resolve().parents[1]
REPO_ROOT = WORKER_ROOT.parents[1]
SETUPTOOLS_NEEDED = 77  # pyproject.toml's build-system.requires
PIP_NEEDED = (22, 3)  # pip --python
PLAN = "tiny-wan_dense_33f.json"  # 33 frames at 64x96, 4 steps: a few seconds on a CPU
#: Test-run settings that would let the checkout's sources or contracts in; the installed worker must do without.
LEAKS = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "LVSA_CONTRACTS_DIR")


def _version(distribution: str) -> str | None:
    # Metadata only: importing pip, or even importlib.util.find_spec("pip"), makes setuptools' distutils shim
    # step aside for the rest of this process, and a later torch.compile then fails importing setuptools.
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def _why_no_wheel() -> str | None:
    """Why this interpreter cannot build and install the wheel offline, or None when it can."""
    setuptools_version, pip_version = _version("setuptools"), _version("pip")
    missing = [name for name, found in (("pip", pip_version), ("setuptools", setuptools_version)) if found is None]
    if missing:
        return f"cannot build the worker wheel: {' and '.join(missing)} not installed for {sys.executable}"
    if int(setuptools_version.split(".")[0]) < SETUPTOOLS_NEEDED:
        return (f"cannot build the worker wheel without downloading: setuptools {setuptools_version} for "
                f"{sys.executable} is older than the {SETUPTOOLS_NEEDED} that pyproject.toml needs")
    if tuple(int(part) for part in pip_version.split(".")[:2] if part.isdigit()) < PIP_NEEDED:
        return f"cannot install the wheel into a fresh venv: pip {pip_version} has no --python (needs 22.3)"
    return None


WHY_NO_WHEEL = _why_no_wheel()


def run(args, *, cwd, env, timeout=300):
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, (f"{args[0]} {args[1]} exited {proc.returncode}\n"
                                  f"stdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-3000:]}")
    return proc.stdout


def copy_checkout(target: Path) -> Path:
    """The files a wheel build reads, in the checkout's layout; returns the worker folder of the copy."""
    shutil.copytree(REPO_ROOT / "contracts", target / "contracts")
    shutil.copy2(REPO_ROOT / "LICENSE", target / "LICENSE")
    worker = target / "lvsa-runner" / "worker"
    skipped_at_top = {"tests", "bench", "build", "LICENSE"}  # LICENSE: setup.py copies the root one

    def ignore(folder, names):
        top = Path(folder) == WORKER_ROOT
        return [n for n in names if n.startswith(".") or n == "__pycache__" or n.endswith(".egg-info")
                or (top and n in skipped_at_top)]

    shutil.copytree(WORKER_ROOT, worker, ignore=ignore)
    return worker


def site_packages(python: Path, env) -> Path:
    return Path(run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=python.parent,
                    env=env).strip())


@pytest.mark.skipif(WHY_NO_WHEEL is not None, reason=WHY_NO_WHEEL or "")
def test_the_built_wheel_runs_a_tiny_job_through_its_console_script_outside_the_checkout(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in LEAKS}
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]

    worker = copy_checkout(tmp_path / "checkout")
    dist = tmp_path / "dist"
    run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", dist, worker],
        cwd=tmp_path, env=env)
    (wheel,) = dist.glob("lvsa_worker-*.whl")
    assert wheel.name.startswith(f"lvsa_worker-{lvsa_worker.__version__}-")  # the one version source

    prefix = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(prefix)
    python = prefix / "bin" / "python"
    run([*pip, "--python", python, "install", "--no-deps", "--no-index", "-q", wheel], cwd=tmp_path, env=env)
    # After the install (pip would see them otherwise): this interpreter's dependencies, folders only.
    user_site = [site.getusersitepackages()] if site.ENABLE_USER_SITE else []
    borrowed = [p for p in [*site.getsitepackages(), *user_site] if Path(p).is_dir()]
    (site_packages(python, env) / "_lvsa_test_dependencies.pth").write_text("\n".join(borrowed) + "\n")

    job = tmp_path / "job"
    job.mkdir()
    where = json.loads(run([python, "-c", "import json, lvsa_worker, lvsa_worker.contracts as c; "
                                          "print(json.dumps([lvsa_worker.__file__, str(c.contracts_dir())]))"],
                           cwd=job, env=env))
    package, contracts = (Path(p) for p in where)
    assert prefix in package.parents, f"lvsa_worker imported from {package}, not from the wheel in {prefix}"
    assert contracts == package.parent / "_contracts", contracts

    script = prefix / "bin" / "lvsa-worker"
    assert str(python) in script.read_text()  # the shebang (or pip's /bin/sh launcher for a long path)
    assert run([script, "--version"], cwd=job, env=env).strip() == f"lvsa-worker {lvsa_worker.__version__}"

    (plan,) = [path for path in golden_plan_files() if path.name == PLAN]
    shutil.copyfile(plan, job / "plan.json")
    doc = json.loads(plan.read_text())
    geometry = doc["geometry"]
    stdout = run([script, "generate", "--model", doc["model"], "--plan", "plan.json",
                  "--frames", geometry["video_frames"], "--height", geometry["height"], "--width", geometry["width"],
                  "--steps", doc["steps"], "--seed", 0, "--out", "video.mp4", "--device", "cpu"], cwd=job, env=env)
    (line,) = stdout.splitlines()
    result = json.loads(line)
    assert result["status"] == "ok", result
    assert count_frames(job / "video.mp4") == geometry["video_frames"]
