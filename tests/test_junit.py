"""JUnit XML: one testcase per rule × subject; failures carry message and location."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from engine.checker import Checker
from engine.output.base import FormatOptions, RunOutcome
from engine.output.junit import render_junit
from engine.output.rule_status import Status, rule_statuses
from engine.rules.model import Severity

REPO = Path(__file__).resolve().parent.parent
GAPS = REPO / "samples" / "heilongjiang-2023" / "ip-office-2024-gaps.xml"


@pytest.fixture(scope="module")
def parts(checker: Checker):
    result = checker.check_path(GAPS)
    outcome = RunOutcome((result,), (), catalog=checker.catalog)
    return result, outcome, etree.fromstring(render_junit(outcome, FormatOptions()).encode("utf-8"))


def test_one_testcase_per_rule_and_subject(parts, checker: Checker):
    result, outcome, root = parts
    (suite,) = root.findall("testsuite")
    names = [c.get("name") for c in suite.findall("testcase")]
    assert len(names) == len(set(names))
    for f in result.findings:
        assert f"{f.rule_id} {f.subject}" in names
    statuses = rule_statuses(checker.catalog, result)
    unfound = [s.rule_id for s in statuses if s.status is not Status.failed]
    assert unfound and all(f"{rid} {result.loaded.report.department.name}" in names for rid in unfound)
    skipped = {c.get("classname") for c in suite.findall("testcase") if c.find("skipped") is not None}
    assert skipped == {s.rule_id for s in statuses if s.status not in (Status.passed, Status.failed)}
    assert int(suite.get("tests")) == len(names) == int(root.get("tests"))


def test_failures_carry_message_and_location(parts):
    result, _, root = parts
    failures = root.findall(".//failure")
    errors = [f for f in result.findings if f.severity is Severity.error]
    assert len(failures) == len(errors) == int(root.get("failures"))
    for failure, f in zip(failures, errors):
        assert failure.get("message") == f"{f.location.describe()}: {f.message('zh')}"
        assert f.location.xpath in failure.text and "fix: " in failure.text
        assert failure.getparent().get("line") == str(f.location.line)


def test_findings_below_the_fail_level_do_not_fail(parts):
    result, outcome, _ = parts
    root = etree.fromstring(render_junit(outcome, FormatOptions(fail_level=Severity.error)).encode("utf-8"))
    warnings = [f for f in result.findings if f.severity is Severity.warning]
    assert warnings and len(root.findall(".//system-out")) == len(warnings)
    strict = etree.fromstring(render_junit(outcome, FormatOptions(fail_level=Severity.info)).encode("utf-8"))
    assert int(strict.get("failures")) == len(result.findings)
