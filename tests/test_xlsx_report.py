"""Excel reports (issue 14): every sample converted to a workbook reads back into the same report
and gives the same findings as its JSON (rule ids, messages, fingerprints; only the locations
differ, as `Sheet!B7`); cells are read as a clerk's Excel or WPS stores them; a bad cell is a
REPORT-INVALID-VALUE finding at its cell, a bad header or a broken layout a one-line error."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from engine.checker import Checker
from engine.fact_builder import CST
from engine.io.read import read_report
from engine.io.source import InputError
from engine.io.xlsx_layout import FIELD_ROW, header_columns, sheets
from engine.io.xlsx_cells import CellText, cell_value
from engine.io.xlsx_read import parse_xlsx
from engine.io.xlsx_write import write_xlsx
from engine.io.xml_layout import fields_of
from engine.model.report import Metric, Report, TaskProgress
from engine.model.enforcement import Amounts, EnforcementCase
from xlsx_helpers import SAMPLES, edited, sample_workbook

SAMPLE_FILES = sorted(str(p.relative_to(SAMPLES)) for p in SAMPLES.glob("*/*.json"))
MARKET = "heilongjiang-2023/market-regulation-2024-compliant.json"
GAPS = "heilongjiang-2023/ip-office-2024-gaps.json"


def _written(tmp_path: Path, relative: str, data: bytes | None = None, name: str = "报告.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(data if data is not None else sample_workbook(relative))
    return path


def _column(ws, key: str) -> int:
    """The column number whose field-row name is `key`."""
    for cell in ws[FIELD_ROW]:
        if cell.value == key:
            return cell.column
    raise KeyError(key)


def _set(sheet: str, key: str, row: int, value, number_format: str | None = None):
    def edit(wb):
        ws = wb[sheet]
        cell = ws.cell(row=row, column=_column(ws, key))
        cell.value = value
        if number_format:
            cell.number_format = number_format
    return edit


def _header_row(wb, key: str) -> int:
    for row in wb["报告信息"].iter_rows(min_row=2):
        if row[2].value == key:
            return row[0].row
    raise KeyError(key)


def _check(tmp_path: Path, data: bytes, *args: str):
    path = _written(tmp_path, "", data)
    return CliRunner().invoke(cli.main, ["check", str(path), *args])


@pytest.mark.parametrize("relative", SAMPLE_FILES)
def test_every_sample_reads_back_the_same_and_gives_the_same_findings(relative: str, tmp_path: Path,
                                                                      checker: Checker):
    json_path = SAMPLES / relative
    xlsx_path = _written(tmp_path, relative)
    as_json, as_xlsx = checker.check_path(json_path), checker.check_path(xlsx_path)
    assert as_xlsx.loaded.format == "xlsx"
    assert as_xlsx.loaded.report == as_json.loaded.report
    assert as_xlsx.loaded.problems == as_json.loaded.problems

    def seen(result):
        return [(f.rule_id, f.severity, f.message_zh, f.message_en, f.remediation_zh, f.fingerprint)
                for f in result.findings]

    assert seen(as_xlsx) == seen(as_json)
    for finding in as_xlsx.findings:
        assert "!" in finding.location.describe(), finding  # every finding points at a cell or a sheet


def test_check_prints_cell_references(tmp_path: Path):
    result = CliRunner().invoke(cli.main, ["check", str(_written(tmp_path, GAPS))])
    assert result.exit_code == 1
    assert "TASK-NO-EVIDENCE  任务!A18" in result.stdout  # the task of clause 33, the 16th row of data
    assert "HLJ-67-TRAINING-TARGET  指标!B3" in result.stdout  # the value cell of the metric
    json_run = CliRunner().invoke(cli.main, ["check", str(SAMPLES / GAPS)])
    rule_ids = [line.split()[2] for line in json_run.stdout.splitlines() if line.startswith("  ")
                and line.split()[0] in ("错误", "警告", "提示")]
    assert rule_ids and rule_ids == [line.split()[2] for line in result.stdout.splitlines()
                                     if line.startswith("  ") and line.split()[0] in ("错误", "警告", "提示")]


def test_a_workbook_is_recognised_by_its_bytes_whatever_its_name(tmp_path: Path, checker: Checker):
    path = _written(tmp_path, MARKET, name="报告-最终版")
    assert checker.check_path(path).loaded.format == "xlsx"


# ---- cells as Excel and WPS store them ----

STATUS = fields_of(TaskProgress)["status"].scalar
VALUE = fields_of(Metric)["value"].scalar
COPIES = fields_of(Amounts)["infringing_copies"].scalar
SEIZED = fields_of(EnforcementCase)["items_seized"].scalar
FILED = fields_of(EnforcementCase)["filed_date"].scalar
CLAUSE = fields_of(TaskProgress)["clause"].scalar
AT = next(c.scalar for s in sheets() for c in s.columns if c.key == "decision.at")


@pytest.mark.parametrize("written, read", [("已完成", "completed"), ("completed", "completed"), (" 推进中 ", "in_progress"),
                                           ("做完了", "做完了")])
def test_coded_values_are_the_chinese_word_or_the_code(written, read):
    assert cell_value(written, STATUS) == read  # anything else goes on to validation, which names the choices


@pytest.mark.parametrize("written, read", [
    (dt.datetime(2024, 3, 1), dt.date(2024, 3, 1)),  # a date cell
    ("2024-03-01", "2024-03-01"),  # text: pydantic parses it as it parses JSON
    (dt.datetime(2024, 3, 1, 9, 30), dt.datetime(2024, 3, 1, 9, 30)),  # a time of day: validation refuses it
])
def test_dates_are_date_cells_or_text(written, read):
    assert cell_value(written, FILED) == read


def test_a_bare_number_is_no_date():
    # 45352 is 2024-03-01 as Excel counts, but pydantic would read it as seconds since 1970
    assert isinstance(cell_value(45352, FILED), CellText)


def test_moments_without_a_zone_are_beijing_time():
    assert cell_value(dt.datetime(2024, 5, 6, 10, 0), AT) == dt.datetime(2024, 5, 6, 10, 0, tzinfo=CST)


@pytest.mark.parametrize("written, number_format, read", [
    (5000.0, "General", 5000), (5000, "General", 5000), ("5000", "@", 5000), (2.5, "General", 2.5),
])
def test_whole_numbers_stored_as_floats_are_whole(written, number_format, read):
    value = cell_value(written, COPIES, number_format)
    assert value == read and type(value) is type(read)


@pytest.mark.parametrize("written, number_format, read", [
    (0.986, "0.0%", 98.6), (0.986, "0.00%", 98.6), (1, "0%", 100.0), ("98.6%", "@", 98.6), ("98.6％", "@", 98.6),
    (98.6, "General", 98.6), (0.986, '0.0"%"', 0.986),  # a literal "%" in the format is no percentage
])
def test_a_percentage_is_read_as_the_number_shown(written, number_format, read):
    assert cell_value(written, VALUE, number_format) == read


@pytest.mark.parametrize("written", ["五万", "1_000", "inf", "1e999", True])
def test_what_is_no_number_goes_on_as_text(written):
    assert isinstance(cell_value(written, VALUE), CellText)


@pytest.mark.parametrize("written, read", [("是", True), ("否", False), (True, True), ("TRUE", True), (0, False)])
def test_yes_no(written, read):
    assert cell_value(written, SEIZED) is read


def test_a_clause_number_typed_as_a_number_is_text():
    assert cell_value(33.0, CLAUSE) == "33" and cell_value(33, CLAUSE) == "33"


def test_every_model_field_has_a_cell():
    keys = {c.key for c in header_columns()} | {f"{s.name}:{c.key}" for s in sheets() for c in s.columns}
    assert "department.name" in keys and "案件:penalty.registration_place_push.recipient" in keys
    assert {s.name for s in sheets()} >= {"任务", "任务佐证", "指标", "案件", "处罚公示", "移送", "移送材料",
                                          "接收移送", "失信名单", "名单公示", "发布物"}



def test_every_column_has_a_chinese_heading():
    """A new model field gets a column by itself, headed by its field name: clerks need a Chinese
    word for it in engine/io/xlsx_layout.py's _WORDS (or _LABELS)."""
    columns = [*header_columns(), *(c for s in sheets() for c in s.columns)]
    unlabelled = sorted({c.key for c in columns if c.label == c.key or c.label.isascii()})
    assert not unlabelled, f"add Chinese words for {unlabelled} to _WORDS in engine/io/xlsx_layout.py"


