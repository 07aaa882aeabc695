"""The units a plan's reports come from, grouped by region, and the periods they report on.

For every plan under rules/: the plan's own unit table where it has one (Tianjin, Chengdu,
Ruichang), else the real cities, districts and counties of the plan's area with the departments
every one of them has (Heilongjiang: the province, 13 prefectures and 121 county-level divisions;
Shanghai: the 16 districts), each unit with a valid 统一社会信用代码; the samples each kind of
department can start from; the periods; and the order in which region bundles are generated.
"""
from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from engine.credit_code import with_check_digit
from engine.model.report import Contact, Department, Report
from engine.model.report import Period as PeriodModel
from engine.plans.duty import clause_duties
from engine.plans.identity import resolve_department
from engine.rules.catalog import load_catalog
from engine.rules.plan_model import Clause, Plan

LATEST_YEAR = 2025  # the last complete year the samples and the holiday calendar cover
MAX_YEARS = 7  # a plan with an open horizon (Shanghai's) is reported on for its recent years only
LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}
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
    ("中共黑龙江省委网络安全和信息化委员会办公室", "cyberspace"),
    ("黑龙江省工业和信息化厅", "industry_it"), ("国家金融监督管理总局黑龙江监管局", "financial_regulation"),
    ("黑龙江省教育厅", "education"),
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
_DISTRICT = re.compile(r"^(.+?(?:新区|区|县|市))")


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
    referring_kinds: frozenset[str]  # departments whose transfers the police must show received

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


def responsible_clauses(plan: Plan, unit: Unit, cache: dict) -> list[Clause]:
    """Every clause the unit answers for or is suggested to report, whatever the period: a
    generated department reports on all of them, as the samples' departments do."""
    key = (plan.id, unit.name, unit.kind, unit.level)
    if key not in cache:
        department = resolve_department(plan, Department(name=unit.name, kind=unit.kind, level=unit.level))
        whole = PeriodModel(start=plan.period.start, end=plan.period.end)
        blank = Report(plan=plan.id, department=Department(name=unit.name), period=whole,
                       submitted=plan.period.end, contact=Contact(name="-"))
        cache[key] = [duty.clause for duty in clause_duties(plan, department, blank)]
    return cache[key]


def _reporting_only(plan: Plan, regions: list[Region], cache: dict) -> list[Region]:
    """A unit that answers for no clause has nothing to report and is left out."""
    kept = [Region(r.label, tuple(u for u in r.units if responsible_clauses(plan, u, cache))) for r in regions]
    return [r for r in kept if r.units]


def _periods(plan: Plan, home_year: int) -> list[Period]:
    """Whole years of the plan, nearest to its samples' year first, then the same years' first halves."""
    first = max(plan.period.start.year, LATEST_YEAR - MAX_YEARS + 1)
    last = min(plan.period.end.year, LATEST_YEAR)
    years = sorted(range(first, last + 1), key=lambda y: (abs(y - home_year), y)) or [home_year]
    return ([Period(dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in years]
            + [Period(dt.date(y, 1, 1), dt.date(y, 6, 30)) for y in years])


# The rule that follows each transferred referral into the police report: its applies_to names
# the departments whose referrals the corpus routes, so the two cannot drift apart.
REFERRAL_RECONCILIATION = "RECON-REFERRAL-NOT-RECEIVED"


def plan_setups(repo: Path, rng: random.Random, cache: dict) -> list[PlanSetup]:
    catalog = load_catalog(repo / "rules")
    applies_to = catalog.rules[REFERRAL_RECONCILIATION].rule.applies_to
    referring = frozenset(kind.value for kind in applies_to.department_kinds)
    samples = {p.name: [json.loads(f.read_text("utf-8")) for f in sorted(p.glob("*.json"))]
               for p in sorted((repo / "samples").iterdir()) if p.is_dir()}
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
            sample_unit = Unit(dept["name"], dept["kind"], dept["level"], "", "")
            clauses = frozenset(c.id for c in responsible_clauses(plan, sample_unit, cache))
            year = int(sample["period"]["end"][:4])
            templates.setdefault(dept["kind"], []).append(Template(sample, year, dept["level"], clauses))
        home_year = Counter(int(s["period"]["end"][:4]) for s in own).most_common(1)[0][0]
        kind_of = {u.name: u.kind for r in regions for u in r.units}
        phones = [s["contact"].get("phone", "") for s in own]
        area = next((p.split("-")[0] for p in phones if "-" in p), "010")
        setups.append(PlanSetup(plan, regions, _periods(plan, home_year), templates, kind_of, area, referring))
    return setups


def bundle_schedule(setups: list[PlanSetup], rng: random.Random) -> Iterator[tuple[PlanSetup, Region, Period]]:
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
