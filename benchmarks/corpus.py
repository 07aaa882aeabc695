"""A seeded, reproducible corpus of realistic reports for the batch benchmark.

    python benchmarks/corpus.py OUT_DIR [--reports 2000] [--seed 7]

A real nightly run checks every department of every county for a period, so the corpus is built
the same way, region by region. For every plan under rules/ it enumerates real units: the plan's
own unit table where it has one (Tianjin, Chengdu, Ruichang), else the real cities, districts and
counties of the plan's area with the departments every one of them has (Heilongjiang: the province,
13 prefectures and 121 county-level divisions; Shanghai: the 16 districts). A *region bundle* is
the departments of one region for one period, generated together so that their cross-references
agree: every referral an enforcement department transferred appears among the received referrals
of the same region's public-security report, and every credit-list publication made by another
department of the region appears in that department's report with `decided_by`. A few per cent of
these links are then broken on purpose, so reconciliation has findings but no cross-products.

Each report starts from a sample of the plan (samples/<plan>/*.json) whose department has the
unit's kind (so kind-dependent rules still apply), moved to the unit and to the period (dates and
years shifted, mid-year periods clipped) and given the tasks the unit answers for; a unit of a kind
no sample has gets a report written from the plan's clauses (as `plancheck template` would list
them, filled in). Content is cloned under new ids until the report has 50-300 facts. The samples
include broken reports and a quarter of the reports gets a defect injected, so a share of the
corpus is non-compliant; about 1% of the files are corrupt (truncated, wrong encoding, not a
report). Periods: the plan's years (the latest first), then half-years; every (plan, department,
period) is distinct until they are exhausted (the printed capacity), after which departments
resubmit. Same seed, same files, byte for byte.
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from engine.credit_code import with_check_digit  # noqa: E402
from engine.model.report import Department  # noqa: E402
from engine.rules.catalog import load_catalog  # noqa: E402
from engine.rules.plan_model import Clause, Plan  # noqa: E402
from engine.template import department_clauses  # noqa: E402

FACTS_MIN, FACTS_MAX = 50, 300
MIRROR_HEADROOM = 20  # facts kept free for the mirrored credit entries a report receives after growing
MAX_REFERRALS = 8  # a county bureau transfers a handful of cases a year; keeps the police report small
MAX_CREDIT_ENTRIES = 6
MAX_PUBLICATIONS = 12  # white papers and typical-case collections: a few a year, not a hundred
DEFECT_SHARE = 0.25
CORRUPT_SHARE = 0.01
REFERRAL_MISMATCH_SHARE = 0.04
CREDIT_MISMATCH_SHARE = 0.05
LATEST_YEAR = 2025  # the last complete year the samples and the holiday calendar cover
MAX_YEARS = 7  # a plan with an open horizon (Shanghai's) is reported on for its recent years only
LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}
# The administrative enforcement bodies whose referrals RECON-REFERRAL-NOT-RECEIVED follows.
ENFORCEMENT_KINDS = ("market_regulation", "ip_office", "copyright", "culture_tourism", "agriculture",
                     "forestry", "customs")
REFERRAL_PREFIX = {"market_regulation": "SJ", "ip_office": "ZS", "copyright": "BQ", "culture_tourism": "WL",
                   "agriculture": "NY", "forestry": "LC", "customs": "HG"}
EVIDENCE_KINDS = ("document", "notice", "minutes", "statistics")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英",
         "华", "平", "刚", "桂英", "建华", "文博", "立新", "海涛", "振华", "丽娜", "卫东", "志强", "晓东")

# Heilongjiang: prefecture, the middle digits of its division code, districts, counties and
# county-level cities (the divisions since the 2019 reform of 伊春市). County digits of the
# generated unit codes are positional, not the official division codes; the province and
# prefecture digits are real (the engine reads only the province).
HLJ_PREFECTURES = (
    ("哈尔滨市", "01", "道里区 南岗区 道外区 平房区 松北区 香坊区 呼兰区 阿城区 双城区",
     "依兰县 方正县 宾县 巴彦县 木兰县 通河县 延寿县 尚志市 五常市"),
    ("齐齐哈尔市", "02", "龙沙区 建华区 铁锋区 昂昂溪区 富拉尔基区 碾子山区 梅里斯达斡尔族区",
     "龙江县 依安县 泰来县 甘南县 富裕县 克山县 克东县 拜泉县 讷河市"),
    ("鸡西市", "03", "鸡冠区 恒山区 滴道区 梨树区 城子河区 麻山区", "鸡东县 虎林市 密山市"),
    ("鹤岗市", "04", "向阳区 工农区 南山区 兴安区 东山区 兴山区", "萝北县 绥滨县"),
    ("双鸭山市", "05", "尖山区 岭东区 四方台区 宝山区", "集贤县 友谊县 宝清县 饶河县"),
    ("大庆市", "06", "萨尔图区 龙凤区 让胡路区 红岗区 大同区", "肇州县 肇源县 林甸县 杜尔伯特蒙古族自治县"),
    ("伊春市", "07", "伊美区 乌翠区 友好区 金林区", "嘉荫县 汤旺县 丰林县 大箐山县 南岔县 铁力市"),
    ("佳木斯市", "08", "向阳区 前进区 东风区 郊区", "桦南县 桦川县 汤原县 同江市 富锦市 抚远市"),
    ("七台河市", "09", "新兴区 桃山区 茄子河区", "勃利县"),
    ("牡丹江市", "10", "东安区 阳明区 爱民区 西安区", "林口县 绥芬河市 海林市 宁安市 穆棱市 东宁市"),
    ("黑河市", "11", "爱辉区", "逊克县 孙吴县 北安市 五大连池市 嫩江市"),
    ("绥化市", "12", "北林区", "望奎县 兰西县 青冈县 庆安县 明水县 绥棱县 安达市 肇东市 海伦市"),
    ("大兴安岭地区", "27", "", "漠河市 呼玛县 塔河县"),
)
HLJ_PROVINCE_UNITS = (
    ("黑龙江省知识产权局", "ip_office"), ("黑龙江省市场监督管理局", "market_regulation"),
    ("黑龙江省版权局", "copyright"), ("黑龙江省高级人民法院", "court"), ("黑龙江省人民检察院", "procuratorate"),
    ("黑龙江省公安厅", "public_security"), ("黑龙江省文化和旅游厅", "culture_tourism"),
    ("黑龙江省农业农村厅", "agriculture"), ("黑龙江省林业和草原局", "forestry"), ("黑龙江省司法厅", "justice"),
    ("黑龙江省商务厅", "commerce"), ("哈尔滨海关", "customs"),
)
HLJ_PREFECTURE_UNITS = (("市场监督管理局", "market_regulation"), ("知识产权局", "ip_office"),
                        ("文化广电和旅游局", "culture_tourism"), ("公安局", "public_security"),
                        ("农业农村局", "agriculture"))
HLJ_COUNTY_UNITS = (("市场监督管理局", "market_regulation"), ("文化广电和旅游局", "culture_tourism"),
                    ("公安局", "public_security"), ("农业农村局", "agriculture"))
# Shanghai's districts with their division codes; the plan's anonymous xx区 is each of them in turn.
SHANGHAI_DISTRICTS = (
    ("黄浦区", "310101"), ("徐汇区", "310104"), ("长宁区", "310105"), ("静安区", "310106"),
    ("普陀区", "310107"), ("虹口区", "310109"), ("杨浦区", "310110"), ("闵行区", "310112"),
    ("宝山区", "310113"), ("嘉定区", "310114"), ("浦东新区", "310115"), ("金山区", "310116"),
    ("松江区", "310117"), ("青浦区", "310118"), ("奉贤区", "310120"), ("崇明区", "310151"),
)
# Who runs a platform the deciding department does not (the plan names the operator of the 本级
# 公共信用信息平台 among the units of task 4): that unit publishes the listing for the decider.
PLATFORM_OPERATORS = {"ruichang": {"credit_china": "瑞昌市发展和改革委员会"}}

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(.*)$")
_YEAR = re.compile(r"(?<![0-9A-Za-z])(20[0-4]\d)(?![0-9A-Za-z])")
_LAST_NUMBER = re.compile(r"(\d+)(\D*)$")
_ATTACHMENT_SUFFIX = re.compile(r"（附件\d+）$")
_DISTRICT = re.compile(r"^(.+?(?:新区|区|县|市))")
# Values that identify something outside the report (codes, hashes, links, phones): never rewritten.
_OPAQUE_KEYS = frozenset({"credit_code", "code", "sha256", "url", "phone", "email"})


# --- the units of a plan --------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    name: str
    kind: str
    level: str
    region: str  # department.region as reports write it
    code: str


@dataclass(frozen=True)
class Region:
    label: str  # the name other units are prefixed with (依兰县, 哈尔滨市道里区, 天津市)
    units: tuple[Unit, ...]

    def first(self, kind: str, besides: str = "") -> Optional[Unit]:
        return next((u for u in self.units if u.kind == kind and u.name != besides), None)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        return str(self.end.year) if self.end.month == 12 else f"{self.end.year}H1"

    @property
    def words(self) -> str:
        return f"{self.end.year}年" if self.end.month == 12 else f"{self.end.year}年上半年"


@dataclass(frozen=True)
class Template:
    report: dict
    year: int
    level: str
    clauses: frozenset[str]  # the clauses the sample's own department answers for


@dataclass
class PlanSetup:
    plan: Plan
    regions: list[Region]
    periods: list[Period]
    templates: dict[str, list[Template]]  # by department kind
    kind_of: dict[str, str]  # unit name -> kind, to move a named publisher to the same kind elsewhere
    area_code: str  # telephone area code of the contacts

    @property
    def capacity(self) -> int:
        return sum(len(r.units) for r in self.regions) * len(self.periods)


class CodeMaker:
    """Valid 统一社会信用代码 for government units (registration type 11) of a division."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def __call__(self, division: str) -> str:
        body = "".join(self.rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(7))
        return with_check_digit(f"11{division}MB{body}")


