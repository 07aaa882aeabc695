"""Nothing lost to one bad value (issue 11 §4): a readable report is always checked.

An invalid value inside a record (an impossible date, a status outside the list, a malformed id,
an unknown or missing field, a repeated id) is a finding located at it, every one of them is
listed, and the rest of the report, that record's other fields included, is checked as usual
(exit 1). Only a file that cannot be read as a report, or whose header (plan, department, period)
is invalid, is exit 2. The fixtures are under tests/fixtures/invalid_values/ (JSON, and XML twins
of the same reports); the header cases are in tests/test_cli_errors.py.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from engine.checker import Checker
from engine.io.json_report import parse_json
from engine.io.read import LoadedReport, validate_report
from install_mode import cli_argv

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "invalid_values"
SAMPLES = REPO / "samples" / "heilongjiang-2023"
BAD_HEADER = Path(__file__).parent / "fixtures" / "bad_reports" / "period-reversed.json"

# fixture -> (rule, where the finding is, text of its Chinese message)
ONE_VALUE = {
    "bad-enum.json": ("REPORT-INVALID-VALUE", "101:22 /cases/0/disposition", "处理结果“transferred”不是可选的值"),
    "duplicate-case-id.json": ("REPORT-INCONSISTENT", "104:13 /cases/1/id", "id“HSJ-2024-0031”与 /cases/0 重复"),
    "impossible-date.json": ("REPORT-INVALID-VALUE", "92:21 /cases/0/filed_date", "2023年2月没有30日"),
    "javascript-url.json": ("REPORT-INVALID-VALUE", "228:14 /publications/0/url", "不是 http(s) 网址"),
    "negative-amount.json": ("REPORT-INVALID-VALUE", "121:26 /cases/1/amounts/illegal_gains", "应不小于 0"),
    "unknown-field.json": ("REPORT-INVALID-VALUE", "194:25 /referrals/0/police_station", "未知字段 police_station"),
}

# Every problem of several-bad-values.json: (subject, rule, JSON location, XML location)
SEVERAL = [
    ("report/submitted", "REPORT-INVALID-VALUE", "15:16 /submitted", "16 /report/submitted"),
    ("report/contact/phone", "REPORT-INVALID-VALUE", "18:14 /contact/phone", "19 /report/contact/phone"),
    ("task/2/status", "REPORT-INVALID-VALUE", "24:17 /tasks/0/status", "25 /report/tasks/task[1]/status"),
    ("task/10/evidence/0/date", "REPORT-INVALID-VALUE", "46:19 /tasks/1/evidence/0/date",
     "47 /report/tasks/task[2]/evidence/item[1]/date"),
    ("case/HSJ-2024-0031/filed_date", "REPORT-INVALID-VALUE", "236:21 /cases/0/filed_date",
     "237 /report/cases/case[1]/filed_date"),
    ("case/HSJ-2024-0031/amounts/illegal_gains", "REPORT-INVALID-VALUE", "240:26 /cases/0/amounts/illegal_gains",
     "241 /report/cases/case[1]/amounts/illegal_gains"),
    ("referral/YS-2024-001/police_station", "REPORT-INVALID-VALUE", "338:25 /referrals/0/police_station",
     "306 /report/referrals/referral[1]/police_station"),
    # a missing field is located at its record
    ("credit/SX-2024-001/2/entity_name", "REPORT-INVALID-VALUE", "364:5 /credit_list/1", "373 /report/credit_list/entry[2]"),
    ("credit/SX-2024-001/2/id", "REPORT-INCONSISTENT", "365:13 /credit_list/1/id", "374 /report/credit_list/entry[2]/id"),
    ("publication/PUB-2024-01/url", "REPORT-INVALID-VALUE", "388:14 /publications/0/url",
     "397 /report/publications/publication[1]/url"),
]


def _run(*args: str):
    return CliRunner().invoke(cli.main, ["check", *args])


def _findings(result, index: int = 0) -> list[dict]:
    return json.loads(result.stdout)["reports"][index]["findings"]


def test_every_fixture_has_an_expectation():
    expected = {*ONE_VALUE, "several-bad-values.json", "several-bad-values.xml",
                "credit-entry-impossible-date.json", "credit-entry-impossible-date.xml"}
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(expected)


@pytest.mark.parametrize("name", sorted(ONE_VALUE))
def test_one_invalid_value_is_a_located_finding_and_exit_1(name: str):
    rule_id, where, text = ONE_VALUE[name]
    result = _run("--format", "json", str(FIXTURES / name))
    assert result.exit_code == 1, result.output
    assert result.stderr == ""
    hits = [f for f in _findings(result) if f["rule_id"] == rule_id]
    assert len(hits) == 1 and hits[0]["location"]["display"] == where and text in hits[0]["message"], hits


def _sample_findings(name: str) -> set[tuple[str, str, str]]:
    result = _run("--format", "json", str(SAMPLES / name))
    return {(f["rule_id"], f["subject"], f["location"]["pointer"]) for f in _findings(result)}


@pytest.mark.parametrize("suffix", [".json", ".xml"])
def test_impossible_date_in_one_credit_entry(suffix: str):
    """The entry's other problem (its invalid code) and every finding of the rest of the report
    are still found, and the date is one more finding, located at it."""
    result = _run("--format", "json", str((FIXTURES / "credit-entry-impossible-date").with_suffix(suffix)))
    assert result.exit_code == 1, result.output
    found = {(f["rule_id"], f["subject"], f["location"]["pointer"]) for f in _findings(result)}
    original = _sample_findings(f"market-regulation-2024-credit-broken{suffix}")
    assert ("CREDIT-CODE-INVALID", "credit/SX-2024-01", "/credit_list/0/credit_code") in original
    assert found - original == {("REPORT-INVALID-VALUE", "credit/SX-2024-01/decision_date",
                                 "/credit_list/0/decision_date")}
    assert original <= found
    date = next(f for f in _findings(result) if f["rule_id"] == "REPORT-INVALID-VALUE")
    assert date["location"]["display"] == ("45:24 /credit_list/0/decision_date" if suffix == ".json"
                                           else "69 /report/credit_list/entry[1]/decision_date")


def test_bad_header_is_still_exit_2_and_one_line():
    result = _run("--lang", "en", str(BAD_HEADER))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines == [f"plancheck: error: {BAD_HEADER}:11:13: /period: "
                     "period ends (2024-01-01) before it starts (2024-12-31); correct the start or the end date"]


@pytest.mark.parametrize("suffix", [".json", ".xml"])
def test_every_problem_of_a_file_is_listed(suffix: str):
    result = _run("--format", "json", str((FIXTURES / "several-bad-values").with_suffix(suffix)))
    assert result.exit_code == 1, result.output
    problems = sorted((f["subject"], f["rule_id"], f["location"]["display"]) for f in _findings(result)
                      if f["rule_id"].startswith("REPORT-"))
    column = 2 if suffix == ".json" else 3
    assert problems == sorted((row[0], row[1], row[column]) for row in SEVERAL)


def test_json_and_xml_forms_of_a_bad_report_give_the_same_findings():
    rows = []
    for suffix in (".json", ".xml"):
        result = _run("--format", "json", str((FIXTURES / "several-bad-values").with_suffix(suffix)))
        rows.append(sorted((f["rule_id"], f["subject"], f["message"], f["remediation"], f["fingerprint"])
                           for f in _findings(result)))
    assert rows[0] == rows[1]


# subject -> (Chinese message, Chinese fix, English message, English fix), each a fragment
MESSAGES = {
    "task/2/status": ("状态“基本完成”不是可选的值",
                      "状态应为 not_started（未开始）、in_progress（推进中）、completed（已完成）、not_applicable（不适用）之一",
                      "status '基本完成' is not one of the allowed values",
                      "status is one of not_started, in_progress, completed, not_applicable"),
    "report/submitted": ("submitted“2025/01/10”不是有效日期", "日期应为 YYYY-MM-DD，如 2024-03-01；“2025/01/10”应写作 2025-01-10",
                         "submitted '2025/01/10' is not a valid date", "'2025/01/10' is written 2025-01-10"),
    "task/10/evidence/0/date": ("date“2024年4月17日”不是有效日期", "“2024年4月17日”应写作 2024-04-17",
                                "is not a valid date", "'2024年4月17日' is written 2024-04-17"),
    "case/HSJ-2024-0031/filed_date": ("2024年2月没有30日", "日期应为 YYYY-MM-DD", "2024-02 has no day 30", "YYYY-MM-DD"),
    "case/HSJ-2024-0031/amounts/illegal_gains": ("illegal_gains应为数字，实为“4.12万元”", "“4.12万元”应写作 41200",
                                                 "should be a number, not '4.12万元'", "'4.12万元' is written 41200"),
    "referral/YS-2024-001/police_station": ("未知字段 police_station", "是否应为 police_decision？",
                                            "unknown field 'police_station'", "did you mean 'police_decision'?"),
    "credit/SX-2024-001/2/entity_name": ("缺少必填字段 entity_name", "填写 entity_name", "required field 'entity_name'",
                                         "add entity_name"),
    "credit/SX-2024-001/2/id": ("与 /credit_list/0 重复", "应唯一", "repeats /credit_list/0", "must be unique"),
    "report/contact/phone": ("phone“电话：0451-82626000”格式不对", "电话为5-30位数字",
                             "is not in the expected form", "a phone number has 5-30 digits"),
    "publication/PUB-2024-01/url": ("不是 http(s) 网址", "此处多为 https://amr.hlj.gov.cn/", "not an http(s) URL",
                                    "here probably https://amr.hlj.gov.cn/"),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_messages_say_what_to_write_in_the_chosen_language(lang: str):
    result = _run("--format", "json", "--lang", lang, str(FIXTURES / "several-bad-values.json"))
    by_subject = {f["subject"]: f for f in _findings(result)}
    for subject, (zh, fix_zh, en, fix_en) in MESSAGES.items():
        message, fix = (zh, fix_zh) if lang == "zh" else (en, fix_en)
        assert message in by_subject[subject]["message"], by_subject[subject]["message"]
        assert fix in by_subject[subject]["remediation"], by_subject[subject]["remediation"]


def test_text_output_shows_each_problem_with_its_fix():
    result = _run("--no-color", str(FIXTURES / "several-bad-values.json"))
    assert result.exit_code == 1
    assert "REPORT-INVALID-VALUE  24:17 /tasks/0/status" in result.stdout
    assert "整改: 状态应为 not_started（未开始）" in result.stdout
    english = _run("--no-color", "--lang", "en", str(FIXTURES / "several-bad-values.json"))
    assert "Fix: a date is written YYYY-MM-DD, e.g. 2024-03-01; '2025/01/10' is written 2025-01-10." in english.stdout


def test_problem_in_a_task_cites_the_task_clause(checker: Checker):
    result = checker.check_path(FIXTURES / "several-bad-values.json")
    status = next(f for f in result.findings if f.subject == "task/2/status")
    assert status.citation is not None and status.citation.clause == "2"
    submitted = next(f for f in result.findings if f.subject == "report/submitted")
    assert submitted.citation is None


def test_findings_of_invalid_values_are_stable(checker: Checker):
    """Fingerprints follow the record and the field, not the order of the file."""
    first = checker.check_path(FIXTURES / "several-bad-values.json")
    data = json.loads((FIXTURES / "several-bad-values.json").read_text(encoding="utf-8"))
    data["tasks"].reverse()
    data["credit_list"].reverse()
    text = json.dumps(data, ensure_ascii=False)
    raw, source = parse_json(text, "reordered.json")
    validated = validate_report(raw, source, "reordered.json")
    prints = {f.subject: f.fingerprint for f in first.findings}
    again = checker.check_loaded(LoadedReport("r.json", "json", validated.report, source, text.encode(),
                                              validated.problems))
    # the repeated credit id now falls on the other entry (so its /2 key moves with it): every
    # other problem keeps its identity
    same = {f.subject: f.fingerprint for f in again.findings if not f.subject.startswith("credit/SX-2024-001")}
    assert len(same) == len(SEVERAL) - 2 and same.items() <= prints.items()


def test_a_real_process_lists_every_problem_without_a_traceback():
    proc = subprocess.run([*cli_argv(), "check", "--format", "json",
                           str(FIXTURES / "several-bad-values.xml"), str(BAD_HEADER)],
                          capture_output=True, text=True, timeout=120, cwd=str(REPO))
    assert proc.returncode == 2  # the bad header; the other file is still checked and listed
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    report = json.loads(proc.stdout)["reports"][0]
    assert len([f for f in report["findings"] if f["rule_id"].startswith("REPORT-")]) == len(SEVERAL)
