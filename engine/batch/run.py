"""One batch run: discover inputs, resume or start a run, check what is not yet recorded in
worker processes, reconcile across reports, finish, summarise."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from engine.batch.discover import NothingToCheck, Unmatched, content_hash, find_reports, inputs_key
from engine.batch.pool import WorkerPool
from engine.batch.reconcile import reconcile
from engine.batch.store import ReportResult, Store
from engine.batch.version import _tool_version, rules_version
from engine.rules.catalog import Catalog, load_packs
from engine.rules.packs import resolve_packs

DEFAULT_DB = "plancheck-runs.sqlite"
DEFAULT_TIMEOUT = 60.0


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


@dataclass
class BatchOutcome:
    run_id: int
    resumed: bool
    discovered: int
    skipped: int
    checked_now: int
    restarts: int
    unmatched: list[Unmatched] = field(default_factory=list)  # inputs that found no report file


def run_batch(opts: BatchOptions, store: Store, progress: Optional[Callable[[int, int], None]] = None,
              catalog: Optional[Catalog] = None) -> BatchOutcome:
    """Run (or resume) a batch. `progress(done, total)` is called after each report.

    Raises NothingToCheck, before any run is recorded, when no input matches a report file."""
    pack_set = resolve_packs(opts.rules)
    catalog = catalog or load_packs(pack_set)  # invalid rules stop the run before any worker starts
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
            if known is not None and known[1] == version and known[0] == content_hash(path, opts.max_bytes):
                skip.add(path)
    todo = [p for p in paths if p not in skip]
    done = len(skip)
    if progress:
        progress(done, len(paths))

    def on_result(result: ReportResult) -> None:
        nonlocal done
        store.record(run_id, version, result)
        done += 1
        if progress:
            progress(done, len(paths))

    pool = WorkerPool(opts.workers, tuple(str(d) for d in pack_set.external), opts.timeout)
    pool.run(todo, opts.max_bytes, on_result)
    store.replace_run_findings(run_id, reconcile(catalog, store, run_id))
    store.finish_run(run_id)
    return BatchOutcome(run_id, resumed, len(paths), len(skip), len(todo), pool.restarts, found.unmatched)


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()
