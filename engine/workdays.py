"""Working-day ordinals, so rules can express "within N working days" as integer arithmetic.

For every date d we publish two numbers on facts:
  floor(d) = number of working days up to and including d   (use for the start of a period)
  ceil(d)  = ordinal of the first working day on or after d  (use for the act being judged)
"Act on time within N working days of start" is then `ceil(act) <= floor(start) + N`, which
counts the start day not at all (行政处罚法 art. 85; 刑事诉讼法 art. 105: the start day is not
counted and a period ending on a holiday ends on the next working day).

Statutory holidays and 调休 make-up days come from chinese-calendar. For years it does not cover,
weekends-only is used and the date is reported as an approximation (never a crash, never silent).
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from itertools import accumulate

import chinese_calendar

EPOCH = dt.date(1970, 1, 1)
_FIRST_YEAR = 1990
_LAST_YEAR = 2100


def _calendar_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


@lru_cache(maxsize=None)
def covered_years() -> frozenset[int]:
    """The years chinese-calendar answers for: those from its first listed holiday's year to its
    last's, the range it checks every date against. Read from its table once rather than asked
    year by year (_calendar_knows, 111 refusals each scanning every holiday: ~2 ms of a cold
    check); tests/test_cold_caches.py checks the two agree."""
    first, last = min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year
    return frozenset(range(max(first, _FIRST_YEAR), min(last, _LAST_YEAR) + 1))


@lru_cache(maxsize=65536)
def is_approximate(day: dt.date) -> bool:
    """True when `day` lies in a year the holiday calendar does not cover (weekends only)."""
    return day.year not in covered_years()


@lru_cache(maxsize=65536)
def is_workday(day: dt.date) -> bool:
    if is_approximate(day):
        return day.weekday() < 5
    return _listed_workday(day)


def _listed_workday(day: dt.date) -> bool:
    """chinese_calendar.is_workday without its per-call range check (min/max over every holiday,
    which made building the ordinal table a visible part of a cold start); the caller has
    checked the year is covered. Same rule: a 调休 working day, or a weekday that is no holiday."""
    return day in chinese_calendar.workdays or (day.weekday() < 5 and day not in chinese_calendar.holidays)


@lru_cache(maxsize=1)
def _cumulative() -> tuple[dt.date, list[int]]:
    """Working days up to and including each day from 1990 to 2100.

    Built from a weekday pattern corrected at the calendar's listed holidays and make-up working
    days, then summed in C (itertools.accumulate): every process checking a report needs the
    table, and walking 40,000 days one by one in Python was a tenth of a second of every cold
    start. The result is the day-by-day definition exactly (is_workday; tests/test_workdays.py)."""
    start, end = dt.date(_FIRST_YEAR, 1, 1), dt.date(_LAST_YEAR, 12, 31)
    days = (end - start).days + 1
    first = start.weekday()
    week = bytes(1 if (first + i) % 7 < 5 else 0 for i in range(7))
    flags = bytearray(week * (days // 7 + 1))[:days]
    covered = covered_years()
    # holidays first, then make-up working days, which win (as in _listed_workday)
    for listed, value in ((chinese_calendar.holidays, 0), (chinese_calendar.workdays, 1)):
        for day in listed:
            if day.year in covered and start <= day <= end:
                flags[(day - start).days] = value
    return start, list(accumulate(flags))


def _index(day: dt.date) -> int:
    start, counts = _cumulative()
    offset = (day - start).days
    if not 0 <= offset < len(counts):
        raise ValueError(f"date {day} is outside the supported range {_FIRST_YEAR}-{_LAST_YEAR}")
    return offset


def floor_ordinal(day: dt.date) -> int:
    return _cumulative()[1][_index(day)]


def ceil_ordinal(day: dt.date) -> int:
    return floor_ordinal(day) + (0 if is_workday(day) else 1)


def epoch_day(day: dt.date) -> int:
    return (day - EPOCH).days


def add_workdays(day: dt.date, count: int) -> dt.date:
    """The date of the `count`-th working day after `day` (for messages and tests)."""
    target = floor_ordinal(day) + count
    current = day
    while True:
        current += dt.timedelta(days=1)
        if is_workday(current) and floor_ordinal(current) >= target:
            return current


def in_supported_range(day: dt.date) -> bool:
    return _FIRST_YEAR <= day.year <= _LAST_YEAR


def delay(start: dt.date | None, act: dt.date | None) -> int | None:
    """Working days from `start` (not counted) to `act`; an act on a holiday counts as the
    next working day. 0 or less means on or before the start day. None when a date is missing
    or outside the supported years."""
    if start is None or act is None:
        return None
    if not (in_supported_range(start) and in_supported_range(act)):
        return None
    return ceil_ordinal(act) - floor_ordinal(start)


def calendar_delay(start: dt.date | None, act: dt.date | None) -> int | None:
    """Calendar days from `start` to `act`, beside `delay` where a rule warns on both."""
    return None if start is None or act is None else (act - start).days


def days_past_calendar_deadline(start: dt.date | None, act: dt.date | None, days: int) -> int | None:
    """How many days `act` comes after a period of `days` calendar days from `start` (the start
    day not counted) that ends, when its last day is a holiday or a weekend, on the next working
    day (刑事诉讼法 第一百零五条: 期间的最后一日为节假日的，以节假日后的第一日为期满日期; the
    domain notes' reading for 国务院令第310号's 日). 0 or less: in time. None when a date is missing
    or the calendar does not cover it."""
    if start is None or act is None:
        return None
    deadline = start + dt.timedelta(days=days)
    if not in_supported_range(deadline):
        return None
    while not is_workday(deadline):
        deadline += dt.timedelta(days=1)
    return (act - deadline).days
