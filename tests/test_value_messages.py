"""What each invalid value is told, in Chinese and English, and what to write instead
(engine.io.value_messages), judged through the reader as a submitted report would be."""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from engine.io.json_report import parse_json
from engine.io.read import validate_report

REPO = Path(__file__).resolve().parent.parent
BASE = json.loads((REPO / "samples" / "heilongjiang-2023" / "market-regulation-2024-compliant.json")
                  .read_text(encoding="utf-8"))


def _said(pointer: str, value: Any):
    data = copy.deepcopy(BASE)
    *parents, last = [int(t) if t.isdigit() else t for t in pointer[1:].split("/")]
    node = data
    for token in parents:
        node = node[token]
    node[last] = value
    text = json.dumps(data, ensure_ascii=False)
    raw, source = parse_json(text, "r.json")
    (problem,) = validate_report(raw, source, "r.json").problems
    assert problem.pointer == pointer
    return problem.said


# pointer, value written, fragments of (message zh, fix zh, message en, fix en)
CASES = [
    ("/cases/0/filed_date", "2023-02-29", ("filed_date“2023-02-29”不是有效日期：2023年2月没有29日", "日期应为 YYYY-MM-DD，如 2024-03-01",
                                           "2023-02 has no day 29", "a date is written YYYY-MM-DD, e.g. 2024-03-01")),
    ("/cases/0/filed_date", "2024-13-01", ("没有13月", "YYYY-MM-DD", "there is no month 13", "YYYY-MM-DD")),
    ("/cases/0/filed_date", "2024/03/01", ("不是有效日期", "“2024/03/01”应写作 2024-03-01", "not a valid date",
                                           "'2024/03/01' is written 2024-03-01")),
    ("/cases/0/filed_date", "2024年3月1日", ("不是有效日期", "应写作 2024-03-01", "not a valid date", "is written 2024-03-01")),
    ("/cases/0/filed_date", "2024.3.1", ("不是有效日期", "应写作 2024-03-01", "not a valid date", "is written 2024-03-01")),
    ("/cases/0/filed_date", "20240301", ("不是有效日期", "应写作 2024-03-01", "not a valid date", "is written 2024-03-01")),
    ("/cases/0/filed_date", "2024-03-01T09:30:00", ("不是有效日期", "应写作 2024-03-01", "not a valid date",
                                                    "is written 2024-03-01")),
    ("/referrals/0/decision/at", "2024/03/12 10:00", ("不是有效的日期时间", "应写作 2024-03-12T10:00:00+08:00",
                                                      "not a valid date-time", "is written 2024-03-12T10:00:00+08:00")),
    ("/referrals/0/decision/at", "2024年3月12日10时30分", ("不是有效的日期时间", "应写作 2024-03-12T10:30:00+08:00",
                                                          "not a valid date-time", "2024-03-12T10:30:00+08:00")),
    ("/referrals/0/decision/at", "2024-03-12T24:00:00", ("小时应为00-23", "YYYY-MM-DDThh:mm:ss", "the hour is out of range",
                                                         "YYYY-MM-DDThh:mm:ss")),
    ("/cases/0/disposition", "已移送", ("处理结果“已移送”不是可选的值",
                                       "处理结果应为 pending（办理中）、referred（已移送）、penalised（已处罚）",
                                       "disposition '已移送' is not one of the allowed values",
                                       "disposition is one of pending, referred, penalised")),
    ("/cases/0/amounts/illegal_gains", "4.12万元", ("应为数字，实为“4.12万元”", "“4.12万元”应写作 41200",
                                                   "should be a number, not '4.12万元'", "'4.12万元' is written 41200")),
    ("/cases/0/amounts/illegal_gains", "186,400", ("应为数字", "“186,400”应写作 186400", "should be a number", "written 186400")),
    ("/cases/0/amounts/illegal_gains", -5, ("超出范围：应不小于 0", "应为 0 至 10000000000000 之间的数",
                                           "out of range: it must be at least 0", "from 0 to 10000000000000")),
    ("/cases/0/amounts/infringing_copies", 12.5, ("应为整数", "之间的整数", "should be a whole number", "a whole number")),
    ("/cases/0/items_seized", "是", ("应为true 或 false，实为“是”", "应为 true（是）或 false（否）", "should be true or false",
                                     "write true or false")),
    ("/cases/0/party/name", "x" * 301, ("name过长：301个字符，最多300个", "精简到300个字符以内", "too long: 301 characters",
                                        "at most 300 characters")),
    ("/cases/0/party/name", 5, ("name应为文字，实为“5”", "应为文字", "name should be text, not '5'", "text")),
    ("/cases/0/id", "HSJ 2024 0031", ("id“HSJ 2024 0031”格式不对", "编号以字母或数字开头", "not in the expected form",
                                       "an id starts with a letter or digit")),
    ("/tasks/0/clause", "18、19", ("clause“18、19”格式不对", "条款号按方案的写法", "not in the expected form",
                                  "a clause number as the plan writes it")),
    ("/contact/email", "王立新", ("email“王立新”格式不对", "电子邮箱形如", "not in the expected form", "e-mail address looks like")),
    ("/publications/0/url", "www.hlj.gov.cn/x", ("不是 http(s) 网址", "此处多为 https://www.hlj.gov.cn/x", "not an http(s) URL",
                                                 "here probably https://www.hlj.gov.cn/x")),
    ("/publications/0/url", "https://www.gov.cn@evil.example/", ("带有用户名", "不要带 @", "carries a user name",
                                                                 "without anything before an @")),
    ("/cases/0/party/credit_code", 91230102, ("credit_code应为文字", "应为文字", "should be text", "text")),
]


@pytest.mark.parametrize("pointer, value, expected", CASES, ids=[f"{c[0]}={c[1]!s:.20}" for c in CASES])
def test_message_and_fix_in_both_languages(pointer: str, value: Any, expected: tuple[str, str, str, str]):
    said = _said(pointer, value)
    for got, fragment in zip((said.zh, said.fix_zh, said.en, said.fix_en), expected):
        assert fragment in got, (got, fragment)


def test_a_template_placeholder_is_never_suggested():
    said = _said("/tasks/0/status", "基本完成")
    assert "状态应为 not_started（未开始）、in_progress（推进中）、completed（已完成）、not_applicable（不适用）之一" == said.fix_zh
    assert "unreported" not in said.fix_en


def test_unknown_field_lists_the_allowed_names_and_the_closest():
    data = copy.deepcopy(BASE)
    data["cases"][0]["filed"] = "2024-03-04"
    raw, source = parse_json(json.dumps(data, ensure_ascii=False), "r.json")
    (problem,) = validate_report(raw, source, "r.json").problems
    assert problem.said.zh == "未知字段 filed（格式中没有该字段，其内容未核查）"
    assert problem.said.fix_zh.startswith("删去该字段，或改用此处允许的字段名：id、ip_type、conduct、party、filed_date")
    assert problem.said.fix_zh.endswith("；是否应为 filed_date？")
    assert problem.said.fix_en.endswith("; did you mean 'filed_date'?")


def test_a_huge_value_makes_a_short_message():
    said = _said("/cases/0/party/name", "王" * 100_000)
    assert all(len(text) < 300 for text in (said.zh, said.en, said.fix_zh, said.fix_en))
