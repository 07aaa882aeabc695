"""Every rule's named pass/fail cases (rules/<pack>/cases/<RULE-ID>.yaml), through both evaluators,
loaded as `plancheck rules test` loads them (engine/rules/pack_tests.py).

Run one rule's cases with `pytest -k REG310-TEAM-SIZE` (`-k HLJ-78-SURVEY::` leaves out
HLJ-78-SURVEY-DUE). A case marked `xfail` states what the law requires where the rule is believed
wrong; it must keep failing (strict) until the rule is fixed, and only by missing its
expectation, never by the evaluators disagreeing.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from engine.checker import Checker
from engine.rules.cases import RuleCase, load_base, run_case
from engine.rules.catalog import COMMON, load_catalog
from engine.rules.model import Scope
from engine.rules.pack_tests import base_dirs, case_folder, pack_cases
from engine.rules.yaml_source import load_yaml

REPO = Path(__file__).resolve().parent.parent
CATALOG = load_catalog(REPO / "rules")
PACKS = [COMMON, *sorted(CATALOG.plans)]
CASES = pack_cases(CATALOG, PACKS)
CASE_FILES = sorted(p for pack in PACKS for p in case_folder(CATALOG, pack).glob("*.yaml"))
BASES = sorted(p for folder in base_dirs(CATALOG) for p in folder.glob("*.json"))


class ExpectationNotMet(AssertionError):
    """The rule did not do what the case expects: the one failure an xfail case may show."""


def _param(case: RuleCase):
    marks = [pytest.mark.xfail(reason=case.xfail, strict=True, raises=ExpectationNotMet)] if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_rule_case(case: RuleCase, checker: Checker, reference_checker: Checker) -> None:
    durable = run_case(case, checker)
    reference = run_case(case, reference_checker)
    assert set(durable.findings) == set(reference.findings), (
        f"{case.id}: evaluators disagree: durable {sorted(durable.findings)} reference {sorted(reference.findings)}"
    )
    if not durable.passed:
        raise ExpectationNotMet(durable.explain())


def test_every_rule_has_a_pass_and_a_fail_case() -> None:
    plain = Counter((case.rule_id, case.expect) for case in CASES if case.xfail is None)
    lacking = [
        # run-scope (reconciliation) rules span several reports: tests/test_reconcile.py covers them
        f"{rule_id}: {expect}" for rule_id in sorted(r.rule.id for r in CATALOG.scoped(Scope.report))
        for expect in ("pass", "fail") if plain[(rule_id, expect)] == 0
    ]
    assert not lacking, "rules without a (non-xfail) case: " + ", ".join(lacking)


def test_every_case_file_names_an_existing_rule_of_its_pack() -> None:
    for path in CASE_FILES:
        rule_id = load_yaml(path, allow_aliases=True).data["rule"]
        assert rule_id in CATALOG.rules, f"{path}: unknown rule {rule_id}"
        assert path.stem == rule_id, f"{path}: holds the cases of {rule_id}"
        assert CATALOG.rules[rule_id].path.parent == path.parent.parent, f"{path}: belongs in its rule's pack"


def test_every_case_file_was_loaded() -> None:
    assert {case.rule_id for case in CASES} == {p.stem for p in CASE_FILES}


def test_every_base_sits_in_the_pack_of_its_plan() -> None:
    for path in BASES:
        plan = json.loads(path.read_text(encoding="utf-8"))["plan"]
        assert path.parent.parent.parent.name == plan, f"{path}: a base of plan {plan} belongs in rules/{plan}/cases/bases"


def test_base_names_are_unique_across_packs() -> None:
    repeated = [name for name, n in Counter(p.stem for p in BASES).items() if n > 1]
    assert not repeated


def test_case_ids_are_unique() -> None:
    repeated = [case_id for case_id, n in Counter(case.id for case in CASES).items() if n > 1]
    assert not repeated


def test_every_fail_case_names_its_subject() -> None:
    vague = [case.id for case in CASES if case.expect == "fail" and not case.subjects]
    assert not vague, "fail cases should say which object the finding is about: " + ", ".join(vague)


def test_every_base_is_used() -> None:
    named = set()
    for path in CASE_FILES:
        data = load_yaml(path, allow_aliases=True).data
        named |= {data["base"]} | {c["base"] for c in data["cases"].values() if "base" in c}
    assert named == {p.stem for p in BASES}


@pytest.mark.parametrize("path", BASES, ids=[p.stem for p in BASES])
def test_base_report_alone_has_no_findings(path: Path, checker: Checker, reference_checker: Checker) -> None:
    _, loaded = load_base(path)
    for evaluator in (checker, reference_checker):
        findings = [(f.rule_id, f.subject) for f in evaluator.check_loaded(loaded).findings]
        assert findings == [], f"{path.name} must be compliant on its own"


@pytest.mark.parametrize("old", ["tests/rule_cases", "tests/scenarios"])
def test_no_cases_or_scenarios_left_where_nothing_runs_them(old: str) -> None:
    """Cases live in their rule's pack (rules/<pack>/cases/), scenarios in their plan's
    (rules/<plan>/scenarios/): a file added in the old place would never run."""
    stray = sorted(p.relative_to(REPO).as_posix() for p in (REPO / old).rglob("*") if p.is_file())
    assert not stray, f"move these into the packs (docs/authoring.md, 'How to write cases'): {stray}"
