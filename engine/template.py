"""Blank reports for departments: the clauses due in the period that a department answers for
(named, own) or that the pack suggests it report, each with a placeholder task (status
`unreported`, 待填报) saying why it is listed, what to report and which evidence is needed.

The template is a valid report (it validates against schemas/report.schema.json and report.xsd,
which it names for editors' help); checking it unmodified gives a TASK-GAP for every clause the
department answers for (in a self-check a note for every suggested one), and its template text
(engine.template_markers), left in, is a finding of its own: an unfilled template never passes.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Optional, Sequence

from .departments import match_department
from .io.read import SCHEMA_KEY
from .model.report import (
    AdminLevel, Contact, Department, DepartmentKind, Period, Report, TaskProgress, TaskStatus,
)
from .plans.duty import ClauseDuty, clause_duties
from .plans.identity import ResolvedDepartment, UnresolvedDepartment, resolve_department
from .plans.clause_guide import clause_guide
from .resources import schemas_dir
from .rules.catalog import Catalog
from .rules.plan_model import Plan
from .template_markers import PLACEHOLDER, UNFILLED

_MAX_TEXT = 4000


class TemplateError(ValueError):
    """The department or period cannot be resolved for the plan."""


def resolve_template_department(
    plan: Plan, name: str, kind: Optional[DepartmentKind] = None, level: Optional[AdminLevel] = None,
) -> ResolvedDepartment:
    """The department a template is for: as the plan's table knows it, else as given, else as its
    name shows (engine.plans.identity)."""
    try:
        return resolve_department(plan, Department(name=name, kind=kind, level=level), level_field="--level")
    except UnresolvedDepartment as exc:
        raise TemplateError(str(exc)) from None


def department_clauses(plan: Plan, department: ResolvedDepartment, period: Period) -> list[ClauseDuty]:
    """The clauses due in `period` that the department answers for or is suggested to report,
    in plan order."""
    blank = Report(plan=plan.id, department=Department(name=department.name), period=period,
                   submitted=period.end, contact=Contact(name=PLACEHOLDER))
    return [duty for duty in clause_duties(plan, department, blank) if duty.due]


def year_period(year: int) -> Period:
    return Period(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))


def _narrative(catalog: Optional[Catalog], plan: Plan, duty: ClauseDuty, department: ResolvedDepartment) -> str:
    clause = duty.clause
    guide = clause_guide(catalog, plan, clause, department)
    parts = [
        f"{UNFILLED}第{clause.id}项“{clause.title}”。原文：{clause.text}",
        f"本项列入的依据：{duty.why_zh}。" + ("" if duty.held else
        "如本部门牵头或参与本项，填报时将 role 设为 lead / participant；不涉及的可删除本项。"),
        "填报时将 status 改为 not_started / in_progress / completed / not_applicable"
        "（不适用须在 justification 写明具体理由，“无”“不适用”“/”不算理由），并删去本说明。",
        "要报告：",
        *(f"- {line}" for line in guide.report),
        "所需佐证：",
        *(f"- {line}" for line in guide.evidence),
    ]
    if guide.rules:
        parts.append("核查规则（plancheck explain 规则编号 可查看说明）：" + "、".join(guide.rules))
    text = "\n".join(parts)
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1] + "…"


def build_template(
    plan: Plan, department: ResolvedDepartment, period: Period, catalog: Optional[Catalog] = None,
) -> Report:
    tasks = [
        TaskProgress(clause=d.clause.id, status=TaskStatus.unreported,
                     narrative=_narrative(catalog, plan, d, department))
        for d in department_clauses(plan, department, period)
    ]
    written = Department(name=department.name, kind=department.kind, kinds=list(department.kinds[1:]),
                         level=department.level, aliases=list(department.aliases))
    return Report(
        plan=plan.id, department=written, period=period, submitted=period.end,
        contact=Contact(name=PLACEHOLDER), tasks=tasks,
    )


def schema_uri(output_format: str) -> str:
    """Where the template says its schema is: the schema installed with plancheck, as a file URI.

    An editor (VS Code, any JSON-Schema-aware one; XML editors for the XSD) opens it where
    plancheck is installed, which is where a department fills in and self-checks its report. A
    relative path would hold only while the report stays beside the schema, and the schemas have no
    published web address (their $id is a URN, which no editor fetches); `plancheck template
    --schema-uri` writes another (an intranet copy) for templates sent elsewhere."""
    name = "report.xsd" if output_format == "xml" else "report.schema.json"
    return (schemas_dir() / name).resolve().as_uri()


def template_bytes(plan: Plan, report: Report, fmt: str, schema: Optional[str] = None) -> bytes:
    """The blank report written as `fmt` (json | xml | xlsx), as `plancheck template` and the web
    page's download give it; JSON and XML name `schema` (default: the installed one, schema_uri).
    The XML and Excel writers are imported here, not with this module: `check` imports it too."""
    if fmt == "xlsx":
        from .io.xlsx_template import template_xlsx  # openpyxl is only loaded for Excel

        return template_xlsx(plan, report)
    schema = schema or schema_uri(fmt)
    if fmt == "xml":
        from .io.xml_write import write_xml  # lxml is only loaded for XML

        return write_xml(report, schema)
    return template_json(report, schema).encode("utf-8")


def template_json(report: Report, schema: Optional[str] = None) -> str:
    """The template in its JSON form, `$schema` first where given (engine.io.read drops it)."""
    data = report.model_dump(mode="json", exclude_none=True)
    if schema is not None:
        data = {SCHEMA_KEY: schema, **data}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def same_department(plan: Plan, report_names: Sequence[str], name: str) -> bool:
    """Is `name` (as given to --department) the department that wrote the report? `report_names`:
    the report's name and its aliases (the other plates it carries: 市场监督管理局 / 知识产权局)."""
    from .departments import normalise_name

    given = normalise_name(name)
    if any(normalise_name(written) == given for written in report_names):
        return True
    if not plan.departments:
        return False
    unit = match_department(plan, name)
    return unit is not None and any(match_department(plan, written) is unit for written in report_names)
