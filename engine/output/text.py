"""Text output for people: findings grouped by plan clause, with citation and remediation.

Severities are coloured when `FormatOptions.color` is set (the CLI sets it only on a terminal,
without --no-color and NO_COLOR). With `--department` the output is that department's to-do list.
"""
from __future__ import annotations

from itertools import groupby
from typing import Optional

import click

from ..checker import CheckResult
from ..findings import Finding
from ..labels import CATEGORY, SEVERITY, WORDS
from .base import FormatOptions, RunOutcome
from .counts import plural, severity_counts
from .summary import Summary, at_or_above
from .words import OUT
from ..waivers import Waiver, WaiverOutcome

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _style(text: str, opts: FormatOptions, **style) -> str:
    return click.style(text, **style) if opts.color else text


def _basis(finding: Finding) -> str:
    return "；".join(b.citation for b in finding.legal_basis)


def waiver_line(w: Waiver, lang: str) -> str:
    return OUT[lang]["waiver"].format(
        id=w.id, approval_number=w.approval_number, approver=w.approver,
        expires=w.expires.isoformat(), justification=w.justification,
    )


def _finding_lines(f: Finding, waiver: Optional[Waiver], opts: FormatOptions) -> list[str]:
    words, out = WORDS[opts.lang], OUT[opts.lang]
    severity = _style(SEVERITY[opts.lang][f.severity.value], opts, fg=_COLOURS[f.severity.value], bold=True)
    if waiver is not None:
        severity = _style(f"[{out['waived']}]", opts, fg="green") + " " + severity
    category = CATEGORY[opts.lang][f.category]
    lines = [f"  {severity} [{category}] {f.rule_id}  {f.location.describe()}", f"      {f.message(opts.lang)}"]
    if f.legal_basis:
        lines.append(f"      {words['basis']}: {_basis(f)}")
    lines.append(f"      {words['fix']}: {f.remediation(opts.lang)}")
    lines.extend(f"      {words['note']}: {note}" for note in f.notes)
    if waiver is not None:
        lines.append(f"      {waiver_line(waiver, opts.lang)}")
    return lines


def _clause_heading(f: Finding, opts: FormatOptions) -> str:
    words = WORDS[opts.lang]
    if f.citation is None:
        return words["no_clause"]
    return _style(f"{words['clause'].format(clause=f.citation.clause)} {f.citation.title}", opts, bold=True)


def _clause_key(f: Finding) -> str:
    return f.citation.clause if f.citation else ""


def _verdict(result: CheckResult, outcome: RunOutcome, opts: FormatOptions) -> str:
    words, out = WORDS[opts.lang], OUT[opts.lang]
    active = outcome.active(result)
    failed = at_or_above(active, opts.fail_level) > 0
    verdict = _style(words["verdict_fail"] if failed else words["verdict_pass"], opts,
                     fg="red" if failed else "green", bold=True)
    summary = Summary.of(active)
    line = f"{verdict} — {severity_counts(summary.by_severity, opts.lang)}"
    if summary.by_category:
        # the categories count findings of every severity: said so, or "提示 2（缺项 2…）" reads
        # as a breakdown of the notes alone
        sep = "，" if opts.lang == "zh" else ", "
        line += "；按类别：" if opts.lang == "zh" else "; by category: "
        line += sep.join(f"{CATEGORY[opts.lang][c]} {n}" for c, n in summary.by_category.items())
    waived = len(result.findings) - len(active)
    return line + (f"，{out['waived_count'].format(n=waived)}" if waived and opts.lang == "zh"
                   else f", {out['waived_count'].format(n=waived)}" if waived else "")


def _report_block(result: CheckResult, outcome: RunOutcome, opts: FormatOptions) -> list[str]:
    report = result.loaded.report
    head = f"{result.path} — {report.department.name} · {report.plan} · {report.period.start}—{report.period.end}"
    lines = [_style(head, opts, bold=True)]
    if opts.quiet:  # -q: the verdict of each report only
        return lines + [_verdict(result, outcome, opts)]
    if not result.findings:
        lines.append(f"  {WORDS[opts.lang]['none']}")
    for _, group in groupby(result.findings, key=_clause_key):
        items = list(group)
        lines.append(_clause_heading(items[0], opts))
        for f in items:
            lines.extend(_finding_lines(f, outcome.waiver_for(f), opts))
    lines.append(_verdict(result, outcome, opts))
    return lines


