"""Progress of a batch as plain lines, for when stderr is a log (cron, systemd) and not a
terminal: one line every N reports or T seconds, whichever comes first, and one at the end.

A line is written on a timer too, not only when a report finishes: a run stuck on reports that
hang until their time limit must still show in the log that it is alive and where it stands.
"""
from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Callable, Optional, TextIO

DEFAULT_EVERY_REPORTS = 100
DEFAULT_EVERY_SECONDS = 60.0


def _clock_text() -> str:
    return dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


class ProgressLines:
    """`progress(done, total)` callback of run_batch writing log lines.

    Used as a context manager, a background timer writes the time-based lines; without it
    (tests), `tick()` does. `clock` and `stamp` are injectable so tests need not sleep.
    """

    def __init__(self, stream: TextIO, every_reports: int = DEFAULT_EVERY_REPORTS,
                 every_seconds: float = DEFAULT_EVERY_SECONDS,
                 clock: Callable[[], float] = time.monotonic, stamp: Callable[[], str] = _clock_text):
        self.stream = stream
        self.every_reports = max(1, every_reports)
        self.every_seconds = every_seconds
        self.clock = clock
        self.stamp = stamp
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None
        self._started = clock()
        self._first_done: Optional[int] = None  # reports already recorded when this run began
        self._done = 0
        self._total = 0
        self._last_line_at = self._started
        self._last_line_done = 0

    def __enter__(self) -> "ProgressLines":
        self._thread = threading.Thread(target=self._timer, name="plancheck-progress", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)

    def _timer(self) -> None:
        while not self._stop.wait(min(self.every_seconds, 1.0)):
            self.tick()

    def __call__(self, done: int, total: int) -> None:
        with self._lock:
            self._done, self._total = done, total
            if self._first_done is None:
                self._first_done = self._last_line_done = done
                self._write_start()
                return
            due = (done - self._last_line_done >= self.every_reports
                   or self.clock() - self._last_line_at >= self.every_seconds
                   or done == total)
            if due:
                self._write()

    def tick(self) -> None:
        """Write a line if none was written for `every_seconds` (called by the timer)."""
        with self._lock:
            if self._first_done is None or self._done == self._total:
                return
            if self.clock() - self._last_line_at >= self.every_seconds:
                self._write()

    def _write_start(self) -> None:
        already = f" ({self._done} already recorded)" if self._done else ""
        self._emit(f"{self._total} report{'' if self._total == 1 else 's'} to go through{already}")

    def _write(self) -> None:
        elapsed = self.clock() - self._started
        checked = self._done - (self._first_done or 0)
        percent = 100 * self._done // self._total if self._total else 100
        parts = [f"{self._done}/{self._total} reports ({percent}%)", f"{_duration(elapsed)} elapsed"]
        if checked and elapsed > 0:
            rate = checked / elapsed
            parts.append(f"{rate:.1f}/s")
            if self._done < self._total:
                parts.append(f"about {_duration((self._total - self._done) / rate)} left")
        if self._done == self._total:
            parts.append("done")
        self._emit(", ".join(parts))
        self._last_line_done = self._done

    def _emit(self, text: str) -> None:
        self.stream.write(f"{self.stamp()} plancheck batch: {text}\n")
        self.stream.flush()
        self._last_line_at = self.clock()
