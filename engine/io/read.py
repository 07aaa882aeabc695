"""Read one report file: size check, format detection, decoding, parsing, model validation (and,
for a report with invalid values, reading past them: engine.io.salvage).

Shaped for speed where every report passes: the file is read asking for its size, not for the
limit (_read_to); a JSON file's own UTF-8 bytes go to the fast read path (engine.io.json_fast),
which need not encode the decoded text again, and its re-serialisation is searched for template
placeholders instead of a second one (engine.io.template_text)."""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Optional

from pydantic import ValidationError

from .duplicates import log_repeated_ids
from .json_fast import read_json
from .problems import INVALID_VALUE, ProblemLog, Said, ValueProblem
from .saved_as_gbk import HOW_TO_SAVE_ZH, gbk_refusal
from .source import InputError, Location, SourceMap
from .template_text import log_template_text, may_hold_template_text
from .validate import validate_first_error
from .xlsx_guard import OLE_MAGIC, ZIP_MAGIC
from ..model.report import Report

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass(frozen=True)
class LoadedReport:
    path: str
    format: str  # "json", "xml" or "xlsx"
    report: Report  # or its lenient twin, see Validated
    source: SourceMap
    content: bytes
    problems: tuple[ValueProblem, ...] = ()  # invalid or inconsistent values, findings to be


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing anything but a regular file of at most `max_bytes`.

    The file is opened non-blocking (a FIFO must not hang the check) and judged by fstat of the
    opened descriptor, so what is read is exactly what was judged, and an oversized file is
    rejected by its size before any of it is read.
    """
    shown = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise InputError(shown, "no such file", zh="文件不存在（请核对路径和文件名）") from None
    except OSError as exc:
        raise InputError(shown, f"cannot read: {exc.strerror or exc}", zh=f"无法读取：{exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(shown, "is a directory, not a report file", zh="这是一个文件夹，不是报告文件")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(shown, "is not a regular file", zh="不是普通文件，无法作为报告读取")
        if info.st_size > max_bytes:
            raise InputError(shown, f"file is {info.st_size} bytes, over the {max_bytes}-byte limit",
                             zh=f"文件有 {info.st_size} 字节，超过 {max_bytes} 字节的上限")
        data = _read_to(fd, info.st_size + 1, max_bytes + 1)
    except OSError as exc:
        raise InputError(shown, f"cannot read: {exc.strerror or exc}", zh=f"无法读取：{exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # grew while being read
        raise InputError(shown, f"file is over the {max_bytes}-byte limit", zh=f"文件超过 {max_bytes} 字节的上限")
    return data


def _read_to(fd: int, expected: int, most: int) -> bytes:
    """The file's bytes, at most `most` of them, asking first for `expected` (its size, plus one
    to see its end). Shaped for speed: asking for `most` itself made Python allocate a buffer of
    the limit (50 MB) for every file read, several times the cost of reading a report; a file
    that grew is read on, a megabyte at a time, to the same limit as before."""
    chunks, size, want = [], 0, min(max(expected, 1), most)
    while size < most:
        chunk = os.read(fd, want - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size >= want:
            want = min(most, size + (1 << 20))
    return b"".join(chunks)


def _is_blank(data: bytes) -> bool:
    """Nothing but a byte-order mark and whitespace (NUL bytes are content, and an error)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return not data[len(bom):].decode(name, errors="replace").strip(" \t\r\n")
    return not data.strip(b" \t\r\n")


def detect_format(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in (".json", ".xml", ".xlsx"):
        return suffix[1:]
    if data.startswith((ZIP_MAGIC, OLE_MAGIC)):  # a workbook saved under another name (报告.xls)
        return "xlsx"
    head = data.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")[:1]
    return "xml" if head == b"<" else "json"


def decode_json_text(data: bytes, path: str) -> str:
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom):], name
            break
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        refusal = gbk_refusal(data, exc.start, path) if encoding == "utf-8" else None
        if refusal is not None:
            raise refusal from None
        before = data[: exc.start].decode(encoding, errors="replace")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        raise InputError(path, f"invalid {encoding.upper()} byte sequence", Location("", line, col),
                         f"无效的 {encoding.upper()} 字节序列：文件可能已损坏，或以其他编码保存；{HOW_TO_SAVE_ZH}") from None


