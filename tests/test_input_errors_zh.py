"""Unusable input says what is wrong in Chinese by default, the language of the clerks who fill
reports in (English on --lang en): the refusals that used to be English only — a missing or
oversized file, the JSON document's own problems, XML that is not a report, a workbook Excel
saved in another form — each still on one line naming the file and position, exit 2."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import cli

BAD = Path(__file__).parent / "fixtures" / "bad_reports"
NS = "urn:plancheck:report:1"

# file name -> (content, Chinese text the line must hold, English text under --lang en)
CASES = {
    "duplicate-key.json": ((BAD / "duplicate-key.json").read_bytes(),
                           "3:3: /plan: JSON 格式错误：字段“plan”重复出现", "duplicate key 'plan'"),
    "nan.json": ((BAD / "nan.json").read_bytes(),
                 "3:12: /value: JSON 格式错误：NaN 不是有效的 JSON 数值", "NaN is not a valid JSON number"),
    "deep.json": (b'{"plan": ' + b"[" * 80 + b"]" * 80 + b"}",
                  "JSON 格式错误：嵌套超过", "nested deeper than"),
    "huge-number.json": (b'{"schema_version": "1.1", "plan": 1e999}',
                         "/plan: JSON 格式错误：数值 1e999 超出可表示的范围", "beyond the range of a float"),
    "other-root.xml": (b'<?xml version="1.0" encoding="UTF-8"?>\n<html/>',
                       "2: /html: 根元素是 <html>，应为 <report>", "root element is <html>, expected <report>"),
    "no-namespace.xml": (b'<?xml version="1.0" encoding="UTF-8"?>\n<report/>',
                         f'2: /report: 根元素 <report> 没有命名空间，应为 xmlns="{NS}"', "expected namespace"),
    "doctype.xml": (b'<?xml version="1.0"?>\n<!DOCTYPE report [<!ENTITY a "x">]>\n<report/>',
                    "1: /: 报告中不允许 DTD 或实体声明", "DTD/entity declarations are not allowed"),
    "broken.xml": (b'<?xml version="1.0"?>\n<report xmlns="urn:plancheck:report:1"><plan>',
                   "XML 格式错误（libxml2：", "invalid XML:"),
    "declared-big5.xml": ('<?xml version="1.0" encoding="Big5"?>\n<report/>'.encode(),
                          "不接受编码“Big5”：请另存为 UTF-8", "encoding 'Big5' is not accepted"),
    "old.xlsx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
                 "无法读取 Excel 97-2003（.xls）或设有密码的工作簿", "Excel 97-2003 (.xls)"),
    "not-a-zip.xlsx": ("报告内容".encode() * 10, "不是 Excel 工作簿（.xlsx）", "not an Excel workbook (.xlsx)"),
}


def _run(*args: str):
    return CliRunner().invoke(cli.main, ["check", *args])


@pytest.mark.parametrize("name", sorted(CASES))
def test_refusal_in_chinese_by_default_and_english_on_request(name: str, tmp_path: Path):
    content, zh, en = CASES[name]
    path = tmp_path / name
    path.write_bytes(content)
    for args, text in (((), zh), (("--lang", "en"), en)):
        result = _run(*args, str(path))
        assert result.exit_code == 2, result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"plancheck: error: {path}:"), result.stderr
        assert text in lines[0], lines[0]
        assert "Traceback" not in result.output


def test_a_report_from_another_department_than_the_self_check_names(tmp_path: Path):
    sample = Path(__file__).parent.parent / "samples" / "heilongjiang-2023" / "ip-office-2024-gaps.json"
    result = _run("--department", "黑龙江省市场监督管理局", str(sample))
    assert result.exit_code == 2
    assert "/department/name: 该报告的填报部门是“黑龙江省知识产权局”，不是“黑龙江省市场监督管理局”" in result.stderr


def test_a_self_check_under_one_of_the_reports_own_plates_is_that_department(tmp_path: Path):
    """A department that carries two plates (哈尔滨市市场监督管理局 / 哈尔滨市知识产权局) lists the other
    as an alias; a self-check under either name is its own, a name it does not carry is not."""
    import json

    sample = Path(__file__).parent.parent / "samples" / "heilongjiang-2023" / "market-regulation-2024-compliant.json"
    data = json.loads(sample.read_text(encoding="utf-8"))
    data["department"]["aliases"] = ["黑龙江省知识产权局"]
    path = tmp_path / "two-plates.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    own = _run("--department", "黑龙江省知识产权局", str(path))
    assert own.exit_code in (0, 1) and "自查只能查本部门的报告" not in own.stderr, own.output
    other = _run("--department", "黑龙江省公安厅", str(path))
    assert other.exit_code == 2 and "不是“黑龙江省公安厅”" in other.stderr
