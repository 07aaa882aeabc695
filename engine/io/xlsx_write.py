"""Write a report (or a blank template) as an Excel workbook in the layout of engine.io.xlsx_layout,
which engine.io.xlsx_read reads back into the same report.

Coded values are written as their Chinese words and offered as drop-down lists (data
validation), dates as date cells, yes/no fields as 是/否; every text cell is stored as text, so a
clause number 33 stays "33" and a narrative starting with = is not taken for a formula.
"""
from __future__ import annotations

import datetime as dt
import io
from enum import Enum
from typing import Any, Iterable, Optional, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..fact_builder import CST
from .xlsx_layout import (
    FIELD_ROW, FIRST_DATA_ROW, HEADER_SHEET, LABEL_ROW, OPTIONS_SHEET, README_SHEET,
    REQUIRED_MARK, Column, SheetLayout, header_columns, is_date, is_datetime, join_list, sheets, value_labels,
)
from .xml_layout import Scalar
from ..model.report import Report

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
TEXT_FORMAT = "@"
# Rows below the last record that still get the drop-down lists, for the clerk's own (formats are
# the columns').
SPARE_ROWS = 300
_LABEL_FONT = Font(bold=True)
_LABEL_FILL = PatternFill("solid", fgColor="DDEBF7")
_FIELD_FONT = Font(color="808080", size=9, italic=True)
_NOTE_FILL = PatternFill("solid", fgColor="FFF2CC")
_WRAP = Alignment(wrap_text=True, vertical="top")


class Note:
    """A note column beside a sheet's records (never read back): its label, field-row name and
    the text beside each record, by the record's position."""

    def __init__(self, key: str, label: str, texts: Sequence[str], width: int = 40):
        self.key, self.label, self.texts, self.width = key, label, texts, width


def put(ws: Worksheet, row: int, column: int, value: Any, number_format: Optional[str] = None) -> Any:
    """Set one cell; a text is always stored as text (openpyxl reads "=…" as a formula)."""
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    if number_format:
        cell.number_format = number_format
    return cell


def _cell_value(value: Any, scalar: Scalar) -> Any:
    if value is None:
        return None
    if isinstance(value, Enum):
        return value_labels(scalar).get(value.value, value.value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and float(f"{value:.15g}") != value:
        # Excel keeps 15 significant digits (openpyxl writes 16): the exact text instead
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.microsecond % 1000:  # Excel keeps milliseconds at most: the exact text instead
            return value.isoformat()
        # Excel has no time zones: a moment is written in Beijing time, as the reader takes it
        return value.astimezone(CST).replace(tzinfo=None) if value.tzinfo else value
    return value


def _column_format(column: Column) -> Optional[str]:
    if is_date(column.scalar):
        return DATE_FORMAT
    if is_datetime(column.scalar):
        return DATETIME_FORMAT
    if column.scalar.type is str or column.many:
        return TEXT_FORMAT
    return None


def cell_for(record: Any, column: Column) -> Any:
    """The cell value of `column` in a record (a model, or None for a blank row)."""
    value = record
    for part in column.path:
        if value is None:
            return None
        value = getattr(value, part)
    if column.many:
        return join_list([str(_cell_value(v, column.scalar)) for v in value]) if value else None
    return _cell_value(value, column.scalar)


class _Options:
    """The hidden sheet holding each drop-down list's values, one column per coded type."""

    def __init__(self, wb: Workbook):
        self.ws = wb.create_sheet(OPTIONS_SHEET)
        self.ws.sheet_state = "hidden"
        self.ranges: dict[Any, str] = {}

    def range_for(self, scalar: Scalar) -> Optional[str]:
        if scalar.type is bool:
            return '"是,否"'
        labels = value_labels(scalar)
        if not labels:
            return None
        key = scalar.type if scalar.type is not str else scalar.choices
        if key not in self.ranges:
            col = len(self.ranges) + 1
            put(self.ws, 1, col, getattr(scalar.type, "__name__", "choices"))
            for i, word in enumerate(labels.values(), 2):
                put(self.ws, i, col, word)
            letter = get_column_letter(col)
            # quoted: a sheet name that is not plain ASCII is safest quoted in every spreadsheet program
            self.ranges[key] = f"'{OPTIONS_SHEET}'!${letter}$2:${letter}${len(labels) + 1}"
        return self.ranges[key]


def _validate(ws: Worksheet, options: _Options, scalar: Scalar, cells: str, many: bool) -> None:
    formula = options.range_for(scalar)
    if formula is None:
        return
    formula = formula if formula.startswith('"') else f"={formula}"
    if many:
        # the list offers the values, but a cell of several (罚款、没收) is not one of them: no error
        rule = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=False,
                              showInputMessage=True, promptTitle="可填多项", prompt="从列表选一项，或填多项并用“、”分隔")
    else:
        rule = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                              errorStyle="warning", errorTitle="不在选项中", error="请从下拉列表中选择")
    rule.add(cells)
    ws.add_data_validation(rule)


def _heading(ws: Worksheet, col: int, label: str, key: str, width: float, fill: PatternFill = _LABEL_FILL) -> None:
    put(ws, LABEL_ROW, col, label).font = _LABEL_FONT
    ws.cell(row=LABEL_ROW, column=col).fill = fill
    ws.cell(row=LABEL_ROW, column=col).alignment = _WRAP
    put(ws, FIELD_ROW, col, key).font = _FIELD_FONT
    ws.column_dimensions[get_column_letter(col)].width = width


