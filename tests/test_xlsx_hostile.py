"""Hostile and broken workbooks (issue 14): refused before openpyxl reads them, like hostile XML:
exit 2 and one line naming the file and what is wrong, no traceback, in bounded time and memory.

The workbooks are a sample's workbook with parts replaced, added or its zip directory patched,
made at test time: no spreadsheet program writes them, and a zip bomb is no file to keep in the
repository. Each case is checked in this process (the InputError's message) and, all together,
in one real `cli.py check` process under a 1 GiB address-space limit and a time limit.
"""
from __future__ import annotations

import resource
import struct
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import openpyxl
import pytest

from engine.io.limits import MAX_XLSX_MEMBERS, MAX_XLSX_ROWS, MAX_XLSX_UNPACKED
from engine.io.read import read_report
from engine.io.source import InputError
from xlsx_helpers import REPO, SAMPLES, part, rezipped, sample_workbook, sheet_part
from install_mode import cli_argv

SAMPLE = "heilongjiang-2023/market-regulation-2024-compliant.json"


@pytest.fixture(scope="module")
def workbook() -> bytes:
    return sample_workbook(SAMPLE)


def _patched_directory(data: bytes, name: str, file_size: int | None = None, flags: int | None = None) -> bytes:
    """`data` with the central-directory entry of `name` claiming another size or flags."""
    out = bytearray(data)
    offset = 0
    while True:
        offset = out.index(b"PK\x01\x02", offset)
        name_length = struct.unpack_from("<H", out, offset + 28)[0]
        if out[offset + 46: offset + 46 + name_length] == name.encode():
            break
        offset += 4
    if file_size is not None:
        struct.pack_into("<I", out, offset + 24, file_size)
    if flags is not None:
        struct.pack_into("<H", out, offset + 8, flags)
    return bytes(out)


def _sheet_with(data: bytes, title: str, rows_xml: bytes) -> bytes:
    """The sheet `title` with `rows_xml` appended inside its sheetData."""
    name = sheet_part(data, title)
    xml = part(data, name)
    return rezipped(data, replace={name: xml.replace(b"</sheetData>", rows_xml + b"</sheetData>")})


def _with_part(data: bytes, name: str, content: bytes) -> bytes:
    """`data` with the part `name` holding `content` (added when the writer did not write it)."""
    try:
        part(data, name)
    except KeyError:
        return rezipped(data, add={name: content})
    return rezipped(data, replace={name: content})


_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY l0 "ha">'
           + b"".join(f'<!ENTITY l{i} "&l{i-1};&l{i-1};&l{i-1};&l{i-1};&l{i-1};">'.encode() for i in range(1, 10))
           + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&l9;</t></si></sst>')

