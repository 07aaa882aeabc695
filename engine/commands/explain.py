"""`plancheck explain RULE_ID`: what a rule is for, where it comes from, when it fires, how to
fix it, and one passing and one failing example (from the rule's case file when present)."""
from __future__ import annotations

import json
import re
from pathlib import Path


import click

from .common import build_checker, fail, rules_option
from .settings import configured
from ..describe import describe
from ..describe_words import field_words
from ..labels import CATEGORY, SEVERITY, WORDS
from ..checker import Checker
from ..close_matches import did_you_mean
from ..rules.catalog import Catalog, LoadedRule
from ..rules.cases import CaseError, RuleCase, load_case_file
from ..rules.pack_tests import base_dirs, case_file

_HEAD = {
    "zh": {"purpose": "用途", "examples": "示例", "pass": "通过的示例", "fail": "不通过的示例",
           "patch": "在基准报告 {base} 上", "finding": "得出", "no_cases": "（本规则没有示例文件：{path}）",
           "severity": "严重程度", "category": "类别", "clause": "计划条款", "basis": "法律依据",
           "analogy": "类推适用", "why": "定为此严重程度的理由", "when": "何时提示（以下各项同时成立）",
           "message": "提示内容", "fix": "整改", "file": "规则文件", "national": "不对应计划条款，依国家规定检查",
           "by_task": "按报告任务所对应的条款"},
    "en": {"purpose": "purpose", "examples": "examples", "pass": "passing example", "fail": "failing example",
           "patch": "on base report {base}", "finding": "gives", "no_cases": "(no example file for this rule: {path})",
           "severity": "severity", "category": "category", "clause": "plan clause", "basis": "legal basis",
           "analogy": "applied by analogy", "why": "why this severity", "when": "found when all of these hold",
           "message": "message", "fix": "remediation", "file": "rule file",
           "national": "no plan clause: checked on its national basis", "by_task": "the clause of the report's task"},
}
_SEP = {"zh": "：", "en": ": "}
_CERTAINTY = {
    "zh": {"confirmed": "已核对原文", "secondary": "仅见于二手资料", "unconfirmed": "未经核实"},
    "en": {"confirmed": "confirmed in the text", "secondary": "secondary source only", "unconfirmed": "unconfirmed"},
}
_PLACEHOLDER = re.compile(r"\{(\w+)\.(\w+)\}")


def _in_words(template: str, lang: str) -> str:
    """A message template with its placeholders in words: `{metric.value}` -> 〈数值〉."""
    return _PLACEHOLDER.sub(lambda m: f"〈{field_words(m.group(2), lang)}〉", template)


def rule_lines(item: LoadedRule, catalog: Catalog, lang: str) -> list[str]:
    """What a clerk needs to know of a rule, in the clerk's language and words."""
    rule, head, sep, en = item.rule, _HEAD[lang], _SEP[lang], lang == "en"
    title = rule.title.en if en and rule.title.en else rule.title.zh
    lines = [f"{head['purpose']}{sep}{title}", f"{rule.id}  {rule.title.zh}" + (f" / {rule.title.en}" if rule.title.en else ""),
             f"  {head['severity']}{sep}{SEVERITY[lang][rule.severity.value]}    "
             f"{head['category']}{sep}{CATEGORY[lang][rule.category.value]}"]
    for plan_id, clause_id in sorted(item.clauses.items()):
        clause = catalog.plans[plan_id].clause(clause_id) if clause_id is not None else None
        if clause_id is None:
            text = head["national"]
        elif clause is None:
            text = head["by_task"]
        else:
            text = f"{WORDS[lang]['clause'].format(clause=clause.id)} {clause.title}：{clause.text}"
        lines.append(f"  {head['clause']}（{plan_id}）{sep}{text}" if not en else f"  {head['clause']} ({plan_id}){sep}{text}")
    for basis in rule.legal_basis:
        quote = f"：“{basis.quote}”" if basis.quote else ""
        certainty = _CERTAINTY[lang][basis.certainty.value]
        lines.append(f"  {head['basis']}（{certainty}）{sep}{basis.citation}{quote}" if not en
                     else f"  {head['basis']} ({certainty}){sep}{basis.citation}{quote}")
        if basis.analogy:
            lines.append(f"    {head['analogy']}{sep}{basis.analogy}")
    if rule.rationale:
        lines.append(f"  {head['why']}{sep}{rule.rationale.en if en and rule.rationale.en else rule.rationale.zh}")
    lines.append(f"  {head['when']}{sep.strip()}")
    lines.extend(f"    {line}" for line in describe(rule, lang))
    message = rule.message.en if en and rule.message.en else rule.message.zh
    remediation = rule.remediation.en if en and rule.remediation.en else rule.remediation.zh
    lines.append(f"  {head['message']}{sep}{_in_words(message, lang)}")
    lines.append(f"  {head['fix']}{sep}{_in_words(remediation, lang)}")
    lines.append(f"  {head['file']}{sep}{item.path}")
    return lines


