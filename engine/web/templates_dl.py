"""Blank report templates for download, built exactly as `plancheck template` builds them
(engine.template), written as JSON, XML or XLSX."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from ..model.report import AdminLevel, DepartmentKind
from ..rules.catalog import Catalog
from ..template import TemplateError, build_template, resolve_template_department, template_bytes, year_period

MEDIA = {
    "json": "application/json",
    "xml": "application/xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def template_formats() -> list[str]:
    return ["json", "xml", "xlsx"]


@dataclass(frozen=True)
class TemplateFile:
    data: bytes
    media_type: str
    filename: str


def schema_url(base_url: str, fmt: str) -> str:
    """Where a downloaded template says its schema is: this server's copy (SCHEMA_ROUTES), which
    the clerk's editor can fetch; the file path `plancheck template` writes by default names the
    server's disk, which is neither reachable nor anyone's business from the clerk's machine."""
    return f"{base_url.rstrip('/')}/api/v1/schemas/{'report.xsd' if fmt == 'xml' else 'report.schema.json'}"


def build_template_file(catalog: Catalog, plan_id: str, name: str, kind: Optional[str], level: Optional[str],
                        year: Optional[int], fmt: str, schema: Optional[str] = None) -> TemplateFile:
    """TemplateError (a message for the user) for an unknown plan, department, kind, level or format.
    `schema`: the address the JSON ($schema) or XML (xsi:schemaLocation) template names."""
    plan = catalog.plans.get(plan_id)
    if plan is None:
        raise TemplateError(f"unknown plan {plan_id!r} (known: {', '.join(sorted(catalog.plans))})")
    if fmt not in template_formats():
        raise TemplateError(f"unknown template format {fmt!r} (known: {', '.join(template_formats())})")
    try:
        kind_value = DepartmentKind(kind) if kind else None
        level_value = AdminLevel(level) if level else None
    except ValueError as exc:
        raise TemplateError(str(exc)) from None
    if not name.strip():
        raise TemplateError("the department's name is missing")
    department = resolve_template_department(plan, name.strip(), kind_value, level_value)
    period = year_period(year or dt.date.today().year)
    report = build_template(plan, department, period, catalog)
    return TemplateFile(template_bytes(plan, report, fmt, schema), MEDIA[fmt],
                        f"{plan.id}-{period.start.year}-template.{fmt}")
