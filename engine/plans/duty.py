"""Which clauses a department answers for in one report, on what basis, and whether each is due.

A department is held to a clause only on a basis that can be cited:
  * `named`: the plan names the unit among the clause's 责任单位 (Ruichang's lists, Tianjin (七));
  * `declared`: the report itself says the department leads or takes part in it (`role`);
  * `own`: the pack's `own_items` record that the plan's words make the clause plainly the
    department's (Heilongjiang 78's white paper is the provincial IP office's), each with a reason.
Everything else the pack assigns by kind is `suggested`: a hint for templates and to-do lists,
never a finding in an ordinary check.

A clause is due in a report when its schedule falls in the reporting period: continuing work in
every period the plan runs; an annual item in the report covering the year end; a dated phase
whose window overlaps the period; a `once` item in the period that holds its date. Nothing is
demanded before it is due, and a past phase is not demanded again in a later period's report.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Optional

from ..model.report import Period, Report, TaskProgress
from .identity import ResolvedDepartment
from ..rules.plan_model import Cadence, Clause, OwnItem, Plan


class Basis(str, Enum):
    named = "named"
    declared = "declared"
    own = "own"
    suggested = "suggested"


HELD = (Basis.named, Basis.declared, Basis.own)

_HALF_YEAR_ENDS = {(6, 30), (12, 31)}
_QUARTER_ENDS = {(3, 31), (6, 30), (9, 30), (12, 31)}
_ROLE_ZH = {"lead": "牵头", "participant": "参与"}
_ROLE_EN = {"lead": "leads", "participant": "takes part in"}


@dataclass(frozen=True)
class ClauseDuty:
    clause: Clause
    basis: Basis
    why_zh: str  # the basis in words, cited by TASK-GAP
    why_en: str
    due: bool  # due in this report's period
    ends_in_period: bool  # a dated item (`once`, `window`) whose date or window end lies in the period

    @property
    def held(self) -> bool:
        return self.basis in HELD


def _own_item(plan: Plan, clause: Clause, department: ResolvedDepartment) -> Optional[OwnItem]:
    for item in plan.own_items:
        if item.clause != clause.id or not department.has_kind(item.kinds):
            continue
        if not item.levels or department.level in item.levels:
            return item
    return None


def _suggested(clause: Clause, department: ResolvedDepartment) -> bool:
    if not department.has_kind(clause.suggested_kinds):
        return False
    return not clause.suggested_levels or department.level in clause.suggested_levels


def _basis(plan: Plan, clause: Clause, department: ResolvedDepartment,
           task: Optional[TaskProgress]) -> Optional[tuple[Basis, str, str]]:
    unit = department.unit
    if unit is not None and unit.id in clause.responsible:
        lead = "（牵头单位）" if clause.lead == unit.id else ""
        return (Basis.named, f"方案第{clause.id}项列明本部门（{unit.name}）{lead}",
                f"the plan names this department ({unit.name}) among the units responsible for {clause.id}")
    if task is not None and task.role is not None:
        role = task.role.value
        return (Basis.declared, f"本部门在报告中声明{_ROLE_ZH[role]}第{clause.id}项",
                f"the report declares that the department {_ROLE_EN[role]} clause {clause.id}")
    own = _own_item(plan, clause, department)
    if own is not None:
        return (Basis.own, f"按方案原文，第{clause.id}项属本部门职责：{own.reason}",
                f"by the plan's words, clause {clause.id} is this department's own: {own.reason}")
    if _suggested(clause, department):
        return (Basis.suggested, f"方案未列明第{clause.id}项的责任单位，按部门职能建议本部门报告（不是义务）",
                f"the pack suggests departments of this kind report clause {clause.id} (the plan names no unit)")
    return None


def _overlaps(start: dt.date, end: dt.date, period: Period) -> bool:
    return start <= period.end and end >= period.start


def _in_period(day: dt.date, period: Period) -> bool:
    return period.start <= day <= period.end


def due_in(clause: Clause, plan: Plan, period: Period) -> tuple[bool, bool]:
    """(due, ends_in_period) of a clause for a report covering `period`."""
    if not _overlaps(plan.period.start, plan.period.end, period):
        return False, False
    schedule = clause.schedule
    cadence = schedule.cadence
    if cadence is Cadence.once:
        due = _in_period(schedule.by, period)  # type: ignore[arg-type]
        return due, due
    if cadence is Cadence.window:
        return _overlaps(schedule.start, schedule.end, period), _in_period(schedule.end, period)  # type: ignore[arg-type]
    end = (period.end.month, period.end.day)
    if schedule.years and period.end.year not in schedule.years:
        return False, False
    if cadence is Cadence.annual:
        return end == (12, 31), False
    if cadence is Cadence.half_yearly:
        return end in _HALF_YEAR_ENDS, False
    if cadence is Cadence.quarterly:
        return end in _QUARTER_ENDS, False
    return True, False


def duties_key(plan: Plan, department: ResolvedDepartment, report: Report) -> tuple:
    """Everything clause_duties reads, as a key: the plan, the department's unit in it, kinds and
    level, the roles its tasks declare, and the period. Reports that share it share their duties
    (a batch's departments of one kind and level for one period), so the checker computes them once."""
    roles = {task.clause: task.role for task in report.tasks}  # the last task of a clause, as clause_duties reads them
    return (plan.id, department.unit.id if department.unit is not None else None, department.kinds,
            department.level, tuple((clause, role) for clause, role in roles.items() if role is not None),
            report.period.start, report.period.end)


def clause_duties(plan: Plan, department: ResolvedDepartment, report: Report) -> list[ClauseDuty]:
    """Every reportable clause the department answers for or is suggested, in plan order."""
    tasks = {task.clause: task for task in report.tasks}
    duties = []
    for clause in plan.clauses:
        if not clause.reportable:
            continue
        basis = _basis(plan, clause, department, tasks.get(clause.id))
        if basis is None:
            continue
        due, ends = due_in(clause, plan, report.period)
        duties.append(ClauseDuty(clause, basis[0], basis[1], basis[2], due, ends))
    return duties
