"""Worker processes with a per-report time limit and crash isolation.

A worker that dies (a segfault in the rule engine, the OOM killer) or exceeds the time limit on a
report is killed and replaced; the report it held is recorded as an error of kind `crash` or
`timeout` and the run goes on. Workers come from a `forkserver` (clean processes that never
inherit the parent's durable_rules host or SQLite handle), each compiling its own ruleset once.

Shaped for speed: a worker is sent a chunk of paths per message and answers with the chunk's
results in one message, and it has up to IN_FLIGHT_CHUNKS chunks queued in its pipe, so it goes
from one report to the next without waiting for the parent (which records results in batches
meanwhile, engine.batch.run). Chunks shrink towards the end of a run so that its last reports are
spread over every worker. With no message per report, the parent learns which report a worker
is on from the worker's shared progress array (slots CURRENT and SINCE, engine.batch.worker):
that report is the one a timeout or a crash is recorded against; the others of the worker's
chunks (finished but not yet sent, or not yet reached) go back to the front of the queue for its
replacement.
"""
from __future__ import annotations

import multiprocessing as mp
import signal
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Any, Callable, Iterable, Optional

from .discover import content_hash
from .store import ReportResult
from .worker import CURRENT, IDLE, SINCE, serve

MAX_START_FAILURES = 3
MAX_CHUNK = 8  # reports per message: enough to make messages rare, few enough to lose little on a crash
IN_FLIGHT_CHUNKS = 2  # the chunk a worker checks and the next one, waiting in its pipe
# A report lost this many times by a worker that died between reports (no report to blame) is
# recorded as a crash, so that no report goes round for ever.
MAX_LOST = 3
MAX_WAIT = 0.5  # seconds; also how late a time limit may be noticed for a report just started


class PoolError(RuntimeError):
    """Workers cannot start (e.g. they die while compiling the rules)."""


