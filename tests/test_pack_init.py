"""`plancheck pack init`: a plan document in, a draft pack out that the engine's loader accepts;
its numbering, units and draft classification; and its errors (one line, exit 2)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cli import main
from engine.authoring.classify import classify
from engine.authoring.numbering import chinese_number, normalise_breaks
from engine.authoring.outline import outline
from engine.authoring.source import remove_page_markers
from engine.rules.catalog import load_catalog

ROOT = Path(__file__).resolve().parent.parent
HUKOU = ROOT / "tests" / "data" / "plans" / "hukou-2024.txt"
SEEDS = ROOT / "tests" / "data" / "seeds"


def _init(tmp_path: Path, *args: str) -> tuple[object, dict]:
    out = tmp_path / "hukou-2024"
    result = CliRunner().invoke(main, ["pack", "init", str(HUKOU), "--id", "hukou-2024", "--out", str(out), *args])
    plan = yaml.safe_load((out / "plan.yaml").read_text(encoding="utf-8")) if (out / "plan.yaml").exists() else {}
    return result, plan


def _clause(plan: dict, clause_id: str) -> dict:
    return next(c for c in plan["clauses"] if c["id"] == clause_id)


def test_init_writes_a_draft_and_says_what_to_check(tmp_path: Path) -> None:
    result, plan = _init(tmp_path)
    assert result.exit_code == 0, result.output
    assert "已写出草稿" in result.output and "17 条条款，11 个责任单位，17 条待确认（draft: true）" in result.output
    assert "请先核对：责任单位 湖口县科学技术局：名称表无法判断其类别（暂写为 other）" in result.output
    assert plan["title"] == "湖口县2024年知识产权保护工作推进计划"
    assert plan["issuer"] == "湖口县知识产权工作领导小组办公室"
    assert str(plan["date"]) == "2024-03-08"
    assert [c["id"] for c in plan["clauses"]] == ["一", *map(str, range(1, 14)), "三(一)", "三(二)", "三(三)"]
    assert all(c["draft"] is True and c["reason"].endswith("待人工确认。") for c in plan["clauses"])


def test_init_in_english(tmp_path: Path) -> None:
    result, _ = _init(tmp_path, "--lang", "en")
    assert result.exit_code == 0
    assert "wrote draft" in result.output
    assert "check first: department 湖口县科学技术局: the name table cannot tell its kind" in result.output


def test_the_draft_loads_with_the_engines_pack_loader(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules" / "common", rules / "common")
    result = CliRunner().invoke(main, ["pack", "init", str(HUKOU), "--id", "hukou-2024", "--out", str(rules / "hukou-2024")])
    assert result.exit_code == 0, result.output
    catalog = load_catalog(rules)
    plan = catalog.plans["hukou-2024"]
    assert len(plan.clauses) == 17 and all(c.draft for c in plan.clauses)
    assert catalog.rules_for_plan("hukou-2024")  # the generic TASK-*/OUTPUT-* rules are cited


def test_units_become_responsible_and_lead_with_kinds_and_the_place(tmp_path: Path) -> None:
    _, plan = _init(tmp_path)
    units = {u["id"]: u for u in plan["departments"]}
    assert units["market_regulation"] == {"id": "market_regulation", "name": "湖口县市场监督管理局",
                                          "aliases": ["县市场监管局", "湖口县市场监管局"], "kind": "market_regulation",
                                          "level": "county"}
    assert units["justice"] == {"id": "justice", "name": "湖口县司法局", "aliases": ["县司法局"], "kind": "justice", "level": "county"}
    assert units["culture_tourism"]["name"] == "湖口县文广新旅局"  # 文广新旅局 has several full forms: kept as written
    two = _clause(plan, "2")
    assert two["responsible"] == ["market_regulation", "public_security", "procuratorate"]
    assert two["lead"] == "market_regulation"
    assert two["text"].endswith("做到应移尽移。")  # the unit list is cut from the quoted text
    assert _clause(plan, "8")["lead"] == "justice"
    assert "lead" not in _clause(plan, "1")  # a 责任单位 list names no lead
    assert units["education"]["name"] == "湖口县教育体育局"


def test_draft_classification_in_the_packs_vocabulary(tmp_path: Path) -> None:
    _, plan = _init(tmp_path)
    one = _clause(plan, "1")
    assert (one["check"], one["target"]) == ("rules", "全年查处知识产权侵权假冒案件不少于30件")
    seven = _clause(plan, "7")
    assert seven["schedule"] == {"cadence": "once", "by": __import__("datetime").date(2024, 6, 30)}
    assert seven["outputs"][0]["kind"] == "body" and seven["outputs"][0]["title"] == "湖口县知识产权维权援助工作站"
    eight = _clause(plan, "8")
    assert str(eight["schedule"]["by"]) == "2024-09-30"
    assert eight["outputs"][0]["title"] == "《湖口县知识产权纠纷人民调解工作办法》"
    ten = _clause(plan, "10")
    assert "软性措辞：力争（未做到时为警告 warning）" in ten["reason"] and ten["target"].endswith("超过15家")
    thirteen = _clause(plan, "13")
    assert thirteen["schedule"] == {"cadence": "annual"} and thirteen["outputs"][0]["yearly"] is True
    assert "点名平台：信用中国(江西九江)" in _clause(plan, "11")["reason"]
    assert _clause(plan, "4")["check"] == "evidence"


@pytest.mark.parametrize("text, reason_part, schedule", [
    ("2024年6月-7月,开展自查。", "时间窗口：2024年6月-7月", {"cadence": "window"}),
    ("到2025年,建成保护体系。", "期限：到2025年", {"cadence": "once"}),
    ("每季度报送进展。", "频次：每季度", {"cadence": "quarterly"}),
    ("每半年通报一次。", "频次：每半年", {"cadence": "half_yearly"}),
    ("视情开展执法检查。", "软性措辞：视情", None),
])
def test_classify_reads_dates_frequencies_and_soft_words(text: str, reason_part: str, schedule: dict | None) -> None:
    found = classify(text)
    assert reason_part in found.reason
    if schedule is None:
        assert found.schedule is None
    else:
        assert found.schedule is not None and found.schedule["cadence"] == schedule["cadence"]


def test_a_soft_word_inside_a_title_is_not_soft() -> None:
    found = classify("贯彻落实《关于鼓励知识产权保护的意见》。")
    assert found.soft_words == ()


def test_a_bare_count_is_no_target_but_a_comparator_or_percent_is() -> None:
    assert classify("国家知识产权局等5部门印发意见。").target is None
    assert classify("正版率达到100%。").target == "正版率达到100%"


def test_init_reads_a_docx_made_from_a_seed(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in (SEEDS / "004_819baf1f750839d3.txt").read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(line)
    source = tmp_path / "tianjin.docx"
    document.save(str(source))
    result = CliRunner().invoke(main, ["pack", "init", str(source), "--id", "tianjin-2021", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    plan = yaml.safe_load((tmp_path / "tianjin-2021" / "plan.yaml").read_text(encoding="utf-8"))
    assert [c["id"] for c in plan["clauses"]][-1] == "(十六)" and len(plan["clauses"]) == 16
    assert _clause(plan, "(七)")["responsible"][0] == "court"


def test_init_reads_a_gbk_text_file(tmp_path: Path) -> None:
    source = tmp_path / "plan-gbk.txt"
    source.write_bytes(HUKOU.read_text(encoding="utf-8").encode("gb18030"))
    result = CliRunner().invoke(main, ["pack", "init", str(source), "--id", "hukou-2024", "--out", str(tmp_path / "g")])
    assert result.exit_code == 0, result.output
    assert "17 条条款" in result.output


def test_an_existing_plan_yaml_is_kept_without_force(tmp_path: Path) -> None:
    _init(tmp_path)
    result, _ = _init(tmp_path)
    assert result.exit_code == 2
    assert "hukou-2024/plan.yaml: exists; give --force to overwrite it" in result.output
    result, _ = _init(tmp_path, "--force")
    assert result.exit_code == 0


@pytest.mark.parametrize("name, content, expected", [
    ("notes.txt", "会议纪要\n今天开会讨论了工作。\n".encode("utf-8"), "no numbered clause"),
    ("broken.docx", b"not a zip file", "not a readable .docx file"),
])
def test_unreadable_or_clauseless_input_is_a_one_line_error(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    result = CliRunner().invoke(main, ["pack", "init", str(source), "--id", "x-plan", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert expected in result.output and str(source) in result.output
    assert "Traceback" not in result.output
    assert not list(tmp_path.rglob("plan.yaml"))


def test_a_bad_pack_id_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["pack", "init", str(HUKOU), "--id", "Hukou 2024", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "--id 'Hukou 2024': lower-case letters" in result.output


def test_a_missing_file_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["pack", "init", "no-such-plan.txt", "--id", "x-plan"])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_chinese_ordinals() -> None:
    assert [chinese_number(t) for t in ("一", "九", "十", "十一", "十六", "二十", "八十")] == [1, 9, 10, 11, 16, 20, 80]


def test_page_markers_of_a_scrape_are_removed_and_the_pages_joined() -> None:
    text = "网站说明。\n1、关于方案一、目标到2025年完成\n2、全部任务。二、任务1.甲项工作\n3、完成。"
    assert remove_page_markers(text) == "网站说明。\n关于方案一、目标到2025年完成全部任务。二、任务1.甲项工作完成。"


def test_a_plans_own_1_2_3_numbering_is_not_taken_for_page_markers() -> None:
    text = "1、第一项工作。\n2、第二项工作。\n3、第三项工作。"
    assert remove_page_markers(text) == text


def test_spaces_between_chinese_characters_are_line_breaks() -> None:
    assert normalise_breaks("（一）加强体系建设 进一步转变职能") == "（一）加强体系建设\n进一步转变职能"
    assert normalise_breaks("Empower enterprises") == "Empower enterprises"


def test_a_heading_run_into_its_text_is_split_at_the_text_opener() -> None:
    shape = outline("一、保障措施(一)加强组织领导全面加强党的领导,明确目标。(二)加强财政保障要做好经费保障,落实专项经费。")
    assert [(c.id, c.heading, c.words[:4]) for c in shape.clauses] == [("(一)", "加强组织领导", "全面加强"), ("(二)", "加强财政保障", "要做好经")]


def test_a_number_followed_by_a_date_at_a_line_start_is_a_label() -> None:
    shape = outline("一、任务\n1.完成甲项。\n2.2024年6月30日前建成工作站。")
    assert [c.id for c in shape.clauses] == ["1", "2"]
    assert shape.clauses[1].words.startswith("2024年6月30日前")


def test_a_decimal_inside_a_sentence_is_no_label() -> None:
    shape = outline("一、任务\n1.经费增长1.5倍,完成2.3项工作。\n2.第二项。")
    assert [c.id for c in shape.clauses] == ["1", "2"]


FORMS = ROOT / "tests" / "data" / "plans" / "forms-county.txt"


def _forms() -> dict:
    from engine.authoring.draft import draft_pack
    from engine.authoring.source import read_plan_text

    return draft_pack(read_plan_text(FORMS), "forms-county", FORMS.name).plan


def test_every_numbering_level_nests_and_repeated_labels_are_qualified() -> None:
    plan = _forms()
    assert [(c["id"], c.get("section")) for c in plan["clauses"]] == [
        ("一(一)1", "一、严格保护 (一)行政保护"),
        ("一(一)2", "一、严格保护 (一)行政保护"),
        ("一(二)1", "一、严格保护 (二)司法保护"),
        ("(1)", "一、严格保护 (二)司法保护 1."),
        ("(2)", "一、严格保护 (二)司法保护 1."),
        ("一(二)2", "一、严格保护 (二)司法保护"),
        ("二(一)1", "二、优化服务 (一)公共服务"),
        ("①", "二、优化服务 (一)公共服务 1."),
        ("②", "二、优化服务 (一)公共服务 1."),
    ]


def test_the_attachments_list_ends_the_plan() -> None:
    last = _forms()["clauses"][-1]
    assert last["text"] == "视情扩大网点覆盖范围。"
    assert "软性措辞：视情" in last["reason"]


def test_a_unit_line_of_its_own_and_a_lead_with_partners() -> None:
    clauses = {c["id"]: c for c in _forms()["clauses"]}
    assert clauses["一(一)1"]["responsible"] == ["market_regulation", "public_security"]
    assert clauses["一(一)1"]["text"] == "开展商标侵权专项整治,全年办结案件不少于20件。"
    assert (clauses["一(二)2"]["responsible"], clauses["一(二)2"]["lead"]) == (["procuratorate", "court", "public_security"], "procuratorate")
    assert clauses["①"]["schedule"]["cadence"] == "window" and str(clauses["①"]["schedule"]["end"]) == "2025-05-31"


def test_a_plan_without_a_place_keeps_the_place_word_as_written() -> None:
    units = _forms()["departments"]
    assert units[0] == {"id": "market_regulation", "name": "县市场监督管理局", "aliases": ["县市场监管局"], "kind": "market_regulation"}
    assert "level" not in units[0]  # 县 alone does not say which county


DRAFT_SNAPSHOT = ROOT / "tests" / "data" / "plans" / "hukou-2024.draft.yaml"


def test_the_hukou_draft_is_the_reviewed_one(tmp_path: Path, update_snapshots: bool) -> None:
    """The worked example of docs/authoring.md starts from this file: a change to what pack init
    writes shows here as a diff (regenerate with --update-snapshots, review, commit)."""
    result = CliRunner().invoke(main, ["pack", "init", str(HUKOU), "--id", "hukou-2024", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "hukou-2024" / "plan.yaml").read_text(encoding="utf-8")
    if update_snapshots:
        DRAFT_SNAPSHOT.write_text(written, encoding="utf-8")
    assert written == DRAFT_SNAPSHOT.read_text(encoding="utf-8"), \
        "pack init's draft of hukou-2024.txt changed: run pytest tests/test_pack_init.py --update-snapshots, review the diff"


def test_a_draft_pack_checks_a_report_at_once(tmp_path: Path) -> None:
    """pack init -> template -> check: the blank report of a unit the plan names misses every
    clause the plan names it in (nine for the market regulator), reported under its full name."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules" / "common", rules / "common")
    runner = CliRunner()
    assert runner.invoke(main, ["pack", "init", str(HUKOU), "--id", "hukou-2024", "--out", str(rules / "hukou-2024")]).exit_code == 0
    blank = tmp_path / "report.json"
    made = runner.invoke(main, ["template", "--plan", "hukou-2024", "--rules", str(rules), "--department", "湖口县市场监督管理局",
                                "--period", "2024", "-o", str(blank)])
    assert made.exit_code == 0, made.output
    checked = runner.invoke(main, ["check", str(blank), "--rules", str(rules)])
    assert checked.exit_code == 1
    assert checked.output.count("TASK-GAP") == 9
    assert "未报告第7项“2024年6月30日前建成湖口县知识产权维权援助工作站并挂牌运行”" in checked.output
    assert "DEPT-NOT-IN-TABLE" not in checked.output


