"""Working-day arithmetic (statutory holidays, 调休) and 统一社会信用代码 checks."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
import pytest
from hypothesis import strategies as st

from engine import credit_code, workdays

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def test_worked_examples_from_the_domain_notes():
    assert workdays.add_workdays(dt.date(2025, 9, 26), 20) == dt.date(2025, 10, 30)
    assert workdays.add_workdays(dt.date(2026, 2, 13), 3) == dt.date(2026, 2, 25)


def test_make_up_working_day_counts():
    # 2024-10-12 (Saturday) was a 调休 working day after 国庆节
    assert workdays.is_workday(dt.date(2024, 10, 12))
    assert not workdays.is_workday(dt.date(2024, 10, 3))


def test_act_on_holiday_after_deadline_is_late():
    start = dt.date(2024, 9, 26)
    deadline = workdays.add_workdays(start, 3)  # 2024-09-30
    assert workdays.ceil_ordinal(deadline) - workdays.floor_ordinal(start) == 3
    # 10-01 is a holiday after the deadline: it counts as the next working day, so late
    assert workdays.ceil_ordinal(dt.date(2024, 10, 1)) - workdays.floor_ordinal(start) == 4


def test_uncovered_year_falls_back_to_weekends_and_says_so():
    day = dt.date(2027, 10, 1)
    assert workdays.is_approximate(day)
    assert workdays.is_workday(day)  # a Friday: no holiday data, weekends only


@given(st.dates(dt.date(2004, 1, 1), dt.date(2026, 12, 31)), st.integers(1, 40))
def test_add_workdays_lands_on_a_working_day_n_ordinals_later(day, n):
    target = workdays.add_workdays(day, n)
    assert workdays.is_workday(target)
    assert workdays.floor_ordinal(target) - workdays.floor_ordinal(day) == n


@given(st.text(ALPHABET[:10], min_size=2, max_size=2).filter(lambda s: s[0] != "0") | st.sampled_from(["91", "92", "11", "N1", "Y1"]),
       st.text("0123456789", min_size=6, max_size=6), st.text(ALPHABET, min_size=9, max_size=9))
def test_computed_codes_validate_and_any_other_check_char_does_not(head, region, org):
    code = credit_code.with_check_digit(head + region + org)
    assert credit_code.is_valid(code)
    for other in ALPHABET:
        if other != code[-1]:
            assert not credit_code.is_valid(code[:-1] + other)


def test_letter_prefixed_codes_are_accepted():
    """python-stdnum's own validate() rejects N… codes; ours must not."""
    assert credit_code.is_valid(credit_code.with_check_digit("N2230100MA1B2C3D4"))


def test_structure_errors_are_explained():
    assert "长度" in credit_code.problem("9123")
    assert "字符" in credit_code.problem("91230100MA1B2C3DIO")


VALID_CODE = "91230102MA19XW4P3J"


@pytest.mark.parametrize("code, zh, en", [
    ("9123010", "长度应为18位，实为7位", "7 characters, not 18"),
    (VALID_CODE.lower(), "含小写字母m，字母应为大写", "lower-case letter m"),
    (VALID_CODE[:8] + " " + VALID_CODE[9:], "含字符“ ”", "contains ' '"),
    (VALID_CODE[:8] + "-" + VALID_CODE[9:], "含字符“-”", "contains '-'"),
    ("９" + VALID_CODE[1:], "含字符“９”", "contains '９'"),
    (VALID_CODE[:15] + "O" + VALID_CODE[16:], "含字母O：GB 32100-2015的代码字符不用I、O、Z、S、V（易与数字混淆），可能是数字0误写",
     "the letter O, which GB 32100-2015 never uses"),
    (VALID_CODE[:15] + "V" + VALID_CODE[16:], "含字母V", "never uses (I, O, Z, S, V)"),
    (VALID_CODE[:4] + "A" + VALID_CODE[5:], "第3-8位是登记管理机关行政区划码，应为6位数字，实为23A102", "region code"),
    (VALID_CODE[:17] + "K", "校验码错误：第18位应为J，实为K", "the 18th should be J, not K"),
])
def test_each_malformation_is_explained_in_both_languages(code: str, zh: str, en: str):
    """A report may now carry a malformed code (it is a finding, not a rejected file): the
    finding says exactly what is wrong with it."""
    assert zh in credit_code.problem(code)
    assert en in credit_code.problem_en(code)
    assert not credit_code.is_valid(code)


def test_a_valid_code_has_no_explanation():
    assert credit_code.explain(VALID_CODE) is None and credit_code.problem_en(VALID_CODE) is None


def test_a_calendar_period_ending_on_a_holiday_ends_on_the_next_working_day():
    from engine.workdays import days_past_calendar_deadline as past
    # Thursday + 3 days is a Sunday: the period ends on Monday
    assert past(dt.date(2024, 4, 18), dt.date(2024, 4, 22), 3) == 0
    assert past(dt.date(2024, 4, 18), dt.date(2024, 4, 23), 3) == 1
    # 2025-10-01 is National Day: the period runs to 10-09, the first working day after the holiday
    assert past(dt.date(2025, 9, 28), dt.date(2025, 10, 9), 3) == 0
    # a make-up working Sunday (2024-04-07) ends the period on it
    assert past(dt.date(2024, 4, 4), dt.date(2024, 4, 8), 3) == 1
    assert past(None, dt.date(2024, 4, 8), 3) is None


def test_the_ordinal_table_is_the_day_by_day_count_over_every_supported_day():
    """The table is built from the calendar's lists in C; it must equal counting is_workday day by
    day (holidays on weekdays, 调休 Saturdays, years the calendar does not cover)."""
    start, counts = workdays._cumulative()
    total, day = 0, start
    for count in counts:
        total += workdays.is_workday(day)
        assert count == total, day
        day += dt.timedelta(days=1)
    assert day == dt.date(2101, 1, 1)
