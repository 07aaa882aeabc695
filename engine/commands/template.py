"""`plancheck template`: a blank report listing exactly the clauses a department answers for."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

import click

from .common import build_checker, fail, rules_option, write_stdout
from ..model.report import AdminLevel, DepartmentKind
from ..plans.unknown_plan import unknown_plan
from ..template import (
    TemplateError, build_template, resolve_template_department, template_bytes, year_period,
)


@click.command(name="template")
@click.option("--plan", "plan_id", required=True, help="Plan id, e.g. heilongjiang-2023.")
@click.option("--department", "name", required=True, help="The department's name as it reports it.")
@click.option("--kind", type=click.Choice([k.value for k in DepartmentKind]),
              help="Department kind (needed where the plan does not name its responsible units).")
@click.option("--level", type=click.Choice([lv.value for lv in AdminLevel]),
              help="Administrative level (needed where the plan does not give it).")
@click.option("--period", "year", type=click.IntRange(1990, 2100),
              help="Reporting year (default: the current year).")
@click.option("--format", "output_format", type=click.Choice(["json", "xml", "xlsx"]), default="json", show_default=True,
              help="xlsx: an Excel workbook with drop-down lists and the clause text beside each task.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), help="Write here instead of stdout.")
@click.option("--schema-uri", "schema", metavar="URI",
              help="Where the file says its schema is ($schema in JSON, xsi:schemaLocation in XML), for editors' "
                   "completion and hover help. Default: the schema installed with plancheck, as a file URI.")
@rules_option
def template(plan_id: str, name: str, kind: Optional[str], level: Optional[str], year: Optional[int],
             output_format: str, output: Optional[Path], schema: Optional[str], rules_dir: tuple[Path, ...]) -> None:
    """Write a blank report for one department: every clause it answers for, status
    `unreported` (待填报), with what to report and which evidence each needs. Checking it
    unmodified fails: a gap for every item the department answers for, and the template text
    left in (【待填报】 narratives, 待填写)."""
    catalog = build_checker(rules_dir).catalog
    plan = catalog.plans.get(plan_id)
    if plan is None:
        raise fail(unknown_plan(catalog.plans, plan_id)[0])
    try:
        department = resolve_template_department(plan, name, DepartmentKind(kind) if kind else None,
                                        AdminLevel(level) if level else None)
    except TemplateError as exc:
        raise fail(str(exc)) from None
    period = year_period(year or dt.date.today().year)
    report = build_template(plan, department, period, catalog)
    data = template_bytes(plan, report, output_format, schema)
    if output is None:
        write_stdout(data, output_format == "xlsx")
    else:
        output.write_bytes(data)
