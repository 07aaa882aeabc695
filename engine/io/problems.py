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


class TooManyProblems(Exception):
    """More problems than MAX_PROBLEMS: the caller makes it an input error naming the first."""

    def __init__(self, first: ValueProblem):
        super().__init__(first.line())
        self.first = first


class ProblemLog:
    """The problems found so far; stops the reading (TooManyProblems) past the limit, so that a
    hostile file of a million bad items costs no more than the first few hundred."""

    def __init__(self, limit: int = MAX_PROBLEMS):
        self.limit = limit
        self.items: list[ValueProblem] = []

    def add(self, pointer: str, category: str, said: Said) -> None:
        self.items.append(ValueProblem(pointer, category, said))
        if len(self.items) > self.limit:
            raise TooManyProblems(self.items[0])
