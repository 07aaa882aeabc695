"""A plan document's text -> the draft plan.yaml content (a dict the Plan model accepts), by
the stages of this package: outline, header, units, classification."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Optional

from .classify import classify
from .header import PlanHeader, read_header
from .outline import OutlineClause, outline
from .platforms import RULES_BY_DECISION, draft_platforms, plan_word
from .source import remove_page_markers
from .unit_table import UnitTable
from .units import split_units
from ..model.report import DepartmentKind

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
    units = UnitTable(header.place)
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
        notes.append({"zh": f"period.end：条款未提到年份，{end_year}-12-31 只是占位",
                      "en": f"period.end: the clauses name no year; {end_year}-12-31 is a placeholder"})
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


def _platforms(clauses: list[dict[str, Any]], units: UnitTable, basis_word: str) -> list[dict[str, Any]]:
    kinds_of = {u["id"]: [u["kind"], *u.get("kinds", [])] for u in units.table}
    found = []
    for clause in clauses:
        kinds = [k for unit in clause.get("responsible", []) for k in kinds_of[unit] if k != DepartmentKind.other.value]
        found += draft_platforms(clause["id"], clause["text"], list(dict.fromkeys(kinds)), basis_word)
    return found


def _years(text: str, pick: Any) -> Optional[int]:
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)年", text)]
    return pick(years) if years else None


def _clause(index: int, source: OutlineClause, units: UnitTable) -> dict[str, Any]:
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
