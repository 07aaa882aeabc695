"""The units a clause names as answering for it, and their department kinds.

Two forms: a bracketed list closing the clause, "（责任单位：市市场监管局、市公安）" or
"（牵头单位：…；配合单位：…）" (Ruichang, most county plans), which is cut from the clause text; and
the units named as having jointly issued what the clause implements, "贯彻落实市高级人民法院、
市司法局…联合印发的《…》" (Tianjin (七)), which stays in the text. Kinds come from the product's
name table (rules/common/data/department-names.yaml) and, for a name it cannot place, from the
alias tables of the bundled packs."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..departments import normalise_name
from ..model.report import DepartmentKind
from ..plans.names import infer_kinds
from ..resources import rules_dir
from ..rules.plan_model import Plan
from ..rules.yaml_source import RuleLoadError, load_yaml

_LIST = re.compile(r"[(（]\s*(?P<body>(?:责任|牵头|配合|协办|负责|主办)单位[:：][^()（）]*)[)）]\s*$"
                   # or on a line of its own after the clause: "…。\n责任单位：县市场监管局、县公安局"
                   r"|(?<=[。;；\s])(?P<line>(?:责任|牵头|配合|协办|负责|主办)单位[:：][^()（）。\n]*)[。]?\s*$")
_ROLE = re.compile(r"(?P<role>责任|牵头|配合|协办|负责|主办)单位[:：](?P<names>[^;；]*)")
_JOINT = re.compile(r"(?P<names>(?:[\u4e00-\u9fff]{2,24}、)+[\u4e00-\u9fff]{2,24}?)(?:联合|共同)(?:印发|制定|发布|出台)")
_LEADING_VERBS = re.compile(r"^.*?(?:贯彻落实|贯彻|落实|会同|由)")
_UNIT_END = re.compile(r"(局|委员会|委|院|厅|部|办公室|办|中心|支行|分行|海关|总队|支队)$")
LEAD_ROLES = ("牵头", "主办")


@dataclass(frozen=True)
class NamedUnit:
    written: str  # as the plan writes it: 市文广新旅局
    role: str  # responsible | lead | support
    kinds: tuple[DepartmentKind, ...]
    kind_source: str  # name-table | pack:<id> (a bundled pack's alias) | none


@dataclass(frozen=True)
class ClauseUnits:
    text: str  # the clause text, without a closing unit list
    units: tuple[NamedUnit, ...]
    form: Optional[str]  # "list" | "joint" | None


def split_units(words: str) -> ClauseUnits:
    bracket = _LIST.search(words)
    if bracket:
        units = []
        for part in _ROLE.finditer(bracket.group("body") or bracket.group("line")):
            role = "lead" if part.group("role") in LEAD_ROLES else "support" if part.group("role") in ("配合", "协办") else "responsible"
            units += [_unit(name, role) for name in _names(part.group("names"))]
        return ClauseUnits(words[:bracket.start()].rstrip(), tuple(units), "list")
    joint = _JOINT.search(words)
    if joint:
        names = _names(joint.group("names"))
        names[0] = _LEADING_VERBS.sub("", names[0])
        if len(names) >= 2 and all(_looks_like_unit(n) for n in names):
            return ClauseUnits(words, tuple(_unit(n, "responsible") for n in names), "joint")
    return ClauseUnits(words, (), None)


def _names(listed: str) -> list[str]:
    return [n.strip() for n in re.split(r"[、,，]", listed) if n.strip()]


def _looks_like_unit(name: str) -> bool:
    return bool(infer_kinds(name)) or bool(_UNIT_END.search(name))


def _unit(name: str, role: str) -> NamedUnit:
    kinds = infer_kinds(name)
    if kinds:
        return NamedUnit(name, role, kinds, "name-table")
    known = bundled_aliases().get(normalise_name(name))
    if known is not None:
        return NamedUnit(name, role, (known[1],), f"pack:{known[0]}")
    return NamedUnit(name, role, (DepartmentKind.other,), "none")


@lru_cache(maxsize=1)
def bundled_aliases() -> dict[str, tuple[str, DepartmentKind]]:
    """Every name and alias of the bundled packs' unit tables -> (pack id, kind)."""
    table: dict[str, tuple[str, DepartmentKind]] = {}
    for path in sorted(rules_dir().glob("*/plan.yaml")):
        try:
            plan = Plan.model_validate(load_yaml(path).data)
        except (RuleLoadError, ValueError):
            continue  # a broken pack is reported by the catalog loader, not here
        for unit in plan.departments:
            for name in (unit.name, *unit.aliases):
                table.setdefault(normalise_name(name), (plan.id, unit.kind))
    return table