def text_height(text: str, width: float, most: float = 160) -> float:
    """Points of row height that show `text` wrapped in a column `width` characters wide (a
    Chinese character takes two), at most `most`: spreadsheet programs do not all fit wrapped
    rows themselves (LibreOffice prints them overlapping)."""
    per_line = max(width / 2, 1)
    lines = sum(max(1, -(-len(part) // int(per_line))) for part in text.split("\n"))
    return min(15.0 * lines, most)


def fit_to_width(ws: Worksheet) -> None:
    """Print one page wide, landscape: a clerk prints the sheet to check it or have it signed."""
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def _width(column: Column) -> float:
    if column.scalar.type is str and column.scalar.max_length and column.scalar.max_length > 300:
        return 50
    return max(12, min(30, len(column.label) * 2 + 2))


def _write_header(wb: Workbook, report: Report, options: _Options) -> None:
    ws = wb.create_sheet(HEADER_SHEET)
    for col, (label, width) in enumerate((("项目", 24), ("填写内容", 40), ("字段", 22)), 1):
        put(ws, LABEL_ROW, col, label).font = _LABEL_FONT
        ws.cell(row=LABEL_ROW, column=col).fill = _LABEL_FILL
        ws.column_dimensions[get_column_letter(col)].width = width
    for row, column in enumerate(header_columns(), LABEL_ROW + 1):
        put(ws, row, 1, column.label + (REQUIRED_MARK if column.required else ""))
        put(ws, row, 2, cell_for(report, column), _column_format(column))
        put(ws, row, 3, column.key).font = _FIELD_FONT
        _validate(ws, options, column.scalar, f"B{row}", column.many)
    ws.freeze_panes = "B2"
    fit_to_width(ws)


def _records(report: Report, sheet: SheetLayout, parents: dict[str, list[tuple[Any, Any]]]) -> list[tuple[Any, Any]]:
    """(record, key of its parent record) of every record the sheet holds, in report order."""
    if sheet.parent is None:
        return [(item, None) for item in getattr(report, sheet.path[0])]
    out = []
    for parent, _ in parents[sheet.parent]:
        value = parent
        for part in sheet.path:
            value = getattr(value, part) if value is not None else None
        out.extend((item, getattr(parent, sheet.parent_key)) for item in value or ())
    return out


def _write_sheet(wb: Workbook, sheet: SheetLayout, records: list[tuple[Any, Any]], options: _Options,
                 notes: Iterable[Note]) -> None:
    ws = wb.create_sheet(sheet.name)
    col = 1
    if sheet.parent is not None:
        _heading(ws, col, sheet.key_label, sheet.key_field, 16)
        col += 1
    first = col
    for column in sheet.columns:
        _heading(ws, col, column.label, column.key, _width(column))
        col += 1
    last_row = FIRST_DATA_ROW + len(records) + SPARE_ROWS - 1
    for i, column in enumerate(sheet.columns):
        letter = get_column_letter(first + i)
        _validate(ws, options, column.scalar, f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}", column.many)
    notes = list(notes)
    for note in notes:
        _heading(ws, col + notes.index(note), note.label, note.key, note.width, _NOTE_FILL)
    formats = [_column_format(c) for c in sheet.columns]
    for row, (record, parent_key) in enumerate(records, FIRST_DATA_ROW):
        if sheet.parent is not None:
            put(ws, row, 1, parent_key, TEXT_FORMAT)
        for i, column in enumerate(sheet.columns):
            put(ws, row, first + i, cell_for(record, column), formats[i])
        height = 0.0
        for j, note in enumerate(notes):
            text = note.texts[row - FIRST_DATA_ROW] if row - FIRST_DATA_ROW < len(note.texts) else None
            put(ws, row, col + j, text).alignment = _WRAP
            height = max(height, text_height(text or "", note.width))
        if height > 15:
            ws.row_dimensions[row].height = height
    for i, fmt in enumerate(formats):  # the column's format: the clerk's new rows take it
        if fmt:
            ws.column_dimensions[get_column_letter(first + i)].number_format = fmt
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=first)
    ws.page_setup.orientation = "landscape"  # too wide to shrink onto one page: printed across pages
    ws.auto_filter.ref = f"A{FIELD_ROW}:{get_column_letter(col + len(notes) - 1)}{max(FIELD_ROW, last_row)}"


def write_xlsx(report: Report, readme: Sequence[str] = (), notes: Optional[dict[str, Sequence[Note]]] = None) -> bytes:
    """The workbook of `report`: a read-me sheet (when `readme` is given), the header sheet, a sheet
    per list of records (with `notes` columns beside the records of the sheets they name)."""
    wb = Workbook()
    wb.remove(wb.active)
    if readme:
        _write_readme(wb, readme)
    options = _Options(wb)
    _write_header(wb, report, options)
    parents: dict[str, list[tuple[Any, Any]]] = {}
    for sheet in sheets():
        records = _records(report, sheet, parents)
        parents[sheet.name] = records
        _write_sheet(wb, sheet, records, options, (notes or {}).get(sheet.name, ()))
    wb.move_sheet(OPTIONS_SHEET, offset=len(wb.sheetnames))
    wb.active = wb.sheetnames.index(README_SHEET if readme else HEADER_SHEET)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _write_readme(wb: Workbook, lines: Sequence[str]) -> None:
    ws = wb.create_sheet(README_SHEET)
    ws.column_dimensions["A"].width = 100
    for row, line in enumerate(lines, 1):
        put(ws, row, 1, line).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = text_height(line, 100) + (10 if row == 1 else 0)
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    fit_to_width(ws)
