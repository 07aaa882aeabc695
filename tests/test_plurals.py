"""English counts read "1 warning", "2 warnings" (issue 13) wherever English output counts:
the text verdict and totals, the concise/github closing line, waiver notes, the batch summary,
`rules coverage` totals and `plans`."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from engine.batch.summary import render_text as batch_text
from engine.output.counts import finding_counts, plural, severity_counts

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples" / "heilongjiang-2023"
GAPS = SAMPLES / "ip-office-2024-gaps.json"
WAIVERS = REPO / "tests" / "fixtures" / "waivers" / "heilongjiang-ip-office-2024.yaml"
WRONG = re.compile(r"\b1 (errors|warnings|findings|reports|rules|clauses|units)\b|\(s\)")


@pytest.mark.parametrize("n, noun, expected", [
    (0, "warning", "0 warnings"), (1, "warning", "1 warning"), (2, "warning", "2 warnings"),
    (1, "info", "1 info"), (3, "info", "3 info"), (1, "report", "1 report"), (21, "clause", "21 clauses"),
])
def test_plural(n: int, noun: str, expected: str):
    assert plural(n, noun) == expected


def test_severity_counts():
    assert severity_counts({"error": 1, "warning": 1, "info": 1}, "en") == "1 error, 1 warning, 1 info"
    assert severity_counts({"error": 2, "warning": 0, "info": 5}, "en") == "2 errors, 0 warnings, 5 info"
    assert severity_counts({"error": 1, "warning": 0, "info": 0}, "zh") == "错误 1，警告 0，提示 0"
    assert finding_counts([], "en", 1) == "Found 0 findings (0 errors, 0 warnings, 0 info) in 1 report."


def test_text_verdict_with_one_of_each():
    out = CliRunner().invoke(cli.main, ["check", str(GAPS), "--lang", "en", "--select", "HLJ-67,TASK-NA"]).stdout
    assert "Verdict: FAIL — 1 error, 1 warning, 0 info" in out
    assert not WRONG.search(out), WRONG.search(out)


def test_text_totals_and_waiver_notes():
    out = CliRunner().invoke(cli.main, ["check", str(GAPS), str(SAMPLES / "court-2024-compliant.json"),
                                        "--lang", "en", "--waivers", str(WAIVERS), "--today", "2025-04-15"]).stdout
    assert "Total: 6 findings (4 errors, 2 warnings, 0 info; gap 3, missing evidence 3)" in out  # one is waived
    assert "would waive 1 finding" in out and "finding(s)" not in out
    assert not WRONG.search(out), WRONG.search(out)


def test_github_and_concise_closing_line():
    for fmt in ("github", "concise"):
        out = CliRunner().invoke(cli.main, ["check", str(GAPS), "--lang", "en", "--format", fmt, "--select", "HLJ-67"]).stdout
        assert out.splitlines()[-1] == "Found 1 finding (1 error, 0 warnings, 0 info) in 1 report."


def test_batch_summary():
    summary = {"run": 3, "reports": 1, "checked": 1, "failing": 1, "fail_level": "error", "unreadable": 0,
               "findings": 1, "run_scope_findings": 0, "by_severity": {"error": 1}, "by_category": {"gap": 1},
               "by_plan": {"heilongjiang-2023": {"reports": 1, "failing": 1, "findings": 1}},
               "by_department": {}, "errors": []}
    text = batch_text(summary)
    assert text.startswith("run 3: 1 report — 1 checked, 1 with findings at or above error, 0 unreadable; 1 finding ")
    assert "  heilongjiang-2023: 1 report, 1 failing, 1 finding" in text


def test_rules_coverage_totals():
    out = CliRunner().invoke(cli.main, ["rules", "coverage", "--plan", "ruichang"]).stdout
    assert re.search(r"totals: 21 clauses, \d+ with rules", out)
    assert not WRONG.search(out)


def test_plans_in_english():
    out = CliRunner().invoke(cli.main, ["plans", "--lang", "en"]).stdout
    assert not WRONG.search(out)
