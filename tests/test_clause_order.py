"""Clause ids sort as the plans number them."""
from hypothesis import given
from hypothesis import strategies as st

from engine.clause_order import chinese_number, clause_key


def test_chinese_numerals():
    assert [chinese_number(t) for t in ["一", "十", "十二", "二十三", "一百零五"]] == [1, 10, 12, 23, 105]


def test_reading_order():
    ids = ["十", "三(五)", "三(四)", "四", "(十二)", "(九)", "2", "10", "三", "二"]
    assert sorted(ids, key=clause_key) == ["2", "二", "三", "三(四)", "三(五)", "四", "(九)", "10", "十", "(十二)"]


_CN = "零一二三四五六七八九"


def _to_chinese(n: int) -> str:
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("" if tens == 1 else _CN[tens]) + "十") + ("" if ones == 0 and tens else _CN[ones])


@given(st.integers(1, 99))
def test_chinese_number_round_trip(n):
    assert chinese_number(_to_chinese(n)) == n
