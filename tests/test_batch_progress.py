"""Progress lines of a batch in a log: every N reports or T seconds, whichever comes first, a
line on a timer while reports hang, and one at the end (a fake clock, no sleeping but one test)."""
from __future__ import annotations

import io
import time

from engine.batch.progress import ProgressLines


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _lines(every_reports: int = 10, every_seconds: float = 60.0):
    stream, clock = io.StringIO(), FakeClock()
    progress = ProgressLines(stream, every_reports, every_seconds, clock=clock, stamp=lambda: "T")
    return progress, clock, lambda: stream.getvalue().splitlines()


def test_a_line_every_n_reports_and_at_the_end():
    progress, clock, lines = _lines(every_reports=10)
    for done in range(26):
        clock.now += 0.5
        progress(done, 25)
    assert [line.split(" (")[0] for line in lines()] == [
        "T plancheck batch: 25 reports to go through", "T plancheck batch: 10/25 reports",
        "T plancheck batch: 20/25 reports", "T plancheck batch: 25/25 reports"]
    assert lines()[1] == "T plancheck batch: 10/25 reports (40%), 6s elapsed, 1.8/s, about 8s left"
    assert lines()[-1].endswith("(100%), 13s elapsed, 1.9/s, done")


def test_a_line_after_t_seconds_when_reports_are_slow():
    progress, clock, lines = _lines(every_reports=100, every_seconds=60)
    progress(0, 500)
    clock.now += 59
    progress(1, 500)
    assert len(lines()) == 1
    clock.now += 1
    progress(2, 500)
    assert lines()[-1].startswith("T plancheck batch: 2/500 reports (0%), 1m00s elapsed")


def test_the_timer_writes_while_nothing_finishes():
    progress, clock, lines = _lines(every_reports=100, every_seconds=60)
    progress(0, 40)
    progress(3, 40)
    clock.now += 30
    progress.tick()
    assert len(lines()) == 1  # not yet T seconds since the last line
    clock.now += 3600 - 30
    progress.tick()
    assert lines()[-1] == "T plancheck batch: 3/40 reports (7%), 1h00m elapsed, 0.0/s, about 12h20m left"
    progress(40, 40)
    clock.now += 3600
    progress.tick()  # finished: nothing more to say
    assert lines()[-1].endswith("done")


def test_a_resumed_run_says_how_many_were_recorded_and_rates_only_the_new():
    progress, clock, lines = _lines(every_reports=5)
    progress(95, 100)
    clock.now += 10
    progress(100, 100)
    assert lines() == ["T plancheck batch: 100 reports to go through (95 already recorded)",
                       "T plancheck batch: 100/100 reports (100%), 10s elapsed, 0.5/s, done"]


def test_one_report():
    progress, _, lines = _lines()
    progress(0, 1)
    assert lines() == ["T plancheck batch: 1 report to go through"]


def test_the_background_timer_runs_as_a_context_manager():
    stream = io.StringIO()
    with ProgressLines(stream, every_reports=100, every_seconds=0.05, stamp=lambda: "T") as progress:
        progress(0, 10)
        progress(1, 10)
        deadline = time.monotonic() + 5
        while stream.getvalue().count("\n") < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
    assert stream.getvalue().count("1/10 reports") >= 2, stream.getvalue()
