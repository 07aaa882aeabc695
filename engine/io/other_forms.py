"""Values written in another form than the report format's, read as what they were meant to be:
a date as 2024/03/01, 2024年3月1日 or 20240301, a date-time as 2024年3月1日 9时30分, a number with
thousands separators or a unit (15万元). engine.io.value_messages says what such a value should
have been written as; these only read it (and say why a date-like value is no date at all).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Optional

_DAY = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
_OTHER_DATE = re.compile(rf"^\s*(?:{_DAY}|(\d{{4}})(\d{{2}})(\d{{2}}))\s*$")
_OTHER_TIME = re.compile(rf"^\s*{_DAY}\s*[T ]?\s*(\d{{1,2}})\s*[:：]\s*(\d{{1,2}})\s*(?:[:：]\s*(\d{{1,2}}))?\s*$")
_UNIT = re.compile(r"^\s*([0-9][0-9,，]*(?:\.[0-9]+)?)\s*(万|亿)?\s*(元|件|个|人次|人|份|家)?\s*$")


def plain_number(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def as_date(value: str) -> Optional[dt.date]:
    match = _OTHER_DATE.match(value)
    if not match:
        return None
    parts = [g for g in match.groups() if g is not None]
    try:
        return dt.date(*map(int, parts))
    except ValueError:
        return None


def as_datetime(value: str) -> Optional[str]:
    match = _OTHER_TIME.match(value.replace("时", ":").replace("分", ":").replace("秒", "").rstrip(": "))
    if not match:
        return None
    year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
    try:
        moment = dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + "+08:00"


def date_reason(value: str) -> tuple[str, str]:
    """Why a value that looks like a date, in YYYY-MM-DD or another form (2024/2/30,
    2024年2月30日), is not one."""
    match = re.match(r"^\s*(\d{4})-(\d{2})-(\d{2})", value) or _OTHER_DATE.match(value)
    if not match:
        return "", ""
    year, month, day = (int(g) for g in match.groups() if g is not None)
    if not 1 <= month <= 12:
        return f"：没有{month}月", f": there is no month {month}"
    try:
        dt.date(year, month, day)
    except ValueError:
        return f"：{year}年{month}月没有{day}日", f": {year}-{month:02d} has no day {day}"
    return "", ""


def time_reason(value: str) -> tuple[str, str]:
    """Why a YYYY-MM-DDThh:mm:ss-looking value is not a date-time (pydantic only says that
    characters are left over)."""
    why_zh, why_en = date_reason(value)
    if why_zh:
        return why_zh, why_en
    match = re.match(r"^\s*\d{4}-\d{2}-\d{2}[T ](\d{2}):(\d{2})(?::(\d{2}))?", value)
    if not match:
        return "", ""
    hour, minute, second = (int(g) if g else 0 for g in match.groups())
    for part, number, most, zh in (("hour", hour, 23, "小时"), ("minute", minute, 59, "分钟"),
                                   ("second", second, 59, "秒")):
        if number > most:
            return f"：{zh}应为00-{most}", f": the {part} is out of range (00-{most})"
    return "", ""


def as_number(value: str) -> Optional[str]:
    match = _UNIT.match(value)
    if not match or (match.group(2) is None and match.group(3) is None and not re.search("[,，]", value)):
        return None
    number = float(match.group(1).replace(",", "").replace("，", ""))
    number *= {"万": 1e4, "亿": 1e8}.get(match.group(2) or "", 1)
    return plain_number(round(number, 4))