def _todo_block(result: CheckResult, outcome: RunOutcome, opts: FormatOptions) -> list[str]:
    """A department's self-check: numbered to-do items, what is missing, what to add, which clause."""
    report = result.loaded.report
    out, words = OUT[opts.lang], WORDS[opts.lang]
    head = out["todo_head"].format(department=report.department.name, plan=report.plan,
                                   start=report.period.start, end=report.period.end)
    lines = [_style(head, opts, bold=True), f"  ({result.path})"]
    if opts.quiet:
        return lines + [_verdict(result, outcome, opts)]
    if not result.findings:
        lines.append(f"  {out['todo_none']}")
    for n, f in enumerate(result.findings, 1):
        waiver = outcome.waiver_for(f)
        box = "[~]" if waiver is not None else "[ ]"
        severity = _style(SEVERITY[opts.lang][f.severity.value], opts, fg=_COLOURS[f.severity.value], bold=True)
        clause = (f"{words['clause'].format(clause=f.citation.clause)} {f.citation.title}"
                  if f.citation else words["no_clause"])
        lines.append(f"{n:>3}. {box} {severity} {f.title(opts.lang)}  ({f.rule_id})")
        lines.append(f"       {out['todo_missing']}: {f.message(opts.lang)}")
        lines.append(f"       {out['todo_add']}: {f.remediation(opts.lang)}")
        lines.append(f"       {out['todo_clause']}: {clause}" + (f"；{words['basis']}: {_basis(f)}" if f.legal_basis else ""))
        lines.append(f"       {out['location']}: {f.location.describe()}")
        if waiver is not None:
            lines.append(f"       {waiver_line(waiver, opts.lang)}")
    lines.append(_verdict(result, outcome, opts))
    return lines


def waiver_report_lines(waivers: WaiverOutcome, lang: str) -> list[str]:
    out = OUT[lang]
    lines: list[str] = []
    if waivers.expired:
        lines.append(out["waivers_expired"] + ":")
        for e in waivers.expired:
            w = e.waiver
            would = out["would"].format(n=len(e.findings), findings=plural(len(e.findings), "finding")) if e.findings else ""
            lines.append("  " + out["expired_line"].format(id=w.id, rule=w.rule, kind=out["scope"][w.scope.kind.value],
                                                          expires=w.expires.isoformat(), would=would))
    if waivers.unused:
        lines.append(out["waivers_unused"] + ":")
        for w in waivers.unused:
            where = " · ".join(x for x in (w.scope.department, w.scope.plan,
                                           f"{w.scope.period.start}—{w.scope.period.end}" if w.scope.period else None,
                                           w.scope.subject) if x)
            lines.append("  " + out["unused_line"].format(id=w.id, rule=w.rule, kind=out["scope"][w.scope.kind.value],
                                                         where=where))
    return lines


def render_text(outcome: RunOutcome, opts: FormatOptions) -> str:
    block = _todo_block if outcome.department else _report_block
    blocks = ["\n".join(block(r, outcome, opts)) for r in outcome.results]
    extra = waiver_report_lines(outcome.waivers, opts.lang)
    if len(outcome.results) > 1:
        active = [f for r in outcome.results for f in outcome.active(r)]
        summary = Summary.of(active)
        severity = severity_counts(summary.by_severity, opts.lang)
        category = ("，" if opts.lang == "zh" else ", ").join(
            f"{CATEGORY[opts.lang][c]} {n}" for c, n in summary.by_category.items()) or "-"
        extra.append(OUT[opts.lang]["total"].format(total=summary.total, findings=plural(summary.total, "finding"),
                                                    severity=severity, category=category))
    if extra:
        blocks.append("\n".join(extra))
    return "\n\n".join(blocks) + ("\n" if blocks else "")
