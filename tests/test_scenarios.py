"""The scenario suite: whole reports written the way real departments write them, each with the
findings an expert auditor would raise, written down from the plan and the law before the engine
was run (tests/scenarios/<plan>/<name>.json or .xml, beside <name>.expect.yaml).

The comparison goes both ways: every expected finding must be raised, and every error or warning
raised must be expected; the traps (findings an auditor must NOT see: unassigned clauses,
not-yet-due items, another body's publication, a figure exactly at its target…) must not be
raised; a report marked `compliant` must come out with no error and no warning. Notes (info) are
compared only where a scenario expects one.

A finding is matched by its severity, by its rule id or its category, and by its subject (the
engine's subject key, e.g. clause/78, credit/SX-2024-001) or the plan clause it is filed under.
When a rule changes, an expectation here changes only with a reason in the commit.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from engine.checker import CheckResult, Checker
from engine.findings import Finding

SCENARIOS = Path(__file__).parent / "scenarios"
MATCH_KEYS = ("rule", "category", "subject", "clause", "severity")


@dataclass(frozen=True)
class Scenario:
    report: Path
    spec: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.report.relative_to(SCENARIOS))


def _scenarios() -> list[Scenario]:
    found = []
    for spec_path in sorted(SCENARIOS.glob("*/*.expect.yaml")):
        stem = spec_path.name.removesuffix(".expect.yaml")
        reports = [p for p in (spec_path.with_name(stem + ".json"), spec_path.with_name(stem + ".xml")) if p.exists()]
        assert len(reports) == 1, f"{spec_path}: needs exactly one report file {stem}.json or {stem}.xml"
        found.append(Scenario(reports[0], yaml.safe_load(spec_path.read_text(encoding="utf-8"))))
    return found


ALL = _scenarios()


def _matches(finding: Finding, want: dict[str, Any]) -> bool:
    if "rule" in want and finding.rule_id != want["rule"]:
        return False
    if "category" in want and finding.category != want["category"]:
        return False
    if "severity" in want and finding.severity.value != want["severity"]:
        return False
    if "subject" in want and finding.subject != want["subject"]:
        return False
    if "clause" in want and (finding.citation is None or finding.citation.clause != str(want["clause"])):
        return False
    return True


def _shown(finding: Finding) -> str:
    clause = finding.citation.clause if finding.citation else "-"
    return f"{finding.rule_id} {finding.severity.value} {finding.category} {finding.subject} (clause {clause})"


def _check(scenario: Scenario, checker: Checker) -> CheckResult:
    return checker.check_path(scenario.report, self_check=bool(scenario.spec.get("self_check")))


def test_the_suite_is_large_enough():
    plans = {s.spec["plan"] for s in ALL}
    compliant = [s for s in ALL if s.spec.get("compliant")]
    expected = sum(len(s.spec.get("expect") or []) for s in ALL)
    traps = sum(len(s.spec.get("traps") or []) for s in ALL)
    assert len(ALL) >= 40 and len(plans) == 5 and len(compliant) >= 8, (len(ALL), plans, len(compliant))
    assert expected >= 30 and traps >= 60, (expected, traps)


@pytest.mark.parametrize("scenario", ALL, ids=[s.name for s in ALL])
def test_scenario_spec_is_well_formed(scenario: Scenario):
    spec = scenario.spec
    assert spec.get("title") and spec.get("plan") and spec.get("why"), "title, plan and why are required"
    for key in ("expect", "traps"):
        for want in spec.get(key) or []:
            assert set(want) <= {*MATCH_KEYS, "why"}, f"{key}: unknown keys {set(want) - {*MATCH_KEYS, 'why'}}"
            assert ("rule" in want or "category" in want) and ("subject" in want or "clause" in want), want
            assert want.get("why"), f"{key} entry without a why: {want}"
            if key == "expect":
                assert want.get("severity") in ("error", "warning", "info"), want
    if spec.get("compliant"):
        assert not [w for w in spec.get("expect") or [] if w["severity"] != "info"], "a compliant report expects no error or warning"


@pytest.mark.parametrize("scenario", ALL, ids=[s.name for s in ALL])
def test_scenario(scenario: Scenario, checker: Checker):
    spec = scenario.spec
    result = _check(scenario, checker)
    assert result.loaded.report.plan == spec["plan"]
    findings = list(result.findings)
    expected = spec.get("expect") or []
    missing = [want for want in expected if not any(_matches(f, want) for f in findings)]
    extra = [f for f in findings if f.severity.value != "info" and not any(_matches(f, want) for want in expected)]
    hit = [(trap, [_shown(f) for f in findings if _matches(f, trap)]) for trap in spec.get("traps") or []]
    hit = [(trap, shown) for trap, shown in hit if shown]
    problems = []
    problems += [f"missing: {want}" for want in missing]
    problems += [f"not expected: {_shown(f)}" for f in extra]
    problems += [f"trap hit: {trap['why']} -> {shown}" for trap, shown in hit]
    if spec.get("compliant"):
        problems += [f"compliant report has: {_shown(f)}" for f in findings if f.severity.value != "info"]
    assert not problems, f"{scenario.name}:\n  " + "\n  ".join(dict.fromkeys(problems))
