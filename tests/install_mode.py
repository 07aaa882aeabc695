"""Run the test suite against the installed package instead of the source tree.

The tests import `engine.…` and `cli` as a source checkout names them. With
PLANCHECK_TEST_INSTALLED=1 (`.ci/run` does this once, after `pip install '.[test]'`), the checkout is
taken off sys.path and those names are served by the installed package, plancheck.engine: the very
module objects, not copies, so isinstance checks and durable_rules' process-wide rulesets see one
package. Subprocesses run the installed `plancheck` instead of the checkout's cli.py (cli_argv); a
PYTHONPATH naming the checkout changes nothing there, as the installed package's imports are relative.
"""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Optional, Sequence

REPO = Path(__file__).resolve().parent.parent
INSTALLED = os.environ.get("PLANCHECK_TEST_INSTALLED") == "1"


def _installed_name(name: str) -> Optional[str]:
    if name == "cli":
        return "plancheck.engine.cli"
    if name == "engine" or name.startswith("engine."):
        return "plancheck." + name
    return None


class _InstalledAlias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves `engine.x` as the already-imported module `plancheck.engine.x`."""

    def find_spec(self, name: str, path: Optional[Sequence[str]] = None, target: object = None):
        real = _installed_name(name)
        if real is None:
            return None
        return importlib.machinery.ModuleSpec(name, self, is_package=name == "engine")

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        module = importlib.import_module(_installed_name(spec.name) or spec.name)
        self._real_spec = module.__spec__
        return module

    def exec_module(self, module: ModuleType) -> None:
        # the import system stamped the alias's spec on the real module; give it its own back,
        # so the module keeps reporting where it was installed
        module.__spec__ = self._real_spec


def _same_dir(entry: str, directory: Path) -> bool:
    try:
        return Path(entry or ".").resolve() == directory
    except OSError:
        return False


def activate() -> None:
    """Called by conftest before any test module imports `engine`."""
    if not INSTALLED:
        return
    sys.path[:] = [entry for entry in sys.path if not _same_dir(entry, REPO)]
    for name in [name for name in sys.modules if _installed_name(name)]:
        del sys.modules[name]
    installed = importlib.import_module("plancheck.engine")
    location = Path(installed.__file__).resolve()
    if REPO in location.parents:
        raise RuntimeError(f"PLANCHECK_TEST_INSTALLED=1 but plancheck.engine comes from the checkout ({location})")
    sys.meta_path.insert(0, _InstalledAlias())


def cli_argv() -> list[str]:
    """The command that runs plancheck in a subprocess: the checkout's cli.py, or the installed one."""
    if INSTALLED:
        return [sys.executable, "-m", "plancheck.engine"]
    return [sys.executable, str(REPO / "cli.py")]

