"""The fast path for a JSON report: orjson, then pydantic, for a report nothing is wrong with.

Shaped for speed: the exact path (engine.io.json_report.parse_json) parses with `json.loads`
and Python hooks on every object and number (duplicate keys, NaN, numbers beyond a float) and
scans the whole text beforehand for depth, which costs more than the parse itself. Here the text
is parsed once by orjson, in C, and what the hooks and scans would have caught is shown absent
by a handful of C-speed passes over the text instead:
- no duplicate key: orjson keeps the last of two equal keys, so one is lost. Every colon of the
  text is a key's or one inside a string; the compact re-serialisation of the parsed data has
  exactly one per key kept plus the same ones inside strings. The counts are equal if and only
  if no key was lost (unless an escape `\\u003a` wrote a colon, which is sent to the exact path);
- no NaN/Infinity and no number beyond a float: orjson refuses them itself; an integer of 19 or
  more digits (beyond orjson's 64 bits it would become a float) is sent to the exact path;
- no character XML cannot carry: only a `\\u` escape or U+FFFE/U+FFFF can bring one, and any of
  those gets today's hint regex, anything it flags goes to the exact path;
- not too deep, no object with too many members: a document the closed report models accept
  nests no deeper and is no wider than they are (`model_shape`; a test holds it far below the
  limits), so validation proves it; any validation problem goes to the exact path anyway;
- not too many values: the same cheap count the exact path starts with.
The re-serialisation is kept (FastRead.compact): the test for a template's leftover placeholder
(engine.io.template_text) searches it instead of making its own.
Whatever is doubtful returns None, and the caller reads the text the exact way, so every error
message, salvage problem and location is today's.
"""
from __future__ import annotations

import types
import typing
from datetime import date, datetime
from enum import Enum
from typing import Any, NamedTuple, Optional

import orjson
from pydantic import BaseModel, ValidationError

from .exact import exact_read
from .json_locate import FastJsonPositions
from .json_report import _NOT_XML_HINT, JsonSourceMap, parse_json
from .limits import MAX_VALUES
from ..model.report import Report

# bytes.translate table: every digit becomes "0", everything else a space, so a run of digits as
# long as a number orjson cannot hold in 64 bits is found by one substring search.
_DIGITS_AS_ZERO = bytes(0x30 if 0x30 <= ch <= 0x39 else 0x20 for ch in range(256))
_LONG_INTEGER = b"0" * 19  # 2**63 has 19 digits: every shorter integer is exact in orjson
_VALUE_LEADS = (b"[", b"{", b",", b":")


class FastRead(NamedTuple):
    data: dict
    report: Report
    compact: bytes  # orjson.dumps(data)


def read_json_fast(text: str, utf8: Optional[bytes] = None) -> Optional[FastRead]:
    """The data and the validated report of `text`, when the exact path would read the very same
    report with no problem; else None (read it the exact way). `utf8`: `text` in UTF-8, when the
    file held it so (it is not encoded again)."""
    try:
        raw = text.encode("utf-8") if utf8 is None else utf8
    except UnicodeEncodeError:  # a lone surrogate: the exact path says where
        return None
    if len(raw) > MAX_VALUES and sum(raw.count(lead) for lead in _VALUE_LEADS) > MAX_VALUES:
        return None  # (each lead is one byte: a shorter file cannot have too many)
    if b"\\u" in raw and (b"\\u003a" in raw or b"\\u003A" in raw or _NOT_XML_HINT.search(text)):
        return None
    if "\ufffe" in text or "\uffff" in text or _LONG_INTEGER in raw.translate(_DIGITS_AS_ZERO):
        return None
    try:
        data = orjson.loads(raw)  # refuses NaN, Infinity, numbers beyond a float, > 1024 levels
        if type(data) is not dict:
            return None
        compact = orjson.dumps(data)
        if raw.count(b":") != compact.count(b":"):
            return None
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):  # dumps stops at 255 levels
        return None
    body = data
    if "$schema" in data:  # a filled-in template names its schema; validate_report drops it
        if type(data["$schema"]) is not str:
            return None  # an invalid one is a finding: the exact path says it
        body = {key: value for key, value in data.items() if key != "$schema"}
    try:
        report = Report.model_validate(body)
    except ValidationError:
        return None  # the exact path reads it again, value by value where need be
    return FastRead(data, report, compact)


def read_json(text: str, path: str, utf8: Optional[bytes] = None) -> tuple[Any, JsonSourceMap, Optional[FastRead]]:
    """(data, source map, fast read): the fast read when the fast path has validated the report
    already, None when it was read the exact way (and is still to be validated, and salvaged if
    need be). `utf8`: as for read_json_fast."""
    fast = None if exact_read() else read_json_fast(text, utf8)
    if fast is None:
        data, source = parse_json(text, path)
        return data, source, None
    return fast.data, JsonSourceMap(text, FastJsonPositions(text)), fast


def model_shape(model: type[BaseModel]) -> tuple[int, int]:
    """(depth, widest): how deeply a document `model` accepts can nest (the top object is 1) and
    the most members any of its objects can have. TypeError for a field that would accept a
    document of any shape (a dict, Any), which would void the fast path's proof."""
    depth, widest = 1, len(model.model_fields)
    if model.model_config.get("extra") != "forbid":
        raise TypeError(f"{model.__name__} accepts unknown fields")
    for name, info in model.model_fields.items():
        inner, inner_widest = _annotation_shape(info.annotation, f"{model.__name__}.{name}")
        depth, widest = max(depth, 1 + inner), max(widest, inner_widest)
    return depth, widest


def _annotation_shape(annotation: Any, where: str) -> tuple[int, int]:
    """(depth, widest) of the values an annotation accepts (a single value is 0 deep)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return 0, 0
    if origin is typing.Annotated:
        return _annotation_shape(typing.get_args(annotation)[0], where)
    if origin is list:
        inner, widest = _annotation_shape(typing.get_args(annotation)[0], where)
        return 1 + inner, widest
    if origin in (typing.Union, types.UnionType):
        shapes = [_annotation_shape(a, where) for a in typing.get_args(annotation)]
        return max(s[0] for s in shapes), max(s[1] for s in shapes)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_shape(annotation)
    if annotation in (str, int, float, bool, date, datetime, type(None)) or (
            isinstance(annotation, type) and issubclass(annotation, Enum)):
        return 0, 0
    raise TypeError(f"{where}: {annotation!r} could accept a document of any shape")
