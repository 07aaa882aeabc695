"""The bundled samples must look like real submissions, so a wrong value in them is deliberate.

- every 统一社会信用代码 in a sample is valid, except the ones a sample breaks on purpose, and those
  are exactly the ones the checker flags (CREDIT-CODE-INVALID);
- in compliant samples every decision, approval and publication date is a working day under the
  statutory holiday calendar (no decision dated on a weekend or during Spring Festival);
- a sample's plan id is the name of its folder, and samples/README.md describes every sample.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterator

import pytest

from engine import credit_code, workdays
from engine.checker import Checker
from engine.io.read import read_report
from engine.model.report import PoliceDecision, Report
from engine.rules.model import Severity

REPO = Path(__file__).resolve().parent.parent
SAMPLES_DIR = REPO / "samples"
SAMPLES = sorted([*SAMPLES_DIR.glob("*/*.json"), *SAMPLES_DIR.glob("*/*.xml")])
COMPLIANT = [p for p in SAMPLES if "compliant" in p.stem]


def _rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def credit_codes(report: Report) -> Iterator[tuple[str, str]]:
    """(JSON pointer, code) of every credit code in a report."""
    if report.department.code:
        yield "/department/code", report.department.code
    for i, case in enumerate(report.cases):
        if case.party.credit_code:
            yield f"/cases/{i}/party/credit_code", case.party.credit_code
    for i, entry in enumerate(report.credit_list):
        yield f"/credit_list/{i}/credit_code", entry.credit_code


def _police_dates(ptr: str, decision: PoliceDecision) -> Iterator[tuple[str, dt.date]]:
    """The police decision and the notice the police dated (when it was received is not theirs)."""
    yield f"{ptr}/date", decision.date
    if decision.notice_date:
        yield f"{ptr}/notice_date", decision.notice_date


def official_dates(report: Report) -> Iterator[tuple[str, dt.date]]:
    """(JSON pointer, date) of every decision, approval and publication date in a report."""
    for i, case in enumerate(report.cases):
        if case.penalty:
            yield f"/cases/{i}/penalty/decision_date", case.penalty.decision_date
            for j, post in enumerate(case.penalty.publications):
                yield f"/cases/{i}/penalty/publications/{j}/date", post.date
    for i, ref in enumerate(report.referrals):
        if ref.decision:
            yield f"/referrals/{i}/decision/at", ref.decision.at.date()
        if ref.police_decision:
            yield from _police_dates(f"/referrals/{i}/police_decision", ref.police_decision)
    for i, rec in enumerate(report.received_referrals):
        if rec.decision:
            yield from _police_dates(f"/received_referrals/{i}/decision", rec.decision)
    for i, entry in enumerate(report.credit_list):
        yield f"/credit_list/{i}/decision_date", entry.decision_date
        for j, post in enumerate(entry.publications):
            yield f"/credit_list/{i}/publications/{j}/date", post.date
    for i, pub in enumerate(report.publications):
        if pub.published:
            yield f"/publications/{i}/published", pub.published


def test_samples_exist():
    assert SAMPLES and COMPLIANT


@pytest.mark.parametrize("sample", SAMPLES, ids=_rel)
def test_plan_matches_folder(sample: Path):
    assert read_report(sample).report.plan == sample.parent.name


@pytest.mark.parametrize("sample", SAMPLES, ids=_rel)
def test_invalid_credit_codes_are_exactly_the_flagged_ones(sample: Path, checker: Checker):
    result = checker.check_path(sample)
    invalid = {ptr for ptr, code in credit_codes(result.loaded.report) if not credit_code.is_valid(code)}
    # an entry's code, a party's code, and (malformed) the department's own
    rules = ("CREDIT-CODE-INVALID", "PENALTY-PARTY-CODE-INVALID", "REPORT-INVALID-VALUE")
    flagged = {f.location.pointer for f in result.findings
               if f.rule_id in rules and f.location.pointer.endswith(("/credit_code", "/department/code"))}
    assert invalid == flagged, f"{_rel(sample)}: invalid codes at {sorted(invalid)}, flagged at {sorted(flagged)}"


@pytest.mark.parametrize("sample", COMPLIANT, ids=_rel)
def test_compliant_sample_has_valid_codes_and_no_errors(sample: Path, checker: Checker):
    result = checker.check_path(sample)
    bad = [(ptr, code, credit_code.problem(code)) for ptr, code in credit_codes(result.loaded.report)
           if not credit_code.is_valid(code)]
    assert not bad, f"{_rel(sample)}: invalid credit codes {bad}"
    errors = [f.rule_id for f in result.findings if f.severity is Severity.error]
    assert not errors, f"{_rel(sample)} is meant to be compliant but has errors {errors}"


@pytest.mark.parametrize("sample", COMPLIANT, ids=_rel)
def test_compliant_sample_dates_are_working_days(sample: Path):
    report = read_report(sample).report
    off = [(ptr, day.isoformat(), day.strftime("%a")) for ptr, day in official_dates(report)
           if not workdays.is_workday(day)]
    assert not off, f"{_rel(sample)}: decision/approval/publication dates on non-working days: {off}"


def test_readme_describes_every_sample():
    readme = (SAMPLES_DIR / "README.md").read_text(encoding="utf-8")
    missing = sorted({p.stem for p in SAMPLES} - {p.stem for p in SAMPLES if p.stem in readme})
    assert not missing, f"samples/README.md does not mention {missing}"