def _utf8_of_text(data: bytes) -> Optional[bytes]:
    """The bytes decode_json_text decoded, when they were UTF-8 (then valid: it decoded them), so
    the fast read need not encode the text again; None for UTF-16."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom):] if name == "utf-8" else None
    return data


SCHEMA_KEY = "$schema"


def without_schema_reference(data: dict, log: ProblemLog) -> dict:
    """The report without the `$schema` a JSON report may name its schema by (the template writes
    it, for editors' completion and hover help; it says nothing about the report). A `$schema` that
    is not a text is an invalid value."""
    if SCHEMA_KEY not in data:
        return data
    if not isinstance(data[SCHEMA_KEY], str):
        log.add("/$schema", INVALID_VALUE, Said(
            zh="$schema 应为报告格式（JSON Schema）的网址或文件路径", en="$schema must be the URI or path of the report's JSON Schema",
            fix_zh="写成文本，如 plancheck template 所写的路径；不需要时整项删去",
            fix_en="write it as a text, as plancheck template does, or leave it out"))
    return {key: value for key, value in data.items() if key != SCHEMA_KEY}


@dataclass(frozen=True)
class Validated:
    """A report that can be checked, and the problems with its values (each a finding to be)."""

    report: Report  # or, when values had to be left out, its lenient twin (engine.io.salvage)
    problems: tuple[ValueProblem, ...] = ()


def validate_report(data: Any, source: SourceMap, path: str, valid: Optional[Report] = None,
                    compact: Optional[bytes] = None) -> Validated:
    """The checkable report in `data`, or InputError when there is none (not an object, an invalid
    header, a broken frame, more than MAX_PROBLEMS problems). `valid`: the report of `data` when
    the fast read path (engine.io.json_fast) has validated it already; `compact`: its
    serialisation of `data` (as read, `$schema` and all), which saves the template test its own."""
    if not isinstance(data, dict):
        raise InputError(path, "a report must be an object at the top level", source.locate(""),
                         "报告的最外层应为对象（{…}）")
    log = ProblemLog()
    data = without_schema_reference(data, log)
    failed = None
    try:
        report: Any = valid if valid is not None else validate_first_error(Report, data)
    except ValidationError as exc:
        from .salvage import failures  # loaded only for a report with invalid values

        report, failed = None, failures(exc)  # read again value by value below, outside the handler
    # salvage runs, and any InputError is raised, outside every except block on purpose: an
    # InputError whose __context__ is a ValidationError keeps it alive, and pydantic-core's
    # ValidationError is invisible to the garbage collector while it holds the validator's
    # ValueError, whose traceback holds every frame up to the caller; a caller that keeps its
    # errors (check over many files, the fuzz target) then leaked each failed report's text and
    # parse tree.
    if report is None:
        from .salvage import salvage

        report = salvage(data, source, path, log, failed)
    log_repeated_ids(report, log)
    if may_hold_template_text(data, compact):
        log_template_text(report, log)
    if log.too_many:
        first = log.items[0]
        found = source.locate(first.pointer)
        raise InputError(path, f"{log.count} invalid or inconsistent values, more than the {log.limit} a report "
                         f"can be checked with; the first: {first.said.en}",
                         replace(found, pointer=first.pointer),
                         f"无效或矛盾的值共 {log.count} 处，超过可核查的 {log.limit} 处；第一处：{first.said.zh}")
    return Validated(report, tuple(log.items))


def read_report(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedReport:
    return report_from_bytes(read_bytes(path, max_bytes), path)


def report_from_bytes(data: bytes, path: Path) -> LoadedReport:
    """A report from bytes already read (a file, or standard input named `<stdin>`, whose
    format is told from its first character as for any name without .json/.xml)."""
    shown = str(path)
    if _is_blank(data):
        raise InputError(shown, "file is empty", zh="文件是空的")
    fmt = detect_format(path, data)
    fast = None
    if fmt == "xlsx":
        from .xlsx_read import parse_xlsx  # openpyxl is only loaded for Excel input

        raw, source = parse_xlsx(data, shown)
    elif fmt == "xml":
        from .xml_report import parse_xml  # lxml is only loaded for XML input

        raw, source = parse_xml(data, shown)
    else:
        raw, source, fast = read_json(decode_json_text(data, shown), shown, _utf8_of_text(data))
    if fast is None:
        validated = validate_report(raw, source, shown)
    else:
        validated = validate_report(raw, source, shown, fast.report, fast.compact)
    return LoadedReport(shown, fmt, validated.report, source, data, validated.problems)