# ---- a clerk's edits ----

def test_a_percent_cell_in_a_saved_workbook(tmp_path: Path):
    data = edited(sample_workbook("shanghai-district/ip-office-2024-gaps.json"),
                  _set("指标", "value", 3, 0.986, "0.0%"))
    raw, _ = parse_xlsx(data, "x.xlsx")
    assert raw["metrics"][0]["value"] == 98.6


def test_a_bad_cell_is_a_finding_at_that_cell_and_the_rest_is_checked(tmp_path: Path):
    data = edited(sample_workbook(MARKET), _set("案件", "filed_date", 4, "2024-13-45"))
    result = _check(tmp_path, data)
    assert result.exit_code == 1, result.output
    assert "REPORT-INVALID-VALUE  案件!J4" in result.stdout
    assert "REG310" not in result.stdout or "案件!" in result.stdout


def test_text_in_a_number_cell_is_quoted(tmp_path: Path):
    data = edited(sample_workbook(MARKET), _set("案件", "amounts.illegal_gains", 3, "四万一千二"))
    result = _check(tmp_path, data)
    assert "REPORT-INVALID-VALUE  案件!M3" in result.stdout and "四万一千二" in result.stdout


def test_a_column_the_format_does_not_have_is_an_unknown_field(tmp_path: Path):
    def edit(wb):
        ws = wb["任务"]
        ws.cell(row=2, column=9, value="progress")
        ws.cell(row=3, column=9, value="80%")
    result = _check(tmp_path, edited(sample_workbook(MARKET), edit))
    assert result.exit_code == 1
    assert "任务!I3" in result.stdout and "progress" in result.stdout


