"""A problem with one value of a readable report: it becomes a finding on its record (rules
REPORT-INVALID-VALUE and REPORT-INCONSISTENT), never a reason to reject the whole report."""
from __future__ import annotations

from dataclasses import dataclass

INVALID_VALUE = "invalid_value"
INCONSISTENCY = "inconsistency"


@dataclass(frozen=True)
class Said:
    """What is wrong and what to write instead, in Chinese and English."""

    zh: str
    en: str
    fix_zh: str
    fix_en: str


@dataclass(frozen=True)
class ValueProblem:
    pointer: str  # JSON pointer of the value, or of where a missing one belongs
    category: str  # INVALID_VALUE or INCONSISTENCY
    said: Said

    def line(self) -> str:
        """One line in English, for an input error that names a problem."""
        return f"{self.pointer or '/'}: {self.said.en}"


MAX_PROBLEMS = 500  # more than this is no longer a report with mistakes but a file that is not one


class ProblemLog:
    """The problems found: the first `limit` kept, the others only counted, so that a hostile
    file of a hundred thousand bad items costs the reading of it, not a hundred thousand
    messages held in memory."""

    def __init__(self, limit: int = MAX_PROBLEMS):
        self.limit = limit
        self.count = 0
        self.items: list[ValueProblem] = []

    @property
    def too_many(self) -> bool:
        return self.count > self.limit

    def add(self, pointer: str, category: str, said: Said) -> None:
        self.count += 1
        if self.count <= self.limit:
            self.items.append(ValueProblem(pointer, category, said))
