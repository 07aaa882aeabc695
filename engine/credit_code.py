"""统一社会信用代码 (GB 32100-2015) validation.

python-stdnum computes the check character; its own validate() rejects codes whose first two
characters are letters (e.g. N… codes of rural collective organisations), so the structure is
checked here with the full GB 32100 alphabet and only the checksum is delegated.
"""
from __future__ import annotations

import re
from functools import lru_cache

from stdnum.cn import uscc

_STRUCTURE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$")


@lru_cache(maxsize=4096)  # a report names its own code and a party's code many times over
def problem(code: str) -> str | None:
    """None when valid, else a short reason in Chinese."""
    if len(code) != 18:
        return f"长度应为18位，实为{len(code)}位"
    if not _STRUCTURE.match(code):
        return "含有GB 32100-2015不允许的字符或第3-8位行政区划码不是数字"
    expected = uscc.calc_check_digit(code[:17])
    if code[17] != expected:
        return f"校验码错误：第18位应为{expected}，实为{code[17]}"
    return None


def is_valid(code: str) -> bool:
    return problem(code) is None


def with_check_digit(first17: str) -> str:
    """Complete a 17-character body with its check character (used to make test data)."""
    return first17 + uscc.calc_check_digit(first17)
