"""The scenario suite: whole reports written the way real departments write them, each with the
findings an expert auditor would raise, written down from the plan and the law before the engine
was run (rules/<plan>/scenarios/<name>.json or .xml, beside <name>.expect.yaml). The loader and
the comparison are engine/rules/scenarios.py, which `plancheck rules test` runs too.

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

from pathlib import Path

import pytest

from engine.checker import Checker
from engine.rules.packs import SCENARIOS_DIR
from engine.rules.scenarios import Scenario, load_scenarios, scenario_problems, spec_problems

RULES = Path(__file__).resolve().parent.parent / "rules"
ALL = [s for pack in sorted(RULES.iterdir()) if pack.is_dir() for s in load_scenarios(pack / SCENARIOS_DIR)]


def test_the_suite_is_large_enough():
    plans = {s.spec["plan"] for s in ALL}
    compliant = [s for s in ALL if s.spec.get("compliant")]
    expected = sum(len(s.spec.get("expect") or []) for s in ALL)
    traps = sum(len(s.spec.get("traps") or []) for s in ALL)
    assert len(ALL) >= 40 and len(plans) == 5 and len(compliant) >= 8, (len(ALL), plans, len(compliant))
    assert expected >= 30 and traps >= 60, (expected, traps)


def test_every_scenario_sits_in_its_plans_pack():
    misplaced = [s.name for s in ALL if s.report.parent.parent.name != s.spec["plan"]]
    assert not misplaced


@pytest.mark.parametrize("scenario", ALL, ids=[s.name for s in ALL])
def test_scenario_spec_is_well_formed(scenario: Scenario):
    assert spec_problems(scenario.spec) == []


@pytest.mark.parametrize("scenario", ALL, ids=[s.name for s in ALL])
def test_scenario(scenario: Scenario, checker: Checker):
    problems = scenario_problems(scenario, checker)
    assert not problems, f"{scenario.name}:\n  " + "\n  ".join(problems)
