"""What `pip install plancheck` puts into site-packages: one namespace, plancheck, and nothing generic.

The wheel test builds the distribution from this checkout and reads its file list. The installed
test runs Python in isolated mode (-I: no PYTHONPATH, no user site, the script's directory not on
sys.path) from an empty directory, so it imports nothing from the checkout; it needs a non-editable
install (as `.ci/run` makes) and says so when there is none.
"""
from __future__ import annotations

import configparser
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DISTRIBUTION = ("setup.cfg", "pyproject.toml", "README.md", "cli.py", "engine", "rules", "schemas")
SAMPLE = REPO / "samples" / "heilongjiang-2023" / "market-regulation-2024-compliant.json"


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = tmp_path_factory.mktemp("wheel")
    # build from a copy of what the distribution is made of: an in-tree build would leave a build/
    # directory whose stale files a later build could ship
    source = tmp_path_factory.mktemp("source")
    for name in DISTRIBUTION:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(REPO / name, source / name)
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                           "-w", str(out), str(source)], capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{proc.stderr[-2000:]}")
    (wheel,) = out.glob("plancheck-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_the_wheel_installs_only_the_plancheck_namespace(wheel_names: list[str]):
    tops = {name.split("/", 1)[0] for name in wheel_names}
    assert {top for top in tops if not top.endswith(".dist-info")} == {"plancheck"}


def test_every_engine_package_and_the_bundled_data_ship(wheel_names: list[str]):
    names = set(wheel_names)
    for init in (REPO / "engine").rglob("__init__.py"):
        shipped = "plancheck/" + init.relative_to(REPO).as_posix()
        assert shipped in names, f"{init.parent} is not listed in setup.cfg packages"
    rule_files = {p.relative_to(REPO / "rules").as_posix() for p in (REPO / "rules").rglob("*.yaml")}
    shipped_rules = {n.removeprefix("plancheck/engine/bundled_rules/") for n in names
                     if n.startswith("plancheck/engine/bundled_rules/")}
    assert rule_files <= shipped_rules
    assert "plancheck/engine/bundled_schemas/report.schema.json" in names
    assert "plancheck/engine/cli.py" in names and "cli.py" not in names


def test_the_console_script_is_the_namespaced_cli():
    setup = configparser.ConfigParser()
    setup.read(REPO / "setup.cfg", encoding="utf-8")
    scripts = setup["options.entry_points"]["console_scripts"]
    assert "plancheck = plancheck.engine.cli:main" in scripts


def _installed_location() -> Path | None:
    probe = subprocess.run([sys.executable, "-I", "-c",
                            "import plancheck.engine as e; print(e.__file__)"],
                           capture_output=True, text=True, cwd="/", timeout=60)
    if probe.returncode != 0:
        return None
    return Path(probe.stdout.strip()).resolve()


def test_the_installed_package_works_without_the_checkout(tmp_path: Path):
    location = _installed_location()
    if location is None or REPO in location.parents:
        pytest.skip("plancheck is not installed non-editably here (`pip install .` makes it; .ci/run does)")
    script = (
        "import importlib.util, json, sys\n"
        "import plancheck.engine\n"
        "print(json.dumps({'engine': importlib.util.find_spec('engine') is not None,\n"
        "                  'cli': importlib.util.find_spec('cli') is not None,\n"
        "                  'loaded': sorted(m for m in sys.modules if m.split('.')[0] in ('engine', 'cli'))}))\n"
    )
    proc = subprocess.run([sys.executable, "-I", "-c", script], capture_output=True, text=True,
                          cwd=tmp_path, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {"engine": False, "cli": False, "loaded": []}
    report = tmp_path / SAMPLE.name
    report.write_bytes(SAMPLE.read_bytes())
    run = subprocess.run([sys.executable, "-I", "-m", "plancheck.engine", "check", "--format", "json", report.name],
                         capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["reports"][0]["findings"] == []


def test_the_suite_tests_the_code_it_says_it_tests():
    """Under PLANCHECK_TEST_INSTALLED=1 every `engine` the tests import is the installed package."""
    import engine.checker
    from install_mode import INSTALLED

    location = Path(engine.checker.__file__).resolve()
    assert (REPO in location.parents) is not INSTALLED
    if INSTALLED:
        import plancheck.engine.checker
        assert engine.checker is plancheck.engine.checker
