"""Read an Excel workbook (the layout of engine.io.xlsx_layout, as `plancheck template --format
xlsx` writes it and Excel or WPS saves it) into plain data shaped like the JSON form, plus a
source map from JSON pointers to cells (`案件!B7`).

Each cell is read as engine.io.xlsx_cells says (Chinese words for codes, date cells, 5000.0 as
5000, percentages as shown); a value that does not fit goes on to validation as its text, so it
is a finding at its cell. What breaks the layout itself (an unknown sheet, a missing field row, a record that names no
existing parent) is an input error with its cell.
"""
from __future__ import annotations

import io
import warnings
from typing import Any, Optional

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from .source import InputError, Location, nearest_recorded, parent_pointer
from .xlsx_guard import SheetSize, check_workbook
from .xlsx_cells import cell_value, text_of
from .xlsx_headings import (
    HEADER_LABELS, ColumnField, HeadingError, blank, cell_pointers, column_fields, names_fields,
)
from .xlsx_layout import (
    AUXILIARY_SHEETS, FIELD_ROW, HEADER_SHEET, LABEL_ROW, NOTE_PREFIX, REQUIRED_MARK, Column,
    SheetLayout, header_columns, sheets, split_list,
)



class XlsxSourceMap:
    """JSON pointer -> cell reference, recorded while reading."""

    def __init__(self, index: dict[str, str]):
        self._index = index

    def locate(self, pointer: str) -> Location:
        probe, hit = nearest_recorded(self._index, pointer)
        return Location(pointer=probe, cell=hit)


def ref(sheet: str, row: int, column: int) -> str:
    return f"{sheet}!{get_column_letter(column)}{row}"


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


def _put(record: dict, path: tuple[str, ...], value: Any) -> bool:
    """Set the value at `path`; False where a field on the way holds a value, or the field holds
    fields (columns `party` and `party.name` both filled in)."""
    for part in path[:-1]:
        nested = record.setdefault(part, {})
        if not isinstance(nested, dict):
            return False
        record = nested
    if isinstance(record.get(path[-1]), dict):
        return False
    record[path[-1]] = value
    return True


_CLASH = "this field and a field inside it are both filled in"
_CLASH_ZH = "该字段和它下级的字段都填了内容：只填其中一处"


