"""A report that still holds template text is not finished: checked as written, the template
fails (even for a department every item of which is only suggested to it); each leftover is a
finding located at it; a filled-in template is clean. Fixtures: tests/fixtures/template/ (the
education department's 2024 template as `plancheck template` writes it, filled in, and half filled)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from engine.template_markers import PLACEHOLDER, UNFILLED, is_placeholder, says_nothing, unfilled_narrative

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "template"


def _check(name: str, *args: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(cli.main, ["check", str(FIXTURES / name), "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)["reports"][0]["findings"]


def _found(findings: list[dict]) -> set[tuple[str, str]]:
    return {(f["rule_id"], f["location"]["pointer"]) for f in findings}


@pytest.mark.parametrize("name", ["education-2024-as-written.json", "education-2024-as-written.xml"])
def test_the_template_as_written_fails(name: str):
    """Every item of the education department is only suggested to it (no TASK-GAP), yet the
    unchanged template cannot pass: its contact is template text (an error), and each item left as
    the template wrote it is a warning (fill it in or delete it: the department owes nothing there)."""
    code, findings = _check(name)
    assert code == 1
    assert _found(findings) == {
        ("TASK-NARRATIVE-UNFILLED-SUGGESTED", "/tasks/0/narrative"),
        ("TASK-NARRATIVE-UNFILLED-SUGGESTED", "/tasks/1/narrative"),
        ("TASK-NARRATIVE-UNFILLED-SUGGESTED", "/tasks/2/narrative"), ("REPORT-INVALID-VALUE", "/contact/name"),
    }
    severities = {f["rule_id"]: f["severity"] for f in findings}
    assert severities == {"TASK-NARRATIVE-UNFILLED-SUGGESTED": "warning", "REPORT-INVALID-VALUE": "error"}


def test_the_template_as_written_in_text_says_what_is_left():
    result = CliRunner().invoke(cli.main, ["check", str(FIXTURES / "education-2024-as-written.json")])
    assert result.exit_code == 1
    assert "第38项（方案未要求本部门报告，按职能建议报告）仍是模板的填报说明（【待填报】）：填写落实情况，或删除本项" in result.stdout
    assert "18:13 /contact/name" in result.stdout and "“待填写”是模板留下的占位文字" in result.stdout
    assert "填写本报告联系人的姓名" in result.stdout


def test_the_template_as_written_in_english():
    result = CliRunner().invoke(cli.main, ["check", str(FIXTURES / "education-2024-as-written.json"), "--lang", "en"])
    assert "still holds the template's instructions" in result.stdout
    assert "is the template's placeholder, not a value" in result.stdout


def test_a_filled_in_template_is_clean():
    code, findings = _check("education-2024-filled.json")
    assert (code, findings) == (0, [])


def test_each_leftover_of_a_half_filled_template_is_a_finding():
    code, findings = _check("education-2024-half-filled.json")
    assert code == 1
    assert _found(findings) == {
        ("TASK-NARRATIVE-UNFILLED-SUGGESTED", "/tasks/0/narrative"),  # status set, instructions left (a suggested item)
        ("REPORT-INVALID-VALUE", "/tasks/1/evidence/1/title"),  # evidence titled 待填写 ...
        ("TASK-EVIDENCE-UNDATED", "/tasks/1/evidence/1"),  # ... and without a date
        ("TASK-NA-NO-JUSTIFICATION", "/tasks/2/status"),  # not applicable, justification 无
        ("REPORT-INVALID-VALUE", "/contact/name"),
    }
    by_rule = {f["rule_id"]: f for f in findings}
    assert by_rule["REPORT-INVALID-VALUE"]["category"] == "invalid_value"
    assert {by_rule[r]["category"] for r in ("TASK-NARRATIVE-UNFILLED-SUGGESTED", "TASK-EVIDENCE-UNDATED",
                                              "TASK-NA-NO-JUSTIFICATION")} == {"missing_evidence"}


def test_a_placeholder_written_as_unicode_escapes_is_found(tmp_path: Path):
    """The quick "no marker anywhere" test (may_hold_template_text) reads the parsed text, so a
    placeholder written as \\u escapes (an ASCII-only JSON writer) is still found."""
    data = json.loads((FIXTURES / "education-2024-half-filled.json").read_text(encoding="utf-8"))
    escaped = tmp_path / "escaped.json"
    escaped.write_text(json.dumps(data, ensure_ascii=True), encoding="ascii")
    assert "\\u5f85\\u586b\\u5199" in escaped.read_text(encoding="ascii")  # 待填写, escaped
    result = CliRunner().invoke(cli.main, ["check", str(escaped), "--format", "json"])
    found = {(f["rule_id"], f["location"]["pointer"]) for f in json.loads(result.stdout)["reports"][0]["findings"]}
    assert {("REPORT-INVALID-VALUE", "/contact/name"), ("REPORT-INVALID-VALUE", "/tasks/1/evidence/1/title")} <= found


def test_the_quick_marker_test():
    from engine.io.template_text import may_hold_template_text

    assert may_hold_template_text({"contact": {"name": "待填写"}})
    assert may_hold_template_text({"tasks": [{"status": "待填报"}]})  # a workbook's status label
    assert not may_hold_template_text({"contact": {"name": "李春燕"}, "tasks": [{"narrative": "已完成"}]})
    assert may_hold_template_text({"odd": object()})  # what orjson cannot write is walked, to be sure


def test_the_template_in_a_self_check_lists_the_leftovers_with_the_suggestions():
    result = CliRunner().invoke(cli.main, ["check", str(FIXTURES / "education-2024-as-written.json"),
                                           "--department", "黑龙江省教育厅"])
    assert result.exit_code == 1
    assert "TASK-NARRATIVE-UNFILLED" in result.stdout and "TASK-SUGGESTED" in result.stdout


def test_the_template_writer_uses_the_shared_markers():
    data = json.loads((FIXTURES / "education-2024-as-written.json").read_text(encoding="utf-8"))
    assert data["contact"]["name"] == PLACEHOLDER
    assert all(task["narrative"].startswith(UNFILLED) for task in data["tasks"])


@pytest.mark.parametrize("text", [None, "", "  ", "无", "无。", "没有", "暂无", "不适用", "不适用。", "不涉及", "/", "／",
                                  "-", "--", "—", "——", "…", "N/A", "n/a", "None", "待填写", " 无 ", "（无）"])
def test_says_nothing(text):
    assert says_nothing(text)


@pytest.mark.parametrize("text", ["不适用：本厅无相应工作。", "无相应执法职能", "由省知识产权局统一发布", "2024年未开放申报"])
def test_says_something(text):
    assert not says_nothing(text)


def test_placeholders_and_unfilled_narratives():
    assert is_placeholder("待填写") and is_placeholder(" 待填写 ") and is_placeholder("【待填报】")
    assert not is_placeholder("李春燕") and not is_placeholder("待填写人：李春燕") and not is_placeholder(None)
    assert unfilled_narrative("【待填报】第1项") and unfilled_narrative("已开展。【待填报】第1项")
    assert not unfilled_narrative("各市地待填报数据已报齐") and not unfilled_narrative(None)


def test_leftovers_are_found_in_a_report_read_past_an_invalid_value():
    """The submission date written 2025/01/16 makes the report one read value by value
    (engine.io.salvage); its template text is found all the same."""
    code, findings = _check("education-2024-half-filled-bad-date.json")
    assert code == 1
    found = _found(findings)
    assert ("REPORT-INVALID-VALUE", "/submitted") in found
    assert {("REPORT-INVALID-VALUE", "/contact/name"), ("REPORT-INVALID-VALUE", "/tasks/1/evidence/1/title"),
            ("TASK-NARRATIVE-UNFILLED-SUGGESTED", "/tasks/0/narrative")} <= found
