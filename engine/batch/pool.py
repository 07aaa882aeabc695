"""Worker processes with a per-report time limit and crash isolation.

Each worker checks one report at a time. A worker that dies (a segfault in the rule engine, the
OOM killer) or exceeds the time limit is killed and replaced; the report it held is recorded as
an error of kind `crash` or `timeout` and the run goes on. Workers come from a `forkserver`
(clean processes that never inherit the parent's durable_rules host or SQLite handle), each
compiling its own ruleset once.
"""
from __future__ import annotations

import multiprocessing as mp
import signal
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Callable, Iterable, Optional

from engine.batch.discover import content_hash
from engine.batch.store import ReportResult
from engine.batch.worker import serve

MAX_START_FAILURES = 3


class PoolError(RuntimeError):
    """Workers cannot start (e.g. they die while compiling the rules)."""


@dataclass
class _Slot:
    proc: Any
    conn: Any
    ready: bool = False
    task: Optional[str] = None
    deadline: float = 0.0
    started: float = 0.0


def _signal_name(code: Optional[int]) -> str:
    if code is not None and code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


class WorkerPool:
    def __init__(self, workers: int, rules: tuple[str, ...], timeout: float):
        self.size = max(1, workers)
        self.rules = rules
        self.timeout = timeout
        self._ctx = mp.get_context("forkserver")
        self._ctx.set_forkserver_preload(["engine.batch.worker"])
        self._slots: list[_Slot] = []
        self._start_failures = 0
        self.restarts = 0

    def _start(self) -> _Slot:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=serve, args=(child, self.rules), daemon=True,
                                 name="plancheck-batch-worker")
        proc.start()
        child.close()
        return _Slot(proc, parent, started=time.monotonic())

    def _replace(self, slot: _Slot) -> None:
        try:
            slot.proc.kill()
        except Exception:  # already gone
            pass
        slot.proc.join(5)
        slot.conn.close()
        self._slots[self._slots.index(slot)] = self._start()
        self.restarts += 1

    def run(self, paths: Iterable[str], max_bytes: int, on_result: Callable[[ReportResult], None]) -> None:
        pending = deque(paths)
        if not pending:
            return
        self._slots = [self._start() for _ in range(min(self.size, len(pending)))]
        try:
            self._loop(pending, max_bytes, on_result)
        finally:
            self.close()

    def _loop(self, pending: deque, max_bytes: int, on_result: Callable[[ReportResult], None]) -> None:
        while pending or any(s.task is not None for s in self._slots):
            now = time.monotonic()
            for slot in self._slots:
                if slot.ready and slot.task is None and pending:
                    slot.task = pending.popleft()
                    slot.deadline = now + self.timeout
                    slot.conn.send((0, slot.task, max_bytes))
            busy = [s.deadline for s in self._slots if s.task is not None]
            wait_for = max(0.0, min(busy) - now) if busy else 1.0
            ready = set(wait([s.conn for s in self._slots] + [s.proc.sentinel for s in self._slots], wait_for))
            for slot in list(self._slots):
                if slot.conn in ready:
                    try:
                        _, payload = slot.conn.recv()
                    except (EOFError, OSError):
                        self._died(slot, on_result, max_bytes)
                        continue
                    if payload is None:
                        slot.ready = True
                        self._start_failures = 0
                    else:
                        slot.task = None
                        on_result(payload)
                elif slot.proc.sentinel in ready:
                    self._died(slot, on_result, max_bytes)
                elif slot.task is not None and time.monotonic() > slot.deadline:
                    path = slot.task
                    self._replace(slot)
                    on_result(ReportResult(path, "error", content_hash(path, max_bytes), "timeout",
                                           f"{path}: not checked within the {self.timeout:g}-second limit per report",
                                           seconds=self.timeout))

    def _died(self, slot: _Slot, on_result: Callable[[ReportResult], None], max_bytes: int) -> None:
        slot.proc.join(5)
        code = slot.proc.exitcode
        path = slot.task
        if not slot.ready:
            self._start_failures += 1
            if self._start_failures >= MAX_START_FAILURES:
                raise PoolError(f"batch workers die while starting ({_signal_name(code)})")
        self._replace(slot)
        if path is not None:
            on_result(ReportResult(path, "error", content_hash(path, max_bytes), "crash",
                                   f"{path}: the worker checking this report crashed ({_signal_name(code)})"))

    def close(self) -> None:
        for slot in self._slots:
            try:
                slot.conn.send(None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + 5
        for slot in self._slots:
            slot.proc.join(max(0.0, deadline - time.monotonic()))
            if slot.proc.is_alive():
                slot.proc.kill()
                slot.proc.join(1)
            slot.conn.close()
        self._slots = []
