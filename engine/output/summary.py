"""Counts of findings by severity and category, shared by every formatter."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from ..findings import Finding
from ..rules.model import SEVERITY_RANK, Severity


@dataclass(frozen=True)
class Summary:
    by_severity: dict[str, int]
    by_category: dict[str, int]
    total: int

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> "Summary":
        items = list(findings)
        severities = Counter(f.severity.value for f in items)
        return cls(
            by_severity={s.value: severities.get(s.value, 0) for s in Severity},
            by_category=dict(sorted(Counter(f.category for f in items).items())),
            total=len(items),
        )


def at_or_above(findings: Iterable[Finding], level: Severity) -> int:
    floor = SEVERITY_RANK[level]
    return sum(1 for f in findings if f.rank >= floor)
