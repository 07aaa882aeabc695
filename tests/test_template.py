"""`plancheck template`: for every plan (whatever plans exist under rules/) and every kind of
department it names or suggests clauses to, the blank report validates against the published
JSON Schema and XSD, lists exactly the clauses due in the year that the department answers for or
is suggested to report, and checking it unmodified gives a TASK-GAP for every clause it answers
for (and, in a self-check, a TASK-SUGGESTED note for every suggested one)."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from lxml import etree

import cli
from engine.checker import Checker
from engine.io.json_report import JsonSourceMap
from engine.io.read import LoadedReport, read_report
from engine.model.report import AdminLevel, Department, DepartmentKind
from engine.plans.identity import ResolvedDepartment, resolve_department
from engine.resources import rules_dir
from engine.rules.catalog import load_catalog
from engine.template import build_template, department_clauses, template_json, year_period

REPO = Path(__file__).resolve().parent.parent


def _departments() -> list[tuple[str, Department]]:
    """Per plan: each unit of its table, or one department per (kind, level) the clauses suggest."""
    catalog = load_catalog(rules_dir())
    chosen = []
    for plan in sorted(catalog.plans.values(), key=lambda p: p.id):
        if plan.departments:
            for unit in plan.departments:
                chosen.append((plan.id, Department(name=unit.name, kind=unit.kind, level=unit.level or AdminLevel.province)))
            continue
        pairs = set()
        for clause in plan.clauses:
            for kind in clause.suggested_kinds:
                for level in clause.suggested_levels or [AdminLevel.province]:
                    pairs.add((kind, level))
        for item in plan.own_items:
            for kind in item.kinds:
                for level in item.levels or [AdminLevel.province]:
                    pairs.add((kind, level))
        for kind, level in sorted(pairs, key=lambda p: (p[0].value, p[1].value)):
            chosen.append((plan.id, Department(name=f"测试{level.value}{kind.value}部门", kind=kind, level=level)))
    return chosen


DEPARTMENTS = _departments()


def _resolved(plan, department: Department) -> ResolvedDepartment:
    return resolve_department(plan, department)


def test_there_are_plans_with_responsible_departments():
    assert DEPARTMENTS, "no plan under rules/ assigns clauses to departments"


@pytest.mark.parametrize("plan_id, department", DEPARTMENTS,
                         ids=[f"{p}-{d.kind.value}-{d.level.value}" for p, d in DEPARTMENTS])
def test_template_round_trip(plan_id: str, department: Department, checker: Checker, repo: Path):
    plan = checker.catalog.plans[plan_id]
    resolved = _resolved(plan, department)
    period = year_period(2024)
    report = build_template(plan, resolved, period, checker.catalog)
    duties = department_clauses(plan, resolved, period)
    assert [t.clause for t in report.tasks] == [d.clause.id for d in duties]
    assert all(t.narrative and "待填报" in t.narrative for t in report.tasks)
    # it validates against the published schemas, JSON and XML
    text = template_json(report)
    schema = json.loads((repo / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    assert not list(jsonschema.Draft202012Validator(schema).iter_errors(json.loads(text)))
    from engine.io.xml_write import write_xml

    xsd = etree.XMLSchema(etree.parse(str(repo / "schemas" / "report.xsd")))
    assert xsd.validate(etree.fromstring(write_xml(report))), xsd.error_log
    # unmodified: one gap per clause it answers for; the suggested ones only in a self-check
    loaded = LoadedReport("template.json", "json", report, JsonSourceMap(text), text.encode("utf-8"))
    findings = checker.check_loaded(loaded).findings
    gaps = sorted(f.subject for f in findings if f.rule_id == "TASK-GAP")
    assert gaps == sorted(f"clause/{d.clause.id}" for d in duties if d.held)
    assert not [f for f in findings if f.rule_id == "TASK-SUGGESTED"]
    notes = sorted(f.subject for f in checker.check_loaded(loaded, self_check=True).findings
                   if f.rule_id == "TASK-SUGGESTED")
    assert notes == sorted(f"clause/{d.clause.id}" for d in duties if not d.held)


def test_template_lists_suggested_and_own_clauses_of_a_provincial_court(checker: Checker):
    plan = checker.catalog.plans["heilongjiang-2023"]
    court = _resolved(plan, Department(name="黑龙江省高级人民法院"))
    listed = {d.clause.id: d for d in department_clauses(plan, court, year_period(2024))}
    assert "78" in listed and "33" not in listed  # white papers yes, credit lists no
    assert listed["5"].basis.value == "own"  # 审判工作指导 of the 三合一 trials: the high court's
    assert listed["11"].basis.value == "suggested"


def test_an_annual_item_is_not_in_a_quarter_template(checker: Checker):
    from engine.model.report import Period
    import datetime as dt

    plan = checker.catalog.plans["heilongjiang-2023"]
    office = _resolved(plan, Department(name="黑龙江省知识产权局"))
    quarter = Period(start=dt.date(2024, 1, 1), end=dt.date(2024, 3, 31))
    listed = {d.clause.id for d in department_clauses(plan, office, quarter)}
    assert "78" not in listed and "1" in listed


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_cli_writes_a_template_that_reads_back(tmp_path: Path, fmt: str):
    out = tmp_path / f"template.{fmt}"
    result = CliRunner().invoke(cli.main, [
        "template", "--plan", "heilongjiang-2023", "--department", "黑龙江省知识产权局",
        "--kind", "ip_office", "--level", "province", "--period", "2024", "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = read_report(out).report
    assert report.period.start.isoformat() == "2024-01-01" and report.department.kind is DepartmentKind.ip_office
    checked = CliRunner().invoke(cli.main, ["check", str(out)])
    assert checked.exit_code == 1 and "TASK-GAP" in checked.stdout


def test_cli_reads_kind_and_level_off_a_standard_name(tmp_path: Path):
    out = tmp_path / "court.json"
    result = CliRunner().invoke(cli.main, ["template", "--plan", "heilongjiang-2023", "--department",
                                           "黑龙江省高级人民法院", "--period", "2024", "-o", str(out)])
    assert result.exit_code == 0, result.output
    department = read_report(out).report.department
    assert department.kind is DepartmentKind.court and department.level is AdminLevel.province


def test_cli_needs_a_level_it_cannot_read_off_the_name():
    result = CliRunner().invoke(cli.main, ["template", "--plan", "heilongjiang-2023", "--department", "知识产权保护中心"])
    assert result.exit_code == 2 and "give --level" in result.stderr


def test_cli_unknown_plan_is_exit_2():
    result = CliRunner().invoke(cli.main, ["template", "--plan", "no-such-plan", "--department", "某局"])
    assert result.exit_code == 2 and "unknown plan 'no-such-plan'" in result.stderr


def _template_tasks(*args: str) -> dict[str, str]:
    result = CliRunner().invoke(cli.main, ["template", "--plan", "heilongjiang-2023", "--period", "2024", *args])
    assert result.exit_code == 0, result.output
    return {task["clause"]: task["narrative"] for task in json.loads(result.stdout)["tasks"]}


@pytest.mark.parametrize("plan_id, department", DEPARTMENTS,
                         ids=[f"{p}-{d.kind.value}-{d.level.value}" for p, d in DEPARTMENTS])
def test_no_item_text_holds_a_raw_placeholder(plan_id: str, department: Department, checker: Checker):
    """Remediation texts are templates ({decider.dept_name}); the template's items never show one."""
    import re

    plan = checker.catalog.plans[plan_id]
    report = build_template(plan, _resolved(plan, department), year_period(2024), checker.catalog)
    for task in report.tasks:
        assert not re.search(r"\{[a-z_]+\.[a-z_]+\}", task.narrative), (task.clause, task.narrative)
        assert "要报告：" in task.narrative and "所需佐证：" in task.narrative


