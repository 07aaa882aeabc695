"""A plan document's text -> the draft plan.yaml content (a dict the Plan model accepts), by
the stages of this package: outline, header, units, classification."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Optional

from engine.authoring.classify import classify
from engine.authoring.header import PlanHeader, read_header
from engine.authoring.outline import OutlineClause, outline
from engine.authoring.platforms import RULES_BY_DECISION, draft_platforms, plan_word
from engine.authoring.source import remove_page_markers
from engine.authoring.units import NamedUnit, split_units
from engine.model.report import DepartmentKind
from engine.plans.names import infer_level

# every bundled pack cites the generic task rules under each of its clauses
GENERIC_USES = [{"clause": "*", "rules": ["TASK-*", "DEPT-*", "OUTPUT-*", "DATE-*", "REPORT-*"]}]
NO_ISSUER = "（文本未载明发文机关）"
_TITLE_LIMIT = 40
# Parts that state principles, not work: no report can show them done (Chengdu 一、指导思想)
PRINCIPLE_HEADINGS = ("指导思想", "基本原则", "总体要求")


@dataclass(frozen=True)
class DraftPack:
    plan: dict[str, Any]  # plan.yaml's content
    header: PlanHeader
    notes: tuple[dict[str, str], ...]  # what a person must look at first, {"zh": …, "en": …}


class NoClausesFound(ValueError):
    """The text has no numbered clause pack init can recognise."""


def draft_pack(text: str, plan_id: str, seed: str) -> DraftPack:
    shape = outline(remove_page_markers(text))
    if not shape.clauses:
        raise NoClausesFound("no numbered clause (一、 （一） 1. （1） ①) found in the text")
    header = read_header(shape.preamble)
    notes: list[dict[str, str]] = []
    units = _UnitTable(header.place)
    clauses = [_clause(i, c, units) for i, c in enumerate(shape.clauses, start=1)]
    platforms = _platforms(clauses, units, plan_word(header.title))
    date = header.date
    if date is None:
        date = dt.date(_years(text, min) or dt.date.today().year, 1, 1)
        notes.append({"zh": f"date：文本未载明印发日期，{date} 只是占位（文本提到的最早年份）",
                      "en": f"date: the text gives no date of issue; {date} is a placeholder (first year it names)"})
    named_end = _years(" ".join(c["text"] for c in clauses), max)
    end_year = max(named_end or date.year, date.year)
    if named_end is None:
        notes.append({"zh": f"period.end：条款未提到年份，{end_year}-12-31 只是占位", "en": f"period.end: the clauses name no year; {end_year}-12-31 is a placeholder"})
    if header.issuer is None:
        notes.append({"zh": "issuer：文本未载明发文机关", "en": "issuer: the text does not name the issuing body"})
    notes += [{"zh": f"责任单位 {u['name']}：名称表无法判断其类别（暂写为 other）",
               "en": f"department {u['name']}: the name table cannot tell its kind (written as other)"}
              for u in units.table if u["kind"] == DepartmentKind.other.value and u["id"] not in units.placed]
    plan: dict[str, Any] = {
        "id": plan_id,
        "title": header.title or shape.clauses[0].words[:_TITLE_LIMIT],
        "issuer": header.issuer or NO_ISSUER,
        "date": date,
        "period": {"start": date, "end": dt.date(end_year, 12, 31)},
        "seed": seed,
    }
    if units.table:
        plan["departments"] = units.table
    plan["clauses"] = clauses
    cited = {p["clause"]: sorted({r for d in p["decisions"] for r in RULES_BY_DECISION[d]}) for p in platforms}
    plan["uses"] = [{"clause": clause, "rules": rules} for clause, rules in cited.items()] + GENERIC_USES
    if platforms:
        plan["publication_platforms"] = platforms
    return DraftPack(plan, header, tuple(notes))


def _platforms(clauses: list[dict[str, Any]], units: "_UnitTable", basis_word: str) -> list[dict[str, Any]]:
    kinds_of = {u["id"]: [u["kind"], *u.get("kinds", [])] for u in units.table}
    found = []
    for clause in clauses:
        kinds = [k for unit in clause.get("responsible", []) for k in kinds_of[unit] if k != DepartmentKind.other.value]
        found += draft_platforms(clause["id"], clause["text"], list(dict.fromkeys(kinds)), basis_word)
    return found


def _years(text: str, pick: Any) -> Optional[int]:
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)年", text)]
    return pick(years) if years else None


def _clause(index: int, source: OutlineClause, units: "_UnitTable") -> dict[str, Any]:
    named = split_units(source.words)
    found = classify(named.text)
    clause: dict[str, Any] = {"id": source.id}
    if source.section:
        clause["section"] = source.section
    clause["title"] = source.heading or _first_sentence(named.text)
    clause["text"] = named.text
    clause["check"] = found.check
    clause["draft"] = True
    clause["reason"] = found.reason
    if source.heading in PRINCIPLE_HEADINGS:
        clause["check"] = "not-checkable"
        clause["reason"] = f"“{source.heading}”是原则性表述，没有报告能够显示的具体事项或成果。待人工确认。"
    if named.units:
        ids = [units.add(u) for u in named.units]
        clause["responsible"] = list(dict.fromkeys(ids))
        leads = [units.add(u) for u in named.units if u.role == "lead"]
        if len(leads) == 1:
            clause["lead"] = leads[0]
    if found.target:
        clause["target"] = found.target
    if found.schedule:
        clause["schedule"] = found.schedule
    if found.outputs:
        base = f"c{source.id}" if source.id.isdigit() else f"c{index}"
        clause["outputs"] = [_output(base, n, o) for n, o in enumerate(found.outputs, start=1)]
    return clause


def _first_sentence(text: str) -> str:
    """A title for a clause with no heading: its first phrase, or two where the first is only a
    time or a soft word ("力争到2024年底,")."""
    sentence = re.split(r"[。；;]", text, maxsplit=1)[0]
    cuts = [m.start() for m in re.finditer(r"[,，]", sentence)]
    title = sentence[:cuts[0]] if cuts else sentence
    if len(title) < 12 and cuts:
        title = sentence[:cuts[1]] if len(cuts) > 1 else sentence
    return title if len(title) <= _TITLE_LIMIT else title[:_TITLE_LIMIT] + "…"


def _output(base: str, number: int, output: Any) -> dict[str, Any]:
    """Output ids are what evidence in reports names: c<clause>-<kind>-<n> (c13-document-1), or the
    clause's position for a clause id that is not a number."""
    keyword = output.title.replace("《", "").replace("》", "")
    entry: dict[str, Any] = {"id": f"{base}-{output.kind}-{number}", "title": output.title, "kind": output.kind,
                             "keywords": [keyword]}
    if not output.firm:
        entry["firm"] = False
    if output.yearly:
        entry["yearly"] = True
    return entry


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


class _UnitTable:
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
            for alias in (unit.written, placed):
                if alias != name and alias not in entry.setdefault("aliases", []):
                    entry["aliases"].append(alias)
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
