"""JUnit XML for CI dashboards: one testsuite per report, one testcase per rule × subject.

A finding at or above the fail level is a <failure> (message, location, clause); a finding
below it passes with its text in <system-out>; a waived finding is <skipped> with the waiver's
justification; a rule that ran on the report and found nothing is one passing testcase, and a
rule of the plan that did not apply to it (another kind of department, not due, nothing to check,
a batch-only rule) is one <skipped> testcase saying why.
Unreadable reports are testsuites with one <error>.
"""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ..checker import CheckResult
from ..findings import Finding
from .base import FormatOptions, RunOutcome
from .rule_status import Status, rule_statuses
from .text import waiver_line
from ..rules.model import SEVERITY_RANK

if TYPE_CHECKING:  # lxml is loaded when JUnit is written, not by every `check` (cold start)
    from lxml import etree


def _details(f: Finding, lang: str) -> str:
    lines = [f.message(lang), f"location: {f.location.describe()}"]
    if f.citation is not None:
        lines.append(f"clause: {f.citation.plan} {f.citation.clause} {f.citation.title}")
    lines.extend(f"basis: {b.citation}" for b in f.legal_basis)
    lines.append(f"fix: {f.remediation(lang)}")
    return "\n".join(lines)


def _suite(result: CheckResult, outcome: RunOutcome, opts: FormatOptions) -> etree._Element:
    from lxml import etree

    report = result.loaded.report
    suite = etree.Element("testsuite", name=f"{result.path} ({report.department.name} {report.period.start}—{report.period.end})")
    counts = defaultdict(int)
    floor = SEVERITY_RANK[opts.fail_level]
    for f in result.findings:
        case = etree.SubElement(suite, "testcase", classname=f.rule_id, name=f"{f.rule_id} {f.subject}",
                                file=result.path)
        if f.location.line is not None:
            case.set("line", str(f.location.line))
        waiver = outcome.waiver_for(f)
        counts["tests"] += 1
        if waiver is not None:
            etree.SubElement(case, "skipped", message=waiver_line(waiver, opts.lang)).text = _details(f, opts.lang)
            counts["skipped"] += 1
        elif f.rank >= floor:
            failure = etree.SubElement(case, "failure", type=f.severity.value,
                                       message=f"{f.location.describe()}: {f.message(opts.lang)}")
            failure.text = _details(f, opts.lang)
            counts["failures"] += 1
        else:
            etree.SubElement(case, "system-out").text = f"{f.severity.value}: {_details(f, opts.lang)}"
    for status in rule_statuses(outcome.catalog, result):
        if status.status is Status.failed:
            continue
        case = etree.SubElement(suite, "testcase", classname=status.rule_id,
                                name=f"{status.rule_id} {report.department.name}", file=result.path)
        counts["tests"] += 1
        if status.status is not Status.passed:  # did not apply: shown, but neither passed nor failed
            etree.SubElement(case, "skipped", message=status.reason(opts.lang))
            counts["skipped"] += 1
    for key in ("tests", "failures", "errors", "skipped"):
        suite.set(key, str(counts[key]))
    return suite


def render_junit(outcome: RunOutcome, opts: FormatOptions) -> str:
    from lxml import etree

    root = etree.Element("testsuites", name="plancheck")
    for result in outcome.results:
        root.append(_suite(result, outcome, opts))
    for error in outcome.errors:
        suite = etree.SubElement(root, "testsuite", name=error.path, tests="1", failures="0", errors="1", skipped="0")
        case = etree.SubElement(suite, "testcase", classname="plancheck.input", name=error.path, file=error.path)
        etree.SubElement(case, "error", type="input", message=error.line()).text = error.line()
    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(sum(int(s.get(key)) for s in root)))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")
