"""Scenarios: whole reports with the findings an expert auditor raises and must not raise — the
one loader and comparison shared by tests/test_scenarios.py and `plancheck rules test`.

A pack keeps them in `rules/<pack>/scenarios/`: `<name>.json` (or `.xml`) beside
`<name>.expect.yaml` (docs/scenarios.md). The comparison goes both ways: every expected finding
must be raised, every error or warning raised must be expected, no trap may be hit, and a report
marked `compliant` has no error and no warning.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..checker import Checker
from ..findings import Finding
from ..io.source import InputError
from .yaml_source import RuleLoadError, load_yaml

EXPECT_SUFFIX = ".expect.yaml"
MATCH_KEYS = ("rule", "category", "subject", "clause", "severity")


class ScenarioError(RuleLoadError):
    """A scenario that cannot be used. str() is `file:line: what is wrong`."""


@dataclass(frozen=True)
class Scenario:
    report: Path
    spec_path: Path
    spec: dict[str, Any]

    @property
    def name(self) -> str:
        return f"{self.report.parent.name}/{self.report.name}"


def spec_problems(spec: Any) -> list[str]:
    """What is wrong with an expectation file's content (empty when it is well formed)."""
    if not isinstance(spec, dict):
        return ["an expectation file is a mapping"]
    problems = [f"{key} is required" for key in ("title", "plan", "why") if not spec.get(key)]
    for key in ("expect", "traps"):
        for want in spec.get(key) or []:
            if not isinstance(want, dict):
                problems.append(f"{key}: an entry is a mapping, not {want!r}")
                continue
            unknown = set(want) - {*MATCH_KEYS, "why"}
            if unknown:
                problems.append(f"{key}: unknown keys {', '.join(sorted(unknown))}")
            if not (("rule" in want or "category" in want) and ("subject" in want or "clause" in want)):
                problems.append(f"{key}: {want} needs rule or category, and subject or clause")
            if not want.get("why"):
                problems.append(f"{key}: entry without a why: {want}")
            if key == "expect" and want.get("severity") not in ("error", "warning", "info"):
                problems.append(f"expect: {want} needs severity error, warning or info")
    if spec.get("compliant") and any(w.get("severity") != "info" for w in spec.get("expect") or []
                                     if isinstance(w, dict)):
        problems.append("a compliant report expects no error or warning")
    return problems


def load_scenarios(folder: Path) -> list[Scenario]:
    """Every scenario of a folder, in name order (none when the folder does not exist)."""
    found = []
    for spec_path in sorted(folder.glob(f"*{EXPECT_SUFFIX}")):
        stem = spec_path.name.removesuffix(EXPECT_SUFFIX)
        reports = [p for p in (spec_path.with_name(stem + ".json"), spec_path.with_name(stem + ".xml")) if p.exists()]
        if len(reports) != 1:
            raise ScenarioError(f"{spec_path}:1: needs exactly one report file {stem}.json or {stem}.xml")
        doc = load_yaml(spec_path)
        problems = spec_problems(doc.data)
        if problems:
            raise ScenarioError(f"{spec_path}:1: {problems[0]}")
        found.append(Scenario(reports[0], spec_path, doc.data))
    return found


def matches(finding: Finding, want: dict[str, Any]) -> bool:
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


def shown(finding: Finding) -> str:
    clause = finding.citation.clause if finding.citation else "-"
    return f"{finding.rule_id} {finding.severity.value} {finding.category} {finding.subject} (clause {clause})"


def _want(want: dict[str, Any]) -> str:
    return " ".join(f"{k}={want[k]}" for k in MATCH_KEYS if k in want)


def scenario_problems(scenario: Scenario, checker: Checker) -> list[str]:
    """Every way the engine's findings on the scenario's report differ from its expectations."""
    spec = scenario.spec
    try:
        result = checker.check_path(scenario.report, self_check=bool(spec.get("self_check")))
    except InputError as exc:
        return [f"the report cannot be checked: {exc.line()}"]
    findings = list(result.findings)
    problems = []
    if result.loaded.report.plan != spec["plan"]:
        problems.append(f"the report is of plan {result.loaded.report.plan}, the expectations of {spec['plan']}")
    expected = spec.get("expect") or []
    problems += [f"missing: {_want(w)}" for w in expected if not any(matches(f, w) for f in findings)]
    problems += [f"not expected: {shown(f)}" for f in findings
                 if f.severity.value != "info" and not any(matches(f, w) for w in expected)]
    for trap in spec.get("traps") or []:
        problems += [f"trap hit ({trap['why']}): {shown(f)}" for f in findings if matches(f, trap)]
    if spec.get("compliant"):
        problems += [f"compliant report has: {shown(f)}" for f in findings if f.severity.value != "info"]
    return list(dict.fromkeys(problems))
