"""Waivers: file loading (YAML and JSON, located errors), matching by rule and scope, expiry
with an injected date, unused and expired waivers, and waived findings not failing the run."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

import cli
from engine import schemas
from engine.checker import CheckResult, Checker
from engine.waivers import Scope, ScopeKind, Waiver, WaiverError, apply_waivers, load_waivers, matches

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "waivers"
HLJ = FIXTURES / "heilongjiang-ip-office-2024.yaml"
GAPS = REPO / "samples" / "heilongjiang-2023" / "ip-office-2024-gaps.json"
TRAINING_SUBJECT = "metric/training_person_times/2024-01-01/2024-12-31/region"


@pytest.fixture(scope="module")
def gaps(checker: Checker) -> CheckResult:
    return checker.check_path(GAPS)


def _waiver(**changes) -> Waiver:
    data = {
        "id": "W-1", "rule": "HLJ-67-TRAINING-TARGET",
        "scope": {"kind": "department", "department": "黑龙江省知识产权局"},
        "justification": "统计口径调整", "approver": "黑龙江省知识产权局",
        "approval_number": "黑知发〔2025〕15号", "expires": "2025-06-30",
    }
    data.update(changes)
    return Waiver.model_validate(data)


def _finding(result: CheckResult, rule_id: str):
    return next(f for f in result.findings if f.rule_id == rule_id)


def test_fixture_files_validate_against_the_published_schema():
    validator = jsonschema.Draft202012Validator(schemas.generate("waivers.schema.json"))
    for path in sorted(FIXTURES.iterdir()):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = json.loads(json.dumps(data, default=str))  # YAML dates -> ISO strings, as in JSON
        assert not list(validator.iter_errors(data)), path


def test_yaml_and_json_files_load(checker: Checker):
    assert [w.id for w in load_waivers(HLJ, checker.catalog).waivers] == [
        "HLJ-W-2025-003", "HLJ-W-2025-004", "HLJ-W-2024-011", "HLJ-W-2025-007"]
    (only,) = load_waivers(FIXTURES / "market-regulation-2024.json", checker.catalog).waivers
    assert only.scope.kind is ScopeKind.department and only.expires == dt.date(2025, 12, 31)


@pytest.mark.parametrize("scope", [
    {"kind": "department", "department": "黑龙江省知识产权局"},
    {"kind": "department", "department": "黑龙江省 知识产权局（）", "plan": "heilongjiang-2023"},
    {"kind": "report", "department": "黑龙江省知识产权局", "period": {"start": "2024-01-01", "end": "2024-12-31"}},
    {"kind": "subject", "department": "黑龙江省知识产权局", "subject": TRAINING_SUBJECT,
     "period": {"start": "2024-01-01", "end": "2024-12-31"}},
])
def test_each_scope_matches(gaps: CheckResult, scope: dict):
    assert matches(_waiver(scope=scope), _finding(gaps, "HLJ-67-TRAINING-TARGET"), gaps)


@pytest.mark.parametrize("change", [
    {"rule": "HLJ-79-TYPICAL-CASES"},
    {"scope": {"kind": "department", "department": "黑龙江省市场监督管理局"}},
    {"scope": {"kind": "department", "department": "黑龙江省知识产权局", "plan": "tianjin-2021"}},
    {"scope": {"kind": "report", "department": "黑龙江省知识产权局", "period": {"start": "2025-01-01", "end": "2025-06-30"}}},
    {"scope": {"kind": "subject", "department": "黑龙江省知识产权局", "subject": "metric/other",
               "period": {"start": "2024-01-01", "end": "2024-12-31"}}},
])
def test_scope_mismatch_does_not_match(gaps: CheckResult, change: dict):
    assert not matches(_waiver(**change), _finding(gaps, "HLJ-67-TRAINING-TARGET"), gaps)


def test_expiry_is_inclusive_and_uses_the_injected_date(gaps: CheckResult):
    waiver = _waiver(expires="2025-03-31")
    fingerprint = _finding(gaps, "HLJ-67-TRAINING-TARGET").fingerprint
    on_the_day = apply_waivers([gaps], [waiver], dt.date(2025, 3, 31))
    assert fingerprint in on_the_day.applied and not on_the_day.expired
    day_after = apply_waivers([gaps], [waiver], dt.date(2025, 4, 1))
    assert fingerprint not in day_after.applied
    (expired,) = day_after.expired
    assert expired.waiver.id == "W-1" and expired.findings == (fingerprint,)
    assert not day_after.unused  # an expired waiver is reported as expired, not as unused


def test_fixture_on_a_given_day(checker: Checker, gaps: CheckResult):
    loaded = load_waivers(HLJ, checker.catalog)
    outcome = apply_waivers([gaps], loaded.waivers, dt.date(2025, 4, 15), checker.catalog)
    waived = {f.rule_id: outcome.waiver_for(f).id for f in gaps.findings if outcome.waiver_for(f)}
    assert waived == {"HLJ-67-TRAINING-TARGET": "HLJ-W-2025-003"}
    assert {e.waiver.id for e in outcome.expired} == {"HLJ-W-2025-004", "HLJ-W-2024-011"}
    assert [w.id for w in outcome.unused] == ["HLJ-W-2025-007"]
    earlier = apply_waivers([gaps], loaded.waivers, dt.date(2025, 3, 1), checker.catalog)
    assert {w.id for w in earlier.applied.values()} == {"HLJ-W-2025-003", "HLJ-W-2025-004"}


def test_narrowest_scope_wins(gaps: CheckResult):
    broad = _waiver(id="W-DEPT")
    narrow = _waiver(id="W-SUBJ", scope={"kind": "subject", "department": "黑龙江省知识产权局", "subject": TRAINING_SUBJECT,
                                          "period": {"start": "2024-01-01", "end": "2024-12-31"}})
    outcome = apply_waivers([gaps], [broad, narrow], dt.date(2025, 1, 2))
    assert outcome.waiver_for(_finding(gaps, "HLJ-67-TRAINING-TARGET")).id == "W-SUBJ"
    assert not outcome.unused  # the broad one matched too


@pytest.mark.parametrize("text, expected", [
    ("waivers:\n  - id: W-1\n    rule: NOT-A-RULE\n", ":2: waivers.0.scope: Field required"),
    ("version: '1.0'\nwaivers:\n  - {id: W-1, rule: TASK-GAP, justification: x, approver: y, approval_number: z,\n"
     "     expires: 2025-01-01, scope: {kind: subject, department: 某局, period: {start: 2024-01-01, end: 2024-12-31}}}\n",
     ":4: waivers.0.scope: subject is required"),
    ("waivers:\n  - {id: W-1, rule: NO-SUCH-RULE, justification: x, approver: y, approval_number: z,\n"
     "     expires: 2025-01-01, scope: {kind: department, department: 某局}}\n", ":2: waiver W-1: unknown rule 'NO-SUCH-RULE'"),
    ("waivers:\n  - {id: W-1, rule: TASK-GAPS, justification: x, approver: y, approval_number: z,\n"
     "     expires: 2025-01-01, scope: {kind: department, department: 某局}}\n",
     ":2: waiver W-1: unknown rule 'TASK-GAPS'; did you mean 'TASK-GAP'"),
    ("waivers:\n  - {id: W-1, rule: TASK-GAP, justification: x, approver: y, approval_number: z,\n"
     "     expires: 2025-01-01, scope: {kind: department, department: 某局, plan: ruichang-2024}}\n",
     ":2: waiver W-1: unknown plan 'ruichang-2024'; did you mean 'ruichang'?"),
    ("waivers: [\n", ":2: invalid YAML"),
])
def test_bad_waiver_files_give_one_located_line(tmp_path: Path, checker: Checker, text: str, expected: str):
    path = tmp_path / "waivers.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WaiverError) as info:
        load_waivers(path, checker.catalog)
    assert str(info.value).startswith(str(path)) and expected in str(info.value), str(info.value)


def test_cli_marks_waived_findings_and_reports_expired_and_unused():
    result = CliRunner().invoke(cli.main, ["check", str(GAPS), "--waivers", str(HLJ), "--today", "2025-04-15"])
    out = result.stdout
    assert "[已豁免]" in out and "豁免 HLJ-W-2025-003（黑知战办〔2025〕3号" in out
    assert "已过期的豁免（不再适用）" in out and "HLJ-W-2025-004" in out and "HLJ-W-2024-011" in out
    assert "未匹配任何问题的豁免" in out and "HLJ-W-2025-007" in out
    doc = json.loads(CliRunner().invoke(cli.main, ["check", str(GAPS), "--waivers", str(HLJ), "--today", "2025-04-15",
                                                   "--format", "json"]).stdout)
    (waived,) = [f for f in doc["reports"][0]["findings"] if f["waived"]]
    assert waived["waiver"]["justification"].startswith("哈尔滨市")
    assert doc["reports"][0]["waived"] == 1
    assert [w["id"] for w in doc["waivers"]["unused"]] == ["HLJ-W-2025-007"]


def test_waiving_every_failing_finding_makes_the_run_pass(tmp_path: Path, gaps: CheckResult):
    waivers = [{
        "id": f"W-{i}", "rule": f.rule_id, "justification": "经批准暂缓整改", "approver": "黑龙江省知识产权局",
        "approval_number": f"黑知发〔2025〕{20 + i}号", "expires": "2025-12-31",
        "scope": {"kind": "subject", "department": "黑龙江省知识产权局", "subject": f.subject,
                  "period": {"start": "2024-01-01", "end": "2024-12-31"}},
    } for i, f in enumerate(gaps.findings)]
    path = tmp_path / "all.json"
    path.write_text(json.dumps({"version": "1.0", "waivers": waivers}, ensure_ascii=False), encoding="utf-8")
    args = ["check", str(GAPS), "--waivers", str(path)]
    assert CliRunner().invoke(cli.main, [*args, "--today", "2025-06-01"]).exit_code == 0
    assert CliRunner().invoke(cli.main, [*args, "--today", "2026-01-01"]).exit_code == 1  # all expired


def test_scope_model_rejects_inconsistent_scopes():
    with pytest.raises(ValueError):
        Scope(kind=ScopeKind.report, department="某局")
    with pytest.raises(ValueError):
        Scope(kind=ScopeKind.department, department="某局", subject="clause/1")