def test_item_18_lists_the_referral_materials_not_every_remediation():
    narrative = _template_tasks("--department", "黑龙江省市场监督管理局")["18"]
    lines = narrative.splitlines()
    # a short list: one line per part of the report, the five 第六条 materials on one line
    assert len(lines) < 16 and len(narrative) < 1500
    assert "- referrals：移送涉嫌犯罪案件的记录" in narrative
    materials = next(line for line in lines if line.startswith("- referrals[].attachments"))
    for kind in ("transfer_letter", "investigation_report", "seized_items_list", "test_report", "other_materials"):
        assert f"kind 填 {kind}" in materials
    assert "REG310-*（" in narrative  # the thirty-odd rules named by family
    assert "补报" not in narrative  # no remediation text joined in


def test_items_name_their_metric_publication_and_platforms():
    office = _template_tasks("--department", "黑龙江省知识产权局")
    assert "metrics：key 填 training_person_times，clause 填 67" in office["67"]
    assert "publications：知识产权保护状况白皮书（kind 填 ip_protection_white_paper）" in office["78"]
    # the court's white paper is the court's: not asked of the IP office
    assert "court_judicial_protection_white_paper" not in office["78"]
    regulator = _template_tasks("--department", "黑龙江省市场监督管理局")
    assert "失信名单在“信用中国(黑龙江)”的公示（platform 填 credit_china" in regulator["33"]


