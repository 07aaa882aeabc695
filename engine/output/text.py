"""Text output for people: findings grouped by plan clause, with citation and remediation."""
from __future__ import annotations

from itertools import groupby

import click

from engine.checker import CheckResult
from engine.findings import Finding
from engine.output.base import FormatOptions, RunOutcome
from engine.labels import CATEGORY, SEVERITY, WORDS
from engine.output.summary import Summary, at_or_above

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _basis(finding: Finding) -> str:
    return "；".join(f"{b.source}{b.article or ''}" for b in finding.legal_basis)


def _finding_lines(f: Finding, opts: FormatOptions) -> list[str]:
    words = WORDS[opts.lang]
    severity = SEVERITY[opts.lang][f.severity.value]
    if opts.color:
        severity = click.style(severity, fg=_COLOURS[f.severity.value], bold=True)
    where = f.location.describe()
    category = CATEGORY[opts.lang][f.category]
    lines = [f"  {severity} [{category}] {f.rule_id}  {where}", f"      {f.message(opts.lang)}"]
    if f.legal_basis:
        lines.append(f"      {words['basis']}: {_basis(f)}")
    lines.append(f"      {words['fix']}: {f.remediation(opts.lang)}")
    lines.extend(f"      {words['note']}: {note}" for note in f.notes)
    return lines


def _clause_heading(f: Finding, opts: FormatOptions) -> str:
    words = WORDS[opts.lang]
    if f.citation is None:
        return words["no_clause"]
    heading = f"{words['clause'].format(clause=f.citation.clause)} {f.citation.title}"
    return click.style(heading, bold=True) if opts.color else heading


def _report_block(result: CheckResult, opts: FormatOptions) -> list[str]:
    report = result.loaded.report
    words = WORDS[opts.lang]
    head = (
        f"{result.path} — {report.department.name} · {report.plan} · "
        f"{report.period.start}—{report.period.end}"
    )
    lines = [click.style(head, bold=True) if opts.color else head]
    if not result.findings:
        lines.append(f"  {words['none']}")
    for _, group in groupby(result.findings, key=lambda f: f.citation.clause if f.citation else ""):
        items = list(group)
        lines.append(_clause_heading(items[0], opts))
        for f in items:
            lines.extend(_finding_lines(f, opts))
    summary = Summary.of(result.findings)
    failed = at_or_above(result.findings, opts.fail_level) > 0
    verdict = words["verdict_fail"] if failed else words["verdict_pass"]
    if opts.color:
        verdict = click.style(verdict, fg="red" if failed else "green", bold=True)
    lines.append(f"{verdict} — {words['counts'].format(**summary.by_severity)}")
    return lines


def render_text(outcome: RunOutcome, opts: FormatOptions) -> str:
    blocks = ["\n".join(_report_block(r, opts)) for r in outcome.results]
    return "\n\n".join(blocks) + ("\n" if blocks else "")
