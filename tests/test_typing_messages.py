"""The pieces behind the typing-error messages (tests/test_typing_errors.py runs them through the
CLI): full-width punctuation in JSON, files saved as GBK, header problems, unknown plans, coded
values written as their labels."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

import cli
from engine.checker import Checker
from engine.io import value_messages as say
from engine.io.header_problem import header_problem
from engine.io.json_syntax import FULL_WIDTH, syntax_problem
from engine.io.salvage import LenientReport
from engine.io.saved_as_gbk import gbk_refusal
from engine.io.xml_layout import fields_of
from engine.model.report import Report, TaskProgress
from engine.plans.unknown_plan import unknown_plan

REPO = Path(__file__).resolve().parent.parent
HEAD = {"schema_version": "1.1", "plan": "ruichang",
        "department": {"name": "瑞昌市公安局", "kind": "public_security", "level": "county"},
        "period": {"start": "2024-01-01", "end": "2024-12-31"}}


def _said(text: str):
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return syntax_problem(text, exc.msg, exc.pos)
    raise AssertionError("the text parsed")


# ---- full-width punctuation in JSON ------------------------------------------------------------


@pytest.mark.parametrize("char", sorted(FULL_WIDTH))
def test_every_full_width_character_where_json_has_syntax_is_named(char: str):
    text = '{"plan": "ruichang"' + char + ' "x": 1}' if FULL_WIDTH[char][2] in ",;" else None
    if text is None:
        text = '{"plan"' + char + '"ruichang"}' if FULL_WIDTH[char][2] == ":" else '{"plan":' + char + "1}"
    said = _said(text)
    assert said.offset == text.index(char)
    assert f"U+{ord(char):04X}" in said.zh and f"U+{ord(char):04X}" in said.en


def test_the_ascii_character_to_type_is_given():
    said = _said('{"plan": "ruichang"，"period": 1}')
    assert said.zh.endswith("改为半角 ,（引号内的文字可用全角）")
    assert "type ','" in said.en


def test_a_closing_chinese_quote_that_swallowed_the_colon_is_found_before_the_error():
    text = '{\n  "level”: "county"\n}'
    said = _said(text)
    assert said.offset == text.index("”") and "中文右双引号" in said.zh


def test_chinese_quotes_inside_a_narrative_are_never_blamed():
    text = '{\n  "narrative": "开展“昆仑2024”专项行动" "status": 1\n}'
    said = _said(text)
    assert "U+201" not in said.zh and said.zh == "JSON 语法错误：此处缺少半角逗号 , 或右括号"


@pytest.mark.parametrize("text, meaning", [
    ('{"a": 1,}', "最后一项后不能有逗号"),
    ('{"a": 1', "此处缺少半角逗号 , 或右括号"),
    ('{"a": "x', "字符串缺少结尾的半角双引号"),
    ('{"a": 1} 2', "JSON 已结束，其后还有多余内容"),
    ('{"a": "C:\\q"}', "反斜杠 \\ 应写作 \\\\"),
])
def test_other_syntax_errors_are_said_in_chinese(text: str, meaning: str):
    said = _said(text)
    assert meaning in said.zh and said.en.startswith("invalid JSON: ")


# ---- saved as GBK --------------------------------------------------------------------------------


def test_gbk_bytes_are_named_with_the_text_they_read_as():
    data = '{"department": {"name": "瑞昌市公安局"}}'.encode("gbk")
    error = gbk_refusal(data, data.index("瑞".encode("gbk")), "r.json")
    assert error is not None
    assert error.location.line == 1 and error.location.column == 26
    assert "“瑞昌市公安局”" in error.zh and "记事本" in error.zh and 'encoding="GBK"' not in error.zh


def test_bytes_that_are_no_chinese_text_are_left_to_the_plain_message():
    latin = '{"name": "Müller"}'.encode("latin-1")
    assert gbk_refusal(latin, latin.index(b"\xfc"), "r.json") is None
    assert gbk_refusal(b'{"a": "\xff\xff"}', 7, "r.json") is None


# ---- header problems -----------------------------------------------------------------------------


def _header_error(data: dict):
    try:
        LenientReport.model_validate(data)
    except ValidationError as exc:
        return header_problem(exc.errors(include_url=False, include_input=False)[0], data)
    raise AssertionError("the header is valid")


def test_a_header_date_in_another_form_is_rewritten_only_when_it_is_a_real_date():
    slashed = _header_error({**HEAD, "period": {"start": "2024/01/01", "end": "2024-12-31"}})
    assert slashed.pointer == "/period/start" and "“2024/01/01”应写作 2024-01-01" in slashed.zh
    impossible = _header_error({**HEAD, "period": {"start": "2024-01-01", "end": "2024.2.30"}})
    assert "2024年2月没有30日" in impossible.zh and "应写作" not in impossible.zh


def test_a_misspelt_header_field_is_said_at_the_misspelling():
    data = {k: v for k, v in HEAD.items() if k != "period"} | {"peroid": HEAD["period"]}
    problem = _header_error(data)
    assert problem.pointer == "/peroid" and "字段名应为 period" in problem.zh


def test_a_missing_header_field_with_nothing_close_is_said_missing():
    data = {k: v for k, v in HEAD.items() if k != "period"} | {"contact": {}}
    problem = _header_error(data)
    assert problem.pointer == "/period" and problem.zh.startswith("缺少必填字段 period")


def test_an_unknown_department_field_gets_the_name_meant_or_the_names_allowed():
    near = _header_error({**HEAD, "department": {**HEAD["department"], "levle": "county"}})
    assert near.pointer == "/department/levle" and "是否应为 level？" in near.zh
    far = _header_error({**HEAD, "department": {**HEAD["department"], "邮编": "332200"}})
    assert "此处允许的字段名：name、kind" in far.zh


def test_a_header_object_written_as_text_is_said_so():
    problem = _header_error({**HEAD, "period": "2024年"})
    assert problem.pointer == "/period" and "period应为对象" in problem.zh


# ---- coded values and plans ----------------------------------------------------------------------


@pytest.mark.parametrize("written, meant", [("公安", "public_security"), ("Public Security", "public_security"),
                                            ("market-regulation", "market_regulation"), ("法院", "court")])
def test_a_coded_value_written_as_its_label_or_otherwise_gets_the_value_meant(written: str, meant: str):
    layout = fields_of(Report)["department"].model
    scalar = fields_of(layout)["kind"].scalar
    said = say.invalid("kind", scalar, {"type": "enum", "ctx": {}}, written)
    assert said.fix_zh.startswith(f"“{written}”应写作 {meant}；")


def test_a_coded_value_nothing_like_a_choice_gets_only_the_list():
    scalar = fields_of(TaskProgress)["status"].scalar
    said = say.invalid("status", scalar, {"type": "enum", "ctx": {}}, "已经全部搞定")
    assert "应写作" not in said.fix_zh and "completed（已完成）" in said.fix_zh


def test_an_unknown_plan_gets_close_ids_and_titles(checker: Checker):
    plans = checker.catalog.plans
    en, zh = unknown_plan(plans, "heilongjiang-2024")
    assert "did you mean 'heilongjiang-2023'?" in en and "是否应为 heilongjiang-2023？" in zh
    assert unknown_plan(plans, plans["tianjin-2021"].title)[1].startswith("未知的方案“天津市")
    assert "是否应为 tianjin-2021？" in unknown_plan(plans, plans["tianjin-2021"].title)[1]
    assert "did you mean" not in unknown_plan(plans, "beijing-2030")[0]


@pytest.mark.parametrize("command", [["rules", "coverage", "--plan", "ruichang-2024"],
                                     ["rules", "list", "--plan", "ruichang-2024"],
                                     ["template", "--plan", "ruichang-2024", "--department", "瑞昌市公安局"]])
def test_plan_option_with_a_typo_names_the_plan_meant(command: list[str]):
    result = CliRunner().invoke(cli.main, command)
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("plancheck: error: unknown plan 'ruichang-2024'; did you mean 'ruichang'?")
    assert "Traceback" not in result.output


def test_template_department_typo_names_the_unit_meant():
    result = CliRunner().invoke(cli.main, ["template", "--plan", "ruichang", "--department", "瑞昌市公按局"])
    assert result.exit_code == 2 and "close matches: 瑞昌市公安局" in result.stderr



def test_rules_show_with_a_mistyped_rule_id_names_the_rule_meant():
    result = CliRunner().invoke(cli.main, ["rules", "show", "task-gap"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "plancheck: error: unknown rule 'task-gap'; did you mean 'TASK-GAP'?"
