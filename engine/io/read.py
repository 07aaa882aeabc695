"""Read one report file: size check, format detection, decoding, parsing, model validation."""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from engine.io.json_report import parse_json
from engine.io.source import InputError, Location, SourceMap, pointer_from_loc
from engine.io.validate import validate_first_error
from engine.model.report import Report

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass(frozen=True)
class LoadedReport:
    path: str
    format: str  # "json" or "xml"
    report: Report
    source: SourceMap
    content: bytes


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing anything but a regular file of at most `max_bytes`.

    The file is opened non-blocking (a FIFO must not hang the check) and judged by fstat of the
    opened descriptor, so what is read is exactly what was judged, and an oversized file is
    rejected by its size before any of it is read.
    """
    shown = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise InputError(shown, "no such file") from None
    except OSError as exc:
        raise InputError(shown, f"cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(shown, "is a directory, not a report file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(shown, "is not a regular file")
        if info.st_size > max_bytes:
            raise InputError(shown, f"file is {info.st_size} bytes, over the {max_bytes}-byte limit")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(shown, f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # grew while being read
        raise InputError(shown, f"file is over the {max_bytes}-byte limit")
    return data


def _is_blank(data: bytes) -> bool:
    """Nothing but a byte-order mark and whitespace (NUL bytes are content, and an error)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return not data[len(bom):].decode(name, errors="replace").strip(" \t\r\n")
    return not data.strip(b" \t\r\n")


def detect_format(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in (".json", ".xml"):
        return suffix[1:]
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
        before = data[: exc.start].decode(encoding, errors="replace")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        raise InputError(path, f"invalid {encoding.upper()} byte sequence", Location("", line, col)) from None


def validate_report(data: Any, source: SourceMap, path: str) -> Report:
    if not isinstance(data, dict):
        raise InputError(path, "a report must be an object at the top level", source.locate(""))
    try:
        report = validate_first_error(Report, data)
    except ValidationError as exc:
        pointer, msg = _first_error(exc)
    else:
        pointer = msg = None
    if msg is not None:
        # raised outside the except block on purpose: an InputError whose __context__ is the
        # ValidationError keeps it alive, and pydantic-core's ValidationError is invisible to the
        # garbage collector while it holds the validator's ValueError, whose traceback holds every
        # frame up to the caller; a caller that keeps its errors (check over many files, the fuzz
        # target) then leaked each failed report's text and parse tree.
        location = source.locate(pointer)
        raise InputError(path, msg, Location(pointer, location.line, location.column, location.xpath))
    duplicate = _first_duplicate_id(report)
    if duplicate is not None:
        pointer, message = duplicate
        raise InputError(path, message, source.locate(pointer))
    return report


def _first_error(exc: ValidationError) -> tuple[str, str]:
    """The JSON pointer and message of a validation error, as plain strings (no live objects)."""
    err = exc.errors(include_url=False, include_context=False, include_input=False)[0]
    loc = tuple(err["loc"])
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "missing":
        msg = f"required field {loc[-1]!r} is missing"
    elif err["type"] == "extra_forbidden":
        msg = f"unknown field {loc[-1]!r}"
    return pointer_from_loc(loc), msg


def _first_duplicate_id(report: Report) -> tuple[str, str] | None:
    """Ids must be unique within a report: findings and cross-references name them."""
    groups = (
        ("cases", [c.id for c in report.cases]),
        ("referrals", [r.id for r in report.referrals]),
        ("credit_list", [e.id for e in report.credit_list]),
        ("publications", [p.id for p in report.publications]),
        ("received_referrals", [r.referral_id for r in report.received_referrals]),
        ("tasks", [t.clause for t in report.tasks]),
    )
    for name, ids in groups:
        seen: dict[str, int] = {}
        for i, value in enumerate(ids):
            if value in seen:
                return f"/{name}/{i}", f"{value!r} repeats /{name}/{seen[value]}: ids must be unique"
            seen[value] = i
    # evidence ids are optional, but metrics refer to them, so a given one must be unique
    evidence: dict[str, str] = {}
    for i, task in enumerate(report.tasks):
        for j, item in enumerate(task.evidence):
            here = f"/tasks/{i}/evidence/{j}"
            if item.id is not None and item.id in evidence:
                return here, f"evidence id {item.id!r} repeats {evidence[item.id]}: ids must be unique"
            if item.id is not None:
                evidence[item.id] = here
    return None


def read_report(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedReport:
    data = _read_bytes(path, max_bytes)
    shown = str(path)
    if _is_blank(data):
        raise InputError(shown, "file is empty")
    fmt = detect_format(path, data)
    if fmt == "xml":
        from engine.io.xml_report import parse_xml  # lxml is only loaded for XML input

        raw, source = parse_xml(data, shown)
    else:
        raw, source = parse_json(decode_json_text(data, shown), shown)
    return LoadedReport(shown, fmt, validate_report(raw, source, shown), source, data)
