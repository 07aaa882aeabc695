"""Which column of a report sheet holds which field: the sheet's field-name row read against the
layout (engine.io.xlsx_layout). A heading may be the field name (`penalty.fine`, the grey row the
writer puts under the labels) or the Chinese label (罚款金额（元）), so a hand-made sheet with one
row of Chinese headings is read as well."""
from __future__ import annotations

from typing import Any, Optional

from openpyxl.utils import get_column_letter

from .xlsx_cells import text_of
from .xlsx_layout import NOTE_PREFIX, Column, SheetLayout, header_columns

# A column of a sheet: ("column", Column), ("key", None) for a child sheet's parent key,
# ("unknown", dotted name) for a field the format does not have (validation reports it),
# ("blank", None) for a column without a heading, or None for a note (#…), which is not read.
ColumnField = Optional[tuple[str, Any]]

# The header sheet's fields by their Chinese labels, for a sheet whose field-name column is gone.
HEADER_LABELS = {c.label: c.key for c in header_columns()}


class HeadingError(ValueError):
    """A field-name row that cannot be read; `column` is where."""

    def __init__(self, message: str, column: int, zh: str):
        super().__init__(message)
        self.column, self.zh = column, zh


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _names(sheet: SheetLayout) -> dict[str, Optional[Column]]:
    """A sheet's columns by field name and by Chinese label (a label two columns share names
    neither: None)."""
    names: dict[str, Optional[Column]] = {c.key: c for c in sheet.columns}
    for column in sheet.columns:
        names[column.label] = None if column.label in names and names[column.label] is not column else column
    if sheet.parent is not None:
        names[sheet.key_field] = names[sheet.key_label] = None
    return names


def names_fields(sheet: SheetLayout, cells: tuple) -> bool:
    """Does this row name fields (by field name, label, or as a note)?"""
    names = _names(sheet)
    return any(not blank(c.value) and (text_of(c.value).strip() in names
                                       or text_of(c.value).strip().startswith(NOTE_PREFIX)) for c in cells)


def column_fields(sheet: SheetLayout, cells: tuple, row_number: int) -> list[ColumnField]:
    """What each column of the sheet holds, from its field-name row `cells` (row `row_number`)."""
    names = _names(sheet)
    out: list[ColumnField] = []
    seen: dict[str, int] = {}  # by field, however the heading names it (clause, 条款编号)
    for number, cell in enumerate(cells, 1):
        if blank(cell.value):
            out.append(("blank", None))
            continue
        name = text_of(cell.value).strip()
        if name.startswith(NOTE_PREFIX):
            out.append(None)
            continue
        column = names.get(name)
        field = column.key if column is not None else name
        if field in seen:
            raise HeadingError(f"field {field!r} repeats (column {get_column_letter(seen[field])})", number,
                               f"字段“{field}”重复（已在第 {get_column_letter(seen[field])} 列）：删去重复的一列")
        seen[field] = number
        if sheet.parent is not None and name in (sheet.key_field, sheet.key_label):
            out.append(("key", None))
        elif column is not None:
            out.append(("column", column))
        else:
            out.append(("unknown", name))
    if sheet.parent is not None and ("key", None) not in out:
        raise HeadingError(f"row {row_number} has no column {sheet.key_field!r} naming the {sheet.parent} "
                           "record each row belongs to", 1,
                           f"第 {row_number} 行没有“{sheet.key_label}”（{sheet.key_field}）列，看不出每行属于哪条{sheet.parent}记录")
    return out


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


def cell_pointers(fields: list[ColumnField]) -> list[tuple[int, str, str, list[str]]]:
    """Per column that holds a field: its number, letter, the field's pointer inside a record and
    the pointers of the records around it (`/penalty/fine`, [`/penalty`])."""
    out = []
    for n, field in enumerate(fields, 1):
        if field is None or field[0] in ("key", "blank"):
            continue
        name = field[1].key if field[0] == "column" else field[1]
        parts = [_escape(p) for p in name.split(".")]
        records = ["/" + "/".join(parts[:i]) for i in range(len(parts) - 1, 0, -1)]
        out.append((n, get_column_letter(n), "/" + "/".join(parts), records))
    return out
