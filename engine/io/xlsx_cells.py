"""What one Excel cell says, as the JSON form would say it, for a field of a given type (the
workbook reader, engine.io.xlsx_read, reads every cell with cell_value).

Coded values may be their Chinese words (已完成) or codes; dates may be date cells or text
(2024-03-01); a moment without a time zone is Beijing time; 5000.0 is 5000 where a whole number
is due; a number shown as a percentage is the number shown (a cell showing 98.6% holds 0.986 and
is read as 98.6, since a metric in % is written 98.6), and so is the text 98.6%; yes/no fields
take 是/否, TRUE/FALSE or 1/0. Anything else that does not fit is handed on as its text
(CellText), so validation reports it at its cell like any invalid value.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from ..fact_builder import CST
from .xlsx_layout import FALSE_WORDS, TRUE_WORDS, value_labels
from .xml_layout import Scalar

_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")

class CellText:
    """A cell's content that cannot be the value its field needs; pydantic refuses it, and the
    finding quotes the text (engine.io.value_messages reads `.text`)."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return f"CellText({self.text!r})"


def text_of(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _is_percent(number_format: Any) -> bool:
    return isinstance(number_format, str) and "%" in number_format.replace('"%"', "")


def _number(value: Any, scalar: Scalar, number_format: Any) -> Any:
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.time, dt.timedelta)):
        return CellText(text_of(value))
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return CellText(str(value))
        if _is_percent(number_format):
            value = float(f"{value * 100:.12g}")
    else:
        text = str(value).strip()
        percent = text.endswith(("%", "％"))
        digits = text.rstrip("%％").strip() if percent else text
        if scalar.type is int and not percent and _INTEGER.fullmatch(digits) and len(digits) <= 40:
            return int(digits)
        if not _NUMBER.fullmatch(digits) or len(digits) > 400 or math.isinf(float(digits)):
            return CellText(str(value))
        value = float(digits)
    if scalar.type is int and isinstance(value, float) and value.is_integer():
        return int(value)
    return value  # a fraction where a whole number is due: validation says so


def _date(value: Any, scalar: Scalar) -> Any:
    if isinstance(value, dt.datetime):
        if scalar.type is dt.date:
            return value.date() if value.time() == dt.time() else value  # validation refuses a time of day
        return value.replace(tzinfo=CST) if value.tzinfo is None else value
    if isinstance(value, dt.date):
        return value if scalar.type is dt.date else dt.datetime.combine(value, dt.time(), CST)
    if isinstance(value, str):
        return value.strip()  # pydantic parses ISO dates; a moment without a zone is Beijing time
    return CellText(text_of(value))  # a bare number is no date (pydantic would take it for epoch seconds)


def cell_value(value: Any, scalar: Scalar, number_format: Any = None) -> Any:
    """The JSON-like value of one cell for a field of type `scalar` (never None: blanks are skipped)."""
    if scalar.choices is not None:
        text = text_of(value).strip()
        words = {word: code for code, word in value_labels(scalar).items()}
        return words.get(text, text)
    if scalar.type is bool:
        if isinstance(value, bool):
            return value
        text = text_of(value).strip()
        return True if text in TRUE_WORDS else False if text in FALSE_WORDS else CellText(text)
    if scalar.type in (int, float):
        return _number(value, scalar, number_format)
    if scalar.type in (dt.date, dt.datetime):
        return _date(value, scalar)
    return value if isinstance(value, str) else text_of(value)
