"""The stages of `pack init` one by one (engine/authoring/*): source cleaning, numbering, the
plan's header, units, classification and the comparison with a written pack."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from engine.authoring.classify import classify
from engine.authoring.compare import compare
from engine.authoring.draft import NoClausesFound, draft_pack
from engine.authoring.header import read_header
from engine.authoring.numbering import find_nodes, normalise_breaks
from engine.authoring.outline import outline
from engine.authoring.source import PlanSourceError, read_plan_text, remove_page_markers
from engine.authoring.units import split_units
from engine.model.report import DepartmentKind
from engine.rules.plan_model import Plan
from engine.rules.yaml_source import load_yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"


def _preamble(seed: str) -> str:
    return outline(remove_page_markers(read_plan_text(SEEDS / seed))).preamble


@pytest.mark.parametrize("seed, title, issuer, date, place", [
    ("000_3282e84b2494f8c5.txt", "关于加强知识产权保护工作实施方案", None, None, None),
    ("001_8429dd0dfc029dc1.txt", "成都市建设国家知识产权保护示范区实施方案(2023-2025年)(征求意见稿)",
     "成都市知识产权工作领导小组办公室", dt.date(2023, 3, 22), "成都市"),
    ("002_0fe64098f25f2878.txt", "区县实施知识产权战略活动方案", None, None, None),
    ("003_7e525bd73430b2aa.txt", "深入实施《关于强化知识产权保护的意见》《关于强化知识产权保护促进高质量发展的实施意见》推进计划",
     "黑龙江省知识产权战略制定和实施工作领导小组办公室", dt.date(2023, 7, 28), "黑龙江省"),
    ("004_819baf1f750839d3.txt", "天津市全面加强知识产权保护激发创新活力的工作措施", "天津市知识产权战略领导小组",
     dt.date(2021, 3, 17), "天津市"),
])
def test_the_header_of_each_seed(seed: str, title: str, issuer: str | None, date: dt.date | None, place: str | None) -> None:
    header = read_header(_preamble(seed))
    assert (header.title, header.issuer, header.date, header.place) == (title, issuer, date, place)


def test_the_titles_agree_with_the_packs_where_the_seed_states_them() -> None:
    for seed, pack in (("001_8429dd0dfc029dc1.txt", "chengdu-2023"), ("003_7e525bd73430b2aa.txt", "heilongjiang-2023"),
                       ("004_819baf1f750839d3.txt", "tianjin-2021")):
        plan = Plan.model_validate(load_yaml(ROOT / "rules" / pack / "plan.yaml").data)
        header = read_header(_preamble(seed))
        assert (header.title, header.issuer, header.date) == (plan.title, plan.issuer, plan.date)


def test_a_notice_gives_title_and_issuer_when_the_plan_has_no_title_line() -> None:
    header = read_header("某市知识产权局关于印发《某市商标品牌工作方案》的通知\n各区县:\n现印发给你们。\n")
    assert (header.title, header.issuer) == ("某市商标品牌工作方案", "某市知识产权局")


def test_an_impossible_signature_date_is_no_date() -> None:
    assert read_header("某某方案\n2024年2月30日\n").date is None


@pytest.mark.parametrize("text, labels", [
    ("一、甲\n二、乙\n三、丙", ["一", "二", "三"]),
    ("一、甲\n三、丙", ["一"]),  # a number out of sequence is text
    ("（一）甲。（二）乙。", ["(一)", "(二)"]),  # full-width brackets
    ("1．甲。\n2．乙。", ["1", "2"]),  # full-width full stop
    ("1、甲。\n2、乙。", ["1", "2"]),
    ("(1)甲;(2)乙;", ["(1)", "(2)"]),
    ("①甲;②乙;③丙", ["①", "②", "③"]),
    ("一、甲\n⎯⎯⎯乙\n⎯⎯⎯丙", ["一", "1", "2"]),
    ("（十）甲\n（十一）乙", []),  # a run must start at 1
    ("一、甲提高了3.5倍,二、三等奖。", ["一"]),  # 二、 inside a sentence is no label
])
def test_labels_accepted(text: str, labels: list[str]) -> None:
    assert [n.label for n in find_nodes(normalise_breaks(text))] == labels


def test_labels_nest_by_rank() -> None:
    nodes = find_nodes(normalise_breaks("一、甲\n（一）乙\n1.丙。\n（1）丁。\n2.戊。\n二、己"))
    parents = {n.label: (n.parent.label if n.parent else None) for n in nodes}
    assert parents == {"一": None, "(一)": "一", "1": "(一)", "(1)": "1", "2": "(一)", "二": None}


def test_a_notice_numbering_its_own_points_is_not_the_plan() -> None:
    shape = outline("通知\n（一）电子邮箱:a@b.cn;\n（二）来信。\n一、目标\n完成。\n二、任务\n（一）甲项。")
    assert [c.id for c in shape.clauses] == ["一", "(一)"]
    assert "电子邮箱" in shape.preamble


def test_a_text_with_no_numbering_has_no_clauses() -> None:
    with pytest.raises(NoClausesFound):
        draft_pack("会议纪要。今天讨论了工作。", "x-plan", "x.txt")


def test_page_markers_need_a_run_from_1() -> None:
    text = "说明\n2、甲乙\n3、丙丁\n4、戊"
    assert remove_page_markers(text) == text


def test_page_footers_are_removed() -> None:
    assert remove_page_markers("一、甲。 第9页 共9页") == "一、甲。 "


def test_read_plan_text_refuses_bytes_that_are_not_text(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_bytes(b"\xff\xfe\x00\x81\xff")
    with pytest.raises(PlanSourceError, match="plan.txt: not UTF-8 or GB18030 text"):
        read_plan_text(source)


def test_a_docx_table_is_read_after_the_paragraphs(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("一、任务")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "序号"
    table.rows[0].cells[1].text = "责任分工"
    path = tmp_path / "plan.docx"
    document.save(str(path))
    assert read_plan_text(path) == "一、任务\n序号 责任分工"


@pytest.mark.parametrize("words, text, names, roles", [
    ("甲项工作。(责任单位:县市场监管局、县公安局)", "甲项工作。", ["县市场监管局", "县公安局"], ["responsible"] * 2),
    ("甲项工作。（牵头单位：县司法局；配合单位：县法院，县检察院）", "甲项工作。", ["县司法局", "县法院", "县检察院"],
     ["lead", "support", "support"]),
    ("甲项工作。 责任单位:县商务局", "甲项工作。", ["县商务局"], ["responsible"]),
    ("贯彻落实市司法局、市知识产权局联合印发的《意见》。", "贯彻落实市司法局、市知识产权局联合印发的《意见》。",
     ["市司法局", "市知识产权局"], ["responsible"] * 2),
    ("推动企业、高校联合印发倡议。", "推动企业、高校联合印发倡议。", [], []),  # not units
])
def test_units_named_by_a_clause(words: str, text: str, names: list[str], roles: list[str]) -> None:
    found = split_units(words)
    assert found.text == text
    assert [u.written for u in found.units] == names
    assert [u.role for u in found.units] == roles


def test_unit_kinds_come_from_the_name_table_then_the_bundled_aliases() -> None:
    units = split_units("甲。(责任单位:县市场监管局、市人大财经委、县档案馆)").units
    assert [(u.kinds[0], u.kind_source) for u in units] == [
        (DepartmentKind.market_regulation, "name-table"),
        (DepartmentKind.other, "pack:ruichang"),  # Ruichang's alias table knows it, as `other`
        (DepartmentKind.other, "none"),
    ]


@pytest.mark.parametrize("text, target", [
    ("年度知识产权培训不少于5000人次。", "年度知识产权培训不少于5000人次"),
    ("培育示范企业超过1000家。", "培育示范企业超过1000家"),
    ("结案率达到95%以上。", "结案率达到95%以上"),
    ("办结案件100件以上。", "办结案件100件以上"),
    ("2024年完成3项任务。", None),
])
def test_targets(text: str, target: str | None) -> None:
    assert classify(text).target == target


@pytest.mark.parametrize("text, schedule", [
    ("2024年6月30日前完成。", {"cadence": "once", "by": dt.date(2024, 6, 30)}),
    ("2024年2月底前完成。", {"cadence": "once", "by": dt.date(2024, 2, 29)}),
    ("2025年年底前完成。", {"cadence": "once", "by": dt.date(2025, 12, 31)}),
    ("2024年8月-2025年3月,整改。", {"cadence": "window", "start": dt.date(2024, 8, 1), "end": dt.date(2025, 3, 31)}),
    ("2024年6月-7月,自查。", {"cadence": "window", "start": dt.date(2024, 6, 1), "end": dt.date(2024, 7, 31)}),
    ("2025年4月,验收。", {"cadence": "window", "start": dt.date(2025, 4, 1), "end": dt.date(2025, 4, 30)}),
    ("每年组织评估。", {"cadence": "annual"}),
    ("结合全国知识产权宣传周开展宣传。", {"cadence": "annual"}),
    ("加强宣传。", None),
])
def test_schedules(text: str, schedule: dict | None) -> None:
    assert classify(text).schedule == schedule


def test_a_produced_document_an_implemented_one_and_a_soft_one() -> None:
    found = classify("贯彻落实《甲条例》,制定《乙办法》,适时修订《丙规定》。")
    assert [(o.title, o.firm) for o in found.outputs] == [("《乙办法》", False), ("《丙规定》", False)]
    assert "引用文件（贯彻落实，不是产出）：《甲条例》" in found.reason
    firm = classify("制定《乙办法》。")
    assert firm.outputs[0].firm and firm.check == "rules"


def test_a_slogan_in_quotes_is_no_platform() -> None:
    assert "点名平台" not in classify("打造“一核多平台”保护体系。").reason
    assert "点名平台：知识产权交易服务平台" in classify("依托“知识产权交易服务平台”。").reason


def test_a_clause_with_nothing_concrete_is_evidence_with_a_reason() -> None:
    found = classify("加强组织领导,落实保护职责。")
    assert found.check == "evidence"
    assert found.reason == "未见数量、日期、频次或点名的文件和平台：按报告事项和佐证材料核查。待人工确认。"


def test_compare_names_a_missing_clause_a_wrong_unit_and_an_extra_one() -> None:
    pack = Plan.model_validate(load_yaml(ROOT / "rules" / "ruichang" / "plan.yaml").data)
    draft = draft_pack(read_plan_text(SEEDS / pack.seed), "ruichang", pack.seed).plan
    draft["clauses"] = [c for c in draft["clauses"] if c["id"] != "3"]
    one = next(c for c in draft["clauses"] if c["id"] == "1")
    one["responsible"] = list(reversed(one["responsible"]))
    draft["clauses"].append({**one, "id": "16"})
    result = compare(draft, pack)
    assert not result.full
    assert (result.found, result.expected, result.extra) == (20, 21, ["16"])
    assert "3: not found" in result.problems
    assert any(p.startswith("1: units ['culture', 'justice', 'police', 'court', 'amr'] != pack") for p in result.problems)


@pytest.mark.parametrize("sentence, expected", [
    ("将知识产权领域行政处罚信息自作出决定之日起20个工作日内在“信用中国(江西九江)”网站公示。",
     [(["penalty"], "信用中国(江西九江)", "credit_china", 20)]),
    ("依法将严重违法失信当事人列入名单,通过“信用中国(黑龙江)”网站和国家企业信用信息公示系统(黑龙江)公示。",
     [(["credit_list"], "信用中国(黑龙江)", "credit_china", None),
      (["credit_list"], "国家企业信用信息公示系统(黑龙江)", "gsxt", None)]),
    ("将行政处罚等涉企信息纳入全国信用信息共享平台(天津)和天津市市场主体信用信息公示系统并依法公示。",
     [(["penalty"], "全国信用信息共享平台(天津)", "credit_china", None),
      (["penalty"], "天津市市场主体信用信息公示系统", "gsxt", None)]),
    ("将案件信息推送至本级公共信用信息平台,完善失信惩戒清单。", [(["penalty"], "本级公共信用信息平台", "credit_china", None)]),
    ("依托“知识产权交易服务平台”开展交易。", []),  # no decision published there
])
def test_publication_platforms_drafted_from_a_clause(sentence: str, expected: list) -> None:
    from engine.authoring.platforms import draft_platforms

    found = draft_platforms("11", sentence, ["market_regulation"], "计划")
    assert [(p["decisions"], p["name"], p["platform"], p.get("within_working_days")) for p in found] == expected
    assert all(p["basis"] == "计划第11项" and p["severity"] == "warning" and p["quote"] == sentence for p in found)


def test_heilongjiangs_platforms_are_drafted_as_the_pack_has_them() -> None:
    pack = Plan.model_validate(load_yaml(ROOT / "rules" / "heilongjiang-2023" / "plan.yaml").data)
    draft = draft_pack(read_plan_text(SEEDS / pack.seed), pack.id, pack.seed).plan
    mine = [(p["clause"], p["decisions"], p["name"], p["platform"]) for p in draft["publication_platforms"]]
    theirs = [(p.clause, [d.value for d in p.decisions], p.name, p.platform.value) for p in pack.publication_platforms]
    assert mine == theirs
    assert {"clause": "33", "rules": ["CREDIT-*"]} in draft["uses"]


def test_a_drafted_platform_cites_the_publication_rules_under_its_clause() -> None:
    from engine.authoring.draft import draft_pack as draft

    plan = draft((ROOT / "tests" / "data" / "plans" / "hukou-2024.txt").read_text(encoding="utf-8"), "hukou-2024", "x").plan
    assert plan["uses"][0] == {"clause": "11", "rules": ["DATE-PENALTY-*", "PENALTY-*"]}
    assert plan["publication_platforms"][0]["department_kinds"] == ["market_regulation", "culture_tourism", "agriculture"]


@pytest.mark.parametrize("text, title", [
    ("开展“铁拳”专项执法行动,严厉打击商标侵权。", "开展“铁拳”专项执法行动"),
    ("力争到2024年底,全县企业超过15家,完成认证。", "力争到2024年底,全县企业超过15家"),
    ("视情开展执法检查。", "视情开展执法检查"),
])
def test_a_clause_without_heading_is_titled_by_its_first_phrase(text: str, title: str) -> None:
    from engine.authoring.draft import _first_sentence

    assert _first_sentence(text) == title


@pytest.mark.parametrize("written, full", [
    ("瑞昌市市场监管局", "瑞昌市市场监督管理局"),
    ("瑞昌市公安", "瑞昌市公安局"),
    ("瑞昌市法院", "瑞昌市人民法院"),
    ("天津市高级人民法院", "天津市高级人民法院"),
    ("瑞昌市发改委", "瑞昌市发展和改革委员会"),
    ("瑞昌市文广新旅局", "瑞昌市文广新旅局"),  # several full forms in use: kept
    ("瑞昌市林业局", "瑞昌市林业局"),
])
def test_full_forms_of_unit_names(written: str, full: str) -> None:
    from engine.authoring.unit_table import full_name

    assert full_name(written) == full


def test_ruichangs_full_names_agree_with_the_pack_where_a_place_is_known() -> None:
    """Ruichang's seed names no place in its title; given 瑞昌市, the full names drafted are the
    pack's own names for every unit whose short form has one full form."""
    from engine.authoring.unit_table import full_name

    pack = Plan.model_validate(load_yaml(ROOT / "rules" / "ruichang" / "plan.yaml").data)
    names = {u.id: u.name for u in pack.departments}
    drafted = {"amr": "市市场监管局", "court": "市法院", "police": "市公安", "procuratorate": "市检察院", "justice": "市司法局",
               "development_reform": "市发改委", "science_tech": "市科技局", "industry_it": "市工信局"}
    same = [uid for uid, short in drafted.items() if full_name("瑞昌" + short) == names[uid]]
    assert same == ["amr", "court", "police", "procuratorate", "justice", "development_reform", "science_tech", "industry_it"]


def test_a_guiding_principles_part_is_drafted_not_checkable() -> None:
    pack = Plan.model_validate(load_yaml(ROOT / "rules" / "chengdu-2023" / "plan.yaml").data)
    first = draft_pack(read_plan_text(SEEDS / pack.seed), pack.id, pack.seed).plan["clauses"][0]
    assert (first["id"], first["check"], pack.clauses[0].check.value) == ("一", "not-checkable", "not-checkable")
    assert first["reason"].startswith("“指导思想”是原则性表述")
