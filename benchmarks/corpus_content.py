"""One report's content: a sample of the plan moved to a unit and a period (names, dates and
years rewritten, a half-year clipped, the unit's tasks fitted, cross-references pointed at the
unit's region), or a report written from the plan's clauses where no sample has the unit's kind;
and the defects put in on purpose (one injected into the content, a corrupted file).
"""
from __future__ import annotations

import datetime as dt
import random
import re
from typing import Any

from corpus_grow import FACTS_MIN, fact_count, growable
from corpus_units import Period, PlanSetup, Region, Template, Unit, responsible_clauses
from engine.rules.plan_model import Clause

EVIDENCE_KINDS = ("document", "notice", "minutes", "statistics")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英",
         "华", "平", "刚", "桂英", "建华", "文博", "立新", "海涛", "振华", "丽娜", "卫东", "志强", "晓东")
# Who runs a platform the deciding department does not (the plan names the operator of the 本级
# 公共信用信息平台 among the units of task 4): that unit publishes the listing for the decider.
PLATFORM_OPERATORS = {"ruichang": {"credit_china": "瑞昌市发展和改革委员会"}}

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(.*)$")
_YEAR = re.compile(r"(?<![0-9A-Za-z])(20[0-4]\d)(?![0-9A-Za-z])")
# Values that identify something outside the report (codes, hashes, links, phones): never rewritten.
_OPAQUE_KEYS = frozenset({"credit_code", "code", "sha256", "url", "phone", "email"})


def _shift_date(text: str, years: int) -> str:
    match = _DATE.match(text)
    year, month, day = int(match.group(1)) + years, int(match.group(2)), int(match.group(3))
    if (month, day) == (2, 29) and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        day = 28
    return f"{year:04d}-{month:02d}-{day:02d}{match.group(4)}"


def _rewrite(value: Any, years: int, old_name: str, new_name: str) -> Any:
    """Move a sample to another year and department: dates and years in text shift by `years`,
    the sample department's name becomes the unit's. Codes, hashes and links stay as they are."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in _OPAQUE_KEYS:
                out[key] = item
            elif key == "year_covered" and isinstance(item, int):
                out[key] = item + years
            else:
                out[key] = _rewrite(item, years, old_name, new_name)
        return out
    if isinstance(value, list):
        return [_rewrite(v, years, old_name, new_name) for v in value]
    if not isinstance(value, str):
        return value
    if years:
        value = _shift_date(value, years) if _DATE.match(value) else _YEAR.sub(lambda m: str(int(m.group(1)) + years), value)
    return value.replace(old_name, new_name) if old_name != new_name else value


def _department(unit: Unit) -> dict:
    out = {"name": unit.name, "kind": unit.kind, "level": unit.level}
    if unit.code:
        out["code"] = unit.code
    out["region"] = unit.region
    return out


def _contact(setup: PlanSetup, rng: random.Random) -> dict:
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    return {"name": name, "phone": f"{setup.area_code}-{rng.randint(10_000_000, 89_999_999)}"}


def _day_in(period: Period, rng: random.Random) -> str:
    return (period.start + dt.timedelta(days=rng.randrange((period.end - period.start).days + 1))).isoformat()


def _filled_task(clause: Clause, unit: Unit, period: Period, rng: random.Random) -> dict:
    """A task as a department that did the work reports it: completed, with one document."""
    title = clause.title[:120]
    return {
        "clause": clause.id, "status": "completed",
        "narrative": f"{period.words}，{unit.name}按照方案要求落实“{title}”，相关工作已完成。",
        "evidence": [{"kind": rng.choice(EVIDENCE_KINDS), "title": f"{unit.name}关于{period.words}{title}落实情况的报告",
                      "issuer": unit.name, "date": _day_in(period, rng)}],
    }


def _synthesised(setup: PlanSetup, unit: Unit, period: Period, rng: random.Random, cache: dict) -> dict:
    """A unit of a kind none of the plan's samples has: its tasks, from the plan's clauses."""
    return {
        "schema_version": "1.0", "plan": setup.plan.id, "department": _department(unit),
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "submitted": (period.end + dt.timedelta(days=rng.randint(5, 25))).isoformat(),
        "contact": _contact(setup, rng),
        "tasks": [_filled_task(c, unit, period, rng) for c in responsible_clauses(setup.plan, unit, cache)],
    }


def _from_template(setup: PlanSetup, template: Template, unit: Unit, region: Region, period: Period,
                   rng: random.Random, cache: dict) -> dict:
    sample = template.report
    report = _rewrite(sample, period.end.year - template.year, sample["department"]["name"], unit.name)
    report.update(plan=setup.plan.id, department=_department(unit),
                  period={"start": period.start.isoformat(), "end": period.end.isoformat()},
                  submitted=(period.end + dt.timedelta(days=rng.randint(5, 25))).isoformat(),
                  contact=_contact(setup, rng))
    if period.end.month != 12:
        _clip_to_half_year(report, period)
    _fit_tasks(report, setup, template, unit, period, rng, cache)
    _relink(report, setup, region, unit)
    return report


def _clip_to_half_year(report: dict, period: Period) -> None:
    """A mid-year report holds what happened by 30 June: later cases (with their referrals),
    listings and publications are not in it yet; figures are for the half-year."""
    end = period.end.isoformat()
    cases = [c for c in report.get("cases", []) if c["filed_date"] <= end]
    dropped = {c["id"] for c in report.get("cases", [])} - {c["id"] for c in cases}
    for key, items in (("cases", cases),
                       ("referrals", [r for r in report.get("referrals", []) if r["case_id"] not in dropped]),
                       ("credit_list", [e for e in report.get("credit_list", []) if e["decision_date"] <= end]),
                       ("publications", [p for p in report.get("publications", []) if p.get("published", end) <= end])):
        if key in report:
            report[key] = items
    for metric in report.get("metrics", []):
        metric["period"] = dict(report["period"])


def _fit_tasks(report: dict, setup: PlanSetup, template: Template, unit: Unit, period: Period,
               rng: random.Random, cache: dict) -> None:
    """Tasks for the clauses the unit answers for. A unit that answers for what the sample's own
    department did keeps the sample's tasks as they are (its deliberate gaps included); otherwise
    tasks for clauses the unit does not answer for go, and its other clauses are reported done."""
    wanted = responsible_clauses(setup.plan, unit, cache)
    ids = [c.id for c in wanted]
    if frozenset(ids) == template.clauses:
        return
    tasks = [t for t in report.get("tasks", []) if t["clause"] in ids]
    present = {t["clause"] for t in tasks}
    tasks += [_filled_task(c, unit, period, rng) for c in wanted if c.id not in template.clauses | present]
    report["tasks"] = sorted(tasks, key=lambda t: ids.index(t["clause"]))


def _relink(report: dict, setup: PlanSetup, region: Region, unit: Unit) -> None:
    """Point the sample's cross-references at this region's departments: its police receive the
    referrals, its procuratorate gets the copies, a named publisher becomes the region's unit of
    the same kind. Entries published for another department are dropped: they are re-created
    from the deciders' own entries when the region bundle is assembled."""
    police = region.first("public_security")
    procuratorate = region.first("procuratorate")
    for ref in report.get("referrals", []):
        if police is not None and ref.get("police_unit"):
            ref["police_unit"] = police.name
        if ref.get("procuratorate_copy"):
            ref["procuratorate_copy"]["unit"] = procuratorate.name if procuratorate else region.label + "人民检察院"
    if "credit_list" in report:
        report["credit_list"] = [e for e in report["credit_list"] if not e.get("decided_by")]
    operators = PLATFORM_OPERATORS.get(setup.plan.id, {})
    for entry in report.get("credit_list", []):
        for post in entry.get("publications", []):
            _repoint_publisher(post, setup, region, unit, operators)