CASES: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "zip_bomb": (lambda d: rezipped(d, replace={
        sheet_part(d, "指标"): part(d, sheet_part(d, "指标")).replace(b"</worksheet>", b" " * 30_000_000 + b"</worksheet>")}),
        "packed too densely to be a report (a zip bomb?)"),
    "claims_to_unpack_huge": (lambda d: _patched_directory(d, "xl/styles.xml", file_size=MAX_XLSX_UNPACKED + 1),
                              f"over the {MAX_XLSX_UNPACKED}-byte limit"),
    "too_many_parts": (lambda d: rezipped(d, add={f"customXml/item{i}.xml": b"<a/>" for i in range(MAX_XLSX_MEMBERS)}),
                       f"more than the {MAX_XLSX_MEMBERS} a report's can have"),
    "external_link": (lambda d: rezipped(d, add={"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}),
                      "workbook links to other workbooks (external links)"),
    "macros": (lambda d: rezipped(d, add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 100}),
               "workbook contains macros"),
    "macro_enabled_type": (lambda d: rezipped(d, replace={"[Content_Types].xml": part(d, "[Content_Types].xml").replace(
        b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml")}), "macro-enabled workbook"),
    "embedded_object": (lambda d: rezipped(d, add={"xl/embeddings/oleObject1.bin": b"\0" * 64}),
                        "embedded object (xl/embeddings/oleObject1.bin)"),
    "billion_laughs": (lambda d: _with_part(d, "xl/sharedStrings.xml", _LAUGHS),
                       "part xl/sharedStrings.xml: DTD/entity declarations are not allowed"),
    "utf16_doctype": (lambda d: rezipped(d, replace={"docProps/app.xml": '<?xml version="1.0" encoding="UTF-16"?>'
                                                     '<!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>'.encode("utf-16-le")}),
                      "DTD/entity declarations are not allowed"),
    "row_far_down": (lambda d: _sheet_with(d, "案件", f'<row r="{MAX_XLSX_ROWS + 1}"><c r="A{MAX_XLSX_ROWS + 1}" '
                                              f't="inlineStr"><is><t>x</t></is></c></row>'.encode()),
                     f"reaches row {MAX_XLSX_ROWS + 1}, past the {MAX_XLSX_ROWS} rows"),
    "column_far_right": (lambda d: _sheet_with(d, "案件", b'<row r="900"><c r="XFD900" t="inlineStr"><is><t>x</t></is></c></row>'),
                         "has a cell in column 16384, past the 200"),
    "too_many_cells": (lambda d: _sheet_with(d, "指标", b"".join(
        f'<row r="{r}">'.encode() + b"<c/>" * 100 + b"</row>" for r in range(1000, 5100))),
        "more than 400000 cells"),
    "encrypted_part": (lambda d: _patched_directory(d, "xl/workbook.xml", flags=0x1), "is encrypted"),
    "old_xls_or_password": (lambda d: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
                            "Excel 97-2003 (.xls) or password-protected workbook"),
    "not_a_zip": (lambda d: "报告内容".encode() * 10, "not an Excel workbook (.xlsx): the file is not a zip archive"),
    "truncated": (lambda d: d[: len(d) // 2], "broken zip archive"),
    "broken_sheet_xml": (lambda d: rezipped(d, replace={sheet_part(d, "任务"): b"<worksheet><sheetData><row>"}),
                         "not a readable Excel workbook (.xlsx)"),
    "no_workbook_part": (lambda d: rezipped(d, replace={"xl/workbook.xml": b""}), "not a readable Excel workbook"),
}


@pytest.fixture(scope="module")
def hostile(workbook: bytes, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile-xlsx")
    paths = {}
    for name, (make, _) in CASES.items():
        paths[name] = folder / f"{name}.xlsx"
        paths[name].write_bytes(make(workbook))
    return paths


@pytest.mark.parametrize("name", sorted(CASES))
def test_refused_in_process(name: str, hostile: dict[str, Path]):
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        read_report(hostile[name])
    assert CASES[name][1] in caught.value.line(), caught.value.line()
    assert "\n" not in caught.value.line()
    assert time.monotonic() - started < 20


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def test_refused_by_the_cli_in_bounded_time_and_memory(hostile: dict[str, Path]):
    names = sorted(CASES)
    run = subprocess.run([*cli_argv(), "check", "--lang", "en", *(str(hostile[n]) for n in names)],
                         capture_output=True, text=True, timeout=120, preexec_fn=_limit_memory, cwd=REPO)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == len(names), run.stderr
    for name, line in zip(names, lines):
        assert line.startswith(f"plancheck: error: {hostile[name]}: ") and CASES[name][1] in line, line


def test_a_lying_dimension_does_not_make_the_reader_walk_a_million_rows(workbook: bytes, tmp_path: Path):
    name = sheet_part(workbook, "任务")
    xml = part(workbook, name)
    start = xml.index(b"<dimension ref=\"")
    end = xml.index(b"/>", start)
    lying = rezipped(workbook, replace={name: xml[:start] + b'<dimension ref="A1:XFD1048576"' + xml[end:]})
    path = tmp_path / "lying.xlsx"
    path.write_bytes(lying)
    started = time.monotonic()
    assert read_report(path).report == read_report(SAMPLES / SAMPLE).report
    assert time.monotonic() - started < 10


def test_openpyxl_parses_with_defusedxml():
    # the guard already refuses every DTD; defusedxml is the second line, and setup.cfg requires it
    assert openpyxl.DEFUSEDXML is True
