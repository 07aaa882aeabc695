"""How far a draft agrees with a written pack: clause ids found, texts identical, units identical.

Texts are compared after this normalisation and nothing else: whitespace is removed (a scrape
writes line breaks as spaces, and Chinese has no spaces between words), and the full-width forms
of ， ： ； （ ） ！ ？ are read as their half-width forms (the seeds mix both; Heilongjiang's pack
writes full-width commas where the seed has half-width ones). Words, 、 。 “ ” 《 》 and every other
character must be the same."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..departments import match_department
from ..rules.plan_model import Plan

_WIDTH = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"})


def normalise_text(text: str) -> str:
    return re.sub(r"\s+", "", text).translate(_WIDTH)


@dataclass
class Agreement:
    plan: str
    expected: int = 0
    found: int = 0  # bundled clause ids the draft has
    extra: list[str] = field(default_factory=list)  # draft ids the pack does not have
    texts_identical: int = 0
    units_expected: int = 0  # clauses whose units the pack names
    units_identical: int = 0
    problems: list[str] = field(default_factory=list)
    # how the draft classification compares (drafts are guesses: shown, never required)
    checks_same: int = 0
    schedules_expected: int = 0  # clauses the pack gives a schedule other than ongoing
    schedules_same: int = 0

    @property
    def full(self) -> bool:
        return (self.found == self.expected and not self.extra and self.texts_identical == self.expected
                and self.units_identical == self.units_expected)

    def row(self) -> str:
        return (f"{self.plan:<20} clauses {self.found}/{self.expected}  texts identical "
                f"{self.texts_identical}/{self.expected}  units identical {self.units_identical}/{self.units_expected}"
                + (f"  extra: {', '.join(self.extra)}" if self.extra else ""))

    def classification_row(self) -> str:
        return (f"{'':<20} draft check as the pack's {self.checks_same}/{self.found}  "
                f"schedule cadence as the pack's {self.schedules_same}/{self.schedules_expected}")


def compare(draft: dict[str, Any], pack: Plan) -> Agreement:
    result = Agreement(pack.id, expected=len(pack.clauses))
    drafted = {c["id"]: c for c in draft["clauses"]}
    units = {u["id"]: u for u in draft.get("departments", [])}
    result.extra = [cid for cid in drafted if pack.clause(cid) is None]
    for clause in pack.clauses:
        mine = drafted.get(clause.id)
        if mine is None:
            result.problems.append(f"{clause.id}: not found")
            continue
        result.found += 1
        result.checks_same += mine["check"] == clause.check.value
        if clause.schedule.cadence.value != "ongoing":
            result.schedules_expected += 1
            result.schedules_same += mine.get("schedule", {}).get("cadence") == clause.schedule.cadence.value
        if normalise_text(mine["text"]) == normalise_text(clause.text):
            result.texts_identical += 1
        else:
            result.problems.append(f"{clause.id}: text differs: {_first_difference(mine['text'], clause.text)}")
        if clause.responsible:
            result.units_expected += 1
            problem = _unit_problem(pack, clause.responsible, [units[u] for u in mine.get("responsible", [])])
            if problem:
                result.problems.append(f"{clause.id}: {problem}")
            else:
                result.units_identical += 1
    return result


def _unit_problem(pack: Plan, expected: list[str], drafted: list[dict[str, Any]]) -> str:
    matched = []
    for unit in drafted:
        written = (unit.get("aliases") or [unit["name"]])[0]
        known = match_department(pack, written) or match_department(pack, unit["name"])
        if known is None:
            return f"unit {written} is not in the pack's table"
        if known.kind.value != unit["kind"]:
            return f"unit {written}: kind {unit['kind']}, the pack says {known.kind.value}"
        matched.append(known.id)
    if matched != expected:
        return f"units {matched} != pack {expected}"
    return ""


def _first_difference(mine: str, theirs: str) -> str:
    a, b = normalise_text(mine), normalise_text(theirs)
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"at {at}: draft …{a[max(0, at - 8):at + 12]}… pack …{b[max(0, at - 8):at + 12]}…"
