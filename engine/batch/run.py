"""One batch run: discover inputs, resume or start a run, reuse the results of unchanged reports
from earlier runs, check the rest in worker processes, reconcile across reports, finish, summarise.

Reuse (on unless BatchOptions.reuse is off, `plancheck batch --recheck-all`): a report's recorded
result is a function of its path, its bytes and the rules version alone (engine.batch.version:
packs, engine code, package versions), so a report whose content hash and rules version equal
those of an earlier recorded result of the same path gets that result copied into the run
(Store.reuse) instead of a worker's check: the night after a full run, only the changed reports
are checked. Reconciliation then runs over every report of the run as always, so cross-report
findings are a full run's. Timeouts, crashes and evaluation errors are never reused.

Shaped for speed: results are recorded in batches (one transaction per FLUSH_REPORTS reports, or
after FLUSH_SECONDS), while the workers go on checking their queued chunks. A result waiting in
a batch when the process is killed is simply not recorded, so the resumed run checks that report
again: each report is still recorded exactly once.
"""
from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from .discover import NothingToCheck, Unmatched, content_hash, find_reports, inputs_key
from .pool import WorkerPool
from .reconcile import reconcile
from .store import ReportResult, Store
from .version import _tool_version, rules_version
from ..rules.catalog import Catalog
from ..rules.catalog_cache import cached_catalog
from ..rules.packs import resolve_packs

DEFAULT_DB = "plancheck-runs.sqlite"
DEFAULT_TIMEOUT = 60.0
FLUSH_REPORTS = 100
FLUSH_SECONDS = 1.0  # a slow run still shows its progress (and keeps its work) every second


@dataclass
class BatchOptions:
    inputs: list[str]
    db: Path = Path(DEFAULT_DB)
    workers: int = os.cpu_count() or 1
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = 50 * 1024 * 1024
    # `--rules`: plan packs added to the bundled ones, or a complete rules tree (engine.rules.packs)
    rules: tuple[Path, ...] = ()
    fail_level: str = "error"
    # copy unchanged reports' results from earlier runs (False: `--recheck-all`, every report checked)
    reuse: bool = True


@dataclass
class BatchOutcome:
    run_id: int
    resumed: bool
    discovered: int
    skipped: int
    checked_now: int
    restarts: int
    unmatched: list[Unmatched] = field(default_factory=list)  # inputs that found no report file
    reused: int = 0  # results copied from earlier runs by this invocation (Store.reuse)


def run_batch(opts: BatchOptions, store: Store, progress: Optional[Callable[[int, int], None]] = None,
              catalog: Optional[Catalog] = None) -> BatchOutcome:
    """Run (or resume) a batch. `progress(done, total)` is called after each report.

    Raises NothingToCheck, before any run is recorded, when no input matches a report file."""
    pack_set = resolve_packs(opts.rules)
    catalog = catalog or cached_catalog(pack_set)  # invalid rules stop the run before any worker starts
    version = rules_version(pack_set)
    found = find_reports(opts.inputs)
    if not found.paths:
        raise NothingToCheck(found.unmatched)
    paths = found.paths
    run_id, resumed = store.start_run(list(opts.inputs), inputs_key(opts.inputs), version,
                                      _tool_version(), opts.fail_level)
    skip: set[str] = set()
    if resumed:
        recorded = store.recorded(run_id)
        wanted = set(paths)
        store.forget(run_id, [p for p in recorded if p not in wanted])
        for path in paths:
            known = recorded.get(path)
            # --recheck-all checks even a result copied before the interruption
            if known is None or (known[2] and not opts.reuse):
                continue
            if known[1] == version and known[0] == content_hash(path, opts.max_bytes):
                skip.add(path)
    reused: set[str] = set()
    if opts.reuse:
        # a file is hashed here only if it has an earlier result (the first night, none is): the
        # others are read and hashed once, by their worker
        earlier = store.with_earlier_results(run_id, version, [p for p in paths if p not in skip])
        reused = store.reuse(run_id, version, {p: content_hash(p, opts.max_bytes) for p in sorted(earlier)})
    todo = [p for p in paths if p not in skip and p not in reused]
    done = len(skip) + len(reused)
    if progress:
        progress(done, len(paths))
        if not todo:  # every report recorded or reused: the log still ends with its `done` line
            progress(done, len(paths))

    recorder = _Recorder(store, run_id, version, lambda n: progress(n, len(paths)) if progress else None, done)
    pool = WorkerPool(opts.workers, tuple(str(d) for d in pack_set.external), opts.timeout)
    try:
        pool.run(todo, opts.max_bytes, recorder.add, recorder.due)
    finally:
        recorder.flush()  # on Ctrl-C too: what is checked is kept
    store.replace_run_findings(run_id, reconcile(catalog, store, run_id))
    store.finish_run(run_id)
    return BatchOutcome(run_id, resumed, len(paths), len(skip), len(todo), pool.restarts, found.unmatched,
                        reused=len(reused))


class _Recorder:
    """Collects results and records them in one transaction per FLUSH_REPORTS or FLUSH_SECONDS."""

    def __init__(self, store: Store, run_id: int, version: str, progress: Callable[[int], None], done: int):
        self.store, self.run_id, self.version, self.progress = store, run_id, version, progress
        self.done = done
        self._waiting: list[ReportResult] = []
        self._oldest = 0.0

    def add(self, result: ReportResult) -> None:
        if not self._waiting:
            self._oldest = time.monotonic()
        self._waiting.append(result)
        if len(self._waiting) >= FLUSH_REPORTS:
            self.flush()

    def due(self) -> Optional[float]:
        """Record the waiting results if they have waited long enough; else seconds until then."""
        if not self._waiting:
            return None
        left = self._oldest + FLUSH_SECONDS - time.monotonic()
        if left > 0:
            return left
        self.flush()
        return None

    def flush(self) -> None:
        waiting, self._waiting = self._waiting, []
        self.store.record_many(self.run_id, self.version, waiting)
        for _ in waiting:
            self.done += 1
            self.progress(self.done)


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()
