"""The worker process: builds its own Checker (durable_rules ruleset names are process-global, so
one host per process, built inside it) and checks the reports it is sent, a few per message.

Shaped for speed: a report's file is read once, and its content hash is taken of the very bytes
that are checked (no second read); the parent sends a chunk of paths per message and the worker
answers with all their results in one message, so a worker spends its time checking, not waiting
on the parent or on a pipe per report. While it checks, the worker publishes in shared memory
(an array, slots CURRENT and SINCE) which report of its stream it is on and since when: that is
how the parent enforces the per-report time limit and knows which report a crash took down,
without a message per report.

The rows sent are shaped for speed too: a finding's legal basis is the rule's own and its notes
are one of a handful, so their JSON columns are made once each (legal_basis_json, notes_json),
not once per finding.

Protocol over a duplex Pipe: the worker sends ("ready", None) once its ruleset is compiled, then
for each (paths, max bytes) it receives, replies ("results", [ReportResult per path, in order]);
None ends it.
Fault injection for tests (documented, never set in production): PLANCHECK_BATCH_FAULTS is a
comma-separated list of `crash:TEXT` (SIGSEGV when the path contains TEXT), `hang:TEXT`
(sleep forever), `slow:SECONDS` (sleep before every report).
"""
from __future__ import annotations

import gc
import json
import os
import signal
import time
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from ..checker import CheckResult, Checker
from ..departments import department_identity
from ..evaluate_types import EvaluationError
from ..facts import run_fields
from ..findings import Finding
from ..io.read import read_bytes, report_from_bytes
from ..io.source import InputError
from ..rules.model import LegalBasis, Scope, Severity
from ..rules.packs import RulesDirs
from .discover import bytes_hash, content_hash
from .store import ReportResult

FAULTS_ENV = "PLANCHECK_BATCH_FAULTS"
# slots of a worker's shared progress array (multiprocessing RawArray of doubles)
CURRENT = 0  # index, in the worker's stream of reports, of the one being checked; -1 between
SINCE = 1  # time.monotonic() (system-wide on Linux) when that report was started
IDLE = -1.0


def finding_row(f: Finding) -> tuple:
    """A finding as a row in engine.batch.store_schema.FINDING_COLUMNS order."""
    loc, cite = f.location, f.citation
    return (
        f.rule_id, f.severity.value, f.category, f.subject, loc.pointer, loc.line, loc.column,
        loc.xpath, f.title_zh, f.title_en, f.message_zh, f.message_en, f.remediation_zh,
        f.remediation_en, cite and cite.plan, cite and cite.clause, cite and cite.title,
        legal_basis_json(f.legal_basis), notes_json(f.notes), f.fingerprint,
    )


@lru_cache(maxsize=1024)  # a rule's own legal basis: one per rule at most, said once, not per finding
def legal_basis_json(basis: tuple[LegalBasis, ...]) -> str:
    return json.dumps([b.model_dump(mode="json", exclude_none=True) for b in basis], ensure_ascii=False)


@lru_cache(maxsize=1024)  # calendar notes: a handful of texts, most findings none
def notes_json(notes: tuple[str, ...]) -> str:
    return json.dumps(list(notes), ensure_ascii=False)


def run_fact_types(checker: Checker) -> frozenset[str]:
    """Fact types some run-scope rule names: only these are kept for reconciliation."""
    return frozenset(p.fact_type for item in checker.catalog.scoped(Scope.run) for p in item.rule.when)


def checked_result(checker: Checker, keep: frozenset[str], result: CheckResult, path: str,
                   digest: Optional[str], seconds: float) -> ReportResult:
    """A checked report as the store records it (also `plancheck serve --store`'s intake).
    `keep`: the fact types run-scope rules need (run_fact_types)."""
    loaded, department = result.loaded, result.department
    report = loaded.report
    plan = checker.catalog.plans.get(report.plan)
    meta = {
        "format": loaded.format, "plan": report.plan,
        "dept_name": department_identity(plan, report.department.name, department),
        "dept_kind": department.kind.value, "dept_level": department.level.value,
        "period_start": report.period.start.isoformat(), "period_end": report.period.end.isoformat(),
    }
    kept = None
    if keep:
        extra = run_fields(report, department, path)
        kept = json.dumps([dict(f, **extra) for f in result.facts if f["t"] in keep], ensure_ascii=False)
    rows = [finding_row(f) for f in result.findings]
    errors = sum(1 for f in result.findings if f.severity is Severity.error)
    return ReportResult(path, "checked", digest, meta=meta, findings=rows, error_findings=errors,
                        seconds=seconds, run_facts=kept)


class ReportWorker:
    """Checks reports one at a time into ReportResults (also used in-process by the benchmark)."""

    def __init__(self, rules: RulesDirs = None, checker: Optional[Checker] = None):
        self.checker = checker or Checker.default(rules)
        self.keep = run_fact_types(self.checker)
        self._faults = _parse_faults(os.environ.get(FAULTS_ENV, ""))

    def check(self, path: str, max_bytes: int) -> ReportResult:
        self._inject(path)
        started = time.perf_counter()
        try:
            data = read_bytes(Path(path), max_bytes)
        except InputError as exc:  # missing, oversized, not a file: hashed by its metadata if at all
            return ReportResult(path, "error", content_hash(path, max_bytes), "input", exc.line(),
                                seconds=time.perf_counter() - started)
        digest = bytes_hash(data)
        try:
            loaded = report_from_bytes(data, Path(path))
            prepared = self.checker.prepare(loaded)
            result = self.checker.check_prepared(prepared)
        except InputError as exc:
            return ReportResult(path, "error", digest, "input", exc.line(),
                                seconds=time.perf_counter() - started)
        except EvaluationError as exc:
            return ReportResult(path, "error", digest, "evaluation", f"{path}: {exc}",
                                seconds=time.perf_counter() - started)
        return checked_result(self.checker, self.keep, result, path, digest, time.perf_counter() - started)

    def _inject(self, path: str) -> None:
        for kind, arg in self._faults:
            if kind == "crash" and arg in path:
                os.kill(os.getpid(), signal.SIGSEGV)
            elif kind == "hang" and arg in path:
                while True:
                    time.sleep(3600)
            elif kind == "slow":
                time.sleep(float(arg))


def _parse_faults(text: str) -> list[tuple[str, str]]:
    out = []
    for item in filter(None, (t.strip() for t in text.split(","))):
        kind, _, arg = item.partition(":")
        out.append((kind, arg))
    return out


def serve(conn: Any, rules: tuple[str, ...], progress: Any) -> None:
    """Worker process entry point. `rules`: the `--rules` directories, as the parent was given
    them; `progress` is the shared array the parent watches."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    worker = ReportWorker(rules)
    # the modules, catalog and rulesets live as long as the worker: out of every GC pass
    gc.freeze()
    progress[CURRENT] = IDLE
    conn.send(("ready", None))
    index = 0
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        paths, max_bytes = message
        results = []
        for path in paths:
            progress[SINCE] = time.monotonic()  # written before CURRENT: the parent reads CURRENT first
            progress[CURRENT] = index
            results.append(worker.check(path, max_bytes))
            progress[CURRENT] = IDLE
            index += 1
        conn.send(("results", results))
