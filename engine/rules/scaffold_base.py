"""A compliant base report for a pack's cases, when the pack has none for the unit a new rule is
about (`plancheck rules new`): the unit's template (engine/template.py) with every clause it
answers for reported completed, each with one evidence item dated on a working day of the year
(on or before the clause's date, where it has one) whose title names the clause's outputs.

Cases patch the problem they test into a copy of it; its figures and texts are the author's to
make real (a 文号, the evidence's true titles) before the pack is shared.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..model.report import Contact, Evidence, EvidenceKind, TaskStatus
from ..plans.identity import ResolvedDepartment
from .plan_model import Cadence, Clause, Plan, PlanDepartment
from ..template import build_template, resolve_template_department, year_period
from ..workdays import is_workday

MID_YEAR = (6, 28)
SUBMITTED_FROM = (1, 10)  # reports for a year are sent in the first weeks of the next


def working_day_on_or_before(day: dt.date) -> dt.date:
    while not is_workday(day):
        day -= dt.timedelta(days=1)
    return day


def working_day_on_or_after(day: dt.date) -> dt.date:
    while not is_workday(day):
        day += dt.timedelta(days=1)
    return day


def evidence_day(clause: Clause, year: int) -> dt.date:
    """A working day of `year` on which the clause's work is plainly in time."""
    schedule = clause.schedule
    dated = schedule.by if schedule.cadence is Cadence.once else schedule.end if schedule.cadence is Cadence.window else None
    if dated is not None and dated.year == year:
        return working_day_on_or_before(min(dated, dt.date(year, *MID_YEAR)))
    return working_day_on_or_before(dt.date(year, *MID_YEAR))


# the short form of a unit's kind in its 文号 (湖市监〔2024〕7号)
DOC_PREFIX = {"market_regulation": "市监", "ip_office": "知", "copyright": "版", "culture_tourism": "文旅",
              "public_security": "公", "court": "法", "procuratorate": "检", "agriculture": "农", "forestry": "林",
              "customs": "关", "justice": "司", "commerce": "商", "cyberspace": "网信", "industry_it": "工信",
              "financial_regulation": "金", "education": "教体", "other": "办"}


def doc_number(unit: PlanDepartment, year: int, serial: int) -> str:
    return f"{unit.name[0]}{DOC_PREFIX[unit.kind.value]}〔{year}〕{serial}号"


def _evidence(clause: Clause, unit: PlanDepartment, year: int, serial: int) -> Evidence:
    named = "、".join(output.keywords[0] for output in clause.outputs)
    title = f"关于落实第{clause.id}项（{clause.title[:24].rstrip('…')}）的工作情况" + (f"：{named}" if named else "")
    return Evidence(kind=EvidenceKind.document, title=title[:120], doc_number=doc_number(unit, year, serial),
                    issuer=unit.name, date=evidence_day(clause, year))


def resolved_unit(plan: Plan, unit: PlanDepartment) -> ResolvedDepartment:
    return resolve_template_department(plan, unit.name, None, None)


def make_base(plan: Plan, unit: PlanDepartment, year: int) -> dict[str, Any]:
    """The base report's JSON data for `unit` over calendar `year`."""
    department = resolved_unit(plan, unit)
    report = build_template(plan, department, year_period(year))
    clauses = {clause.id: clause for clause in plan.clauses}
    tasks = [task.model_copy(update={
        "status": TaskStatus.completed,
        "narrative": f"已按第{task.clause}项要求完成本年度工作。",
        "evidence": [_evidence(clauses[task.clause], unit, year, serial)],
    }) for serial, task in enumerate(report.tasks, 3)]
    submitted = working_day_on_or_after(dt.date(year + 1, *SUBMITTED_FROM))
    filled = report.model_copy(update={"tasks": tasks, "submitted": submitted,
                                       "contact": Contact(name="刘建平", phone="0792-6322145")})
    return json.loads(filled.model_dump_json(exclude_none=True, exclude_defaults=False))