def test_a_blank_row_between_records_is_skipped(tmp_path: Path, checker: Checker):
    def edit(wb):
        wb["任务"].insert_rows(4)
    path = _written(tmp_path, "", edited(sample_workbook(MARKET), edit))
    assert checker.check_path(path).loaded.report == read_report(SAMPLES / MARKET).report


def test_evidence_rows_may_be_sorted_apart_from_their_task(tmp_path: Path, checker: Checker):
    def edit(wb):
        ws = wb["任务佐证"]
        rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3, max_row=4)]
        for i, values in enumerate(reversed(rows), 3):
            for j, v in enumerate(values, 1):
                ws.cell(row=i, column=j, value=v)
    report = checker.check_path(_written(tmp_path, "", edited(sample_workbook(MARKET), edit))).loaded.report
    expected = read_report(SAMPLES / MARKET).report
    assert [t.clause for t in report.tasks] == [t.clause for t in expected.tasks]
    assert {t.clause: len(t.evidence) for t in report.tasks} == {t.clause: len(t.evidence) for t in expected.tasks}


# ---- what cannot be read: one line, the cell, exit 2 ----

def _error(tmp_path: Path, data: bytes) -> str:
    result = _check(tmp_path, data)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("plancheck: error: "), result.stderr
    return lines[0]


def test_an_invalid_header_is_refused_at_its_cell(tmp_path: Path):
    def edit(wb):
        wb["报告信息"].cell(row=_header_row(wb, "period.end"), column=2).value = dt.datetime(2023, 1, 1)
    line = _error(tmp_path, edited(sample_workbook(MARKET), edit))
    assert "报告.xlsx: 报告信息!B11: " in line and "2023-01-01" in line  # the period, as JSON points at /period


def test_a_missing_plan_is_refused_at_its_cell(tmp_path: Path):
    def edit(wb):
        wb["报告信息"].cell(row=_header_row(wb, "plan"), column=2).value = None
    assert "报告信息!B3: " in _error(tmp_path, edited(sample_workbook(MARKET), edit))


