"""Errors a clerk makes while typing (issue 13): each said at its position with the fix, in Chinese
by default and in English with --lang en, in JSON and XML.

A header value (plan, department, period) that is wrong refuses the file (exit 2, one line on
stderr); any other value is a REPORT-INVALID-VALUE finding (exit 1). The fixtures under
tests/fixtures/typing_errors/ are samples/ruichang/police-2024-compliant.* with one mistake each.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from install_mode import cli_argv

REPO = Path(__file__).resolve().parent.parent
TYPED = Path(__file__).parent / "fixtures" / "typing_errors"

# fixture -> (position and place after the file name, Chinese text, English text): the one line of
# an input error must say what is wrong there and what to write.
REFUSED = {
    # dates in the header, in other forms: the form expected and, for a real date, what it would be
    "period-start-slashes.json": ("12:14: /period/start", ["“2024/01/01”不是有效日期", "应为 YYYY-MM-DD",
                                                          "“2024/01/01”应写作 2024-01-01"],
                                  ["'2024/01/01' is not a valid date", "'2024/01/01' is written 2024-01-01"]),
    "period-start-slashes.xml": ("13: /report/period/start", ["“2024/01/01”应写作 2024-01-01"],
                                 ["'2024/01/01' is written 2024-01-01"]),
    "period-end-impossible.json": ("13:12: /period/end", ["“2024/12/32”不是有效日期：2024年12月没有32日",
                                                         "应为 YYYY-MM-DD"],
                                   ["'2024/12/32' is not a valid date: 2024-12 has no day 32"]),
    "period-end-impossible.xml": ("14: /report/period/end", ["2024年12月没有32日"], ["2024-12 has no day 32"]),
    # full-width punctuation in JSON syntax: the character, its code point, the ASCII one to type
    "fullwidth-comma.json": ("3:21: /", ["全角逗号 ，（U+FF0C）", "改为半角 ,"], ["full-width comma ， (U+FF0C)", "type ','"]),
    "fullwidth-colon.json": ("6:11: /", ["全角冒号 ：（U+FF1A）", "改为半角 :"], ["(U+FF1A)", "type ':'"]),
    "fullwidth-quotes.json": ("7:5: /", ["中文左双引号 “（U+201C）", '改为半角 "'], ["(U+201C)", "type '\"'"]),
    "ideographic-space.json": ("15:1: /", ["全角空格", "U+3000", "改为半角空格或删去"],
                               ["(U+3000)", "an ASCII space, or remove it"]),
    # saved as GBK ("ANSI"): refused, saying so and how to save as UTF-8
    "saved-as-gbk.json": ("5:14: /", ["看来是以 GBK/GB18030（ANSI）保存的", "“瑞昌市公安局”", "记事本", "UTF-8"],
                          ["looks saved as GBK/GB18030", "'瑞昌市公安局'", "Notepad"]),
    "gbk-undeclared.xml": ("5:11: /", ["GBK/GB18030", "另存为 UTF-8", 'encoding="GBK"'],
                           ["looks saved as GBK/GB18030", 'encoding="GBK"']),
    "gbk-declared-as-utf8.xml": ("6:11: /", ["GBK/GB18030", "另存为 UTF-8"], ["save it as UTF-8"]),
    # a misspelt field of the header: the name meant
    "misspelt-header-field.json": ("11:13: /peroid", ["未知字段 peroid，缺少必填字段 period", "字段名应为 period"],
                                   ["unknown field 'peroid'", "the name is 'period'"]),
    "misspelt-header-field.xml": ("12: /report/peroid", ["字段名应为 period"], ["the name is 'period'"]),
    "misspelt-department-field.json": ("9:15: /department/regoin", ["未知字段 regoin（是否应为 region？）", "改为 region"],
                                       ["did you mean 'region'?"]),
    "misspelt-department-field.xml": ("10: /report/department/regoin", ["是否应为 region？"], ["did you mean 'region'?"]),
    # a misspelt list item element in XML
    "misspelt-item-element.xml": ("22: /report/tasks/tsak", ["<tasks> 中没有元素 tsak；是否应为 task？"],
                                  ["unknown element 'tsak' in <tasks>; did you mean 'task'?"]),
    # text where the format has a list
    "evidence-as-text.json": ("25:19: /tasks/0/evidence", ["evidence应为列表（[…]），实为文字"],
                              ["evidence must be a list, not a string"]),
    "evidence-as-text.xml": ("26: /report/tasks/task[1]/evidence", ["<evidence> 中只能有下级元素，不能直接写文字"],
                             ["text '瑞公字〔2024〕12号' is not allowed in <evidence>"]),
    # a coded header value written as its Chinese label
    "department-kind-label.json": ("6:13: /department/kind", ["部门类型“公安”不是可选的值", "“公安”应写作 public_security"],
                                   ["'公安' is written public_security"]),
    "department-kind-label.xml": ("7: /report/department/kind", ["“公安”应写作 public_security"],
                                  ["'公安' is written public_security"]),
    # unknown plan and department: the close matches
    "unknown-plan.json": ("3:11: /plan", ["未知的方案“ruichang-2024”；是否应为 ruichang？", "已有的方案编号："],
                          ["unknown plan 'ruichang-2024'; did you mean 'ruichang'?", "(known: "]),
    "unknown-plan.xml": ("4: /report/plan", ["是否应为 ruichang？"], ["did you mean 'ruichang'?"]),
    "unknown-department.json": ("5:13: /department/name", ["“瑞昌市公安分局”不是方案 ruichang 所列的责任单位",
                                                           "是否应为 瑞昌市公安局？"],
                                ["not a responsible unit of plan ruichang; close matches: 瑞昌市公安局"]),
    "unknown-department.xml": ("6: /report/department/name", ["是否应为 瑞昌市公安局？"], ["close matches: 瑞昌市公安局"]),
    # a plan's title where its id belongs: the form of an id
    "plan-title-as-id.json": ("3:11: /plan", ["格式不对", "方案编号由小写字母、数字和连字符组成"],
                              ["a plan id has lower-case letters, digits and hyphens"]),
}

# fixture -> (location of the REPORT-INVALID-VALUE finding, Chinese message and fix, English ones)
FOUND = {
    "submitted-chinese-date.json": ("15:16 /submitted", ["“2025年1月13日”不是有效日期", "“2025年1月13日”应写作 2025-01-13"],
                                    ["'2025年1月13日' is written 2025-01-13"]),
    "submitted-chinese-date.xml": ("16 /report/submitted", ["“2025年1月13日”应写作 2025-01-13"],
                                   ["'2025年1月13日' is written 2025-01-13"]),
    "evidence-dotted-date.json": ("45:19 /tasks/1/evidence/0/date", ["“2024.4.12”应写作 2024-04-12"],
                                  ["'2024.4.12' is written 2024-04-12"]),
    "evidence-dotted-date.xml": ("46 /report/tasks/task[2]/evidence/item[1]/date", ["“2024.4.12”应写作 2024-04-12"],
                                 ["'2024.4.12' is written 2024-04-12"]),
    "evidence-impossible-date.json": ("45:19 /tasks/1/evidence/0/date", ["2024年2月没有30日", "应为 YYYY-MM-DD"],
                                      ["2024-02 has no day 30"]),
    "evidence-impossible-date.xml": ("46 /report/tasks/task[2]/evidence/item[1]/date", ["2024年2月没有30日"],
                                     ["2024-02 has no day 30"]),
    "evidence-full-width-date.json": ("45:19 /tasks/1/evidence/0/date", ["“２０２４－０４－１２”应写作 2024-04-12"],
                                      ["'２０２４－０４－１２' is written 2024-04-12"]),
    "evidence-full-width-date.xml": ("46 /report/tasks/task[2]/evidence/item[1]/date",
                                     ["“２０２４－０４－１２”应写作 2024-04-12"], ["is written 2024-04-12"]),
    "misspelt-task-field.json": ("24:19 /tasks/0/narative", ["未知字段 narative", "是否应为 narrative？"],
                                 ["did you mean 'narrative'?"]),
    "misspelt-task-field.xml": ("25 /report/tasks/task[1]/narative", ["是否应为 narrative？"], ["did you mean 'narrative'?"]),
    "task-status-mistyped.json": ("23:17 /tasks/0/status", ["状态“complted”不是可选的值", "“complted”应写作 completed"],
                                  ["'complted' is written completed"]),
    "task-status-mistyped.xml": ("24 /report/tasks/task[1]/status", ["“complted”应写作 completed"],
                                 ["'complted' is written completed"]),
}

# Read as they are: a UTF-8 byte-order mark, and XML declaring GBK.
ACCEPTED = ["utf8-bom.json", "utf8-bom.xml", "saved-as-gbk.xml"]


def _run(*args: str):
    return CliRunner().invoke(cli.main, ["check", "--no-color", *args])


def test_every_fixture_has_an_expectation():
    assert sorted(p.name for p in TYPED.iterdir()) == sorted([*REFUSED, *FOUND, *ACCEPTED])


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_refused_file_is_one_line_with_position_and_fix(name: str, lang: str):
    position, zh, en = REFUSED[name]
    path = TYPED / name
    result = _run(*(["--lang", "en"] if lang == "en" else []), str(path))
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"plancheck: error: {path}:{position}: "), lines[0]
    for text in zh if lang == "zh" else en:
        assert text in lines[0], lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", sorted(FOUND))
def test_a_mistyped_value_inside_a_record_is_a_located_finding_with_its_fix(name: str, lang: str):
    location, zh, en = FOUND[name]
    result = _run("--format", "json", "--lang", lang, str(TYPED / name))
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["reports"][0]["findings"]
    found = [f for f in findings if f["rule_id"] == "REPORT-INVALID-VALUE"]
    assert [f["location"]["display"] for f in found] == [location]
    said = f"{found[0]['message']} {found[0]['remediation']}"
    for text in zh if lang == "zh" else en:
        assert text in said, said


def test_text_output_shows_the_rewritten_date_under_its_finding():
    result = _run(str(TYPED / "submitted-chinese-date.json"))
    assert result.exit_code == 1
    assert "REPORT-INVALID-VALUE  15:16 /submitted" in result.stdout
    assert "整改: 日期应为 YYYY-MM-DD，如 2024-03-01；“2025年1月13日”应写作 2025-01-13。" in result.stdout


def test_an_impossible_date_gets_no_rewriting():
    for name in ("period-end-impossible.json", "evidence-impossible-date.json"):
        result = _run("--format", "json", str(TYPED / name))
        assert "应写作" not in result.stdout + result.stderr


@pytest.mark.parametrize("name", ACCEPTED)
def test_a_bom_or_a_declared_gbk_is_read(name: str):
    result = _run(str(TYPED / name))
    assert result.exit_code == 0, result.output
    assert "瑞昌市公安局" in result.stdout and "未发现问题" in result.stdout


def test_full_width_text_inside_strings_is_fine(tmp_path: Path):
    sample = (REPO / "samples" / "ruichang" / "police-2024-compliant.json").read_text(encoding="utf-8")
    assert "“昆仑2024”" in sample and "，" in sample  # the compliant sample is full of it
    assert _run(str(REPO / "samples" / "ruichang" / "police-2024-compliant.json")).exit_code == 0


def test_a_missing_comma_after_a_narrative_with_chinese_quotes_blames_no_quote(tmp_path: Path):
    text = (TYPED / "misspelt-task-field.json").read_text(encoding="utf-8")
    broken = text.replace('抓获犯罪嫌疑人7名。",', '抓获犯罪嫌疑人7名。"', 1)
    path = tmp_path / "missing-comma.json"
    path.write_text(broken, encoding="utf-8")
    result = _run(str(path))
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert line.startswith(f"plancheck: error: {path}:25:7: /: ") and "此处缺少半角逗号 , 或右括号" in line
    assert "U+201" not in line


def test_a_real_process_prints_the_chinese_line_without_a_traceback():
    proc = subprocess.run([*cli_argv(), "check", str(TYPED / "fullwidth-comma.json")],
                          capture_output=True, text=True, encoding="utf-8", cwd=str(REPO),
                          env={"PYTHONPATH": str(REPO), "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8",
                               "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "fullwidth-comma.json:3:21: /: JSON 语法错误：此处是全角逗号 ，（U+FF0C）" in proc.stderr
