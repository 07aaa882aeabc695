"""Sort plan clause ids as a reader expects: 2 < 10, 三(四) < 三(五) < 四, (九) < (十二).

Shaped for speed: every report's findings are sorted by their clauses' keys, and a plan has a few
dozen clauses, so each id's key is worked out once (clause_key is cached)."""
from __future__ import annotations

import re
from functools import lru_cache

_DIGITS = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_PART = re.compile(r"[0-9]+|[零一二三四五六七八九十百]+")


def chinese_number(text: str) -> int:
    """一→1, 十→10, 十二→12, 二十三→23, 一百零五→105."""
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _DIGITS[ch]
    return total + current


@lru_cache(maxsize=4096)
def clause_key(clause_id: str) -> tuple:
    parts = _PART.findall(clause_id)
    if not parts:
        return ((1, clause_id),)
    return tuple((0, int(p) if p.isdigit() else chinese_number(p)) for p in parts) + ((-1, clause_id),)
