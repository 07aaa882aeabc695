"""The draft pack's table of units (`departments` of plan.yaml): each unit the clauses name,
once, under its full name with the forms the plan writes as aliases, its kinds and its level."""
from __future__ import annotations

from typing import Any, Optional

from .units import NamedUnit
from ..model.report import DepartmentKind
from ..plans.names import infer_level

# Short forms plans write for unit names, and the full names reports use (as the bundled packs'
# tables have them: 瑞昌市市场监督管理局 with alias 市市场监管局). Only forms that mean one name
# everywhere: 文广新旅局 is 文化广电新闻出版旅游局 in one county and 文化广电旅游局 in the next, so it stays.
FULL_FORMS = (
    ("市场监管局", "市场监督管理局"), ("市场监管委", "市场监督管理委员会"), ("发改委", "发展和改革委员会"),
    ("科技局", "科学技术局"), ("工信局", "工业和信息化局"), ("教体局", "教育体育局"), ("人社局", "人力资源和社会保障局"),
    ("农业农村委", "农业农村委员会"), ("公安", "公安局"), ("法院", "人民法院"), ("检察院", "人民检察院"),
)


def full_name(name: str) -> str:
    for short, full in FULL_FORMS:
        if name.endswith(short) and not name.endswith(full) and not name.endswith("人民" + short):
            return name[: -len(short)] + full
    return name


class UnitTable:
    """The plan's units in the order the text first names them. A short name (县市场监管局) gets the
    plan's place where the title or issuer shows it, and its full form (湖口县市场监督管理局) as the
    name; the forms written stay as aliases."""

    def __init__(self, place: Optional[str]):
        self.place = place
        self.table: list[dict[str, Any]] = []
        self.placed: set[str] = set()
        self._by_name: dict[str, str] = {}

    def add(self, unit: NamedUnit) -> str:
        placed = unit.written
        if self.place and placed[0] in "省市县区" and placed[0] == self.place[-1]:
            placed = self.place + placed[1:]
        name = full_name(placed)
        known = self._by_name.get(name)
        if known is not None:  # 县法院 and 县人民法院 are one unit
            entry = next(u for u in self.table if u["id"] == known)
            aliases = [a for a in dict.fromkeys([*entry.get("aliases", []), unit.written, placed]) if a != name]
            rebuilt = {"id": entry["id"], "name": name, "aliases": aliases}
            rebuilt.update((k, v) for k, v in entry.items() if k not in rebuilt)
            entry.clear()
            entry.update(rebuilt)
            return known
        kind = unit.kinds[0].value
        unit_id = self._new_id(kind)
        entry = {"id": unit_id, "name": name}
        aliases = [a for a in dict.fromkeys([unit.written, placed]) if a != name]
        if aliases:
            entry["aliases"] = aliases
        entry["kind"] = kind
        if len(unit.kinds) > 1:
            entry["kinds"] = [k.value for k in unit.kinds[1:]]
        level = infer_level(name)
        if level is not None:
            entry["level"] = level.value
        if unit.kind_source != "none":
            self.placed.add(unit_id)
        self.table.append(entry)
        self._by_name[name] = unit_id
        return unit_id

    def _new_id(self, kind: str) -> str:
        base = "unit" if kind == DepartmentKind.other.value else kind
        taken = {u["id"] for u in self.table}
        if base != "unit" and base not in taken:
            return base
        n = 2 if base != "unit" else 1
        while f"{base}_{n}" in taken:
            n += 1
        return f"{base}_{n}"
