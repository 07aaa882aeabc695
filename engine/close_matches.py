"""Close matches for a name a user mistyped ("did you mean ...?"), shared by every command.

Case is ignored when comparing (`hlj-67-training-target` is close to `HLJ-67-TRAINING-TARGET`),
and the candidates are returned as they are spelled.
"""
from __future__ import annotations

import difflib
from typing import Iterable


def close_matches(word: str, candidates: Iterable[str], limit: int = 3, cutoff: float = 0.6) -> list[str]:
    """Up to `limit` candidates most like `word`, best first."""
    by_folded: dict[str, str] = {}
    for candidate in candidates:
        by_folded.setdefault(candidate.casefold(), candidate)
    found = difflib.get_close_matches(word.casefold(), list(by_folded), n=limit, cutoff=cutoff)
    return [by_folded[f] for f in found]


def did_you_mean(word: str, candidates: Iterable[str], lang: str = "en") -> str:
    """`; did you mean "A" or "B"?` (empty when nothing is close), to end a one-line error."""
    found = close_matches(word, candidates)
    if not found:
        return ""
    if lang == "zh":
        return "；是否指 " + " 或 ".join(f"“{f}”" for f in found) + "？"
    return "; did you mean " + " or ".join(f'"{f}"' for f in found) + "?"