@dataclass
class _Slot:
    proc: Any
    conn: Any
    progress: Any  # shared array: CURRENT (index in the worker's stream, or IDLE), SINCE
    ready: bool = False
    started: float = 0.0
    inflight: deque = field(default_factory=deque)  # paths sent, results not yet received, in order
    chunks: deque = field(default_factory=deque)  # sizes of the chunks sent and not yet answered
    received: int = 0  # results received: the stream index of inflight[0]

    def current(self) -> Optional[int]:
        """Position in `inflight` of the report the worker is checking, if any."""
        index = self.progress[CURRENT]
        if index == IDLE:
            return None
        position = int(index) - self.received
        return position if 0 <= position < len(self.inflight) else None


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
        self._ctx.set_forkserver_preload([f"{__package__}.worker"])
        self._slots: list[_Slot] = []
        self._start_failures = 0
        self._lost: Counter = Counter()
        self._max_bytes = 0
        self.restarts = 0

    def _start(self) -> _Slot:
        parent, child = self._ctx.Pipe()
        progress = self._ctx.RawArray("d", 2)
        progress[CURRENT] = IDLE
        proc = self._ctx.Process(target=serve, args=(child, self.rules, progress), daemon=True,
                                 name="plancheck-batch-worker")
        proc.start()
        child.close()
        return _Slot(proc, parent, progress, started=time.monotonic())

    def _replace(self, slot: _Slot) -> None:
        try:
            slot.proc.kill()
        except Exception:  # already gone
            pass
        slot.proc.join(5)
        slot.conn.close()
        self._slots[self._slots.index(slot)] = self._start()
        self.restarts += 1

    def run(self, paths: Iterable[str], max_bytes: int, on_result: Callable[[ReportResult], None],
            on_idle: Optional[Callable[[], Optional[float]]] = None) -> None:
        """Check `paths`, calling `on_result` once per path. `on_idle()` is called on every turn
        of the loop and returns how many seconds it can wait to be called again (or None)."""
        pending = deque(paths)
        self._max_bytes = max_bytes
        if not pending:
            return
        self._slots = [self._start() for _ in range(min(self.size, len(pending)))]
        try:
            self._loop(pending, max_bytes, on_result, on_idle or (lambda: None))
        finally:
            self.close()

    def _chunk_size(self, pending: deque) -> int:
        return max(1, min(MAX_CHUNK, len(pending) // (IN_FLIGHT_CHUNKS * len(self._slots))))

    def _feed(self, slot: _Slot, pending: deque, max_bytes: int) -> None:
        while slot.ready and pending and len(slot.chunks) < IN_FLIGHT_CHUNKS:
            chunk = [pending.popleft() for _ in range(min(self._chunk_size(pending), len(pending)))]
            slot.conn.send((chunk, max_bytes))
            slot.chunks.append(len(chunk))
            slot.inflight.extend(chunk)

    def _loop(self, pending: deque, max_bytes: int, on_result: Callable[[ReportResult], None],
              on_idle: Callable[[], Optional[float]]) -> None:
        while pending or any(s.inflight for s in self._slots):
            for slot in self._slots:
                self._feed(slot, pending, max_bytes)
            now = time.monotonic()
            waits = [MAX_WAIT, on_idle() or MAX_WAIT]
            waits += [s.progress[SINCE] + self.timeout - now for s in self._slots if s.current() is not None]
            ready = set(wait([s.conn for s in self._slots] + [s.proc.sentinel for s in self._slots],
                             max(0.0, min(waits))))
            for slot in list(self._slots):
                if slot.conn in ready:
                    try:
                        kind, payload = slot.conn.recv()
                    except (EOFError, OSError):
                        self._died(slot, pending, on_result)
                        continue
                    if kind == "ready":
                        slot.ready = True
                        self._start_failures = 0
                    else:
                        slot.chunks.popleft()
                        for result in payload:
                            slot.inflight.popleft()
                            slot.received += 1
                            on_result(result)
                elif slot.proc.sentinel in ready:
                    self._died(slot, pending, on_result)
                else:
                    self._enforce_time_limit(slot, pending, max_bytes, on_result)

    def _enforce_time_limit(self, slot: _Slot, pending: deque, max_bytes: int,
                            on_result: Callable[[ReportResult], None]) -> None:
        position = slot.current()  # read before SINCE: the worker writes SINCE first
        if position is None or time.monotonic() <= slot.progress[SINCE] + self.timeout:
            return
        path = slot.inflight[position]
        self._requeue(slot, pending, on_result, position)
        self._replace(slot)
        on_result(ReportResult(path, "error", content_hash(path, max_bytes), "timeout",
                               f"{path}: not checked within the {self.timeout:g}-second limit per report",
                               seconds=self.timeout))

    def _died(self, slot: _Slot, pending: deque, on_result: Callable[[ReportResult], None]) -> None:
        slot.proc.join(5)
        code = slot.proc.exitcode
        if not slot.ready:
            self._start_failures += 1
            if self._start_failures >= MAX_START_FAILURES:
                raise PoolError(f"batch workers die while starting ({_signal_name(code)})")
        position = slot.current()
        culprit = slot.inflight[position] if position is not None else None
        self._requeue(slot, pending, on_result, position, code)
        self._replace(slot)
        if culprit is not None:
            on_result(self._crash(culprit, code))

    def _requeue(self, slot: _Slot, pending: deque, on_result: Callable[[ReportResult], None],
                 culprit: Optional[int], code: Optional[int] = None) -> None:
        """Put a lost worker's reports, but the one it was checking, back at the front of the queue."""
        again = []
        for position, path in enumerate(slot.inflight):
            if position == culprit:
                continue
            if culprit is None:
                self._lost[path] += 1
                if self._lost[path] >= MAX_LOST:
                    on_result(self._crash(path, code))
                    continue
            again.append(path)
        pending.extendleft(reversed(again))
        slot.inflight.clear()
        slot.chunks.clear()

    def _crash(self, path: str, code: Optional[int]) -> ReportResult:
        return ReportResult(path, "error", content_hash(path, self._max_bytes), "crash",
                            f"{path}: the worker checking this report crashed ({_signal_name(code)})")

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