def _repoint_publisher(post: dict, setup: PlanSetup, region: Region, unit: Unit, operators: dict) -> None:
    named = post.get("publisher") or operators.get(post["platform"])
    kind = setup.kind_of.get(named or "")
    target = next((u for u in region.units if u.name == named and u.name != unit.name), None)
    target = target or (region.first(kind, besides=unit.name) if kind else None)
    if target is not None:
        post["publisher"] = target.name
    else:
        post.pop("publisher", None)


def unit_report(setup: PlanSetup, unit: Unit, region: Region, period: Period, rng: random.Random,
                cache: dict) -> dict:
    """From a sample of the unit's kind (one of its own level twice as likely; tasks are refitted
    anyway), or written from the plan's clauses. A sample with nothing left to grow from (a
    half-year clips away its cases) gives way to the next."""
    templates = setup.templates.get(unit.kind, [])
    pool = [t for t in templates if t.level == unit.level] + templates
    for template in rng.sample(pool, len(pool)):
        report = _from_template(setup, template, unit, region, period, rng, cache)
        if growable(report) or fact_count(report) >= FACTS_MIN:
            return report
    return _synthesised(setup, unit, period, rng, cache)


def inject_defect(report: dict, rng: random.Random) -> None:
    """One defect: a missing police receipt, a dropped evidence list (only where another task
    keeps evidence to grow from) or a late posting. Injected before growing, so clones carry it."""
    choice = rng.randrange(3)
    evidenced = [t for t in report.get("tasks", []) if t.get("evidence")]
    if choice == 0 and report.get("referrals"):
        rng.choice(report["referrals"]).pop("police_receipt_at", None)
    elif choice == 1 and len(evidenced) > 1:
        rng.choice(evidenced)["evidence"] = []
    elif report.get("credit_list"):
        entry = rng.choice(report["credit_list"])
        for post in entry.get("publications", []):
            post["date"] = entry["decision_date"][:4] + "-12-30"


def corrupted(text: bytes, rng: random.Random) -> bytes:
    kind = rng.randrange(3)
    if kind == 0:
        return text[: rng.randrange(10, max(11, len(text) // 2))]
    if kind == 1:
        return text.decode("utf-8").encode("gb18030")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n<html><body>404</body></html>\n'
