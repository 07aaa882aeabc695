"""Department matching through the alias table, and the coverage promises of every pack."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from engine.coverage import coverage
from engine.departments import close_matches, department_identity, match_department, normalise_name
from engine.model.report import Department, DepartmentKind
from engine.rules.catalog import load_catalog
from engine.rules.plan_model import Check, Plan
from engine.rules.yaml_source import RuleLoadError
from engine.plans.duty import Basis
from engine.plans.identity import resolve_department
from engine.template import department_clauses, year_period

PLAN = Plan.model_validate({
    "id": "ruichang", "title": "瑞昌市关于加强知识产权保护工作实施方案", "issuer": "瑞昌市人民政府办公室",
    "date": "2021-06-01", "period": {"start": "2021-06-01", "end": "2025-12-31"}, "seed": "000.txt",
    "departments": [
        {"id": "amr", "name": "瑞昌市市场监督管理局", "aliases": ["市市场监管局", "市场监管局"], "kind": "market_regulation"},
        {"id": "police", "name": "瑞昌市公安局", "aliases": ["市公安局"], "kind": "public_security"},
    ],
    "clauses": [{"id": "2", "title": "两法衔接", "text": "加强行政执法与刑事司法衔接。", "check": "evidence",
                 "responsible": ["amr", "police"], "lead": "amr"}],
})


@pytest.mark.parametrize("name", ["瑞昌市市场监督管理局", "市市场监管局", "市场监管局", " 市场监管局 ", "市场監管局"[:0] + "市场监管局"])
def test_aliases_match(name: str):
    assert match_department(PLAN, name).id == "amr"


def test_full_width_and_spaces_do_not_matter():
    assert normalise_name("瑞昌市 公安局（ ）") == normalise_name("瑞昌市公安局()")


def test_identity_is_the_plans_name_for_any_alias():
    assert {department_identity(PLAN, n) for n in ["市市场监管局", "瑞昌市市场监督管理局", "市场监管局 "]} == {"瑞昌市市场监督管理局"}


def test_identity_without_a_unit_is_the_normalised_name():
    kind_only = PLAN.model_copy(update={"departments": []})
    assert department_identity(kind_only, "哈尔滨市 市场监督管理局") == "哈尔滨市市场监督管理局"
    assert department_identity(None, "哈尔滨市（市场监督管理局）") == "哈尔滨市市场监督管理局"
    assert department_identity(PLAN, "瑞昌市文化广电新闻出版旅游局") == "瑞昌市文化广电新闻出版旅游局"


def test_a_renamed_department_keeps_its_finding_fingerprints(tmp_path: Path):
    """Reports of one unit under two of its names are one department's history in run diffs."""
    import json

    from engine.checker import Checker

    checker = Checker.default()
    source = Path(__file__).parent.parent / "samples" / "ruichang" / "market-regulation-2024-gaps.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    prints = []
    for name in ("瑞昌市市场监督管理局", "市市场监管局"):
        data["department"]["name"] = name
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        prints.append(sorted(f.fingerprint for f in checker.check_path(path).findings))
    assert prints[0] and prints[0] == prints[1]


def test_unknown_department_lists_close_matches():
    assert match_department(PLAN, "瑞昌市市场监督局") is None
    assert close_matches(PLAN, "瑞昌市市场监督局")[0] == "瑞昌市市场监督管理局"


def test_close_matches_and_names_in_brackets_in_the_ruichang_pack(repo: Path):
    plan = load_catalog(repo / "rules").plans["ruichang"]
    assert close_matches(plan, "瑞昌市发展改革委") == ["瑞昌市发展和改革委员会"]
    # alike only in 瑞昌市…局: suggesting them would invite filing under another unit's name
    assert close_matches(plan, "瑞昌市教育体育局") == []
    assert close_matches(plan, "瑞昌市人力资源和社会保障局") == []
    # another of the body's names in brackets, and the forms the plan's own words take
    assert match_department(plan, "瑞昌市文化广电新闻出版旅游局（市版权局）").id == "culture"
    assert match_department(plan, "瑞昌市政协社会和法制委员会").id == "cppcc_social_legal"
    assert match_department(plan, "瑞昌市人大常委会财政经济工作委员会").id == "npc_finance"


