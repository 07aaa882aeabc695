"""`plancheck template --format xlsx` (a workbook per department and plan: a read-me sheet, the
clause text and guidance beside each task, drop-down lists, date columns) and findings as a
workbook (`--format xlsx`, `--output-xlsx`: one row per finding, filters on)."""
from __future__ import annotations

import io
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import cli
from engine.checker import Checker
from engine.commands.common import write_stdout
from engine.io.read import read_report
from engine.io.xlsx_layout import FIELD_ROW
from engine.io.xlsx_write import write_xlsx
from engine.template import build_template, resolve_template_department, year_period
from xlsx_helpers import SAMPLES, edited, sample_workbook

HLJ = ["--plan", "heilongjiang-2023", "--department", "黑龙江省知识产权局", "--period", "2024"]
GAPS = SAMPLES / "heilongjiang-2023" / "ip-office-2024-gaps.json"


def _template(tmp_path: Path, *args: str) -> Path:
    path = tmp_path / "填报表.xlsx"
    result = CliRunner().invoke(cli.main, ["template", *HLJ, "--format", "xlsx", "-o", str(path), *args])
    assert result.exit_code == 0, result.output
    return path


def _columns(ws) -> dict[str, int]:
    return {c.value: c.column for c in ws[FIELD_ROW] if c.value}


def _validations(ws) -> dict[str, str]:
    """cell range -> the list it offers."""
    return {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}


def _options(wb, formula: str) -> list[str]:
    sheet, cells = formula.lstrip("=").split("!")
    sheet = sheet.strip("'")
    first, last = (c.replace("$", "") for c in cells.split(":"))
    return [c.value for row in wb[sheet][first:last] for c in row]


def test_template_workbook_sheets(tmp_path: Path):
    wb = load_workbook(_template(tmp_path))
    assert wb.sheetnames[:3] == ["填表说明", "报告信息", "任务"]
    assert {"任务佐证", "指标", "案件", "处罚公示", "移送", "移送材料", "接收移送", "失信名单", "名单公示", "发布物"} <= set(wb.sheetnames)
    assert wb["选项"].sheet_state == "hidden"
    readme = "\n".join(str(c.value) for c in wb["填表说明"]["A"] if c.value)
    assert "黑龙江省知识产权局" in readme and "plancheck check 报告.xlsx" in readme and "98.6%" in readme


def test_every_task_row_has_its_clause_text_and_guidance_beside_it(tmp_path: Path, checker: Checker):
    wb = load_workbook(_template(tmp_path))
    ws = wb["任务"]
    cols = _columns(ws)
    plan = checker.catalog.plans["heilongjiang-2023"]
    department = resolve_template_department(plan, "黑龙江省知识产权局")
    built = build_template(plan, department, year_period(2024), checker.catalog)
    rows = list(ws.iter_rows(min_row=3, max_row=2 + len(built.tasks)))
    assert [r[cols["clause"] - 1].value for r in rows] == [t.clause for t in built.tasks]
    for row, task in zip(rows, built.tasks):
        assert row[cols["#clause_text"] - 1].value == plan.clause(task.clause).text
        assert row[cols["#guidance"] - 1].value == task.narrative  # the builder's own text
        assert row[cols["status"] - 1].value == "待填报"
        assert row[cols["narrative"] - 1].value.startswith("【待填报】")  # the marker only: the guidance stands beside it


def test_drop_down_lists_for_statuses_roles_kinds_and_platforms(tmp_path: Path):
    wb = load_workbook(_template(tmp_path))
    offered = {}
    for sheet, key in (("任务", "status"), ("任务", "role"), ("任务佐证", "kind"), ("处罚公示", "platform"),
                       ("名单公示", "platform"), ("案件", "ip_type"), ("案件", "penalty.kinds"), ("报告信息", None)):
        ws = wb[sheet]
        for cells, formula in _validations(ws).items():
            if key is None or cells.startswith(_letter(ws, key)):
                offered[(sheet, key)] = formula
    assert _options(wb, offered[("任务", "status")]) == ["未开始", "推进中", "已完成", "不适用", "待填报"]
    assert _options(wb, offered[("任务", "role")]) == ["牵头", "参与"]
    assert "国家企业信用信息公示系统" in _options(wb, offered[("处罚公示", "platform")])
    assert "会议纪要" in _options(wb, offered[("任务佐证", "kind")])
    assert offered[("案件", "ip_type")] and offered[("报告信息", None)]
    assert _options(wb, offered[("案件", "penalty.kinds")])[:2] == ["警告", "罚款"]  # several may be typed: 罚款、没收


