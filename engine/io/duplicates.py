"""Ids that repeat within a report. Findings, waivers and other records name items by their id,
so a repeat is an inconsistency on the later item; both items stay in the report and are
checked (engine.facts gives the later one a key of its own).

Shaped for speed: this runs for every report and almost none repeats an id, which a set of each
list's ids shows; only a list with a repeat is walked item by item to say where."""
from __future__ import annotations

from typing import Any

from . import value_messages as say
from .problems import INCONSISTENCY, ProblemLog

# The field that names an item of each report list.
IDENTIFIERS = {
    "tasks": "clause", "cases": "id", "referrals": "id", "received_referrals": "referral_id",
    "credit_list": "id", "publications": "id",
}


def log_repeated_ids(report: Any, log: ProblemLog) -> None:
    """Log each item whose id an earlier item of its list already has (a strict or lenient report).
    Shaped for speed (it runs for every report, and almost no report repeats an id): a list is
    walked item by item only when the set of its ids shows a repeat."""
    for name, key in IDENTIFIERS.items():
        items = getattr(report, name)
        if _repeats([getattr(item, key) for item in items]):
            seen: dict[str, str] = {}
            for i, item in enumerate(items):
                _check(getattr(item, key), f"/{name}/{i}", key, seen, log)
    # evidence ids are optional, but metrics refer to them: a given one is unique in the report
    if _repeats([item.id for task in report.tasks for item in task.evidence]):
        evidence: dict[str, str] = {}
        for i, task in enumerate(report.tasks):
            for j, item in enumerate(task.evidence):
                _check(item.id, f"/tasks/{i}/evidence/{j}", "id", evidence, log)


def _repeats(ids: list[Any]) -> bool:
    given = [value for value in ids if value is not None]
    return len(set(given)) != len(given)


def _check(value: Any, here: str, key: str, seen: dict[str, str], log: ProblemLog) -> None:
    if value is None:
        return
    if value in seen:
        log.add(f"{here}/{key}", INCONSISTENCY, say.duplicate(key, value, seen[value]))
    else:
        seen[value] = here
