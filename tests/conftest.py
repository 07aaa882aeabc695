"""Shared fixtures: one compiled checker per session (durable_rules rulesets are process-global)."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

import install_mode

install_mode.activate()  # before anything imports `engine`: PLANCHECK_TEST_INSTALLED=1 tests the installed package

from engine.checker import Checker  # noqa: E402

REPO = Path(__file__).resolve().parent.parent

# The compiled-catalog cache (engine.rules.catalog_cache) of the tests and of the CLI they run in
# subprocesses: a directory of this session, not the user's ~/.cache.
_CACHE = os.environ.setdefault("PLANCHECK_CACHE_DIR", tempfile.mkdtemp(prefix="plancheck-test-cache-"))


def pytest_sessionfinish(session: pytest.Session) -> None:
    if Path(_CACHE).name.startswith("plancheck-test-cache-"):
        shutil.rmtree(_CACHE, ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snapshots", action="store_true", default=False,
        help="Rewrite tests/snapshots/ from the current output instead of comparing with it.",
    )


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def checker() -> Checker:
    return Checker.default(REPO / "rules")


@pytest.fixture(scope="session")
def reference_checker() -> Checker:
    return Checker.default(REPO / "rules", evaluator="reference")


@pytest.fixture(scope="session")
def update_snapshots(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-snapshots"))


from hypothesis_profiles import register_profiles  # noqa: E402  "ci" (default) and "thorough"

register_profiles()