class _Reader:
    def __init__(self, path: str, wb: Any, sizes: dict[str, SheetSize]):
        self.path, self.wb, self.sizes = path, wb, sizes
        self.index: dict[str, str] = {}
        self.data: dict[str, Any] = {}
        # sheet name -> identifier -> (pointer, record) of its records, for their child sheets
        self.records: dict[str, dict[str, tuple[str, dict]]] = {}

    def fail(self, message: str, zh: str, sheet: str, row: int, column: int, pointer: str = "") -> InputError:
        cell = ref(sheet, row, column)
        return InputError(self.path, message, Location(pointer=pointer, cell=cell), zh)

    def rows(self, ws: Any) -> Any:
        """(row number, cells) of a sheet, no wider than its last used column."""
        size = self.sizes.get(ws._worksheet_path.lstrip("/"), SheetSize(0, 1))
        ws.reset_dimensions()  # the stored dimension may claim any size: go by the cells
        return enumerate(ws.iter_rows(min_row=1, max_col=size.columns), 1)

    def read(self) -> dict:
        known = {s.name: s for s in sheets()}
        names = self.wb.sheetnames
        if HEADER_SHEET not in names:
            raise InputError(self.path, f"no sheet {HEADER_SHEET!r}: not a report workbook "
                                        "(make one with `plancheck template --format xlsx`)",
                             zh=f"没有“{HEADER_SHEET}”工作表，不是报告工作簿：请用 plancheck template --format xlsx "
                                "或网页“开始填报”下载模板填写")
        for name in names:
            if name not in known and name != HEADER_SHEET and name not in AUXILIARY_SHEETS:
                self._refuse_unknown(self.wb[name])
        self.index[""] = ref(HEADER_SHEET, LABEL_ROW, 1)
        self.header(self.wb[HEADER_SHEET])
        for sheet in sheets():
            if sheet.name in names:
                self.sheet(self.wb[sheet.name], sheet)
        return self.data

    def _refuse_unknown(self, ws: Any) -> None:
        for row, cells in self.rows(ws):
            for column, cell in enumerate(cells, 1):
                if not blank(cell.value):
                    known = "、".join([HEADER_SHEET] + [s.name for s in sheets()])
                    raise self.fail(f"unknown sheet {ws.title!r} (a report workbook has the sheets {known})",
                                    f"工作表“{ws.title}”不是报告的工作表（报告工作簿的工作表为：{known}）："
                                    "把内容移到对应的工作表，或删去该工作表", ws.title, row, column)

    def header(self, ws: Any) -> None:
        columns = {c.key: c for c in header_columns()}
        seen: dict[str, int] = {}
        for row, cells in self.rows(ws):
            if row == LABEL_ROW:
                continue
            value = cells[1].value if len(cells) > 1 else None
            key = cells[2].value if len(cells) > 2 else None
            if blank(key) and not blank(cells[0].value):  # column C deleted: the label in A tells
                key = HEADER_LABELS.get(text_of(cells[0].value).strip().removesuffix(REQUIRED_MARK))
            if blank(key):
                if not blank(value):
                    raise self.fail("a value without a field name in column C",
                                    "这一行填了值，但 C 列没有字段名：恢复 C 列的字段名或删去该值", ws.title, row, 2)
                continue
            key = text_of(key).strip()
            if key.startswith(NOTE_PREFIX):
                continue
            if key in seen:
                raise self.fail(f"field {key!r} repeats (row {seen[key]})",
                                f"字段“{key}”重复（已在第 {seen[key]} 行）：删去重复的一行", ws.title, row, 3)
            seen[key] = row
            path = tuple(key.split("."))
            pointer = "/" + "/".join(_escape(p) for p in path)
            self._index_path(pointer, ref(ws.title, row, 2))
            if blank(value):
                continue
            column = columns.get(key)
            if not _put(self.data, path, self._convert(column, cells[1]) if column else text_of(value)):
                raise self.fail(_CLASH, _CLASH_ZH, ws.title, row, 2)

    def _index_path(self, pointer: str, cell: str) -> None:
        """The cell of a value, and of each record around it that has no cell of its own yet."""
        self.index[pointer] = cell
        while pointer.count("/") > 1:
            pointer = parent_pointer(pointer)
            self.index.setdefault(pointer, cell)

    def _convert(self, column: Column, cell: Any) -> Any:
        if column.many:
            parts = split_list(text_of(cell.value))
            return [cell_value(p, column.scalar) for p in parts]
        return cell_value(cell.value, column.scalar, cell.number_format)

    def _fields(self, ws: Any, sheet: SheetLayout, cells: tuple, row_number: int) -> list[ColumnField]:
        try:
            return column_fields(sheet, cells, row_number)
        except HeadingError as exc:
            raise self.fail(str(exc), exc.zh, ws.title, row_number, exc.column) from None

    def sheet(self, ws: Any, sheet: SheetLayout) -> None:
        fields: Optional[list] = None
        items: list[dict] = []
        own: dict[str, tuple[str, dict]] = {}
        self.records[sheet.name] = own
        label_row: tuple = ()
        located: Optional[list] = None
        for row, cells in self.rows(ws):
            if row == LABEL_ROW:
                label_row = cells
                continue
            if row == FIELD_ROW:
                if names_fields(sheet, cells) or not names_fields(sheet, label_row):
                    fields = self._fields(ws, sheet, cells, FIELD_ROW)
                    continue
                # a hand-made sheet with one row of headings (the Chinese labels): data from row 2
                fields = self._fields(ws, sheet, label_row, LABEL_ROW)
            if fields is None:
                break
            used = [(n, f, cells[n - 1]) for n, f in enumerate(fields, 1)
                    if f is not None and n <= len(cells) and not blank(cells[n - 1].value)]
            if not used:
                continue
            for n, field, _ in used:
                if field[0] == "blank":
                    raise self.fail("a value in a column without a field name",
                                    "这一列没有字段名却填了值：恢复该列的字段名或删去该值", ws.title, row, n)
            if sheet.parent is None:
                pointer = f"/{_escape(sheet.path[0])}/{len(items)}"
                record: dict[str, Any] = {}
                items.append(record)
            else:
                pointer, record = self._child(ws, sheet, row, fields, cells)
            # a record is shown by its first own cell (a child row's first cell names its parent)
            self.index[pointer] = ref(ws.title, row, 1 if sheet.parent is None else 2)
            if located is None:
                located = cell_pointers(fields)
            for n, letter, value_pointer, records in located:
                cell_ref = f"{ws.title}!{letter}{row}"
                self.index[pointer + value_pointer] = cell_ref
                for record_pointer in records:  # records inside the record, located at their first cell
                    self.index.setdefault(pointer + record_pointer, cell_ref)
            for n, field, cell in used:
                if field[0] == "key":
                    continue
                if field[0] == "column":
                    done = _put(record, field[1].path, self._convert(field[1], cell))
                else:
                    done = _put(record, tuple(field[1].split(".")), text_of(cell.value))
                if not done:
                    raise self.fail(_CLASH, _CLASH_ZH, ws.title, row, n)
            key = IDENTIFYING.get(sheet.name)
            if key is not None and isinstance(record.get(key), str):
                own.setdefault(record[key], (pointer, record))
        if sheet.parent is None:
            # a finding on a whole list (none reported) points at its sheet
            self.index.setdefault(f"/{_escape(sheet.path[0])}", ref(ws.title, LABEL_ROW, 1))
            if items:
                self.data[sheet.path[0]] = items

    def _child(self, ws: Any, sheet: SheetLayout, row: int, fields: list, cells: tuple) -> tuple[str, dict]:
        column = fields.index(("key", None)) + 1
        value = cells[column - 1].value if column <= len(cells) else None
        if blank(value):
            raise self.fail(f"which {sheet.parent} record this row belongs to is not given ({sheet.key_label})",
                            f"没有填写“{sheet.key_label}”，看不出这一行属于哪条记录", ws.title, row, column)
        key = text_of(value).strip()
        parent = self.records.get(sheet.parent or "", {}).get(key)
        if parent is None:
            raise self.fail(f"no record {key!r} in sheet {sheet.parent!r} for this row to belong to",
                            f"工作表“{sheet.parent}”中没有“{key}”这条记录：核对编号是否与该表一致", ws.title, row, column)
        parent_pointer_, parent_record = parent
        holder = parent_record
        for part in sheet.path[:-1]:
            holder = holder.setdefault(part, {})
        items = holder.setdefault(sheet.path[-1], [])
        list_pointer = parent_pointer_ + "/" + "/".join(_escape(p) for p in sheet.path)
        self.index.setdefault(list_pointer, ref(ws.title, row, 1))
        record: dict[str, Any] = {}
        items.append(record)
        return f"{list_pointer}/{len(items) - 1}", record


