"""`plancheck explain RULE_ID`: purpose, clause text, legal basis, condition in plain words,
remediation, one passing and one failing example (from the rule's case file)."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import cli

REPO = Path(__file__).resolve().parent.parent


def _explain(*args: str):
    return CliRunner().invoke(cli.main, ["explain", *args])


def test_explains_a_plan_rule():
    result = _explain("HLJ-67-TRAINING-TARGET")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("用途：全省年度知识产权培训少于5000人次\n")
    assert "  严重程度：错误    类别：未达标" in out
    assert "计划条款（heilongjiang-2023）：第67项 " in out and "不少于5000人次" in out  # clause text
    # the condition in the report's words, not the engine's (metric, full_calendar_year ...)
    assert "何时提示（以下各项同时成立）：\n    有指标：指标名称为training_person_times，且统计范围为本地区，且覆盖整个自然年：是，且数值小于5000\n" in out
    assert "  提示内容：〈报告年度〉年全省知识产权培训〈数值〉人次" in out and "{metric." not in out
    assert "整改：" in out
    assert "通过的示例：test_pass_" in out and "不通过的示例：test_fail_" in out
    assert "得出：[错误] " in out  # the failing example's actual finding


def test_explains_a_national_rule_with_legal_basis():
    out = _explain("REG310-TEAM-SIZE", "--lang", "en").stdout
    assert out.startswith("purpose: ") and "legal basis (confirmed in the text): " in out and "国务院令第310号" in out
    assert "there is a referral of a suspected crime where size of the case team is less than 2" in out
    assert "  message: Referral 〈referral number〉: special team size 〈size of the case team〉;" in out
    assert "passing example: test_pass_" in out and "failing example: test_fail_" in out
    assert "gives: [error] " in out


def test_every_rule_with_cases_has_both_examples():
    cases = sorted(REPO.glob("rules/*/cases/*.yaml"))[:3]
    for path in cases:
        out = _explain(path.stem).stdout
        assert "通过的示例" in out and "不通过的示例" in out, path.stem


def test_unknown_rule_is_exit_2():
    result = _explain("NO-SUCH-RULE")
    assert result.exit_code == 2 and "unknown rule 'NO-SUCH-RULE'" in result.stderr and "Traceback" not in result.output


def test_ids_are_case_insensitive():
    result = _explain("hlj-67-training-target")
    assert result.exit_code == 0 and "HLJ-67-TRAINING-TARGET  全省年度知识产权培训少于5000人次" in result.stdout
    assert "不通过的示例：test_fail_4999" in result.stdout  # the examples of the rule, found by its real id


def test_unknown_rule_suggests_close_ids():
    result = _explain("HLJ-67-TRAINING-TARGE")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == ("plancheck: error: unknown rule 'HLJ-67-TRAINING-TARGE'; did you mean "
                             "'HLJ-67-TRAINING-TARGET' or 'HLJ-67-TRAINING-NOT-REPORTED'? "
                             "(plancheck rules list shows every rule)\n")
