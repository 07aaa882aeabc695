"""Close matches of a mistyped name among the names valid at that place: the one "did you mean"
of every message (unknown field, plan, department, rule id), so they all suggest alike.

difflib's ratio is used (standard library, no new dependency); `key` lets a caller compare
names on what tells them apart (department names: engine.departments drops the place and the
sort of body every unit's name shares) while the names shown are the valid ones as written.
"""
from __future__ import annotations

from typing import Callable, Iterable, Mapping, Optional, Union

CUTOFF = 0.6  # difflib's default: below it a "match" is more often another name than a typo


Valid = Union[Iterable[str], Mapping[str, str]]


def close_matches(written: str, valid: Valid, limit: int = 3, cutoff: float = CUTOFF,
                  key: Optional[Callable[[str], str]] = None) -> list[str]:
    """Up to `limit` of the `valid` names nearest to `written`, best first, each shown once.

    `valid` may map each name compared to the name shown (a unit's aliases to the unit's name).
    With `key`, names are compared by their keys. Case is ignored (`hlj-67-trainng-target` is close
    to HLJ-67-TRAINING-TARGET); a name equal to `written` but for case comes first."""
    pairs = valid.items() if isinstance(valid, Mapping) else ((name, name) for name in valid)
    shown_by_key: dict[str, str] = {}
    for name, shown in pairs:
        shown_by_key.setdefault((key(name) if key else name).casefold(), shown)
    wanted = (key(written) if key else written).casefold()
    exact = [k for k in shown_by_key if k == wanted]
    import difflib  # loaded for a mistyped name only, not by every process that might meet one

    keys = exact + difflib.get_close_matches(wanted, list(shown_by_key), n=limit * 3, cutoff=cutoff)
    found: list[str] = []
    for k in keys:
        if shown_by_key[k] not in found:
            found.append(shown_by_key[k])
    return found[:limit]


def did_you_mean(written: str, valid: Valid, limit: int = 3,
                 key: Optional[Callable[[str], str]] = None) -> tuple[str, str]:
    """The "did you mean" clause of a message, (zh, en), each starting with "; ", or ("", "")
    when nothing is close: `；是否应为 A 或 B？`, `; did you mean 'A' or 'B'?`."""
    near = close_matches(written, valid, limit, key=key)
    if not near:
        return "", ""
    zh = "；是否应为 " + " 或 ".join(near) + "？"
    en = "; did you mean " + " or ".join(repr(n) for n in near) + "?"
    return zh, en
