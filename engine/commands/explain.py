"""`plancheck explain RULE_ID`: what a rule is for, where it comes from, when it fires, how to
fix it, and one passing and one failing example (from the rule's case file when present)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import click

from engine.commands.common import build_checker, fail
from engine.commands.rules import show_lines
from engine.checker import Checker
from engine.close_matches import did_you_mean
from engine.rules.catalog import Catalog, LoadedRule
from engine.resources import cases_dir
from engine.rules.cases import CaseError, RuleCase, load_case_file

_HEAD = {
    "zh": {"purpose": "用途", "examples": "示例", "pass": "通过的示例", "fail": "不通过的示例",
           "patch": "在基准报告 {base} 上", "finding": "得出", "no_cases": "（本规则没有示例文件：{path}）"},
    "en": {"purpose": "purpose", "examples": "examples", "pass": "passing example", "fail": "failing example",
           "patch": "on base report {base}", "finding": "gives", "no_cases": "(no example file for this rule: {path})"},
}


def find_rule(catalog: Catalog, rule_id: str) -> LoadedRule:
    """The rule named `rule_id`, in any case (`hlj-67-training-target`); exit 2 with the close
    ids otherwise."""
    item = catalog.rules.get(rule_id) or next(
        (i for rid, i in catalog.rules.items() if rid.casefold() == rule_id.strip().casefold()), None)
    if item is None:
        raise fail(f"unknown rule {rule_id!r}{did_you_mean(rule_id, catalog.rules)}"
                   " (plancheck rules list shows every rule)")
    return item


def _patch_lines(case: RuleCase) -> list[str]:
    import yaml

    spec = yaml.safe_load(case.path.read_text(encoding="utf-8"))
    raw = spec["cases"][case.name]
    base = raw.get("base") or spec["base"]
    lines = [f"base: {base}"]
    for op in raw.get("patch") or []:
        value = "" if "value" not in op else " " + json.dumps(op["value"], ensure_ascii=False, default=str)
        lines.append(f"{op['op']} {op['path']}{value}")
    return lines


def _example(case: RuleCase, checker: Checker, lang: str) -> list[str]:
    head = _HEAD[lang]
    lines = [f"  {head[case.expect]}: {case.name}" + (f" — {case.description}" if case.description else "")]
    lines.extend(f"      {line}" for line in _patch_lines(case))
    if case.expect == "fail":
        result = checker.check_loaded(case.loaded)
        for f in result.findings:
            if f.rule_id == case.rule_id:
                lines.append(f"      {head['finding']}: [{f.severity.value}] {f.location.describe()}  {f.message(lang)}")
                break
    return lines


@click.command(name="explain")
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Rules directory (default: the bundled rules).")
def explain(rule_id: str, lang: str, rules_dir: Optional[Path]) -> None:
    """A rule in plain words: purpose, clause text, legal basis, condition, remediation,
    and one passing and one failing example."""
    checker = build_checker(rules_dir)
    catalog = checker.catalog
    item = find_rule(catalog, rule_id)
    rule = item.rule
    rule_id = rule.id
    head = _HEAD[lang]
    purpose = rule.title.en if lang == "en" and rule.title.en else rule.title.zh
    click.echo(f"{head['purpose']}: {purpose}")
    for line in show_lines(item, catalog, lang):
        click.echo(line)
    path = cases_dir() / f"{rule_id}.yaml"
    click.echo(f"  {head['examples']}:")
    if not path.is_file():
        click.echo(f"    {head['no_cases'].format(path=path)}")
        return
    try:
        cases = load_case_file(path, catalog.rules)
    except CaseError as exc:
        raise fail(str(exc)) from None
    for expect in ("pass", "fail"):
        chosen = next((c for c in cases if c.expect == expect and c.xfail is None), None)
        if chosen is not None:
            for line in _example(chosen, checker, lang):
                click.echo(f"  {line}")
