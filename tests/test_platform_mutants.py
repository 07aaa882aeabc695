"""Mutation check of the publication-platform tables (rules/common/data/publication_platforms.yaml
and each plan's `publication_platforms`): they decide who must publish what where, and by when,
so the rule cases of the rules that read them must notice each of their values changed.

Each platform entry is changed one value at a time (a day more or less to publish, the other
severity for a missing or a late publication, one department kind, site name or kind of decision
left out, the 第十条 push no longer counted) and every case of the rules that read the
platforms' verdict is run with it; a change no case notices is a blind spot.
"""
from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path
from typing import Callable, Iterator, Optional

import pytest

from engine.checker import Checker
from engine.rules.cases import RuleCase, load_case_file, run_case
from engine.rules.pack_tests import base_dirs, case_file
from engine.rules.catalog import Catalog, load_catalog
from engine.rules.model import AllOf, AnyOf, Condition, Severity
from engine.rules.plan_model import PublishedDecision, RequiredPlatform

REPO = Path(__file__).resolve().parent.parent
CATALOG = load_catalog(REPO / "rules")

# The fact fields engine.publication.Assessment fills from the platforms (and expected_site on a
# posting): a rule reading one of them reads the platforms' verdict.
PLATFORM_FIELDS = {f"{prefix}{name}" for prefix in ("", "penalty_")
                   for name in ("unpublished", "unpublished_count", "unpublished_error_count", "late",
                                "late_count", "late_error_count")} | {"expected_site"}

# Changes no report can tell apart from the table as it is, with the reason.
EQUIVALENT: dict[str, str] = {}


def _conditions(where: list) -> Iterator[Condition]:
    for item in where:
        if isinstance(item, Condition):
            yield item
        else:
            yield from _conditions(item.any if isinstance(item, AnyOf) else item.all)


def _reads_platforms(rule_id: str) -> bool:
    rule = CATALOG.rules[rule_id].rule
    return any(c.field in PLATFORM_FIELDS for p in rule.when for c in _conditions(p.where))


PLATFORM_RULES = sorted(rule_id for rule_id in CATALOG.rules if _reads_platforms(rule_id))


@cache
def _cases() -> tuple[RuleCase, ...]:
    bases: dict = {}
    return tuple(case for rule_id in PLATFORM_RULES
                 for case in load_case_file(case_file(CATALOG, rule_id), CATALOG.rules, bases, base_dirs(CATALOG))
                 if case.xfail is None)


def _entries() -> list[tuple[str, int, RequiredPlatform]]:
    """(owner, index, entry): owner is "national" or a plan id."""
    found = [("national", i, p) for i, p in enumerate(CATALOG.national_platforms)]
    for plan_id, plan in sorted(CATALOG.plans.items()):
        found += [(plan_id, i, p) for i, p in enumerate(plan.publication_platforms)]
    return found


ENTRIES = _entries()
_OTHER = {Severity.error: Severity.warning, Severity.warning: Severity.error, Severity.info: Severity.warning}


def _mutants(entry: RequiredPlatform) -> list[tuple[str, RequiredPlatform]]:
    def changed(**update) -> RequiredPlatform:
        return entry.model_copy(update=update)

    found = [("a day more to publish", changed(within_working_days=entry.within_working_days + 1)),
             ("a day less to publish", changed(within_working_days=entry.within_working_days - 1)),
             ("other severity when missing", changed(severity=_OTHER[entry.severity]))]
    if PublishedDecision.penalty in entry.decisions:  # a late listing is always a warning
        found.append(("other severity when late", changed(late_severity=_OTHER[entry.late_severity])))
    found += [(f"without department kind {k.value}", changed(department_kinds=[x for x in entry.department_kinds if x != k]))
              for k in entry.department_kinds]
    found += [(f"without site name {n}", changed(names=[x for x in entry.names if x != n])) for n in entry.names]
    if len(entry.decisions) > 1:
        found += [(f"without decisions {d.value}", changed(decisions=[x for x in entry.decisions if x != d]))
                  for d in entry.decisions]
    if entry.registration_place_push:
        found.append(("push not counted", changed(registration_place_push=False)))
    return found


def _catalog_with(owner: str, index: int, entry: RequiredPlatform) -> Catalog:
    rules = {rule_id: CATALOG.rules[rule_id] for rule_id in PLATFORM_RULES}
    if owner == "national":
        national = list(CATALOG.national_platforms)
        national[index] = entry
        return dataclasses.replace(CATALOG, rules=rules, national_platforms=tuple(national))
    plan = CATALOG.plans[owner]
    platforms = list(plan.publication_platforms)
    platforms[index] = entry
    plans = {**CATALOG.plans, owner: plan.model_copy(update={"publication_platforms": platforms})}
    return dataclasses.replace(CATALOG, rules=rules, plans=plans)


def _outcomes(catalog: Catalog, cases: tuple[RuleCase, ...]) -> list[bool]:
    checker = Checker(catalog, evaluator="reference")
    return [run_case(case, checker).passed for case in cases]


def _relevant(owner: str) -> tuple[RuleCase, ...]:
    """A plan's platforms can change only reports of that plan."""
    return tuple(c for c in _cases() if owner == "national" or c.loaded.report.plan == owner)


def test_platform_rules_are_found():
    assert {"PENALTY-NOT-PUBLISHED", "CREDIT-NOT-PUBLISHED", "PENALTY-POSTING-OTHER-SITE"} <= set(PLATFORM_RULES)


@pytest.mark.parametrize("owner, index, entry", ENTRIES, ids=[f"{o}-{i}-{e.name}" for o, i, e in ENTRIES])
def test_every_change_to_a_platform_entry_is_noticed(owner: str, index: int, entry: RequiredPlatform):
    cases = _relevant(owner)
    rules = {rule_id: CATALOG.rules[rule_id] for rule_id in PLATFORM_RULES}
    real = _outcomes(dataclasses.replace(CATALOG, rules=rules), cases)
    assert all(real), [c.id for c, ok in zip(cases, real) if not ok]
    unnoticed = []
    for label, mutant in _mutants(entry):
        key = f"{owner}/{entry.name}: {label}"
        if key in EQUIVALENT:
            continue
        if _outcomes(_catalog_with(owner, index, mutant), cases) == real:
            unnoticed.append(label)
    assert not unnoticed, f"{owner} platform {index} ({entry.name}): no rule case notices {unnoticed}"
