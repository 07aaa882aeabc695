"""统一社会信用代码 (GB 32100-2015) validation.

python-stdnum's validate() rejects codes whose first two characters are letters (e.g. N… codes
of rural collective organisations), so the structure is checked here with the full GB 32100
alphabet. The check character is computed here too (a few lines, as python-stdnum computes it):
importing stdnum.cn.uscc imports stdnum.util, which imports ssl, pydoc and pkgutil, ~10 ms of a
cold `plancheck check` for three lines of arithmetic. Test data is still completed by
python-stdnum (with_check_digit), so the two are checked against each other.

A report may carry a malformed code (the model accepts any short printable text there): each
kind of malformation is named, in Chinese and English, so the department knows what to correct.
"""
from __future__ import annotations

import re
from functools import lru_cache

# GB 32100-2015 uses digits and upper-case letters except I, O, Z, S, V (they read as digits).
_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_NOT_USED = "IOZSV"
# The form of a code (GB 32100-2015 4.1): 登记管理部门 and 机构类别 codes, six digits of the
# registering authority's region, nine characters of the organisation code, one check character.
STRUCTURE = r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$"
_STRUCTURE = re.compile(STRUCTURE)


# GB 32100-2015's check character: the i-th character (from 0) weighs 3**i mod 31, and the check
# character is the one at 31 - (weighted sum mod 31), mod 31, in _ALPHABET (python-stdnum's
# stdnum.cn.uscc.calc_check_digit; tests/test_cold_caches.py compares the two)
_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


def check_character(first17: str) -> str:
    """The check character of a 17-character body written in _ALPHABET."""
    total = sum(_ALPHABET.index(ch) * weight for ch, weight in zip(first17, _WEIGHTS))
    return _ALPHABET[(31 - total) % 31]


def _first(code: str, wanted) -> str:
    return next(ch for ch in code if wanted(ch))


@lru_cache(maxsize=4096)  # a report names its own code and a party's code many times over
def explain(code: str) -> tuple[str, str] | None:
    """None when valid, else (Chinese, English) saying what is wrong with the code."""
    if len(code) != 18:
        return (f"长度应为18位，实为{len(code)}位", f"it has {len(code)} character{'' if len(code) == 1 else 's'}, not 18")
    if any(ch.islower() for ch in code):
        ch = _first(code, str.islower)
        return (f"含小写字母{ch}，字母应为大写", f"it contains the lower-case letter {ch}; letters are upper case")
    if any(ch not in _ALPHABET + _NOT_USED for ch in code):
        ch = _first(code, lambda c: c not in _ALPHABET + _NOT_USED)
        return (f"含字符“{ch}”，代码只能由数字和大写字母组成（注意全角字符、空格和连字符）",
                f"it contains {ch!r}; a code has only digits and upper-case letters")
    if any(ch in _NOT_USED for ch in code):
        ch = _first(code, lambda c: c in _NOT_USED)
        digit_zh = f"，可能是数字{_LOOKALIKE[ch]}误写" if ch in _LOOKALIKE else ""
        digit_en = f"; perhaps the digit {_LOOKALIKE[ch]}" if ch in _LOOKALIKE else ""
        return (f"含字母{ch}：GB 32100-2015的代码字符不用I、O、Z、S、V（易与数字混淆）{digit_zh}",
                f"it contains the letter {ch}, which GB 32100-2015 never uses (I, O, Z, S, V){digit_en}")
    if not code[2:8].isdigit():
        return (f"第3-8位是登记管理机关行政区划码，应为6位数字，实为{code[2:8]}",
                f"characters 3-8 are the registering authority's region code, six digits, not {code[2:8]}")
    if not _STRUCTURE.match(code):  # not expected once the checks above pass; kept as a guard
        return ("不符合GB 32100-2015的代码结构", "it does not have the structure of GB 32100-2015")
    expected = check_character(code[:17])
    if code[17] != expected:
        return (f"校验码错误：第18位应为{expected}，实为{code[17]}",
                f"wrong check character: the 18th should be {expected}, not {code[17]}")
    return None


_LOOKALIKE = {"I": "1", "O": "0", "Z": "2", "S": "5"}


def problem(code: str) -> str | None:
    """None when valid, else a short reason in Chinese."""
    found = explain(code)
    return None if found is None else found[0]


def problem_en(code: str) -> str | None:
    """None when valid, else a short reason in English."""
    found = explain(code)
    return None if found is None else found[1]


def is_valid(code: str) -> bool:
    return explain(code) is None


def with_check_digit(first17: str) -> str:
    """Complete a 17-character body with its check character (used to make test data), by
    python-stdnum: independent of check_character, which validation uses."""
    from stdnum.cn import uscc  # only test and benchmark data is made with it

    return first17 + uscc.calc_check_digit(first17)
