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
from engine.resources import cases_dir
from engine.rules.cases import CaseError, RuleCase, load_case_file

_HEAD = {
    "zh": {"purpose": "用途", "examples": "示例", "pass": "通过的示例", "fail": "不通过的示例",
           "patch": "在基准报告 {base} 上", "finding": "得出", "no_cases": "（本规则没有示例文件：{path}）"},
    "en": {"purpose": "purpose", "examples": "examples", "pass": "passing example", "fail": "failing example",
           "patch": "on base report {base}", "finding": "gives", "no_cases": "(no example file for this rule: {path})"},
}


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


def explain_lines(rule_id: str, checker: Checker, lang: str, server_paths: bool = True) -> list[str]:
    """`explain` as lines (the command prints them, `plancheck serve` shows them); KeyError for an
    unknown rule, CaseError for a broken case file. `server_paths=False` leaves out where the
    rule and case files are on disk (a web page must not show the server's file system)."""
    catalog = checker.catalog
    item = catalog.rules[rule_id]
    rule = item.rule
    head = _HEAD[lang]
    purpose = rule.title.en if lang == "en" and rule.title.en else rule.title.zh
    shown = show_lines(item, catalog, lang)
    lines = [f"{head['purpose']}: {purpose}", *(shown if server_paths else [s for s in shown if not s.startswith("  file: ")])]
    path = cases_dir() / f"{rule_id}.yaml"
    lines.append(f"  {head['examples']}:")
    if not path.is_file():
        lines.append(f"    {head['no_cases'].format(path=path if server_paths else path.name)}")
        return lines
    cases = load_case_file(path, catalog.rules)
    for expect in ("pass", "fail"):
        chosen = next((c for c in cases if c.expect == expect and c.xfail is None), None)
        if chosen is not None:
            lines.extend(f"  {line}" for line in _example(chosen, checker, lang))
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
    if rule_id not in checker.catalog.rules:
        raise fail(f"unknown rule {rule_id!r}")
    try:
        lines = explain_lines(rule_id, checker, lang)
    except CaseError as exc:
        raise fail(str(exc)) from None
    for line in lines:
        click.echo(line)