def test_out_may_name_the_folder_to_write_the_pack_in(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["pack", "init", str(HUKOU), "--id", "hukou-2024", "--out", str(tmp_path / "drafts")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "drafts" / "hukou-2024" / "plan.yaml").is_file()  # the loader wants the id as folder name


def test_one_unit_written_two_ways_is_one_unit_with_both_aliases() -> None:
    from engine.authoring.draft import draft_pack

    plan = draft_pack("某县工作要点\n一、任务\n1.甲。(责任单位:县法院)\n2.乙。(责任单位:县人民法院、县公安)\n", "x-plan", "x").plan
    assert plan["departments"][0] == {"id": "court", "name": "县人民法院", "aliases": ["县法院"], "kind": "court"}
    assert plan["clauses"][1]["responsible"] == ["court", "public_security"]


def test_a_draft_the_loader_refuses_is_a_one_line_error_naming_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import engine.commands.pack as pack_command

    real_render = pack_command.render
    monkeypatch.setattr(pack_command, "render", lambda draft, name: real_render(draft, name).replace("- id: '2'\n", "- id: '1'\n"))
    result = CliRunner().invoke(main, ["pack", "init", str(HUKOU), "--id", "hukou-2024", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "hukou-2024/plan.yaml:" in result.output and "clause 1 listed twice" in result.output
    assert "does not load: please report it" in result.output and "Traceback" not in result.output
