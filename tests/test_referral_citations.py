"""Under which plan clause the referral rules (国务院令第310号) file their findings.

A finding is filed under a clause whose text speaks of what the rule checks (Heilongjiang 18,
Tianjin (七), Ruichang 2 and 7), never under a clause about something else: where no clause of a
plan speaks of referral (Chengdu, Shanghai), the plan applies the rules with no clause (`uses`
without `clause`) and the finding carries the national basis alone.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from engine.checker import Checker
from engine.credit_code import with_check_digit
from engine.rules.catalog import load_catalog
from engine.rules.yaml_source import RuleLoadError

REFERRAL_PREFIXES = ("REG310-", "RECON-REFERRAL-", "RECON-RECEIVED-")
POLICE_RULES = ("REG310-RECEIVED-DECISION-LATE", "REG310-RECEIVED-DECISION-LATE-CALENDAR",
                "REG310-RECEIVED-DECISION-MISSING", "REG310-RECEIVED-NOTICE-MISSING",
                "REG310-RECEIVED-REFUSAL-REASONS")


@pytest.fixture(scope="module")
def catalog(repo: Path):
    return load_catalog(repo / "rules")


def _referral_rules(catalog) -> list[str]:
    return sorted(rid for rid in catalog.rules if rid.startswith(REFERRAL_PREFIXES))


@pytest.mark.parametrize("plan_id", ["chengdu-2023", "shanghai-district"])
def test_plans_without_a_referral_clause_apply_the_referral_rules_under_none(catalog, plan_id: str):
    rules = _referral_rules(catalog)
    assert rules
    assert {rid: catalog.rules[rid].clauses[plan_id] for rid in rules} == {rid: None for rid in rules}


@pytest.mark.parametrize("plan_id", ["chengdu-2023", "shanghai-district"])
def test_penalty_publication_is_filed_where_a_clause_speaks_of_it(catalog, plan_id: str):
    # Chengdu 三(二) speaks of 信用体系建设; no Shanghai clause speaks of publishing penalties
    expected = {"chengdu-2023": "三(二)", "shanghai-district": None}[plan_id]
    assert catalog.rules["PENALTY-NOT-PUBLISHED"].clauses[plan_id] == expected


@pytest.mark.parametrize("rule_id", POLICE_RULES)
def test_police_rules_are_cited_where_a_clause_speaks_of_referral(catalog, rule_id: str):
    # Ruichang 7: 解决有案不立, and 市公安 is one of its 责任单位
    assert catalog.rules[rule_id].clauses == {
        "ruichang": "7", "heilongjiang-2023": "18", "tianjin-2021": "(七)",
        "chengdu-2023": None, "shanghai-district": None,
    }


def test_handover_rules_stay_under_ruichang_2(catalog):
    for rule_id in ("REG310-HANDOVER-LATE", "REG310-HANDOVER-LATE-FROM-DECISION", "REG310-HANDOVER-MISSING",
                    "REG310-HANDOVER-MISSING-FROM-DECISION", "REG310-NOTICE-RECEIVED-BEFORE-DECISION"):
        assert catalog.rules[rule_id].clauses["ruichang"] == "2", rule_id


def _chengdu_report_with_a_short_team(repo: Path, tmp_path: Path) -> Path:
    data = json.loads((repo / "rules" / "chengdu-2023" / "cases" / "bases" / "chengdu-2023-amr.json").read_text(encoding="utf-8"))
    data["cases"] = [{
        "id": "CDSJ-2024-0088", "ip_type": "trademark",
        "conduct": {"kind": "sell_counterfeit_trademark_goods", "end": "2024-04-30"},
        "party": {"name": "成都市锦江区恒昌酒行", "type": "individual_business",
                  "credit_code": with_check_digit("92510104MA6CK7R3X")},
        "filed_date": "2024-05-06", "amounts": {"sales_amount": 81000}, "items_seized": True,
        "suspected_crime": True, "disposition": "referred",
    }]
    data["referrals"] = [{"id": "CDYS-2024-01", "case_id": "CDSJ-2024-0088", "team_members": ["李强"],
                          "report_received": "2024-05-13"}]
    path = tmp_path / "chengdu-amr.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_referral_finding_in_chengdu_cites_no_clause(repo: Path, tmp_path: Path, checker: Checker):
    result = checker.check_path(_chengdu_report_with_a_short_team(repo, tmp_path))
    referral = [f for f in result.findings if f.rule_id.startswith("REG310-")]
    assert {f.rule_id for f in referral} >= {"REG310-TEAM-SIZE"}
    assert all(f.citation is None for f in referral)
    assert all(basis.article for f in referral for basis in f.legal_basis)


def test_text_output_files_it_under_no_clause(repo: Path, tmp_path: Path):
    path = _chengdu_report_with_a_short_team(repo, tmp_path)
    out = CliRunner().invoke(cli.main, ["check", str(path), "--no-color"]).output
    heading, _, rest = out.partition("（不对应计划条款）")
    assert rest and "REG310-TEAM-SIZE" in rest.split("\n第")[0]


def test_rules_list_and_show_say_the_rule_has_no_clause_there():
    runner = CliRunner()
    listing = runner.invoke(cli.main, ["rules", "list", "--plan", "chengdu-2023"]).output
    line = next(l for l in listing.splitlines() if l.startswith("REG310-TEAM-SIZE "))
    assert "chengdu-2023:-" in line and "heilongjiang-2023:18" in line
    shown = runner.invoke(cli.main, ["rules", "show", "REG310-TEAM-SIZE"]).output
    assert "clause (chengdu-2023): （不对应计划条款，依国家规定检查）" in shown


def test_a_use_without_clause_still_needs_rules_that_exist(repo: Path, tmp_path: Path):
    shutil.copytree(repo / "rules", tmp_path / "rules")
    plan = tmp_path / "rules" / "chengdu-2023" / "plan.yaml"
    text = plan.read_text(encoding="utf-8").replace(
        '  - {rules: ["REG310-*", "RECON-REFERRAL-*", "RECON-RECEIVED-*"]}',
        '  - {rules: ["REG310-*", "RECON-REFERRAL-*", "RECON-RECEIVED-*", "REG311-*"]}')
    plan.write_text(text, encoding="utf-8")
    with pytest.raises(RuleLoadError, match="'REG311-\\*' matches no national rule"):
        load_catalog(tmp_path / "rules")
