"""A department's kinds and level read off its name (engine/plans/names.py): the word table, the
division list, every department name the packs, samples and fixtures use, hard cases, and
properties over any text."""
from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.credit_code import with_check_digit
from engine.io.read import read_report
from engine.io.source import InputError
from engine.model.report import AdminLevel, DepartmentKind
from engine.plans.divisions import DivisionListError, PlaceIndex, place_index, read_division_list, short_forms
from engine.plans.name_table import bundled_name_table, load_name_table
from engine.plans.names import infer_kinds, infer_level, level_from_code
from engine.rules.yaml_source import RuleLoadError
from hypothesis_profiles import examples, register_profiles

register_profiles()

REPO = Path(__file__).resolve().parent.parent
P, R, C = AdminLevel.province, AdminLevel.prefecture, AdminLevel.county
K = DepartmentKind
TABLE = bundled_name_table()
PLACES = place_index(TABLE.divisions)


def _level(value: str | None) -> AdminLevel | None:
    return AdminLevel(value) if value else None


# ---------------------------------------------------------------- the word table and its loader

def test_the_bundled_table_is_well_formed():
    kinds = [entry.kind for entry in TABLE.kinds]
    assert all(isinstance(k, DepartmentKind) and k is not K.other for k in kinds)
    assert len(kinds) == len(set(kinds))
    for entry in TABLE.kinds:
        for word in entry.words:
            re.compile(word)
    for pattern in (*TABLE.not_government, *TABLE.level_only_from_province_place, *(r.words for r in TABLE.ranks)):
        re.compile(pattern)