def _letter(ws, key: str) -> str:
    return ws.cell(row=FIELD_ROW, column=_columns(ws)[key]).column_letter


def test_date_columns_are_date_formatted(tmp_path: Path):
    wb = load_workbook(_template(tmp_path))
    # the columns' formats, which the rows a clerk adds take
    assert wb["案件"].column_dimensions[_letter(wb["案件"], "filed_date")].number_format == "yyyy-mm-dd"
    assert wb["移送"].column_dimensions[_letter(wb["移送"], "transferred_at")].number_format == "yyyy-mm-dd hh:mm:ss"
    assert wb["任务"].column_dimensions[_letter(wb["任务"], "clause")].number_format == "@"  # 33 stays "33"
    assert wb["任务"][f"{_letter(wb['任务'], 'clause')}3"].number_format == "@"  # and the rows written


def test_the_unmodified_template_gives_the_json_templates_findings(tmp_path: Path, checker: Checker):
    json_path = tmp_path / "t.json"
    assert CliRunner().invoke(cli.main, ["template", *HLJ, "-o", str(json_path)]).exit_code == 0
    as_json, as_xlsx = checker.check_path(json_path), checker.check_path(_template(tmp_path))
    assert [(f.rule_id, f.message_zh) for f in as_xlsx.findings] == [(f.rule_id, f.message_zh) for f in as_json.findings]
    assert "TASK-GAP" in {f.rule_id for f in as_xlsx.findings}


def test_a_filled_in_row_is_checked(tmp_path: Path):
    path = _template(tmp_path)

    def fill(wb):
        ws = wb["任务"]
        cols = _columns(ws)
        for row in ws.iter_rows(min_row=3):
            if row[cols["clause"] - 1].value == "67":
                row[cols["status"] - 1].value = "已完成"
                row[cols["narrative"] - 1].value = "全年组织知识产权培训42场。"
    path.write_bytes(edited(path.read_bytes(), fill))
    result = CliRunner().invoke(cli.main, ["check", str(path)])
    assert "第67项报告为“已完成”，但没有提供任何佐证材料" in result.stdout
    assert "未报告第67项" not in result.stdout


def test_template_workbook_on_stdout(tmp_path: Path):
    result = CliRunner().invoke(cli.main, ["template", *HLJ, "--format", "xlsx"])
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"PK\x03\x04")


def test_a_workbook_is_not_written_to_a_terminal(monkeypatch: pytest.MonkeyPatch, capsys):
    class Terminal(io.BytesIO):
        def isatty(self) -> bool:
            return True
    monkeypatch.setattr(click, "get_binary_stream", lambda name: Terminal())
    with pytest.raises(click.exceptions.Exit) as caught:
        write_stdout(b"PK\x03\x04", binary=True)
    assert caught.value.exit_code == 2
    assert "use --output FILE.xlsx or redirect stdout" in capsys.readouterr().err


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path, checker: Checker):
    report = read_report(GAPS).report
    tasks = list(report.tasks)
    tasks[0] = tasks[0].model_copy(update={"narrative": "=HYPERLINK(\"http://evil.example\",\"点此\")"})
    data = write_xlsx(report.model_copy(update={"tasks": tasks}))
    cell = load_workbook(io.BytesIO(data))["任务"]["E3"]
    assert cell.data_type == "s"
    path = tmp_path / "r.xlsx"
    path.write_bytes(data)
    assert checker.check_path(path).loaded.report.tasks[0].narrative.startswith("=HYPERLINK")


# ---- findings as a workbook ----

def _findings_sheet(path: Path):
    return load_workbook(path)


def test_findings_workbook_one_row_per_finding(tmp_path: Path, checker: Checker):
    out = tmp_path / "问题清单.xlsx"
    result = CliRunner().invoke(cli.main, ["check", str(GAPS), "--output-xlsx", str(out)])
    assert result.exit_code == 1 and "结论：不通过" in result.stdout  # text still on stdout
    wb = load_workbook(out)
    ws = wb["问题清单"]
    heading = [c.value for c in ws[1]]
    assert heading[:6] == ["报告文件", "报送部门", "报告期", "严重程度", "类别", "规则编号"]
    assert {"条款", "位置", "问题", "整改", "依据"} <= set(heading)
    findings = checker.check_path(GAPS).findings
    rows = [dict(zip(heading, (c.value for c in row))) for row in ws.iter_rows(min_row=2)]
    assert len(rows) == len(findings)
    for row, f in zip(rows, findings):
        assert (row["规则编号"], row["位置"], row["问题"], row["整改"]) == (
            f.rule_id, f.location.describe(), f.message_zh, f.remediation_zh)
        assert row["条款"] == (f.citation.clause if f.citation else None)
    assert ws.auto_filter.ref == f"A1:N{len(rows) + 1}" and ws.freeze_panes == "A2"


