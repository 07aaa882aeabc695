"""Blank reports for departments: exactly the clauses a department answers for, each with a
placeholder task (status `unreported`, 待填报) saying what to report and which evidence is needed.

The template is a valid report (it validates against schemas/report.schema.json and report.xsd)
and checking it unmodified gives a TASK-GAP for every clause it lists.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Optional

from engine.departments import match_department, responsible_for, unknown_department_message
from engine.model.report import (
    AdminLevel, Contact, Department, DepartmentKind, Period, Report, TaskProgress, TaskStatus,
)
from engine.rules.catalog import SUBJECT_CLAUSE, Catalog
from engine.rules.plan_model import Clause, Plan

PLACEHOLDER = "待填写"
_MAX_TEXT = 4000


class TemplateError(ValueError):
    """The department or period cannot be resolved for the plan."""


def resolve_department(
    plan: Plan, name: str, kind: Optional[DepartmentKind] = None, level: Optional[AdminLevel] = None,
) -> Department:
    """The department as a report names it: kind and level from the plan's unit where the plan
    names its responsible units, else as given."""
    unit = match_department(plan, name) if plan.departments else None
    if plan.departments and unit is None:
        raise TemplateError(unknown_department_message(plan, name))
    kind = kind or (unit.kind if unit else None)
    level = level or (unit.level if unit else None)
    if kind is None or level is None:
        missing = " and ".join(w for w, v in (("--kind", kind), ("--level", level)) if v is None)
        raise TemplateError(f"plan {plan.id} does not say what {name!r} is: give {missing}")
    return Department(name=name, kind=kind, level=level)


def department_clauses(plan: Plan, department: Department) -> list[Clause]:
    """The clauses this department must report on, in plan order."""
    unit = match_department(plan, department.name) if plan.departments else None
    return [c for c in plan.clauses if responsible_for(c, department, unit)]


def year_period(year: int) -> Period:
    return Period(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))


def _rules_for_clause(catalog: Optional[Catalog], plan: Plan, clause: Clause, department: Department) -> list[str]:
    if catalog is None:
        return []
    titles = []
    for item in sorted(catalog.rules_for_plan(plan.id), key=lambda r: r.rule.id):
        cited = item.clauses.get(plan.id)
        if cited in (None, SUBJECT_CLAUSE) or cited != clause.id:
            continue
        applies = item.rule.applies_to
        if applies.department_kinds and department.kind not in applies.department_kinds:
            continue
        if applies.levels and department.level not in applies.levels:
            continue
        titles.append(item.rule.remediation.zh)
    return titles


def _narrative(catalog: Optional[Catalog], plan: Plan, clause: Clause, department: Department) -> str:
    parts = [
        f"【待填报】第{clause.id}项“{clause.title}”。原文：{clause.text}",
        "填报时将 status 改为 not_started / in_progress / completed / not_applicable（不适用须在 justification 说明理由），"
        "在 narrative 写明落实情况，在 evidence 列出佐证材料（标题、文号、发文单位、日期或网址）。",
    ]
    if clause.target:
        parts.append(f"目标：{clause.target}")
    needs = _rules_for_clause(catalog, plan, clause, department)
    if needs:
        parts.append("本项核查所需材料：" + "；".join(dict.fromkeys(needs)))
    text = "\n".join(parts)
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1] + "…"


def build_template(
    plan: Plan, department: Department, period: Period, catalog: Optional[Catalog] = None,
) -> Report:
    tasks = [
        TaskProgress(clause=c.id, status=TaskStatus.unreported, narrative=_narrative(catalog, plan, c, department))
        for c in department_clauses(plan, department)
    ]
    return Report(
        plan=plan.id, department=department, period=period, submitted=period.end,
        contact=Contact(name=PLACEHOLDER), tasks=tasks,
    )


def template_json(report: Report) -> str:
    return json.dumps(report.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=2) + "\n"


def same_department(plan: Plan, report_name: str, name: str) -> bool:
    """Is `name` (as given to --department) the department that wrote the report?"""
    from engine.departments import normalise_name

    if normalise_name(report_name) == normalise_name(name):
        return True
    unit = match_department(plan, report_name) if plan.departments else None
    return unit is not None and unit is match_department(plan, name)
