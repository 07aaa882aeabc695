"""The server's check workers: a small process pool with a bounded queue and a time limit.

The engine is CPU-bound and durable_rules is a C library holding the GIL, so checks run in worker
processes (spawned clean, each compiling the rules once, like the batch workers) and requests do
not wait for one another. At most `queue_limit` jobs are in flight; one more is refused at once
(503, "busy, retry") rather than queued without end. A job past the time limit, or a worker that
dies, takes the pool with it: it is replaced, and the jobs it held fail.
`workers=0` runs jobs in one thread of this process (tests, and machines where processes cannot
be forked).
"""
from __future__ import annotations

import asyncio
import multiprocessing as mp
import threading
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Optional, TypeVar

from ..rules.packs import RulesDirs
from .jobs import init_worker

T = TypeVar("T")


class PoolBusy(RuntimeError):
    """Every worker is busy and the queue is full."""


class PoolFailed(RuntimeError):
    """The job timed out or its worker died; the message says which, for the user."""


class CheckPool:
    def __init__(self, workers: int, rules: RulesDirs, waivers_path: Optional[str],
                 timeout: float, queue_limit: Optional[int] = None):
        """`rules`: `--rules` as check takes it (none, one or several directories, as strings)."""
        self.workers = workers
        self.timeout = timeout
        self.queue_limit = queue_limit or max(1, workers) * 4
        self._initargs = (rules, waivers_path)
        self._lock = threading.Lock()
        self._in_flight = 0
        self.restarts = 0
        self._executor = self._start()

    def _start(self) -> Executor:
        if self.workers <= 0:
            return ThreadPoolExecutor(max_workers=1, initializer=init_worker, initargs=self._initargs,
                                      thread_name_prefix="plancheck-check")
        # spawn, not fork: a clean process that never inherits the server's event loop, sockets or
        # SQLite handle; and unlike Python 3.11's forkserver it is given this process's sys.path,
        # so a source checkout run from another directory finds the same engine
        context = mp.get_context("spawn")
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=context, initializer=init_worker,
                                   initargs=self._initargs)

    def warm_up(self) -> None:
        """Start the workers and compile their rules now, so the first clerk does not wait (and a
        broken rules directory or waiver file stops `serve` before it listens)."""
        futures = [self._executor.submit(_ready) for _ in range(max(1, self.workers))]
        for future in futures:
            future.result()

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        with self._lock:
            if self._in_flight >= self.queue_limit:
                raise PoolBusy()
            self._in_flight += 1
            executor = self._executor
        try:
            future = executor.submit(function, *args)
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except asyncio.TimeoutError:
            self._recycle(executor)
            raise PoolFailed(f"not checked within the {self.timeout:g}-second limit") from None
        except BrokenProcessPool:
            self._recycle(executor)
            raise PoolFailed("the worker checking this report stopped unexpectedly; please try again") from None
        finally:
            with self._lock:
                self._in_flight -= 1

    def _recycle(self, broken: Executor) -> None:
        """Replace the pool (once, however many jobs saw it fail), killing its workers."""
        with self._lock:
            if self._executor is not broken:
                return
            self._executor = self._start()
            self.restarts += 1
        # ProcessPoolExecutor cannot stop a running job; its processes are killed directly.
        for process in list(getattr(broken, "_processes", {}).values()):
            process.kill()
        broken.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _ready() -> bool:
    return True
