"""`plancheck plans`: the plans the bundled (or given) rule packs cover, with their full names,
years, clause counts and the units each names."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import click

from .common import build_checker, rules_option
from .settings import configured
from ..output.counts import plural
from ..plans.summary import PlanSummary, summaries

UNITS_SHOWN = 8  # a plan naming 18 units lists the first few; --format json has them all


def _units(s: PlanSummary, lang: str) -> str:
    units = s.named_units
    if not units:
        return ("计划未列明责任单位：按部门类型判断谁报告哪项（建议，不是义务）" if lang == "zh"
                else "the plan names no units: who reports what is suggested by kind of department (not a duty)")
    shown = "、".join(units[:UNITS_SHOWN]) if lang == "zh" else ", ".join(units[:UNITS_SHOWN])
    more = len(units) - UNITS_SHOWN
    if lang == "zh":
        closed = "；名单之外的单位不予受理" if s.plan.departments_closed else ""
        return f"计划列明责任单位 {len(units)} 个：{shown}" + (f" 等（另 {more} 个）" if more > 0 else "") + closed
    closed = "; units outside its list are refused" if s.plan.departments_closed else ""
    return (f"the plan names {plural(len(units), 'unit')}: {shown}" + (f" and {more} more" if more > 0 else "")
            + closed)


def _lines(s: PlanSummary, lang: str) -> list[str]:
    plan, t = s.plan, s.totals
    if lang == "zh":
        lines = [
            f"{plan.id}  {plan.title}",
            f"  发文：{plan.issuer}，{plan.date.isoformat()}；实施年度 {s.years}",
            f"  条款 {t['clauses']} 项：规则核查 {t['with_rules']}，只核佐证 {t['evidence_only']}，"
            f"无法核查 {t['not_checkable']}；适用规则 {s.rules} 条",
            f"  {_units(s, lang)}",
        ]
        if s.own_items:
            lines.append(f"  按计划文字明确归属某类部门的条款：{'、'.join(s.own_items)}")
        return lines
    lines = [
        f"{plan.id}  {plan.title}",
        f"  issued by {plan.issuer} on {plan.date.isoformat()}; years {s.years}",
        f"  {plural(t['clauses'], 'clause')}: {t['with_rules']} checked by rules, {t['evidence_only']} by evidence "
        f"only, {t['not_checkable']} not checkable; {plural(s.rules, 'rule')} apply",
        f"  {_units(s, lang)}",
    ]
    if s.own_items:
        lines.append(f"  clauses the plan's words make one kind of department's own: {', '.join(s.own_items)}")
    return lines


@click.command(name="plans")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language (default: the configuration file's, else Chinese).")
@rules_option
@click.pass_context
def plans(ctx: click.Context, output_format: str, lang: str, rules_dir: tuple[Path, ...]) -> None:
    """The plans reports can be checked against: full name, issuer, years, clause counts and
    the units each plan names."""
    from ..output import FORMATTERS

    values = configured(ctx, {"lang": "lang", "rules": "rules_dir"}, tuple(FORMATTERS))
    lang = values["lang"]
    found = summaries(build_checker(values["rules_dir"]).catalog)
    if output_format == "json":
        click.echo(json.dumps([s.to_json() for s in found], ensure_ascii=False, indent=2))
        return
    click.echo("\n\n".join("\n".join(_lines(s, lang)) for s in found))