# The identifying field of each parent sheet's records (child rows name their parent by it).
IDENTIFYING = {s.parent: s.parent_key for s in sheets() if s.parent is not None}


def parse_xlsx(data: bytes, path: str) -> tuple[dict, XlsxSourceMap]:
    """Read a report workbook into JSON-shaped data; every problem becomes one InputError."""
    sizes = check_workbook(data, path)
    try:
        with warnings.catch_warnings():
            # openpyxl warns of extensions it drops (WPS's data validations, conditional formats)
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a damaged workbook; each is unusable input
        raise InputError(path, f"not a readable Excel workbook (.xlsx): {type(exc).__name__}: {exc}",
                         zh=f"无法读取该 Excel 工作簿（{type(exc).__name__}: {exc}）：请用 Excel 或 WPS 重新另存为 .xlsx") from None
    reader = _Reader(path, wb, sizes)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            data_out = reader.read()
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - a sheet's XML is parsed only now, as it is read
        raise InputError(path, f"not a readable Excel workbook (.xlsx): {type(exc).__name__}: {exc}",
                         zh=f"无法读取该 Excel 工作簿（{type(exc).__name__}: {exc}）：请用 Excel 或 WPS 重新另存为 .xlsx") from None
    finally:
        wb.close()
    return data_out, XlsxSourceMap(reader.index)
