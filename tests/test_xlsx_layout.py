"""The workbook layout read off the models (engine/io/xlsx_layout.py) and the guard's sheet
measurements (engine/io/xlsx_guard.py), unit by unit."""
from __future__ import annotations

import pytest

from engine.io.source import InputError
from engine.io.xlsx_guard import MAX_COLUMNS, _sheet_size
from engine.io.xlsx_layout import (
    HEADER_SHEET, SHEET_NAMES, Column, header_columns, sheet_named, sheets, value_labels,
)
from engine.io.xml_layout import fields_of
from engine.model.report import Report


def _coded_columns() -> list[Column]:
    return [c for c in (*header_columns(), *(c for s in sheets() for c in s.columns)) if c.scalar.choices]


@pytest.mark.parametrize("column", _coded_columns(), ids=lambda c: c.key)
def test_every_coded_value_has_one_word_and_reads_back(column: Column):
    """The reader maps a word back to its code: two codes sharing a word, or a word that is
    another value's code, would make a cell mean two things."""
    words = value_labels(column.scalar)
    assert len(set(words.values())) == len(words), words
    for code, word in words.items():
        assert word == code or word not in words, (word, code)


def test_every_report_field_is_in_exactly_one_place():
    placed = {"/" + c.key.replace(".", "/") for c in header_columns()}
    for sheet in sheets():
        if sheet.parent is None:
            prefix = f"/{sheet.path[0]}/*"
        else:
            parent = sheet_named(sheet.parent)
            prefix = f"/{parent.path[0]}/*/{'/'.join(sheet.path)}/*"
        for column in sheet.columns:
            pointer = f"{prefix}/{column.key.replace('.', '/')}"
            assert pointer not in placed, pointer
            placed.add(pointer)
    assert placed == _leaves(Report, "")  # every value the report can hold, wherever its model is used


def _leaves(model, prefix: str) -> set[str]:
    out = set()
    for name, f in fields_of(model).items():
        if f.model is None:
            out.add(f"{prefix}/{name}")
        else:
            out |= _leaves(f.model, f"{prefix}/{name}/*" if f.is_list else f"{prefix}/{name}")
    return out


def test_sheet_names_fit_excel():
    names = [HEADER_SHEET, *(s.name for s in sheets())]
    assert len(names) == len(set(names))
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert set(SHEET_NAMES.values()) == {s.name for s in sheets()}


def test_child_sheets_name_their_parent_by_its_identifier():
    children = {s.name: (s.parent, s.parent_key) for s in sheets() if s.parent}
    assert children == {"任务佐证": ("任务", "clause"), "处罚公示": ("案件", "id"), "移送材料": ("移送", "id"),
                        "名单公示": ("失信名单", "id")}


@pytest.mark.parametrize("xml, rows, columns", [
    (b'<sheetData><row r="1"><c r="A1"/><c r="C1"/></row><row r="7"><c r="B7"/></row></sheetData>', 7, 3),
    (b"<sheetData><row><c/><c/></row><row><c/></row></sheetData>", 2, 1),  # no references: counted
    (b'<x:sheetData><x:row r="3"><x:c r="AB3"/></x:row></x:sheetData>', 3, 28),  # a prefixed namespace
    (b'<sheetData><row r="2" spans="1:4"><c r="$D$2"/></row></sheetData>', 2, 4),
])
def test_sheet_size_is_read_from_the_cells(xml: bytes, rows: int, columns: int):
    size = _sheet_size(b"<worksheet><cols><col min='1' max='16384'/></cols>" + xml + b"</worksheet>", "s.xml", "r.xlsx")
    assert (size.rows, size.columns) == (rows, columns)


def test_a_cell_past_the_last_column_is_refused():
    column = "GS"  # 201
    with pytest.raises(InputError, match=f"column {MAX_COLUMNS + 1}, past the {MAX_COLUMNS}"):
        _sheet_size(f'<sheetData><row r="1"><c r="{column}1"/></row></sheetData>'.encode(), "s.xml", "r.xlsx")