def _unit(name: str, kind: str, level: str, region: str, code: str, known: dict[str, str]) -> Unit:
    """A unit keeps the code a sample gives it, so the sample's own department is still itself."""
    return Unit(name, kind, level, region, known.get(name, code))


def _heilongjiang(codes: CodeMaker, known: dict[str, str]) -> list[Region]:
    regions = [Region("黑龙江省", tuple(_unit(n, k, "province", "黑龙江省", codes("230000"), known)
                                       for n, k in HLJ_PROVINCE_UNITS))]
    for city, city_code, districts, counties in HLJ_PREFECTURES:
        division = f"23{city_code}00"
        regions.append(Region(city, tuple(_unit(city + suffix, kind, "prefecture", city, codes(division), known)
                                          for suffix, kind in HLJ_PREFECTURE_UNITS)))
        for i, district in enumerate(districts.split(), start=1):
            regions.append(_hlj_district(city, city_code, district, i, codes, known))
        for i, county in enumerate(counties.split(), start=21):
            division = f"23{city_code}{i:02d}"
            regions.append(Region(county, tuple(_unit(county + suffix, kind, "county", county, codes(division), known)
                                                for suffix, kind in HLJ_COUNTY_UNITS)))
    return regions


def _hlj_district(city: str, city_code: str, district: str, index: int, codes: CodeMaker,
                  known: dict[str, str]) -> Region:
    """A city district: its own market regulator and culture bureau; its police is a branch (分局)
    of the city's bureau, e.g. 哈尔滨市公安局道里分局."""
    label, division = city + district, f"23{city_code}{index:02d}"
    short = district[:-1] if len(district) > 2 else district
    names = ((label + "市场监督管理局", "market_regulation"), (label + "文化广电和旅游局", "culture_tourism"),
             (f"{city}公安局{short}分局", "public_security"))
    return Region(label, tuple(_unit(n, k, "county", label, codes(division), known) for n, k in names))


