"""Match the department named in a report to a plan's responsible units, through the pack's
alias table: reports write 市市场监管局, 瑞昌市市场监督管理局 or 市场监管局 for one unit."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Optional

from .close_matches import close_matches as nearest
from .rules.plan_model import Plan, PlanDepartment

_NOISE = re.compile(r"[\s·•、,，.。:：;；\"'“”‘’（）()\[\]【】]")


@lru_cache(maxsize=4096)  # the same few dozen unit names and aliases, compared for every report
def normalise_name(name: str) -> str:
    """NFKC (full-width → half-width), no spaces or punctuation: only the words compare."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", name))


def _names(unit: PlanDepartment) -> list[str]:
    return [unit.name, *unit.aliases]


_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")


def match_department(plan: Plan, name: str) -> Optional[PlanDepartment]:
    """The unit the name is, or an alias of; a name with another of the body's names in brackets
    (瑞昌市文化广电新闻出版旅游局（市版权局）) is the unit its name outside the brackets is."""
    for written in dict.fromkeys((name, _BRACKETED.sub("", name))):
        wanted = normalise_name(written)
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


# The words every unit's name shares: where it is (…市, …区, 中共…, 政协…) and what sort of body
# it is (…局, …委员会). Two names alike only in these are not close: 瑞昌市教育体育局 is no
# near miss for 瑞昌市林业局.
_PLACE = re.compile(r"^(中共|政协|中国人民银行)?[^市区县省州旗]{1,6}?[市区县省州旗](人民政府|委员会)?")
_SORT = re.compile(r"(管理局|委员会|工作委员会|局|委|厅|院|部|中心|支行|办公室|总队|支队)$")


def _core(name: str) -> str:
    return _SORT.sub("", _PLACE.sub("", normalise_name(name))) or normalise_name(name)


def close_matches(plan: Plan, name: str, limit: int = 3) -> list[str]:
    """Units whose names are near the one written, compared on what tells them apart (see _core):
    a typo or a longer form of a listed unit, never a different body of the same city."""
    names = {n: unit.name for unit in plan.departments for n in _names(unit)}
    return nearest(name, names, limit, cutoff=0.5, key=_core)


def unknown_department(plan: Plan, name: str) -> tuple[str, str]:
    """(en, zh): the department is not among the units the plan names, and the close matches."""
    near = close_matches(plan, name)
    hint_en = f"; close matches: {', '.join(near)}" if near else ""
    hint_zh = f"；是否应为 {' 或 '.join(near)}？" if near else ""
    fix_zh = "（填写方案所列责任单位的全称或其规范简称）"
    return (f"department {name!r} is not a responsible unit of plan {plan.id}{hint_en}",
            f"“{name}”不是方案 {plan.id} 所列的责任单位{hint_zh}{fix_zh}")