def find_rule(catalog: Catalog, rule_id: str) -> LoadedRule:
    """The rule named `rule_id`, in any case (`hlj-67-training-target`); exit 2 with the close
    ids otherwise."""
    item = catalog.rules.get(rule_id) or next(
        (i for rid, i in catalog.rules.items() if rid.casefold() == rule_id.strip().casefold()), None)
    if item is None:
        raise fail(f"unknown rule {rule_id!r}{did_you_mean(rule_id, list(catalog.rules))[1]}"
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
    lines = [f"  {head[case.expect]}{_SEP[lang]}{case.name}" + (f" — {case.description}" if case.description else "")]
    lines.extend(f"      {line}" for line in _patch_lines(case))
    if case.expect == "fail":
        result = checker.check_loaded(case.loaded)
        for f in result.findings:
            if f.rule_id == case.rule_id:
                lines.append(f"      {head['finding']}{_SEP[lang]}[{SEVERITY[lang][f.severity.value]}] "
                             f"{f.location.describe()}  {f.message(lang)}")
                break
    return lines


def explain_lines(rule_id: str, checker: Checker, lang: str, server_paths: bool = True) -> list[str]:
    """`explain` as lines (the command prints them, `plancheck serve` shows them); CaseError for a
    broken case file. `server_paths=False` leaves out where the rule and case files are on disk
    (a web page must not show the server's file system)."""
    catalog = checker.catalog
    item = catalog.rules[rule_id]
    head, sep = _HEAD[lang], _SEP[lang]
    file_line = f"  {head['file']}{sep}"
    lines = [line for line in rule_lines(item, catalog, lang) if server_paths or not line.startswith(file_line)]
    path = case_file(catalog, rule_id)
    lines.append(f"  {head['examples']}{sep.strip()}")
    if not path.is_file():
        lines.append(f"    {head['no_cases'].format(path=path if server_paths else path.name)}")
        return lines
    cases = load_case_file(path, catalog.rules, base_dirs=base_dirs(catalog))
    for expect in ("pass", "fail"):
        chosen = next((c for c in cases if c.expect == expect and c.xfail is None), None)
        if chosen is not None:
            lines.extend(f"  {line}" for line in _example(chosen, checker, lang))
    return lines


@click.command(name="explain")
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language (default: the configuration file's, else Chinese).")
@rules_option
@click.pass_context
def explain(ctx: click.Context, rule_id: str, lang: str, rules_dir: tuple[Path, ...]) -> None:
    """A rule in plain words: purpose, clause text, legal basis, condition, remediation,
    and one passing and one failing example."""
    from ..output import FORMATTERS

    values = configured(ctx, {"lang": "lang", "rules": "rules_dir"}, tuple(FORMATTERS))
    lang, rules_dir = values["lang"], values["rules_dir"]
    checker = build_checker(rules_dir)
    rule_id = find_rule(checker.catalog, rule_id).rule.id
    try:
        lines = explain_lines(rule_id, checker, lang)
    except CaseError as exc:
        raise fail(str(exc)) from None
    for line in lines:
        click.echo(line)