def _shanghai(codes: CodeMaker, known: dict[str, str]) -> list[Region]:
    regions = []
    for district, division in SHANGHAI_DISTRICTS:
        short = district[:-2] if district.endswith("新区") else district[:-1]
        names = ((district + "知识产权局", "ip_office"), (district + "市场监督管理局", "market_regulation"),
                 (district + "文化和旅游局", "culture_tourism"), (f"上海市公安局{short}分局", "public_security"))
        region = "上海市" + district
        regions.append(Region(region, tuple(_unit(n, k, "county", region, codes(division), known) for n, k in names)))
    return regions


def _from_unit_table(plan: Plan, home: str, division: str, codes: CodeMaker, known: dict[str, str]) -> list[Region]:
    """The plan's own units, grouped by region: the top-level units form the home region (天津市,
    四川省成都市), a lower-level unit is in the district its name begins with (滨海新区, 简阳市)."""
    top = min(LEVEL_RANK[u.level.value] for u in plan.departments if u.level is not None)
    city = re.sub(r"^.*省", "", home)
    groups: dict[str, list[Unit]] = {}
    for i, unit in enumerate(plan.departments, start=1):
        level = unit.level.value if unit.level is not None else _level_name(top)
        if LEVEL_RANK[level] == top:
            region, label, unit_division = home, home, division
        else:
            match = _DISTRICT.match(unit.name.removeprefix(city))
            district = match.group(1) if match else unit.name
            region, label, unit_division = home + district, city + district, division[:4] + f"{i:02d}"
        groups.setdefault(label, []).append(_unit(unit.name, unit.kind.value, level, region, codes(unit_division), known))
    return [Region(label, tuple(units)) for label, units in groups.items()]


