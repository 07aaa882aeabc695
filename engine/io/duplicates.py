"""Ids that repeat within a report. Findings, waivers and other records name items by their id,
so a repeat is an inconsistency on the later item; both items stay in the report and are
checked (engine.facts gives the later one a key of its own)."""
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
    """Log each item whose id an earlier item of its list already has (a strict or lenient report)."""
    for name, key in IDENTIFIERS.items():
        seen: dict[str, str] = {}
        for i, item in enumerate(getattr(report, name)):
            _check(getattr(item, key), f"/{name}/{i}", key, seen, log)
    # evidence ids are optional, but metrics refer to them: a given one is unique in the report
    evidence: dict[str, str] = {}
    for i, task in enumerate(report.tasks):
        for j, item in enumerate(task.evidence):
            _check(item.id, f"/tasks/{i}/evidence/{j}", "id", evidence, log)


def _check(value: Any, here: str, key: str, seen: dict[str, str], log: ProblemLog) -> None:
    if value is None:
        return
    if value in seen:
        log.add(f"{here}/{key}", INCONSISTENCY, say.duplicate(key, value, seen[value]))
    else:
        seen[value] = here