def test_items_name_the_outputs_the_department_produces():
    result = CliRunner().invoke(cli.main, ["template", "--plan", "chengdu-2023", "--department", "成都市市场监督管理局",
                                           "--period", "2024"])
    narratives = "\n".join(task["narrative"] for task in json.loads(result.stdout)["tasks"])
    assert "佐证标题写明“海外知识产权保护中心”，或 output 填 cd-overseas-protection-centre" in narratives
    assert "output 填 cd-overseas-protection-centre（kind 宜选 document / notice / web_page）" in narratives  # a body set up


def test_an_item_with_a_metric_asks_for_statistics():
    narrative = _template_tasks("--department", "黑龙江省知识产权局")["67"]
    assert "附统计表等佐证（kind 填 statistics" in narrative


def _written(tmp_path: Path, fmt: str, *args: str) -> Path:
    out = tmp_path / f"blank.{fmt}"
    result = CliRunner().invoke(cli.main, ["template", "--plan", "heilongjiang-2023", "--department", "黑龙江省教育厅",
                                           "--period", "2024", "--format", fmt, "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out


def test_json_template_names_the_installed_schema_and_validates_with_it(tmp_path: Path):
    """$schema is a file URI an editor can open: the schema shipped with plancheck."""
    from urllib.parse import unquote, urlsplit

    data = json.loads(_written(tmp_path, "json").read_text(encoding="utf-8"))
    assert next(iter(data)) == "$schema"
    uri = urlsplit(data["$schema"])
    assert uri.scheme == "file"
    schema_file = Path(unquote(uri.path))
    assert schema_file.name == "report.schema.json" and schema_file.is_file()
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    assert not list(jsonschema.Draft202012Validator(schema).iter_errors(data))


def test_xml_template_names_the_installed_xsd_and_validates_with_it(tmp_path: Path):
    from urllib.parse import unquote, urlsplit

    root = etree.parse(str(_written(tmp_path, "xml"))).getroot()
    namespace, location = root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation").split()
    assert namespace == etree.QName(root).namespace
    xsd_file = Path(unquote(urlsplit(location).path))
    assert xsd_file.name == "report.xsd" and xsd_file.is_file()
    xsd = etree.XMLSchema(etree.parse(str(xsd_file)))
    assert xsd.validate(root), xsd.error_log


@pytest.mark.parametrize("fmt, needle", [
    ("json", '"$schema": "https://ipo.hlj.example.gov.cn/plancheck/report.schema.json"'),
    ("xml", 'xsi:schemaLocation="urn:plancheck:report:1 https://ipo.hlj.example.gov.cn/plancheck/report.schema.json"'),
])
def test_schema_uri_can_be_given(tmp_path: Path, fmt: str, needle: str):
    out = _written(tmp_path, fmt, "--schema-uri", "https://ipo.hlj.example.gov.cn/plancheck/report.schema.json")
    assert needle in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_the_reader_accepts_the_schema_reference_it_writes(tmp_path: Path, fmt: str):
    out = _written(tmp_path, fmt)
    result = CliRunner().invoke(cli.main, ["check", str(out), "--format", "json"])
    findings = json.loads(result.stdout)["reports"][0]["findings"]
    assert not [f for f in findings if "schema" in f["location"]["pointer"] or "schema" in f["message"]]


def test_a_schema_reference_that_is_not_a_text_is_an_invalid_value(tmp_path: Path):
    data = json.loads((REPO / "tests" / "fixtures" / "template" / "education-2024-filled.json").read_text(encoding="utf-8"))
    data["$schema"] = 1
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["check", str(path)])
    assert result.exit_code == 1
    assert "REPORT-INVALID-VALUE  2:14 /$schema" in result.stdout
    assert "$schema 应为报告格式（JSON Schema）的网址或文件路径" in result.stdout


def test_rule_help_in_sarif_shows_no_raw_placeholder():
    """A rule's help is said of no finding: its remediation's {binding.field} placeholders (none of
    which a finding has filled) read as a blank, never as raw template syntax."""
    import re

    sample = REPO / "samples" / "heilongjiang-2023" / "market-regulation-2024-compliant.json"
    result = CliRunner().invoke(cli.main, ["check", str(sample), "--format", "sarif"])
    rules = json.loads(result.stdout)["runs"][0]["tool"]["driver"]["rules"]
    helps = {rule["id"]: rule["help"]["text"] for rule in rules}
    assert not {rule_id: text for rule_id, text in helps.items() if re.search(r"\{[a-z_]+\.[a-z_]+\}", text)}
    # the rules whose remediation has placeholders (filled in a finding) show a blank here
    from engine.checker import Checker

    catalog = Checker.default(REPO / "rules").catalog
    placeholder = re.compile(r"\{[a-z_]+\.[a-z_]+\}")
    templated = [rid for rid in helps if placeholder.search(catalog.rules[rid].rule.remediation.zh)]
    assert templated and all("〔…〕" in helps[rid] for rid in templated)
