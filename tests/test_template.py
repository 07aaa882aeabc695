"""`plancheck template`: for every plan (whatever plans exist under rules/) and every kind of
department it assigns clauses to, the blank report validates against the published JSON Schema
and XSD, lists exactly the clauses that department answers for, and checking it unmodified gives
a TASK-GAP for every one of them."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from lxml import etree

import cli
from engine.checker import Checker
from engine.departments import responsible_for
from engine.io.json_report import JsonSourceMap
from engine.io.read import LoadedReport, read_report
from engine.model.report import AdminLevel, Department
from engine.resources import rules_dir
from engine.rules.catalog import load_catalog
from engine.template import build_template, department_clauses, template_json, year_period

REPO = Path(__file__).resolve().parent.parent


def _departments() -> list[tuple[str, Department]]:
    """Per plan: each named unit, or one department per (kind, level) the clauses assign."""
    catalog = load_catalog(rules_dir())
    chosen = []
    for plan in sorted(catalog.plans.values(), key=lambda p: p.id):
        if plan.departments:
            for unit in plan.departments:
                chosen.append((plan.id, Department(name=unit.name, kind=unit.kind, level=unit.level or AdminLevel.province)))
            continue
        pairs = set()
        for clause in plan.clauses:
            for kind in clause.responsible_kinds:
                for level in clause.responsible_levels or [AdminLevel.province]:
                    pairs.add((kind, level))
        for kind, level in sorted(pairs, key=lambda p: (p[0].value, p[1].value)):
            chosen.append((plan.id, Department(name=f"测试{level.value}{kind.value}部门", kind=kind, level=level)))
    return chosen


DEPARTMENTS = _departments()


def test_there_are_plans_with_responsible_departments():
    assert DEPARTMENTS, "no plan under rules/ assigns clauses to departments"


@pytest.mark.parametrize("plan_id, department", DEPARTMENTS,
                         ids=[f"{p}-{d.kind.value}-{d.level.value}" for p, d in DEPARTMENTS])
def test_template_round_trip(plan_id: str, department: Department, checker: Checker, repo: Path):
    plan = checker.catalog.plans[plan_id]
    report = build_template(plan, department, year_period(2024), checker.catalog)
    wanted = [c.id for c in department_clauses(plan, department)]
    assert [t.clause for t in report.tasks] == wanted
    assert all(t.narrative and "待填报" in t.narrative for t in report.tasks)
    # it validates against the published schemas, JSON and XML
    text = template_json(report)
    schema = json.loads((repo / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    assert not list(jsonschema.Draft202012Validator(schema).iter_errors(json.loads(text)))
    from engine.io.xml_report import write_xml

    xsd = etree.XMLSchema(etree.parse(str(repo / "schemas" / "report.xsd")))
    assert xsd.validate(etree.fromstring(write_xml(report))), xsd.error_log
    # unmodified, it is one gap per clause
    loaded = LoadedReport("template.json", "json", report, JsonSourceMap(text), text.encode("utf-8"))
    findings = checker.check_loaded(loaded).findings
    gaps = sorted(f.subject for f in findings if f.rule_id == "TASK-GAP")
    assert gaps == sorted(f"clause/{c}" for c in wanted)


def test_template_clauses_are_exactly_the_responsible_ones(checker: Checker):
    plan = checker.catalog.plans["heilongjiang-2023"]
    court = Department(name="黑龙江省高级人民法院", kind="court", level="province")
    listed = {c.id for c in department_clauses(plan, court)}
    assert listed == {c.id for c in plan.clauses if responsible_for(c, court, None)}
    assert "78" in listed and "33" not in listed  # white papers yes, credit lists no


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_cli_writes_a_template_that_reads_back(tmp_path: Path, fmt: str):
    out = tmp_path / f"template.{fmt}"
    result = CliRunner().invoke(cli.main, [
        "template", "--plan", "heilongjiang-2023", "--department", "黑龙江省高级人民法院",
        "--kind", "court", "--level", "province", "--period", "2024", "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = read_report(out).report
    assert report.period.start.isoformat() == "2024-01-01" and report.department.kind.value == "court"
    checked = CliRunner().invoke(cli.main, ["check", str(out)])
    assert checked.exit_code == 1 and "TASK-GAP" in checked.stdout


def test_cli_needs_kind_and_level_when_the_plan_names_no_units():
    result = CliRunner().invoke(cli.main, ["template", "--plan", "heilongjiang-2023", "--department", "黑龙江省高级人民法院"])
    assert result.exit_code == 2 and "give --kind and --level" in result.stderr


def test_cli_unknown_plan_is_exit_2():
    result = CliRunner().invoke(cli.main, ["template", "--plan", "no-such-plan", "--department", "某局"])
    assert result.exit_code == 2 and "unknown plan 'no-such-plan'" in result.stderr
