"""Workbooks for the Excel tests: a sample report written as a workbook, a workbook edited the way
a clerk edits it in Excel (openpyxl, full mode), and a workbook's zip rewritten part by part (for
hostile workbooks, which no spreadsheet program writes)."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Callable, Optional

from openpyxl import load_workbook

from engine.io.read import read_report
from engine.io.xlsx_write import write_xlsx

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"


def sample_workbook(relative: str) -> bytes:
    """The workbook of a sample report (`heilongjiang-2023/ip-office-2024-gaps.json`)."""
    return write_xlsx(read_report(SAMPLES / relative).report)


def edited(data: bytes, edit: Callable) -> bytes:
    """`data` opened in openpyxl, changed by `edit(workbook)`, saved again."""
    wb = load_workbook(io.BytesIO(data))
    edit(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def rezipped(data: bytes, replace: Optional[dict[str, bytes]] = None, add: Optional[dict[str, bytes]] = None,
             compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """`data`'s zip with parts replaced or added."""
    replace, add = replace or {}, add or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", compression) as target:
        for info in source.infolist():
            content = replace.get(info.filename, source.read(info))
            target.writestr(info.filename, content)
        for name, content in add.items():
            target.writestr(name, content)
    return out.getvalue()


def part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def sheet_part(data: bytes, title: str) -> str:
    """The zip part name of the worksheet called `title`."""
    wb = load_workbook(io.BytesIO(data), read_only=True)
    try:
        return wb[title]._worksheet_path.lstrip("/")
    finally:
        wb.close()