def test_a_non_empty_unknown_sheet_is_refused(tmp_path: Path):
    def edit(wb):
        wb.create_sheet("Sheet1")["C4"] = "草稿"
    line = _error(tmp_path, edited(sample_workbook(MARKET), edit))
    assert "Sheet1!C4: 工作表“Sheet1”不是报告的工作表" in line


def test_an_empty_unknown_sheet_is_ignored(tmp_path: Path, checker: Checker):
    path = _written(tmp_path, "", edited(sample_workbook(MARKET), lambda wb: wb.create_sheet("Sheet1")))
    assert checker.check_path(path).loaded.report == read_report(SAMPLES / MARKET).report


def test_evidence_naming_no_task_is_refused(tmp_path: Path):
    line = _error(tmp_path, edited(sample_workbook(MARKET), _set("任务佐证", "^clause", 3, "999")))
    assert "任务佐证!A3: 工作表“任务”中没有“999”这条记录" in line


def test_a_workbook_without_the_header_sheet_is_refused(tmp_path: Path):
    line = _error(tmp_path, edited(sample_workbook(MARKET), lambda wb: wb.remove(wb["报告信息"])))
    assert "没有“报告信息”工作表" in line and "template --format xlsx" in line


def test_a_value_in_a_column_without_a_field_name_is_refused(tmp_path: Path):
    def edit(wb):
        wb["任务"].cell(row=3, column=12, value="备注")
    assert "任务!L3: 这一列没有字段名却填了值" in _error(tmp_path, edited(sample_workbook(MARKET), edit))


def test_a_repeated_field_is_refused(tmp_path: Path):
    def edit(wb):
        wb["任务"].cell(row=2, column=2, value="clause")
    assert "任务!B2: 字段“clause”重复" in _error(tmp_path, edited(sample_workbook(MARKET), edit))


def test_the_reader_gives_the_json_shape(tmp_path: Path):
    raw, source = parse_xlsx(sample_workbook(MARKET), "x.xlsx")
    assert raw["plan"] == "heilongjiang-2023" and raw["department"]["name"] == "黑龙江省市场监督管理局"
    assert source.locate("/cases/1/penalty/kinds/0").cell == "案件!Y4"
    assert source.locate("/cases/1/penalty/publications/0/date").cell.startswith("处罚公示!D")
    assert Report.model_validate(raw) == read_report(SAMPLES / MARKET).report


def test_input_error_line_names_the_cell():
    from engine.io.source import Location
    assert InputError("r.xlsx", "bad", Location("/plan", cell="报告信息!B3")).line() == "r.xlsx: 报告信息!B3: bad"


def test_batch_finds_workbooks_but_not_excels_lock_files(tmp_path: Path):
    from engine.batch.discover import discover

    _written(tmp_path, MARKET, name="黑龙江省市场监督管理局.xlsx")
    (tmp_path / "~$黑龙江省市场监督管理局.xlsx").write_bytes(b"\0" * 165)  # Excel's lock file while it is open
    assert [Path(p).name for p in discover([str(tmp_path)])] == ["黑龙江省市场监督管理局.xlsx"]


# Workbooks written by the writer, opened and saved again by LibreOffice Calc 7.4 (soffice
# --convert-to xlsx): another program's XML (shared strings, its own styles and validations).
RESAVED = {
    "market-regulation-2024-compliant.libreoffice.xlsx": "heilongjiang-2023/market-regulation-2024-compliant.json",
    "ip-office-2024-gaps.libreoffice.xlsx": "heilongjiang-2023/ip-office-2024-gaps.json",
}


@pytest.mark.parametrize("fixture", sorted(RESAVED))
def test_a_workbook_saved_by_another_program_reads_the_same(fixture: str, repo: Path, checker: Checker):
    resaved = checker.check_path(repo / "tests" / "fixtures" / "xlsx" / fixture)
    original = checker.check_path(SAMPLES / RESAVED[fixture])
    assert resaved.loaded.report == original.loaded.report
    assert [(f.rule_id, f.message_zh) for f in resaved.findings] == [(f.rule_id, f.message_zh) for f in original.findings]


