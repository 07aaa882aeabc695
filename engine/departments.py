"""Match the department named in a report to a plan's responsible units, through the pack's
alias table: reports write 市市场监管局, 瑞昌市市场监督管理局 or 市场监管局 for one unit."""
from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache
from typing import Any, Optional

from engine.rules.plan_model import Plan, PlanDepartment

_NOISE = re.compile(r"[\s·•、,，.。:：;；\"'“”‘’（）()\[\]【】]")


@lru_cache(maxsize=4096)  # the same few dozen unit names and aliases, compared for every report
def normalise_name(name: str) -> str:
    """NFKC (full-width → half-width), no spaces or punctuation: only the words compare."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", name))


def _names(unit: PlanDepartment) -> list[str]:
    return [unit.name, *unit.aliases]


def match_department(plan: Plan, name: str) -> Optional[PlanDepartment]:
    wanted = normalise_name(name)
    for unit in plan.departments:
        if any(normalise_name(n) == wanted for n in _names(unit)):
            return unit
    return None


def department_identity(plan: Optional[Plan], name: str, resolved: Any = None) -> str:
    """One name per department across reports and runs: the plan's own name for the unit when
    the plan lists units (a report may use any alias), else the name as written, with spacing,
    punctuation and full-width forms normalised away. Fingerprints, the batch summary and run
    diffs group by it, so 瑞昌市市场监管局 and 瑞昌市市场监督管理局 are one department.
    `resolved` (engine.plans.identity.ResolvedDepartment) gives the unit a report's aliases found."""
    unit = getattr(resolved, "unit", None)
    if unit is None and plan is not None and plan.departments:
        unit = match_department(plan, name)
    return unit.name if unit is not None else normalise_name(name)


def close_matches(plan: Plan, name: str, limit: int = 3) -> list[str]:
    by_key = {normalise_name(n): unit.name for unit in plan.departments for n in _names(unit)}
    keys = difflib.get_close_matches(normalise_name(name), list(by_key), n=limit * 3, cutoff=0.4)
    seen: list[str] = []
    for key in keys:
        if by_key[key] not in seen:
            seen.append(by_key[key])
    return seen[:limit]


def unknown_department_message(plan: Plan, name: str) -> str:
    near = close_matches(plan, name)
    hint = f"; close matches: {', '.join(near)}" if near else ""
    return f"department {name!r} is not a responsible unit of plan {plan.id}{hint}"


