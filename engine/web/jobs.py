"""What a check worker does for `plancheck serve`: check uploads held in memory through the same
run as `plancheck check` (engine.check_run) and render the findings documents; explain a rule.

Jobs and their outputs are plain picklable data: they cross into worker processes
(engine.web.pool). Each worker process builds its Checker once (durable_rules rulesets are
process-global), in `init_worker`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from ..batch.store import ReportResult
from ..batch.worker import checked_result, run_fact_types
from ..check_run import check_loaded_report, run_outcome
from ..checker import Checker
from ..commands.explain import explain_lines
from ..evaluate_types import EvaluationError
from ..io.read import report_from_bytes
from ..io.source import InputError
from ..output import FORMATTERS
from ..output.base import FormatOptions
from ..output.json_format import _error_dict
from ..rules.model import Severity
from ..rules.packs import RulesDirs
from ..waivers import LoadedWaivers, load_waivers


@dataclass(frozen=True)
class Upload:
    name: str  # the file name as the browser sent it, cleaned (engine.web.uploads.clean_name)
    data: bytes


@dataclass(frozen=True)
class CheckJob:
    uploads: tuple[Upload, ...]
    plan: Optional[str] = None
    department: Optional[str] = None
    fail_level: str = "error"
    renders: tuple[tuple[str, str], ...] = (("json", "zh"),)  # (format, lang) documents wanted
    record_as: Optional[str] = None  # a path prefix: build the batch store's rows (--store)
    today: Optional[dt.date] = None


@dataclass(frozen=True)
class CheckOutput:
    documents: dict[tuple[str, str], bytes]
    errors: tuple[dict[str, Any], ...]  # per unusable upload: json_format's error dict + `error`
    store_rows: tuple[ReportResult, ...] = field(default_factory=tuple)


class WorkerState:
    """One process's checker, waivers and the fact types the store keeps."""

    def __init__(self, rules: RulesDirs, waivers_path: Optional[str]):
        self.checker = Checker.default(rules or None)
        self.waivers: Optional[LoadedWaivers] = (
            load_waivers(Path(waivers_path), self.checker.catalog) if waivers_path else None)
        self.keep = run_fact_types(self.checker)


_STATE: Optional[WorkerState] = None


def init_worker(rules: RulesDirs, waivers_path: Optional[str]) -> None:
    global _STATE
    _STATE = WorkerState(rules, waivers_path)


def _state() -> WorkerState:
    if _STATE is None:
        raise RuntimeError("check worker used before init_worker")
    return _STATE


def error_record(exc: InputError, lang: str = "zh") -> dict[str, Any]:
    """An unusable upload as the findings document lists it, plus (`error`) the one line `check`
    prints in that language."""
    return {**_error_dict(exc), "error": exc.line(lang)}


def run_check_job(job: CheckJob) -> CheckOutput:
    state = _state()
    checker = state.checker
    results, errors, rows = [], [], []
    for upload in job.uploads:
        started = time.perf_counter()
        try:
            loaded = report_from_bytes(upload.data, Path(upload.name))
            result = check_loaded_report(checker, loaded, job.department, job.plan)
        except InputError as exc:
            errors.append(exc)
            continue
        except EvaluationError as exc:
            errors.append(InputError(upload.name, f"the rules could not be evaluated: {exc}"))
            continue
        results.append(result)
        if job.record_as is not None:
            digest = hashlib.sha256(upload.data).hexdigest()
            rows.append(checked_result(checker, state.keep, result, f"{job.record_as}/{upload.name}", digest,
                                       time.perf_counter() - started))
    if job.record_as is not None:
        rows.extend(ReportResult(f"{job.record_as}/{e.path}", "error", None, "input", e.line()) for e in errors)
    level = Severity(job.fail_level)
    outcome = run_outcome(checker, results, errors, state.waivers, job.today, job.department)
    documents = {}
    for fmt, lang in job.renders:
        rendered: Any = FORMATTERS[fmt](outcome, FormatOptions(lang=lang, color=False, fail_level=level))
        documents[(fmt, lang)] = rendered.encode("utf-8") if isinstance(rendered, str) else bytes(rendered)
    return CheckOutput(documents, tuple(error_record(e, job.renders[0][1] if job.renders else "zh") for e in errors), tuple(rows))


def run_explain_job(rule_id: str, lang: str) -> list[str]:
    """`explain RULE_ID` without the server's paths (KeyError for an unknown rule)."""
    return explain_lines(rule_id, _state().checker, lang, server_paths=False)