def test_sheets_with_only_the_chinese_headings_are_read_by_them(tmp_path: Path, checker: Checker):
    """A hand-made workbook, or one whose grey field-name row a clerk deleted: row 1's labels tell."""
    def edit(wb):
        for name in ("任务", "任务佐证", "指标", "案件", "处罚公示", "失信名单", "名单公示"):
            wb[name].delete_rows(2)
        wb["报告信息"].delete_cols(3)
    path = _written(tmp_path, "", edited(sample_workbook(MARKET), edit))
    assert checker.check_path(path).loaded.report == read_report(SAMPLES / MARKET).report


def test_a_sheet_naming_no_field_at_all_is_unknown_fields(tmp_path: Path):
    def edit(wb):
        wb.remove(wb["发布物"])
        ws = wb.create_sheet("发布物")
        ws["A1"], ws["A2"], ws["A3"] = "名目", "说明", "白皮书"
    result = _check(tmp_path, edited(sample_workbook(MARKET), edit))
    assert "发布物!A3" in result.stdout and "说明" in result.stdout


def test_a_field_named_twice_by_label_and_name_is_refused(tmp_path: Path):
    def edit(wb):
        wb["任务"].cell(row=2, column=3, value="条款编号")
    assert "任务!C2: 字段“clause”重复（已在第 A 列）" in _error(tmp_path, edited(sample_workbook(MARKET), edit))


def test_a_field_and_a_field_inside_it_both_filled_is_refused(tmp_path: Path):
    def edit(wb):
        ws = wb["案件"]
        ws.cell(row=2, column=40, value="party")
        ws.cell(row=3, column=40, value="哈尔滨市道里区鑫源酒业商行")
    assert "案件!AN3: 该字段和它下级的字段都填了内容" in _error(
        tmp_path, edited(sample_workbook(MARKET), edit))


def test_moments_round_trip_to_the_microsecond(tmp_path: Path):
    report = read_report(SAMPLES / "heilongjiang-2023/market-regulation-2024-referral-broken.json").report
    moment = dt.datetime(2024, 6, 7, 16, 30, 5, 123456, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    referrals = [report.referrals[0].model_copy(update={"transferred_at": moment}), *report.referrals[1:]]
    changed = report.model_copy(update={"referrals": referrals})
    path = _written(tmp_path, "", write_xlsx(changed))
    assert read_report(path).report.referrals[0].transferred_at == moment


@pytest.mark.parametrize("text, values", [
    ("罚款、没收", ["罚款", "没收"]), ("罚款，没收", ["罚款", "没收"]), ("张伟\n李娜", ["张伟", "李娜"]),
    ("哈尔滨市某某公司, 分公司\n大庆市某某公司", ["哈尔滨市某某公司, 分公司", "大庆市某某公司"]),  # new lines first
    ("张伟；", ["张伟"]), ("  ", []),
    ("江苏、浙江联合执法组\n", ["江苏、浙江联合执法组"]),  # one value holding a separator, as the writer writes it
])
def test_a_list_in_one_cell(text, values):
    from engine.io.xlsx_layout import join_list, split_list

    assert split_list(text) == values
    if values:
        assert split_list(join_list(values)) == values
        assert split_list(join_list(values[:1])) == values[:1]


def test_batch_checks_a_workbook_like_its_json(tmp_path: Path):
    from batch_helpers import batch_json, rows

    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "credit-broken.json").write_bytes((SAMPLES / "heilongjiang-2023/market-regulation-2024-credit-broken.json")
                                                .read_bytes())
    _written(folder, "heilongjiang-2023/market-regulation-2024-credit-broken.json", name="credit-broken.xlsx")
    db = tmp_path / "runs.sqlite"
    code, summary = batch_json(str(folder), "--db", str(db), "--workers", "1")
    assert code == 1 and not summary["errors"]
    found = {r["path"].rsplit(".", 1)[1]: sorted((f["rule_id"], f["fingerprint"]) for f in rows(
        db, "SELECT f.* FROM findings f JOIN reports r ON r.id = f.report_id WHERE r.path = ?", r["path"]))
        for r in rows(db, "SELECT path FROM reports")}
    assert found["xlsx"] and found["xlsx"] == found["json"]
