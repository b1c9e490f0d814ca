"""Build steps that pyproject.toml cannot state: the repository's files that a wheel must carry.

* ``<repo>/contracts`` (plan schema, backend names, model registries, golden plans, protocol) is copied into
  the built package as ``lvsa_worker/_contracts``, where :mod:`lvsa_worker.contracts` finds it with
  importlib.resources when there is no checkout around the installed package. ``<repo>/contracts`` stays the one source: the copy
  exists only in build outputs (``build/``, the wheel, an sdist), never in git. Editable installs get no copy:
  they read the checkout's folder.
* ``<repo>/LICENSE`` is copied beside this file (git-ignored) so that ``license-files`` can name it: setuptools
  takes license files from the project folder only.

An sdist carries both copies, so a wheel built from an unpacked sdist (``python -m build``) has them too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PACKAGE = "lvsa_worker"
PACKAGED = "_contracts"  # lvsa_worker.contracts.PACKAGED
SCHEMA = Path("attention-plan", "v1", "attention-plan.schema.json")  # lvsa_worker.contracts.SCHEMA_RELATIVE


def contracts_source() -> Path:
    """The repository's contracts folder, or in an unpacked sdist the copy it carries."""
    for folder in (REPO / "contracts", HERE / PACKAGE / PACKAGED):
        if (folder / SCHEMA).is_file():
            return folder
    raise SystemExit(f"lvsa-worker build: no contracts folder with {SCHEMA.as_posix()} at {REPO / 'contracts'} "
                     f"(a checkout) or {HERE / PACKAGE / PACKAGED} (an sdist)")


def copy_contracts(package_dir: Path) -> None:
    target = package_dir / PACKAGED
    shutil.rmtree(target, ignore_errors=True)  # no file removed from contracts/ survives in an old build/
    shutil.copytree(contracts_source(), target, ignore=shutil.ignore_patterns(".*", "__pycache__"))


def stage_license() -> None:
    source, local = REPO / "LICENSE", HERE / "LICENSE"
    if source.is_file() and (not local.is_file() or local.read_bytes() != source.read_bytes()):
        shutil.copyfile(source, local)


class BuildPyWithContracts(build_py):
    def run(self) -> None:
        super().run()
        if not self.editable_mode:
            copy_contracts(Path(self.build_lib) / PACKAGE)


class SdistWithContracts(sdist):
    def make_release_tree(self, base_dir, files) -> None:
        super().make_release_tree(base_dir, files)
        copy_contracts(Path(base_dir) / PACKAGE)


stage_license()
setup(cmdclass={"build_py": BuildPyWithContracts, "sdist": SdistWithContracts})
