"""Fixtures for the web tests: one in-process check pool per session (its worker thread compiles
the rules once) and a TestClient on a fresh application per test."""
from __future__ import annotations

import socket
from pathlib import Path
from typing import Iterator

import pytest

from engine.web.pool import CheckPool
from engine.web.services import ServeSettings

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
HLJ = SAMPLES / "heilongjiang-2023"


@pytest.fixture(scope="session")
def web_pool() -> Iterator[CheckPool]:
    pool = CheckPool(0, str(REPO / "rules"), None, timeout=60)
    pool.warm_up()
    yield pool
    pool.close()


def make_client(pool: CheckPool, **settings: object):
    from starlette.testclient import TestClient

    from engine.web.app import create_app

    return TestClient(create_app(ServeSettings(rules=(REPO / "rules",), **settings), pool=pool))


@pytest.fixture
def client(web_pool: CheckPool) -> Iterator[object]:
    with make_client(web_pool) as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