def _level_name(rank: int) -> str:
    return next(name for name, r in LEVEL_RANK.items() if r == rank)


def _from_samples(samples: list[dict]) -> list[Region]:
    """A plan with neither a unit table nor a known area: each sample's department on its own."""
    regions = {}
    for sample in samples:
        dept = sample["department"]
        region = dept.get("region") or dept["name"]
        unit = Unit(dept["name"], dept["kind"], dept["level"], region, dept.get("code") or "")
        regions.setdefault(dept["name"], Region(region, (unit,)))
    return list(regions.values())


def _regions(plan: Plan, samples: list[dict], codes: CodeMaker) -> list[Region]:
    known = {s["department"]["name"]: s["department"]["code"] for s in samples if s["department"].get("code")}
    if plan.id == "heilongjiang-2023":
        return _heilongjiang(codes, known)
    if plan.id == "shanghai-district":
        return _shanghai(codes, known)
    if plan.departments and samples:
        top = min(samples, key=lambda s: LEVEL_RANK[s["department"]["level"]])["department"]
        division = (top.get("code") or "11000000")[2:8]
        return _from_unit_table(plan, top.get("region") or top["name"], division, codes, known)
    return _from_samples(samples)


def _responsible(plan: Plan, unit: Unit, cache: dict) -> list[Clause]:
    key = (plan.id, unit.name, unit.kind, unit.level)
    if key not in cache:
        department = Department(name=unit.name, kind=unit.kind, level=unit.level)
        cache[key] = department_clauses(plan, department)
    return cache[key]


def _reporting_only(plan: Plan, regions: list[Region], cache: dict) -> list[Region]:
    """A unit that answers for no clause has nothing to report and is left out."""
    kept = [Region(r.label, tuple(u for u in r.units if _responsible(plan, u, cache))) for r in regions]
    return [r for r in kept if r.units]