def test_findings_workbook_in_english_with_unreadable_files(tmp_path: Path):
    result = CliRunner().invoke(cli.main, ["check", str(GAPS), str(tmp_path / "missing.json"), "--format", "xlsx",
                                           "--lang", "en"])
    assert result.exit_code == 2
    wb = load_workbook(io.BytesIO(result.stdout_bytes))
    assert wb.sheetnames == ["Findings", "Unreadable files"]
    assert [c.value for c in wb["Findings"][1]][:3] == ["Report file", "Department", "Period"]
    assert "missing.json: no such file" in wb["Unreadable files"]["B2"].value


def test_findings_quoting_a_formula_stay_text(tmp_path: Path):
    def edit(wb):
        ws = wb["指标"]
        ws.cell(row=3, column=_columns(ws)["value"]).value = "=1+1"  # typed as text by a clerk
        ws.cell(row=3, column=_columns(ws)["value"]).data_type = "s"
    report = tmp_path / "r.xlsx"
    report.write_bytes(edited(sample_workbook("heilongjiang-2023/ip-office-2024-gaps.json"), edit))
    out = tmp_path / "f.xlsx"
    CliRunner().invoke(cli.main, ["check", str(report), "--output-xlsx", str(out)])
    ws = load_workbook(out)["问题清单"]
    quoting = [row[9] for row in ws.iter_rows(min_row=2) if row[5].value == "REPORT-INVALID-VALUE"]
    assert quoting and all(c.data_type == "s" and "=1+1" in c.value for c in quoting)


def test_json_findings_of_a_workbook_validate_and_show_the_cell(tmp_path: Path):
    import json

    import jsonschema

    path = tmp_path / "r.xlsx"
    path.write_bytes(sample_workbook("heilongjiang-2023/ip-office-2024-gaps.json"))
    result = CliRunner().invoke(cli.main, ["check", str(path), "--format", "json"])
    document = json.loads(result.stdout)
    schema = json.loads((SAMPLES.parent / "schemas" / "findings.schema.json").read_text(encoding="utf-8"))
    assert not list(jsonschema.Draft202012Validator(schema).iter_errors(document))
    report = document["reports"][0]
    assert report["format"] == "xlsx"
    assert {f["location"]["display"] for f in report["findings"]} >= {"任务!A18", "指标!B3"}


def _first_unit_of_each_plan() -> list[tuple[str, str]]:
    from engine.resources import rules_dir
    from engine.rules.catalog import load_catalog

    catalog = load_catalog(rules_dir())
    chosen = []
    for plan in sorted(catalog.plans.values(), key=lambda p: p.id):
        if plan.departments:
            chosen.append((plan.id, plan.departments[0].name))
    return chosen


@pytest.mark.parametrize("plan_id, name", _first_unit_of_each_plan())
def test_every_plans_template_workbook_reads_back_as_the_template(plan_id: str, name: str, tmp_path: Path,
                                                                  checker: Checker):
    from engine.io.xlsx_template import template_xlsx

    plan = checker.catalog.plans[plan_id]
    department = resolve_template_department(plan, name)
    built = build_template(plan, department, year_period(2024), checker.catalog)
    path = tmp_path / "t.xlsx"
    path.write_bytes(template_xlsx(plan, built))
    read = read_report(path).report
    marker = read.tasks[0].narrative if read.tasks else None
    assert marker is None or marker.startswith("【待填报】")  # the marker, not the guidance (beside the row)
    assert read == built.model_copy(update={"tasks": [t.model_copy(update={"narrative": marker}) for t in built.tasks]})


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "junit", "html"])
def test_every_format_shows_a_workbooks_cells(output_format: str, tmp_path: Path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(sample_workbook("heilongjiang-2023/ip-office-2024-gaps.json"))
    result = CliRunner().invoke(cli.main, ["check", str(path), "--format", output_format])
    assert result.exit_code == 1, result.output
    assert "任务!A18" in result.stdout
