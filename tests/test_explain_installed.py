"""`plancheck explain` after `pip install .` (issue 13): the rule cases it takes its examples
from ship inside the package (engine/bundled_cases, setup.cfg), found before the checkout's."""
from __future__ import annotations

import configparser
import fnmatch
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CASES = REPO / "tests" / "rule_cases"


def _setup_cfg() -> configparser.ConfigParser:
    parser = configparser.ConfigParser()
    parser.read(REPO / "setup.cfg", encoding="utf-8")
    return parser


def _listed(value: str) -> dict[str, str]:
    return {k.strip(): v.strip() for k, _, v in (line.partition("=") for line in value.splitlines() if "=" in line)}


def test_setup_cfg_ships_every_case_file_and_base():
    cfg = _setup_cfg()
    assert "engine.bundled_cases" in cfg["options"]["packages"].split()
    assert _listed(cfg["options"]["package_dir"])["engine.bundled_cases"] == "tests/rule_cases"
    patterns = [p.strip() for p in _listed("\n".join(f"{k} = {v}" for k, v in cfg["options.package_data"].items()))
                ["engine.bundled_cases"].split(",")]
    files = [p.relative_to(CASES).as_posix() for p in CASES.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert files
    unshipped = [f for f in files if not any(fnmatch.fnmatch(f, pat) and f.count("/") == pat.count("/") for pat in patterns)]
    assert not unshipped, unshipped


def test_installed_cases_are_found_before_the_checkouts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import engine.resources as resources

    fake = tmp_path / "engine"
    (fake / "bundled_cases").mkdir(parents=True)
    monkeypatch.setattr(resources, "_HERE", fake)
    assert resources.cases_dir() == fake / "bundled_cases"
    shutil.rmtree(fake / "bundled_cases")
    (tmp_path / "tests" / "rule_cases").mkdir(parents=True)
    assert resources.cases_dir() == tmp_path / "tests" / "rule_cases"


_OFFLINE = re.compile(r"(No matching distribution|Could not find a version|connection|Temporary failure|Network)", re.I)


def test_the_wheel_holds_the_examples(tmp_path: Path):
    """Built from a copy of the sources (the checkout stays clean); a machine that cannot fetch
    the build backend skips, any other build failure fails."""
    source = tmp_path / "src"
    source.mkdir()
    for name in ("setup.cfg", "pyproject.toml", "README.md", "cli.py"):
        shutil.copy(REPO / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("engine", "rules", "schemas"):
        shutil.copytree(REPO / name, source / name, ignore=ignore)
    shutil.copytree(CASES, source / "tests" / "rule_cases", ignore=ignore)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(tmp_path / "dist")],
                           capture_output=True, text=True, timeout=300)
    if built.returncode != 0 and _OFFLINE.search(built.stdout + built.stderr):
        pytest.skip("the build backend cannot be fetched here: " + built.stderr.strip().splitlines()[-1])
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("plancheck-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "engine/bundled_cases/HLJ-67-TRAINING-TARGET.yaml" in names
    assert "engine/bundled_cases/bases/ip-office-province.json" in names
    assert {f"engine/bundled_cases/{p.name}" for p in CASES.glob("*.yaml")} <= names