def test_every_clause_classified_and_every_rules_clause_checked(repo: Path):
    catalog = load_catalog(repo / "rules")
    for cov in coverage(catalog):
        problems = [(row.clause.id, row.problem) for row in cov.rows if row.problem]
        assert not problems, f"{cov.plan.id}: {problems}"
        assert sum(cov.totals()[k] for k in ("with_rules", "evidence_only", "not_checkable")) == len(cov.rows)


def test_every_department_kind_is_assigned_by_some_plan(repo: Path):
    """A kind no plan assigns a clause to (nor names a unit of) is a value reports cannot use."""
    catalog = load_catalog(repo / "rules")
    used = {kind for plan in catalog.plans.values() for clause in plan.clauses for kind in clause.suggested_kinds}
    used |= {unit.kind for plan in catalog.plans.values() for unit in plan.departments}
    assert set(DepartmentKind) - used == set()


# Heilongjiang items suggested to the provincial unit of the kinds cyberspace, industry_it,
# financial_regulation and education: exactly these.
HLJ_ADDED_KINDS = {
    ("中共黑龙江省委网络安全和信息化委员会办公室", "cyberspace"): ["35"],
    ("黑龙江省工业和信息化厅", "industry_it"): ["51"],
    ("国家金融监督管理总局黑龙江监管局", "financial_regulation"): ["61"],
    ("黑龙江省教育厅", "education"): ["38", "62", "63"],  # 38: 高校志愿者队伍 (the universities answer to it)
}


@pytest.mark.parametrize("name, kind", list(HLJ_ADDED_KINDS), ids=[k for _, k in HLJ_ADDED_KINDS])
def test_heilongjiang_items_of_the_added_kinds(repo: Path, name: str, kind: str):
    """The plan names no unit: these items are suggested to the provincial unit of the kind (its
    template and to-do list), never a duty, and nothing to a county unit of that kind."""
    plan = load_catalog(repo / "rules").plans["heilongjiang-2023"]
    province = resolve_department(plan, Department(name=name, kind=kind, level="province"))
    wanted = HLJ_ADDED_KINDS[(name, kind)]
    duties = department_clauses(plan, province, year_period(2024))
    assert [d.clause.id for d in duties] == wanted
    assert all(d.basis is Basis.suggested for d in duties)
    assert all(plan.clause(c).check is Check.evidence for c in wanted)
    county = resolve_department(plan, Department(name=name, kind=kind, level="county"))
    assert department_clauses(plan, county, year_period(2024)) == []


def test_every_rule_cites_an_existing_clause_of_some_plan(repo: Path):
    catalog = load_catalog(repo / "rules")
    for rule_id, item in catalog.rules.items():
        assert item.clauses, f"{rule_id} is used by no plan"
        for plan_id, clause_id in item.clauses.items():
            # None: the plan applies the rule under none of its clauses (uses without clause)
            assert clause_id in ("*", None) or catalog.plans[plan_id].clause(clause_id), (rule_id, plan_id, clause_id)


def test_clause_naming_unknown_department_is_a_load_error(repo: Path, tmp_path: Path):
    shutil.copytree(repo / "rules", tmp_path / "rules")
    plan = tmp_path / "rules" / "heilongjiang-2023" / "plan.yaml"
    text = plan.read_text(encoding="utf-8").replace("    check: rules\n", "    check: rules\n    responsible: [nobody]\n", 1)
    plan.write_text(text, encoding="utf-8")
    with pytest.raises(RuleLoadError, match="names unknown department 'nobody'"):
        load_catalog(tmp_path / "rules")


def test_rules_commands():
    runner = CliRunner()
    cov = runner.invoke(cli.main, ["rules", "coverage", "--plan", "heilongjiang-2023"])
    assert cov.exit_code == 0 and "totals:" in cov.output
    listed = runner.invoke(cli.main, ["rules", "list"])
    assert listed.exit_code == 0 and "REG310-TEAM-SIZE" in listed.output
    shown = runner.invoke(cli.main, ["rules", "show", "REG310-TEAM-SIZE"])
    assert shown.exit_code == 0 and "第五条" in shown.output and "test_fail_" in shown.output
    unknown = runner.invoke(cli.main, ["rules", "show", "NO-SUCH-RULE"])
    assert unknown.exit_code == 2 and "unknown rule" in unknown.stderr
    bad_plan = runner.invoke(cli.main, ["rules", "coverage", "--plan", "nowhere"])
    assert bad_plan.exit_code == 2
