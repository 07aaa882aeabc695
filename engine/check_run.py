"""One check run, the part `plancheck check` and `plancheck serve` share: check each report (a
department's self-check when asked), apply the waivers, and say which findings fail the run.

The CLI feeds it files and the web application uploads held in memory; both get the same
findings, the same one-line errors and the same documents from the formatters.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional, Sequence

from .checker import CheckResult, Checker
from .fact_builder import CST
from .io.read import LoadedReport
from .io.source import InputError
from .output.base import RunOutcome
from .output.summary import at_or_above
from .rules.model import Severity
from .waivers import LoadedWaivers, WaiverOutcome, apply_waivers


def self_check(result: CheckResult, name: str, checker: Checker) -> CheckResult:
    """Only the findings on clauses this department answers for, is suggested to report or
    reported itself (and those citing no clause)."""
    from .template import same_department  # the template modules are loaded only for --department

    report = result.loaded.report
    plan = checker.catalog.plans[report.plan]
    if not same_department(plan, (report.department.name, *report.department.aliases), name):
        raise InputError(result.path, f"the report is from {report.department.name!r}, not {name!r}",
                         result.loaded.source.locate("/department/name"),
                         f"该报告的填报部门是“{report.department.name}”，不是“{name}”：自查只能查本部门的报告")
    mine = {duty.clause.id for duty in result.duties} | {task.clause for task in report.tasks}
    kept = tuple(f for f in result.findings if f.citation is None or f.citation.clause in mine)
    return CheckResult(result.loaded, kept, result.department, result.duties, result.facts)


def check_loaded_report(checker: Checker, loaded: LoadedReport, department: Optional[str] = None,
                        plan: Optional[str] = None) -> CheckResult:
    """Check one read report. `department`: a self-check by that department (`--department`);
    `plan`: the plan the user chose for it (the web form), refused when the report names another."""
    if plan is not None and loaded.report.plan != plan:
        raise InputError(loaded.path, f"the report is for plan {loaded.report.plan!r}, not {plan!r}",
                         loaded.source.locate("/plan"),
                         f"该报告对应的方案是“{loaded.report.plan}”，不是所选的“{plan}”")
    result = checker.check_loaded(loaded, self_check=department is not None)
    return self_check(result, department, checker) if department else result


def today_in_china(value: Optional[dt.date] = None) -> dt.date:
    return value or dt.datetime.now(CST).date()


def run_outcome(checker: Checker, results: Sequence[CheckResult], errors: Sequence[InputError],
                waivers: Optional[LoadedWaivers] = None, today: Optional[dt.date] = None,
                department: Optional[str] = None) -> RunOutcome:
    """What every formatter renders: the results with the waivers applied."""
    applied = WaiverOutcome.empty()
    if waivers is not None:
        applied = apply_waivers(list(results), waivers.waivers, today_in_china(today), checker.catalog, waivers)
    return RunOutcome(tuple(results), tuple(errors), applied, checker.catalog, department)


def failing_findings(outcome: RunOutcome, level: Severity) -> int:
    """Unwaived findings at or above the fail level, over every report of the run."""
    return sum(at_or_above(outcome.active(r), level) for r in outcome.results)
