"""Building one fact: values as durable_rules can match them (dates as day numbers and
working-day ordinals, date-times in China Standard Time, floats in plain notation), with a
note when a date falls in a year the holiday calendar does not cover."""
from __future__ import annotations

import datetime as dt
import functools
from enum import Enum
from typing import Any, Optional

from . import workdays

CST = dt.timezone(dt.timedelta(hours=8))


def as_cst(moment: dt.datetime) -> dt.datetime:
    """Reports may give any offset; deadlines are judged on China Standard Time."""
    return moment.astimezone(CST) if moment.tzinfo else moment.replace(tzinfo=CST)


_PLAIN = frozenset({str, int, bool})


@functools.lru_cache(maxsize=8192)
def _date_fields(day: dt.date) -> tuple[int, Optional[int], Optional[int], Optional[int]]:
    """A date's day number, working-day floor and ceiling ordinals (None outside the calendar's
    range) and its year when that year's calendar is approximate. Cached: a report names the same
    few hundred dates again and again, and a batch's reports share most of them."""
    epoch = workdays.epoch_day(day)
    if not workdays.in_supported_range(day):
        return epoch, None, None, None
    return (epoch, workdays.floor_ordinal(day), workdays.ceil_ordinal(day),
            day.year if workdays.is_approximate(day) else None)


class FactBuilder:
    """Collects one fact, expanding dates and noting approximate working-day calendars."""

    __slots__ = ("fact", "_approximate")

    def __init__(self, fact_type: str, key: str, ptr: str):
        self.fact: dict[str, Any] = {"t": fact_type, "key": key, "ptr": ptr}
        self._approximate: Optional[set[int]] = None  # made on the first approximate date: rare

    def set(self, name: str, value: Any) -> "FactBuilder":
        if value is None:
            return self
        kind = type(value)
        # exact types first, the ones nearly every value has (a str Enum is not exactly str, a
        # datetime not exactly a date): about 2,000 values per report pass through here
        if kind in _PLAIN:
            self.fact[name] = value
        elif kind is dt.date:
            self._date(name, value)
        elif isinstance(value, Enum) and type(value._value_) in _PLAIN:  # every Enum of the report format
            self.fact[name] = value._value_  # what .value returns, without the descriptor's cost
        else:
            self._convert(name, value)
        return self

    def _convert(self, name: str, value: Any) -> None:
        if isinstance(value, Enum):
            value = value._value_  # what .value returns, without the descriptor's cost
        if isinstance(value, float):
            # durable_rules misreads floats that JSON writes in exponent form (1e-05) and then
            # silently loses matches; 4 decimals is finer than any amount (元) or rate reported
            # and keeps every value in plain notation.
            value = round(value, 4) + 0.0
        if isinstance(value, dt.datetime):
            local = as_cst(value)
            self.fact[name + "_ts"] = int(local.timestamp())
            self._date(name, local.date())
        elif isinstance(value, dt.date):
            self._date(name, value)
        else:
            self.fact[name] = value

    def _date(self, name: str, day: dt.date) -> None:
        epoch, floor, ceil, approximate_year = _date_fields(day)
        self.fact[name + "_day"] = epoch
        if floor is None:
            return
        self.fact[name + "_wd"] = floor
        self.fact[name + "_wdc"] = ceil
        if approximate_year is not None:
            if self._approximate is None:
                self._approximate = set()
            self._approximate.add(approximate_year)

    def build(self) -> dict[str, Any]:
        if self._approximate:
            years = "、".join(str(y) for y in sorted(self._approximate))
            self.fact["calendar_note"] = (
                f"{years}年的法定节假日安排尚未收录，工作日按周一至周五近似计算，期限结论仅供参考"
            )
        return self.fact