def _periods(plan: Plan, home_year: int) -> list[Period]:
    """Whole years of the plan, nearest to its samples' year first, then the same years' first halves."""
    first = max(plan.period.start.year, LATEST_YEAR - MAX_YEARS + 1)
    last = min(plan.period.end.year, LATEST_YEAR)
    years = sorted(range(first, last + 1), key=lambda y: (abs(y - home_year), y)) or [home_year]
    return ([Period(dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in years]
            + [Period(dt.date(y, 1, 1), dt.date(y, 6, 30)) for y in years])


def _setups(rng: random.Random, cache: dict) -> list[PlanSetup]:
    catalog = load_catalog(REPO / "rules")
    samples = {p.name: [json.loads(f.read_text("utf-8")) for f in sorted(p.glob("*.json"))]
               for p in sorted((REPO / "samples").iterdir()) if p.is_dir()}
    every = [s for files in samples.values() for s in files]
    codes = CodeMaker(rng)
    setups = []
    for pid in sorted(catalog.plans):
        plan = catalog.plans[pid]
        own = samples.get(pid) or every  # a plan without samples borrows the others' (relabelled)
        regions = _reporting_only(plan, _regions(plan, own, codes), cache)
        templates: dict[str, list[Template]] = {}
        for sample in own:
            dept = sample["department"]
            clauses = frozenset(c.id for c in _responsible(plan, Unit(dept["name"], dept["kind"], dept["level"], "", ""), cache))
            year = int(sample["period"]["end"][:4])
            templates.setdefault(dept["kind"], []).append(Template(sample, year, dept["level"], clauses))
        home_year = Counter(int(s["period"]["end"][:4]) for s in own).most_common(1)[0][0]
        kind_of = {u.name: u.kind for r in regions for u in r.units}
        phones = [s["contact"].get("phone", "") for s in own]
        area = next((p.split("-")[0] for p in phones if "-" in p), "010")
        setups.append(PlanSetup(plan, regions, _periods(plan, home_year), templates, kind_of, area))
    return setups


# --- which region and period comes next -----------------------------------------------------


def _schedule(setups: list[PlanSetup], rng: random.Random) -> Iterator[tuple[PlanSetup, Region, Period]]:
    """Region bundles, each plan in proportion to its capacity (so every plan appears from the
    first bundles on and all run out together); within a plan, period by period, regions in a
    seeded order. After every combination, departments resubmit: the same again."""
    setups = [s for s in setups if s.capacity]
    while True:
        queues = {s.plan.id: [(r, p) for p in s.periods for r in rng.sample(s.regions, len(s.regions))] for s in setups}
        taken = {s.plan.id: 0 for s in setups}
        while any(queues.values()):
            setup = min((s for s in setups if queues[s.plan.id]), key=lambda s: taken[s.plan.id] / s.capacity)
            region, period = queues[setup.plan.id].pop(0)
            taken[setup.plan.id] += len(region.units)
            yield setup, region, period


# --- one report -----------------------------------------------------------------------------


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
        "tasks": [_filled_task(c, unit, period, rng) for c in _responsible(setup.plan, unit, cache)],
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
    wanted = _responsible(setup.plan, unit, cache)
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


# --- growing a report to its size ---------------------------------------------------------


def _facts(report: dict) -> int:
    """Facts the engine extracts, counted from the structure (see engine/facts.py)."""
    n = 1 + len(report.get("tasks", [])) + len(report.get("metrics", []))
    n += sum(len(t.get("evidence", [])) for t in report.get("tasks", []))
    for case in report.get("cases", []):
        n += 1 + len(case.get("amounts", {})) + len((case.get("penalty") or {}).get("publications", []))
    n += sum(1 + len(r.get("attachments", [])) for r in report.get("referrals", []))
    n += sum(1 + len(e.get("publications", [])) for e in report.get("credit_list", []))
    return n + len(report.get("publications", [])) + len(report.get("received_referrals", []))


def _clone_id(source: str, k: int) -> str:
    return f"{source.split('-x')[0][:40]}-x{k}"


def _renumber(number: str, k: int) -> str:
    """Another decision of the same series: 黑知局信〔2024〕2号 -> 黑知局信〔2024〕102号."""
    match = _LAST_NUMBER.search(number)
    if match is None:
        return f"{number}-{k}"
    return number[:match.start()] + str(int(match.group(1)) + 100 * k) + match.group(2)


def _cloneable_cases(report: dict) -> list[dict]:
    referred = {r["case_id"] for r in report.get("referrals", [])}
    if len(report.get("referrals", [])) < MAX_REFERRALS:
        return report.get("cases", [])
    return [c for c in report.get("cases", []) if c["id"] not in referred]


def _grow_case(report: dict, rng: random.Random, k: int) -> None:
    source = rng.choice(_cloneable_cases(report))
    clone = copy.deepcopy(source)
    clone["id"] = _clone_id(source["id"], k)
    report["cases"].append(clone)
    for ref in [r for r in report.get("referrals", []) if r["case_id"] == source["id"]][:1]:
        twin = copy.deepcopy(ref)
        twin["id"], twin["case_id"] = _clone_id(ref["id"], k), clone["id"]
        for attachment in twin.get("attachments", []):
            if attachment.get("doc_number"):  # each transfer has its own letter (移送书文号)
                attachment["doc_number"] = _renumber(attachment["doc_number"], k)
        report["referrals"].append(twin)


def _grow_credit(report: dict, rng: random.Random, k: int) -> None:
    source = rng.choice(report["credit_list"])
    clone = copy.deepcopy(source)
    clone["id"] = _clone_id(source["id"], k)
    if clone.get("decision_number"):
        clone["decision_number"] = _renumber(clone["decision_number"], k)
    report["credit_list"].append(clone)


def _grow_publication(report: dict, rng: random.Random, k: int) -> None:
    clone = copy.deepcopy(rng.choice(report["publications"]))
    clone["id"] = _clone_id(clone["id"], k)
    report["publications"].append(clone)


def _grow_evidence(report: dict, rng: random.Random, k: int) -> None:
    task = rng.choice([t for t in report["tasks"] if t.get("evidence")])
    item = copy.deepcopy(rng.choice(task["evidence"]))
    item.pop("id", None)
    item["title"] = _ATTACHMENT_SUFFIX.sub("", item["title"])[:150] + f"（附件{k}）"
    task["evidence"].append(item)


GROWERS: dict[str, Callable[[dict, random.Random, int], None]] = {
    "cases": _grow_case, "credit_list": _grow_credit, "publications": _grow_publication, "evidence": _grow_evidence,
}


def _growable(report: dict) -> list[str]:
    """What can be cloned: a task's evidence only where it has some (a task without evidence is a
    deliberate gap); referrals, credit listings and publications up to a realistic number."""
    out = []
    if _cloneable_cases(report):
        out.append("cases")
    if report.get("credit_list") and len(report["credit_list"]) < MAX_CREDIT_ENTRIES:
        out.append("credit_list")
    if report.get("publications") and len(report["publications"]) < MAX_PUBLICATIONS:
        out.append("publications")
    if any(t.get("evidence") for t in report.get("tasks", [])):
        out.append("evidence")
    return out


def _grow(report: dict, rng: random.Random, target: int) -> None:
    k = 0
    while _facts(report) < target:
        options = _growable(report)
        if not options:
            return
        k += 1
        GROWERS[rng.choice(options)](report, rng, k)


def _inject(report: dict, rng: random.Random) -> None:
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


# --- a region bundle: the departments of one region and period, cross-referenced ------------


class Mismatches:
    """Which links between two reports of a bundle are broken on purpose: `share` of them, spread
    over the corpus by error diffusion (the first link included, so a small corpus has some)."""

    def __init__(self, share: float, modes: tuple[str, ...], rng: random.Random):
        self.share, self.modes, self.rng = share, modes, rng
        self.debt = 1.0
        self.broken = 0

    def next(self) -> Optional[str]:
        broken = self.debt >= 1.0
        self.debt += self.share * self.rng.uniform(0.5, 1.5) - (1.0 if broken else 0.0)
        if not broken:
            return None
        self.broken += 1
        return self.rng.choice(self.modes)


def _typo(text: str, taken: set[str]) -> str:
    """One digit off, as when a number is copied by hand, and not another record's number."""
    match = re.search(r"\d(?=\D*$)", text)
    if match is not None:
        for step in range(1, 10):
            digit = str((int(match.group()) + step) % 10)
            candidate = text[:match.start()] + digit + text[match.end():]
            if candidate not in taken:
                return candidate
    return text[:60] + "A"


def _received(ref: dict, sender: str, mode: Optional[str], taken: set[str]) -> dict:
    """The referral as the police record it (公安机关接受移送), from the sender's own record."""
    out = {"referral_id": _typo(ref["id"], taken) if mode == "typo" else ref["id"], "from_department": sender,
           "case_id": ref["case_id"]}
    letter = next((a.get("doc_number") for a in ref.get("attachments", [])
                   if a["kind"] == "transfer_letter" and a.get("doc_number")), None)
    if letter:
        out["transfer_letter_number"] = letter
    out["received_at"] = ref.get("police_receipt_at") or ref["transferred_at"]
    if ref.get("police_decision"):
        out["decision"] = copy.deepcopy(ref["police_decision"])
    return out


def _distinct_referral_ids(report: dict, kind: str, seen: set[str]) -> None:
    """Two bureaus of a region may both number a transfer YS-2024-001; the police register each
    under its own number, so a sender's repeat of another's number gets the sender's prefix."""
    for ref in report.get("referrals", []):
        if ref["id"] in seen:
            new_id = f"{REFERRAL_PREFIX.get(kind, 'YS')}-{ref['id']}"[:60]
            while new_id in seen:
                new_id += "A"
            ref["id"] = new_id
        seen.add(ref["id"])


def _route_referrals(bundle: list[tuple[Unit, dict]], mismatches: Mismatches) -> None:
    police = next((r for u, r in bundle if u.kind == "public_security"), None)
    if police is None:
        return
    seen: set[str] = set()
    for unit, report in bundle:
        if unit.kind not in ENFORCEMENT_KINDS:
            continue
        _distinct_referral_ids(report, unit.kind, seen)
        for ref in report.get("referrals", []):
            if not ref.get("transferred_at"):
                continue
            mode = mismatches.next()
            if mode != "omit":
                received = _received(ref, unit.name, mode, seen)
                seen.add(received["referral_id"])
                police.setdefault("received_referrals", []).append(received)


def _mirror(entry: dict, post: dict, decider: str, serial: int, mode: Optional[str], taken: set[str]) -> dict:
    """The publisher's own entry for a listing it published for the decider (decided_by)."""
    own = {k: v for k, v in post.items() if k != "publisher"}
    number = entry["decision_number"]
    return {
        "id": f"DB{serial}-{entry['id']}"[:64], "entity_name": entry["entity_name"],
        "credit_code": entry["credit_code"], "decision_date": entry["decision_date"],
        "decision_number": _typo(number, taken) if mode == "typo" else number,
        "publications": [own], "decided_by": decider,
    }


def _mirror_credit(bundle: list[tuple[Unit, dict]], period: Period, mismatches: Mismatches) -> None:
    by_name = {unit.name: report for unit, report in bundle}
    start, end = period.start.isoformat(), period.end.isoformat()
    for unit, report in bundle:
        taken = {e.get("decision_number", "") for e in report.get("credit_list", [])}
        for entry in report.get("credit_list", []):
            if entry.get("decided_by") or not entry.get("decision_number"):
                continue  # an entry without a decision number is never compared
            for post in entry.get("publications", []):
                target = by_name.get(post.get("publisher", ""))
                # a posting after the period belongs to the publisher's next report, not in this bundle
                if target is None or not start <= post["date"] <= end:
                    continue
                mode = mismatches.next()
                if mode != "omit":
                    listing = target.setdefault("credit_list", [])
                    listing.append(_mirror(entry, post, unit.name, len(listing) + 1, mode, taken))


def _unit_report(setup: PlanSetup, unit: Unit, region: Region, period: Period, rng: random.Random,
                 cache: dict) -> dict:
    """From a sample of the unit's kind (one of its own level twice as likely; tasks are refitted
    anyway), or written from the plan's clauses. A sample with nothing left to grow from (a
    half-year clips away its cases) gives way to the next."""
    templates = setup.templates.get(unit.kind, [])
    pool = [t for t in templates if t.level == unit.level] + templates
    for template in rng.sample(pool, len(pool)):
        report = _from_template(setup, template, unit, region, period, rng, cache)
        if _growable(report) or _facts(report) >= FACTS_MIN:
            return report
    return _synthesised(setup, unit, period, rng, cache)


def _bundle(setup: PlanSetup, region: Region, period: Period, rng: random.Random, links: dict[str, Mismatches],
            cache: dict) -> list[tuple[Unit, dict]]:
    bundle = [(unit, _unit_report(setup, unit, region, period, rng, cache)) for unit in region.units]
    for unit, report in bundle:
        if rng.random() < DEFECT_SHARE:
            _inject(report, rng)
    for unit, report in bundle:
        if unit.kind != "public_security":
            _grow(report, rng, rng.randint(FACTS_MIN, FACTS_MAX - MIRROR_HEADROOM))
    _mirror_credit(bundle, period, links["credit"])
    _route_referrals(bundle, links["referral"])
    for unit, report in bundle:  # the police grow last: their received referrals count too
        if unit.kind == "public_security":
            _grow(report, rng, rng.randint(FACTS_MIN, FACTS_MAX))
    return bundle


# --- the corpus -----------------------------------------------------------------------------


def _corrupt(text: bytes, rng: random.Random) -> bytes:
    kind = rng.randrange(3)
    if kind == 0:
        return text[: rng.randrange(10, max(11, len(text) // 2))]
    if kind == 1:
        return text.decode("utf-8").encode("gb18030")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n<html><body>404</body></html>\n'


@dataclass(frozen=True)
class Written:
    path: Path
    plan: str
    department: str
    period: str
    facts: int
    corrupt: bool


@dataclass
class Corpus:
    files: list[Written]
    capacity: int
    broken_links: int


def build(out: Path, reports: int, seed: int) -> Corpus:
    rng = random.Random(seed)
    cache: dict = {}
    setups = _setups(rng, cache)
    corrupt = set(rng.sample(range(reports), min(reports, max(1 if reports >= 50 else 0, round(reports * CORRUPT_SHARE)))))
    links = {"referral": Mismatches(REFERRAL_MISMATCH_SHARE, ("omit", "typo"), rng),
             "credit": Mismatches(CREDIT_MISMATCH_SHARE, ("omit", "typo"), rng)}
    out.mkdir(parents=True, exist_ok=True)
    written: list[Written] = []
    schedule = _schedule(setups, rng)
    while len(written) < reports:
        setup, region, period = next(schedule)
        # Each bundle draws from its own generator, so a department that resubmits (after every
        # combination is used) sends the same report again rather than a contradicting one.
        own = random.Random(f"{seed}/{setup.plan.id}/{region.label}/{period.label}")
        for unit, report in _bundle(setup, region, period, own, links, cache)[: reports - len(written)]:
            i = len(written)
            data = json.dumps(report, ensure_ascii=False, indent=1).encode("utf-8")
            if i in corrupt:
                data = _corrupt(data, rng)
            path = out / setup.plan.id / unit.kind / f"report-{i:06d}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written.append(Written(path, setup.plan.id, unit.name, period.label, _facts(report), i in corrupt))
    return Corpus(written, sum(s.capacity for s in setups), sum(m.broken for m in links.values()))


def generate(out: Path, reports: int, seed: int) -> list[Path]:
    return [w.path for w in build(out, reports, seed).files]


def summary(corpus: Corpus) -> str:
    files = corpus.files
    plans = Counter(w.plan for w in files)
    combos = Counter((w.plan, w.department, w.period) for w in files)
    facts = [w.facts for w in files]
    return "\n".join([
        f"{len(files)} reports; plans: " + ", ".join(f"{p} {n}" for p, n in sorted(plans.items())),
        f"{len({(w.plan, w.department) for w in files})} distinct departments; {len(combos)} distinct "
        f"(plan, department, period) of {corpus.capacity} possible before departments resubmit",
        f"{sum(w.corrupt for w in files)} corrupt files; {corpus.broken_links} cross-report links broken on purpose",
        f"facts per report: min {min(facts)}, median {statistics.median(facts):g}, max {max(facts)}",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    corpus = build(args.out, args.reports, args.seed)
    print(f"{len(corpus.files)} reports under {args.out} in {time.perf_counter() - started:.1f} s (seed {args.seed})")
    print(summary(corpus))


if __name__ == "__main__":
    main()
