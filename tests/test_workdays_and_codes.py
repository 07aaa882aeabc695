"""Working-day arithmetic (statutory holidays, 调休) and 统一社会信用代码 checks."""
from __future__ import annotations

import datetime as dt

from hypothesis import given
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
