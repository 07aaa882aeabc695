"""`plancheck rules`: list, show and the clause-by-clause coverage of the rule packs."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import click

from ..close_matches import did_you_mean
from .common import build_checker, fail, rules_option
from ..coverage import coverage
from ..describe import describe
from ..plans.unknown_plan import unknown_plan
from ..rules.pack_tests import case_file
from ..output.rules_view import NATIONAL_ONLY
from ..output.counts import plural
from ..rules.catalog import Catalog, LoadedRule

_rules_option = rules_option


def _catalog(rules_dir: tuple[Path, ...], plan: Optional[str]) -> Catalog:
    catalog = build_checker(rules_dir).catalog
    if plan is not None and plan not in catalog.plans:
        raise fail(unknown_plan(catalog.plans, plan)[0])
    return catalog


@click.group(name="rules")
def rules_group() -> None:
    """Inspect the rule packs."""


@rules_group.command(name="coverage")
@click.option("--plan", help="Only this plan.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_rules_option
def coverage_command(plan: Optional[str], output_format: str, rules_dir: tuple[Path, ...]) -> None:
    """Every clause of every plan with its classification and the rules that check it."""
    reports = coverage(_catalog(rules_dir, plan), plan)
    if output_format == "json":
        click.echo(json.dumps([{
            "plan": c.plan.id, "title": c.plan.title, "totals": c.totals(),
            "clauses": [{"id": r.clause.id, "title": r.clause.title, "check": r.clause.check.value,
                         "reason": r.clause.reason, "rules": list(r.rule_ids)} for r in c.rows],
        } for c in reports], ensure_ascii=False, indent=2))
        return
    for cov in reports:
        click.echo(f"{cov.plan.id}  {cov.plan.title}")
        for row in cov.rows:
            detail = ", ".join(row.rule_ids) or (row.clause.reason or "")
            click.echo(f"  {row.clause.id:>8}  {row.clause.check.value:<13}  {row.clause.title}  {detail}")
        totals = cov.totals()
        click.echo(
            f"  totals: {plural(totals['clauses'], 'clause')}, {totals['with_rules']} with rules, "
            f"{totals['evidence_only']} evidence-only, {totals['not_checkable']} not checkable, "
            f"{plural(totals['outputs'], 'named output')} checked\n"
        )


@rules_group.command(name="list")
@click.option("--plan", help="Only rules that apply to this plan.")
@_rules_option
def list_command(plan: Optional[str], rules_dir: tuple[Path, ...]) -> None:
    """One line per rule: id, severity, category, clause(s), title."""
    catalog = _catalog(rules_dir, plan)
    for rule_id, item in sorted(catalog.rules.items()):
        if plan is not None and plan not in item.clauses:
            continue
        clauses = ", ".join(f"{p}:{c or '-'}" for p, c in sorted(item.clauses.items())) or "-"
        rule = item.rule
        click.echo(f"{rule_id:<36} {rule.severity.value:<8} {rule.category.value:<17} {clauses:<28} {rule.title.zh}")


def show_lines(item: LoadedRule, catalog: Catalog, lang: str) -> list[str]:
    rule = item.rule
    lines = [f"{rule.id}  {rule.title.zh}" + (f" / {rule.title.en}" if rule.title.en else ""),
             f"  file: {item.path}", f"  severity: {rule.severity.value}   category: {rule.category.value}"]
    for plan_id, clause_id in sorted(item.clauses.items()):
        plan = catalog.plans[plan_id]
        clause = plan.clause(clause_id) if clause_id is not None else None
        if clause_id is None:
            text = f"（{NATIONAL_ONLY}）"
        else:
            text = f"{clause.id} {clause.title}：{clause.text}" if clause else "（按报告任务所对应的条款）"
        lines.append(f"  clause ({plan_id}): {text}")
    for basis in rule.legal_basis:
        quote = f"：“{basis.quote}”" if basis.quote else ""
        lines.append(f"  legal basis [{basis.certainty.value}]: {basis.citation}{quote}")
        if basis.analogy:
            lines.append(f"    by analogy: {basis.analogy}")
    if rule.rationale:
        lines.append(f"  why this severity: {rule.rationale.zh}")
    lines.append("  condition:")
    lines.extend(f"    {line}" for line in describe(rule, lang))
    lines.append(f"  message: {rule.message.zh}")
    lines.append(f"  remediation: {rule.remediation.zh}")
    return lines


@rules_group.command(name="show")
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@_rules_option
def show_command(rule_id: str, lang: str, rules_dir: tuple[Path, ...]) -> None:
    """A rule: its clause text, legal basis, condition in plain words and its pass/fail cases."""
    catalog = _catalog(rules_dir, None)
    item = catalog.rules.get(rule_id)
    if item is None:
        raise fail(f"unknown rule {rule_id!r}{did_you_mean(rule_id, list(catalog.rules))[1]}")
    for line in show_lines(item, catalog, lang):
        click.echo(line)
    cases = case_file(catalog, rule_id)
    if cases is not None and cases.is_file():
        click.echo(f"  cases ({cases}):")
        import yaml

        spec = yaml.safe_load(cases.read_text(encoding="utf-8")) or {}
        for name, case in (spec.get("cases") or {}).items():
            click.echo(f"    {name}: {case.get('expect')}  {case.get('description', '')}".rstrip())
    else:
        click.echo(f"  cases: none ({cases} does not exist)")


def _authoring_commands() -> None:
    """`rules test`, `rules lint` and `rules new` live in their own modules (packs treated as code)."""
    from .rules_authoring import lint_command, test_command
    from .rules_new import new_command

    for command in (test_command, lint_command, new_command):
        rules_group.add_command(command)


_authoring_commands()
