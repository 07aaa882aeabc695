"""Findings as an Excel workbook, the form an auditor's office forwards: one row per finding with
its report, department, severity, clause, location, message, remediation and legal basis, filters
on, the header row frozen; files that could not be read on a second sheet.

Unlike the other formatters this one returns bytes (the CLI writes them as a binary file).
"""
from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..io.xlsx_write import fit_to_width, text_height
from ..labels import CATEGORY, SEVERITY, WORDS
from .base import FormatOptions, RunOutcome
from .text import waiver_line

_HEADINGS = {
    "zh": {
        "sheet": "问题清单", "errors_sheet": "无法读取的文件",
        "columns": (("报告文件", 28), ("报送部门", 24), ("报告期", 22), ("严重程度", 9), ("类别", 10),
                    ("规则编号", 28), ("条款", 8), ("条款名称", 24), ("位置", 18), ("问题", 60),
                    ("整改", 50), ("依据", 40), ("豁免", 30), ("指纹", 18)),
        "error_columns": (("文件", 40), ("错误", 100)),
    },
    "en": {
        "sheet": "Findings", "errors_sheet": "Unreadable files",
        "columns": (("Report file", 28), ("Department", 24), ("Period", 22), ("Severity", 9), ("Category", 14),
                    ("Rule", 28), ("Clause", 8), ("Clause title", 24), ("Location", 18), ("Finding", 60),
                    ("Remediation", 50), ("Basis", 40), ("Waiver", 30), ("Fingerprint", 18)),
        "error_columns": (("File", 40), ("Error", 100)),
    },
}
_FILLS = {"error": "F8CBAD", "warning": "FFE699", "info": "DDEBF7"}
_WRAP = Alignment(wrap_text=True, vertical="top")


def _clean(value: Any) -> Any:
    """Text as a cell can hold it: characters XML cannot carry are escaped, and a leading = is
    kept as text (a finding quoting a report's value must never become a formula)."""
    if not isinstance(value, str):
        return value
    return ILLEGAL_CHARACTERS_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


def _row(ws: Any, row: int, values: list[Any], widths: tuple) -> None:
    height = 15.0
    for col, value in enumerate(values, 1):
        cell = ws.cell(row=row, column=col)
        cell.value = _clean(value)
        if isinstance(value, str):
            cell.data_type = "s"
            height = max(height, text_height(value, widths[col - 1][1], most=150))
        cell.alignment = _WRAP
    ws.row_dimensions[row].height = height


def _heading(ws: Any, columns: tuple) -> None:
    for col, (label, width) in enumerate(columns, 1):
        cell = ws.cell(row=1, column=col, value=label)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    fit_to_width(ws)


def render_xlsx(outcome: RunOutcome, opts: FormatOptions) -> bytes:
    lang, headings = opts.lang, _HEADINGS[opts.lang]
    wb = Workbook()
    ws = wb.active
    ws.title = headings["sheet"]
    _heading(ws, headings["columns"])
    row = 1
    for result in outcome.results:
        report = result.loaded.report
        period = f"{report.period.start}—{report.period.end}"
        for f in result.findings:
            row += 1
            waiver = outcome.waiver_for(f)
            clause = f.citation.clause if f.citation else ""
            _row(ws, row, [
                result.path, report.department.name, period, SEVERITY[lang][f.severity.value],
                CATEGORY[lang][f.category], f.rule_id, clause,
                f.citation.title if f.citation else WORDS[lang]["no_clause"], f.location.describe(),
                f.message(lang), f.remediation(lang), "；".join(b.citation for b in f.legal_basis),
                waiver_line(waiver, lang) if waiver is not None else "", f.fingerprint,
            ], headings["columns"])
            ws.cell(row=row, column=4).fill = PatternFill("solid", fgColor=_FILLS[f.severity.value])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headings['columns']))}{max(row, 2)}"
    if outcome.errors:
        errors = wb.create_sheet(headings["errors_sheet"])
        _heading(errors, headings["error_columns"])
        for i, error in enumerate(outcome.errors, 2):
            _row(errors, i, [error.path, error.line()], headings["error_columns"])
        errors.auto_filter.ref = f"A1:B{len(outcome.errors) + 1}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