def test_the_bundled_table_validates_against_its_published_schema():
    import json

    import jsonschema

    schema = json.loads((REPO / "schemas" / "department-names.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load((REPO / "rules" / "common" / "data" / "department-names.yaml").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)


def test_every_kind_but_other_has_words():
    assert {entry.kind for entry in TABLE.kinds} == set(DepartmentKind) - {K.other}


def test_no_kind_word_matches_an_empty_or_placeless_prefix():
    """A kind word that matched the empty string would give every name that kind."""
    for entry in TABLE.kinds:
        for word in entry.words:
            assert not re.search(word, ""), (entry.kind, word)
            assert not re.search(word, "成都市"), (entry.kind, word)


BAD_TABLES = {
    "unknown-kind.yaml": (5, "kinds.1.kind: Input should be"),
    "kind-other.yaml": (5, "kinds.1.kind: `other` is what a name showing no kind gets"),
    "bad-pattern.yaml": (6, "kinds.1.words: pattern '知识产权(局' does not compile"),
    "kind-twice.yaml": (2, "kinds: kinds listed twice: market_regulation"),
    "unknown-key.yaml": (14, "level_words: Extra inputs are not permitted"),
    "empty-words.yaml": (6, "kinds.1.words: Tuple should have at least 1 item"),
}


@pytest.mark.parametrize("name", sorted(BAD_TABLES))
def test_a_bad_table_is_refused_naming_file_line_and_field(name):
    path = REPO / "tests" / "fixtures" / "bad_name_tables" / name
    line, message = BAD_TABLES[name]
    with pytest.raises(RuleLoadError) as caught:
        load_name_table(path)
    assert str(caught.value).startswith(f"{path}:{line}: department names: {message}")


def test_the_table_ships_and_is_in_the_rules_version(tmp_path):
    """It lives under rules/, which setup.cfg installs as package data (**/*.yaml) and the batch
    rules version hashes (every *.yaml under the root): a change to it checks reports again."""
    from engine.batch.version import rules_version

    setup = (REPO / "setup.cfg").read_text(encoding="utf-8")
    assert "engine.bundled_rules = **/*.yaml" in setup and "engine.plans\n" in setup
    root = tmp_path / "rules"
    (root / "common" / "data").mkdir(parents=True)
    table = root / "common" / "data" / "department-names.yaml"
    table.write_bytes((REPO / "rules" / "common" / "data" / "department-names.yaml").read_bytes())
    before = rules_version(root)
    table.write_text(table.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert rules_version(root) != before


# ---------------------------------------------------------------- the division list

def test_the_division_list_reads_levels_from_codes():
    assert PLACES.municipalities == {"11", "12", "31", "50"}
    assert len(PLACES.provinces) >= 31
    expected = {"230000": P, "120000": P, "120100": P, "120101": C, "500200": P, "510100": R,
                "360481": C, "510185": C, "222401": C, "429004": C, "999999": None, "12345": None}
    assert {code: PLACES.level_of_code(code) for code in expected} == expected


@pytest.mark.parametrize("name, code", [
    ("瑞昌市", "360481"), ("五常市", "230184"), ("铁力市", "230781"), ("简阳市", "510185"),
    ("都江堰市", "510181"), ("彭州市", "510182"), ("邛崃市", "510183"), ("崇州市", "510184"),
])
def test_county_level_cities_are_county_level(name, code):
    assert {(d.code, d.level) for d in PLACES.full[name]} == {(code, C)}


def test_no_name_in_force_means_places_of_two_levels():
    """Guards the one correction in the table: if a newer python-stdnum brings another such
    name, it must be looked at (and corrected in the table) rather than read as `cannot tell`."""
    doubled = {name: sorted(d.code for d in found) for name, found in PLACES.full.items()
               if len({d.level for d in found}) > 1}
    assert doubled == {}


def test_the_correction_is_still_needed():
    """When python-stdnum's list gives 429001 随州市 its end year itself, drop the correction."""
    uncorrected = TABLE.divisions.model_copy(update={"corrections": ()})
    index = PlaceIndex(read_division_list(), uncorrected)
    assert {d.level for d in index.full["随州市"]} == {R, C}
    assert {d.code for d in PLACES.full["随州市"]} == {"421300"}


def test_an_old_division_list_is_refused_with_the_version_needed():
    old = '# generated\n110101 county="东城区" prefecture="市辖区" province="北京市"\n'
    with pytest.raises(DivisionListError, match=r"python-stdnum >= 2.2"):
        PlaceIndex(old, TABLE.divisions)


@pytest.mark.parametrize("name, forms", [
    ("成都市", ["成都"]), ("黑龙江省", ["黑龙江"]), ("大兴安岭地区", ["大兴安岭"]), ("瑞昌市", ["瑞昌"]),
    ("广西壮族自治区", ["广西", "广西壮"]), ("凉山彝族自治州", ["凉山州", "凉山彝州"]),
    ("延边朝鲜族自治州", ["延边州", "延边朝州", "延边朝鲜州"]), ("忠县", []),
])
def test_short_forms(name, forms):
    assert short_forms(name) == forms


# ---------------------------------------------------------------- (a) every name in the packs

def _pack_units():
    for path in sorted((REPO / "rules").glob("*/plan.yaml")):
        for unit in yaml.safe_load(path.read_text(encoding="utf-8")).get("departments") or []:
            yield path.parent.name, unit


PACK_NAMES = [(pack, unit, name) for pack, unit in _pack_units() for name in (unit["name"], *unit.get("aliases", []))]
# One office, two names (一个机构两块牌子): the market regulator is also the IP office, and reports
# use either name. The packs give such a unit kind market_regulation; its 知识产权局 alias shows
# ip_office only.
SECOND_NAMES = {"market_regulation": {K.ip_office}}
# A relative alias (市市场监管局, 区知识产权局) or a bare institution word (文广新旅局) names no place.
RELATIVE = re.compile(r"^(中共)?[市区县省](?!场)|^[^市区县省州旗盟]*$")
_PLACE_PREFIXES = re.compile(r"^(中共|政协|中国人民银行|中华人民共和国)")


def _unit_stem(unit: dict) -> str:
    """The first two characters of the unit's own place (瑞昌, 成都, 锦江, 天津)."""
    return _PLACE_PREFIXES.sub("", unit["name"])[:2]


def test_pack_names_are_all_covered():
    assert len(PACK_NAMES) > 250 and {pack for pack, _, _ in PACK_NAMES} >= {"chengdu-2023", "ruichang", "tianjin-2021"}


@pytest.mark.parametrize("pack, unit, name", PACK_NAMES, ids=[f"{p}:{n}" for p, _, n in PACK_NAMES])
def test_pack_name_shows_its_units_kind(pack, unit, name):
    kinds = infer_kinds(name)
    if unit["kind"] == "other":
        assert kinds == ()
    elif K(unit["kind"]) not in kinds:
        assert name != unit["name"], "a unit's own name shows its kind"
        assert set(kinds) and set(kinds) <= SECOND_NAMES.get(unit["kind"], set()), kinds


@pytest.mark.parametrize("pack, unit, name", PACK_NAMES, ids=[f"{p}:{n}" for p, _, n in PACK_NAMES])
def test_pack_name_shows_its_units_level_or_names_no_place(pack, unit, name):
    level = infer_level(name)
    if level is None:
        assert name != unit["name"], "a unit's own name shows its level"
        assert RELATIVE.search(name.replace("市场", "")) and _unit_stem(unit) not in name, \
            "a name with a place must show a level"
    else:
        assert level == AdminLevel(unit["level"])


def test_how_many_pack_names_show_no_level(capsys):
    """Printed for the record: the relative aliases (市市场监管局, 文广新旅局) that the plan's table
    resolves and the name alone cannot."""
    unresolved = [name for _, _, name in PACK_NAMES if infer_level(name) is None]
    with capsys.disabled():
        print(f"\n{len(unresolved)} of {len(PACK_NAMES)} pack department names show no level: "
              + ", ".join(sorted(set(unresolved))))
    assert len(unresolved) < len(PACK_NAMES) // 4


# ---------------------------------------------------------------- (b) samples, bases, fixtures

def _report_files():
    for pattern in ("samples/**/*.json", "samples/**/*.xml", "rules/*/cases/bases/*.json", "tests/fixtures/**/*.json"):
        yield from sorted(REPO.glob(pattern))


def _declared_departments():
    """The department of every file the reader accepts (the broken and hostile ones are not
    reports: one of them declares a kind twice on purpose)."""
    for path in _report_files():
        try:
            department = read_report(path).report.department
        except InputError:
            continue
        yield path.relative_to(REPO).as_posix(), department


DECLARED = list(_declared_departments())


def test_declared_departments_are_found():
    assert len(DECLARED) > 60


@pytest.mark.parametrize("path, department", DECLARED, ids=[p for p, _ in DECLARED])
def test_a_reports_declared_kind_and_level_agree_with_its_name(path, department):
    declared = [k for k in (department.kind, *department.kinds) if k is not None]
    assert set(declared) <= set(infer_kinds(department.name)) | {K.other}
    if department.level is not None:
        assert infer_level(department.name) == department.level
        assert infer_level(department.name, department.code) == department.level


def _case_departments():
    """Departments the rule cases patch in (their bases are checked above)."""
    for path in sorted(REPO.glob("rules/*/cases/*.yaml")):
        stack = [yaml.safe_load(path.read_text(encoding="utf-8"))]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                if node.get("path") == "/department" and isinstance(node.get("value"), dict):
                    yield path.stem, node["value"]
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)


CASES = list(_case_departments())


@pytest.mark.parametrize("rule, department", CASES, ids=[f"{r}:{d['name']}" for r, d in CASES])
def test_a_rule_cases_department_level_agrees_with_its_name(rule, department):
    """Level only: a case may give a department a kind its name does not show on purpose (a
    district market regulator that is also the district's IP office). A case that gives no level
    relies on the name showing one."""
    declared = _level(department.get("level"))
    if declared is None:
        assert infer_level(department["name"]) is not None
    else:
        assert infer_level(department["name"]) == declared


# ---------------------------------------------------------------- (c) hard cases

KIND_CASES = [
    # two names, two kinds; the order the name shows them
    ("成都市市场监督管理局(成都市知识产权局)", (K.market_regulation, K.ip_office)),
    ("成都市市场监督管理局（成都市知识产权局）", (K.market_regulation, K.ip_office)),
    ("中共成都市委宣传部(成都市版权局)", (K.copyright,)),
    ("天津市市场监督管理委员会", (K.market_regulation,)),
    ("市市场监管委", (K.market_regulation,)),
    ("瑞昌市公安", (K.public_security,)),
    ("成都市公安局锦江区分局", (K.public_security,)),
    ("黑龙江省公安厅", (K.public_security,)),
    ("成都中院", (K.court,)),
    ("天津高院", (K.court,)),
    ("黑龙江省高级人民法院", (K.court,)),
    ("北京知识产权法院", (K.court,)),
    ("瑞昌市人民检察院", (K.procuratorate,)),
    ("天津市人民检察院第一分院", (K.procuratorate,)),
    ("黑龙江省文化和旅游厅", (K.culture_tourism,)),
    ("成都市文化广电旅游局", (K.culture_tourism,)),
    ("瑞昌市文化广电新闻出版旅游局", (K.culture_tourism,)),
    ("五常市文化广电和旅游局", (K.culture_tourism,)),
    ("某县文体广电和旅游局", (K.culture_tourism,)),
    ("市文广旅局", (K.culture_tourism,)),
    ("文广新旅局", (K.culture_tourism,)),
    ("市文旅局", (K.culture_tourism,)),
    ("成都市文化市场综合行政执法总队", (K.culture_tourism,)),
    ("哈尔滨市文化市场综合执法支队", (K.culture_tourism,)),
    ("天津市农业农村委员会", (K.agriculture,)),
    ("黑龙江省农业农村厅", (K.agriculture,)),
    ("国家林业和草原局", (K.forestry,)),
    ("瑞昌市林业局", (K.forestry,)),
    ("中华人民共和国天津海关", (K.customs,)),
    ("哈尔滨海关", (K.customs,)),
    ("黑龙江省司法厅", (K.justice,)),
    ("天津市商务局", (K.commerce,)),
    ("北京市商务委员会", (K.commerce,)),
    ("中共黑龙江省委网络安全和信息化委员会办公室", (K.cyberspace,)),
    ("市委网信办", (K.cyberspace,)),
    ("黑龙江省工业和信息化厅", (K.industry_it,)),
    ("市工信局", (K.industry_it,)),
    ("四川省经济和信息化厅", (K.industry_it,)),
    ("国家金融监督管理总局黑龙江监管局", (K.financial_regulation,)),
    ("国家金融监督管理总局哈尔滨监管分局", (K.financial_regulation,)),
    ("天津市地方金融监督管理局", (K.financial_regulation,)),
    ("中国银保监会天津监管局", (K.financial_regulation,)),
    ("黑龙江省教育厅", (K.education,)),
    ("北京市教育委员会", (K.education,)),
    ("呼兰区教育局", (K.education,)),
    ("某县教育体育局", (K.education,)),
    ("黑龙江省学位委员会办公室", (K.education,)),
    # false friends
    ("成都市锦江区综合行政执法局", ()),  # urban management, not culture
    ("黑龙江省市场监督管理局", (K.market_regulation,)),  # not the IP office unless it says so
    ("成都知识产权保护中心", ()),
    ("成都市中级人民法院知识产权司法保护中心", (K.court,)),  # 司法 here is no 司法局
    ("公安县市场监督管理局", (K.market_regulation,)),  # 公安县 is a county in Hubei
    ("公安县公安局", (K.public_security,)),
    ("秦皇岛市山海关区市场监督管理局", (K.market_regulation,)),  # 山海关区 is no customs office
    ("瑞昌市金融服务中心", ()),
    ("瑞昌市发展和改革委员会", ()),
    ("瑞昌市人民代表大会财政经济委员会", ()),
    ("某市人大常委会农业农村委员会", ()),  # the legislature's committee, not the department
    ("政协瑞昌市委员会社会和法制委员会", ()),
    ("中共瑞昌市委宣传部", ()),
    ("瑞昌市科学技术局", ()),
    ("文化旅游发展集团有限公司", ()),
    ("", ()),
]


@pytest.mark.parametrize("name, kinds", KIND_CASES, ids=[n or "(empty)" for n, _ in KIND_CASES])
def test_kinds_of_hard_names(name, kinds):
    assert infer_kinds(name) == kinds


LEVEL_CASES = [
    # provinces, 直辖市 and their districts
    ("黑龙江省市场监督管理局", P), ("广西壮族自治区市场监督管理局", P), ("内蒙古自治区知识产权局", P),
    ("天津市市场监督管理委员会", P), ("北京市知识产权局", P), ("上海市版权局", P), ("重庆市公安局", P),
    ("天津市滨海新区市场监督管理局", C), ("滨海新区市场监管局", C), ("天津市河北区市场监督管理局", C),
    ("宝山区知识产权局", C), ("重庆市城口县市场监督管理局", C),
    # prefectures, including the autonomous ones and 地区
    ("成都市市场监督管理局", R), ("哈尔滨市公安局", R), ("延边朝鲜族自治州市场监督管理局", R),
    ("凉山州市场监督管理局", R), ("大兴安岭地区林业和草原局", R), ("阿拉善盟市场监督管理局", R),
    ("随州市市场监督管理局", R),
    # county-level cities
    ("瑞昌市市场监督管理局", C), ("五常市文化广电和旅游局", C), ("铁力市市场监督管理局", C),
    ("简阳市市场监督管理局", C), ("都江堰市知识产权局", C), ("彭州市市场监管局", C),
    ("邛崃市市场监督管理局", C), ("崇州市市场监督管理局", C), ("延吉市市场监督管理局", C),
    # the lowest level a name names
    ("成都市锦江区市场监督管理局", C), ("黑龙江省哈尔滨市道里区市场监督管理局", C),
    ("江西省九江市瑞昌市市场监督管理局", C), ("成都市金堂县知识产权局", C), ("依兰县文化广电和旅游局", C),
    # 市 + 市场: two readings
    ("阿克苏地区市场监督管理局", R), ("阿克苏市市场监督管理局", C), ("阿克苏市场监督管理局", None),
    ("成都市场监督管理局", R), ("瑞昌市场监管局", C),
    # development zones
    ("成都高新技术产业开发区市场监督管理局", C), ("四川天府新区成都管理委员会市场监督管理局", C),
    ("天府新区市场监管局", C),
    # prefixes that name no place
    ("中共成都市委宣传部(成都市版权局)", R), ("中共黑龙江省委网络安全和信息化委员会办公室", P),
    ("中华人民共和国天津海关", P), ("政协瑞昌市委员会社会和法制委员会", C),
    ("中国人民银行瑞昌市支行", C), ("人民银行瑞昌支行", C), ("人行瑞昌支行", C),
    ("国家金融监督管理总局黑龙江监管局", P), ("国家金融监督管理总局哈尔滨监管分局", R),
    # full-width forms and spacing
    ("  成都市市场监督管理局（成都市知识产权局）。", R), ("天津市　高级人民法院", P),
    # ranks the name states
    ("天津市第一中级人民法院", R), ("北京市人民检察院第一分院", R), ("成都中院", R), ("天津高院", P),
    ("市中院", R),
    # branches named after a county
    ("成都市公安局锦江区分局", C), ("天津市公安局和平分局", C),
    # places that cannot tell
    ("哈尔滨海关", None), ("绥芬河海关", None), ("吉林海关", None), ("秦皇岛市山海关区市场监督管理局", C),
    ("市市场监管局", None), ("区知识产权局", None), ("市场监管局", None), ("文广新旅局", None),
    ("省市场监督管理局", None), ("高新区市场监管局", None),
    ("国家知识产权局", None), ("最高人民法院", None), ("海关总署", None),
    ("", None), ("。", None),
]


@pytest.mark.parametrize("name, level", LEVEL_CASES, ids=[n or "(empty)" for n, _ in LEVEL_CASES])
def test_level_of_hard_names(name, level):
    assert infer_level(name) == level


# ---------------------------------------------------------------- the credit code

def _code(division: str, organisation: str = "MB1A23517") -> str:
    return with_check_digit("11" + division + organisation)


@pytest.mark.parametrize("division, level", [
    ("230000", P), ("120000", P), ("120100", P), ("120116", C), ("230100", R), ("360481", C), ("510104", C),
    ("100000", None),  # a national authority: no level of ours
])
def test_the_code_tells_the_level_when_the_name_cannot(division, level):
    assert infer_level("市市场监管局", _code(division)) == level
    assert level_from_code(_code(division)) == level


def test_the_name_wins_over_the_code():
    assert infer_level("瑞昌市市场监督管理局", _code("360400")) == C
    assert infer_level("天津市市场监督管理委员会", _code("120116")) == P


def test_an_invalid_code_tells_nothing():
    valid = _code("230000")
    broken = valid[:-1] + ("0" if valid[-1] != "0" else "1")
    assert infer_level("市市场监管局", broken) is None
    assert infer_level("市市场监管局", "2300") is None
    assert infer_level("市市场监管局", "") is None


# ---------------------------------------------------------------- every place of the list

DEPARTMENT_WORDS = {
    "市场监督管理局": (K.market_regulation,), "知识产权局": (K.ip_office,), "版权局": (K.copyright,),
    "公安局": (K.public_security,), "人民法院": (K.court,), "人民检察院": (K.procuratorate,),
    "文化和旅游局": (K.culture_tourism,), "农业农村局": (K.agriculture,), "林业局": (K.forestry,),
    "司法局": (K.justice,), "商务局": (K.commerce,), "工业和信息化局": (K.industry_it,),
    "教育局": (K.education,), "发展和改革委员会": (), "科学技术局": (), "人民政府办公室": (),
}
UNAMBIGUOUS_PLACES = sorted(
    (name, next(iter({d.level for d in found})))
    for name, found in PLACES.full.items()
    if len({d.level for d in found}) == 1 and re.fullmatch(r"[\u4e00-\u9fff]+", name)
)


def test_every_place_followed_by_a_department_word_keeps_its_level_and_shows_only_the_words_kind():
    """No place name runs into a department word (a short form that is also the start of 公安局,
    a county called 公安县) and no place name shows a kind."""
    wrong = []
    for name, level in UNAMBIGUOUS_PLACES:
        for word, kinds in DEPARTMENT_WORDS.items():
            got = (infer_level(name + word), infer_kinds(name + word))
            if got != (level, kinds):
                wrong.append((name + word, got))
    assert len(UNAMBIGUOUS_PLACES) > 3000
    assert wrong == []


def test_every_short_form_followed_by_a_department_word_keeps_its_level():
    """成都公安局, 黑龙江市场监督管理局, 延边州教育局. Where the short form and the 市 of 市场 make
    another place (阿克苏 + 市场… or 阿克苏市 + 场…), the name cannot tell and shows no level."""
    wrong = []
    for form, found in sorted(PLACES.short_upper.items()):
        levels = {d.level for d in found}
        if len(levels) > 1 or not re.fullmatch(r"[\u4e00-\u9fff]+", form):
            continue
        level = levels.pop()
        other_reading = {d.level for d in PLACES.full.get(form + "市", ())} - {level}
        for word, kinds in DEPARTMENT_WORDS.items():
            expected = None if other_reading and word.startswith("市场") else level
            got = (infer_level(form + word), infer_kinds(form + word))
            if got != (expected, kinds):
                wrong.append((form + word, got))
    assert wrong == []


# ---------------------------------------------------------------- (d) properties

PADDING = st.text(alphabet=" \t\n\u3000，。、；：！？…—·「」“”", max_size=4)


@settings(max_examples=examples(0.5))
@given(name=st.text(max_size=40), code=st.one_of(st.none(), st.text(max_size=20)))
def test_inference_never_raises(name, code):
    kinds = infer_kinds(name)
    assert all(isinstance(k, DepartmentKind) and k is not K.other for k in kinds)
    assert infer_level(name, code) in (None, *AdminLevel)


NAME_PARTS = st.sampled_from(["黑龙江省", "成都市", "锦江区", "瑞昌市", "天津市", "滨海新区", "中共", "市",
                              "市场监督管理局", "知识产权局", "公安局", "(", ")", "（", "）", "海关", "高新区"])


@settings(max_examples=examples(0.5))
@given(name=st.one_of(st.text(max_size=30), st.lists(NAME_PARTS, max_size=5).map("".join)),
       before=PADDING, after=PADDING)
def test_spacing_and_punctuation_around_a_name_change_nothing(name, before, after):
    padded = before + name + after
    assert infer_kinds(padded) == infer_kinds(name)
    assert infer_level(padded) == infer_level(name)


@settings(max_examples=examples(0.5))
@given(name=st.lists(NAME_PARTS, min_size=1, max_size=5).map("".join))
def test_full_width_forms_read_like_half_width_ones(name):
    wide = name.translate(str.maketrans({"(": "（", ")": "）"}))
    assert (infer_kinds(wide), infer_level(wide)) == (infer_kinds(name), infer_level(name))


def test_ascii_letters_and_digits_show_nothing():
    text = string.ascii_letters + string.digits
    assert infer_kinds(text) == () and infer_level(text) is None
