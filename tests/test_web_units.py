"""Small parts of the web application: held results expire and make room, upload names are only
names, and a busy or failing pool is a 503 the user can read, never a traceback."""
from __future__ import annotations

import pytest

from engine.web.jobs import CheckOutput
from engine.web.pool import PoolBusy, PoolFailed
from engine.web.results import HeldResult, ResultCache
from engine.web.uploads import clean_name
from web_fixtures import HLJ, make_client

REPORT = HLJ / "market-regulation-2024-compliant.json"


def _held(name: str, size: int = 0) -> HeldResult:
    return HeldResult(CheckOutput({("json", "zh"): b"x" * size}, ()), (name,))


def test_held_results_expire_after_their_time():
    now = [1000.0]
    cache = ResultCache(capacity=10, ttl=60, clock=lambda: now[0])
    token = cache.put(_held("a.json"))
    now[0] += 59
    assert cache.get(token) is not None
    now[0] += 2
    assert cache.get(token) is None


def test_held_results_make_room_oldest_first():
    cache = ResultCache(capacity=2, ttl=3600)
    first, second, third = (cache.put(_held(n)) for n in ("a", "b", "c"))
    assert cache.get(first) is None
    assert cache.get(second).names == ("b",) and cache.get(third).names == ("c",)


def test_held_results_keep_within_their_byte_budget():
    cache = ResultCache(capacity=100, ttl=3600, max_bytes=1000)
    first = cache.put(_held("a", 600))
    second = cache.put(_held("b", 300))
    assert cache.get(first) is not None
    third = cache.put(_held("c", 300))
    assert cache.get(first) is None and cache.get(second) is not None and cache.get(third) is not None
    huge = cache.put(_held("d", 5000))  # alone over the budget: kept, as the page asked for next
    assert cache.get(huge) is not None and cache.get(second) is None


def test_tokens_are_long_and_distinct():
    cache = ResultCache()
    tokens = {cache.put(_held("a")) for _ in range(50)}
    assert len(tokens) == 50 and all(len(t) >= 24 for t in tokens)


@pytest.mark.parametrize("sent, kept", [
    ("报告.json", "报告.json"),
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\科员\\Desktop\\2024年报告.xlsx", "2024年报告.xlsx"),
    ("a\x00b\nc.json", "a_b_c.json"),
    ("..", "report"),
    ("", "report"),
    (None, "report"),
    ("x" * 300 + ".json", "x" * 120),
])
def test_clean_name(sent, kept):
    assert clean_name(sent) == kept


class _RefusingPool:
    def __init__(self, error: Exception):
        self.error = error

    async def run(self, function, *args):
        raise self.error

    def close(self) -> None:
        pass


@pytest.mark.parametrize("error, words", [
    (PoolBusy(), "every check worker is busy; retry shortly"),
    (PoolFailed("not checked within the 60-second limit"), "not checked within the 60-second limit"),
])
def test_api_busy_or_failed_is_503(error, words):
    with make_client(_RefusingPool(error)) as client:
        response = client.post("/api/v1/check", content=REPORT.read_bytes())
        assert response.status_code == 503
        assert response.json()["error"] == words
        assert client.get("/api/v1/rules/TASK-GAP").status_code == 503


def test_page_busy_is_503_on_the_form():
    with make_client(_RefusingPool(PoolBusy())) as client:
        page = client.post("/check", files={"files": (REPORT.name, REPORT.read_bytes())})
        assert page.status_code == 503 and "服务器正忙，请稍后再试。" in page.text
        assert client.get("/rules/TASK-GAP").status_code == 503
