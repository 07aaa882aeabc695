"""What each rule of a report's plan did with the report: failed, passed, or did not apply.

A rule "passed" only when it was evaluated against something in this report and found nothing:
its plan cites it, it applies to the department's kinds and level, its preconditions on the report
and on the department's clause duties hold (joins aside), and the report has records of every kind
it looks at (a credit-list rule with no credit-list entry checked nothing). Otherwise it did not apply:
another kind or level of department, nothing of its kind in the report or the clause not the
department's or not due in this period, or a run-scope rule that only a batch across reports
evaluates. HTML, JUnit and SARIF list the three apart, so a passed check means one that ran.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import Enum
from typing import Any, Iterable, Optional

from ..checker import CheckResult
from ..compile import normalise
from ..evaluate_reference import holds_without_joins
from ..rules.catalog import Catalog, LoadedRule
from ..rules.model import Scope

# the plan-derived facts: a pattern on them with no candidate means "not the department's clause
# or not due in this period", not "nothing of this kind in the report"
_DUTY_TYPES = frozenset({"report", "required_clause", "suggested_clause"})


class Status(str, Enum):
    failed = "failed"
    passed = "passed"
    other_department = "other_department"  # applies_to excludes the department's kinds or level
    not_due = "not_due"  # the clause is not the department's, or not due in this period
    nothing_to_check = "nothing_to_check"  # no fact of the kind the rule looks at
    run_scope = "run_scope"  # evaluated across the reports of a batch only


REASONS = {
    "zh": {
        Status.other_department: "不适用于本部门的类型或层级",
        Status.not_due: "本部门不负责该条款，或本报告期未到期",
        Status.nothing_to_check: "报告中没有可核查的事项",
        Status.run_scope: "只在批量核查中跨报告比对",
    },
    "en": {
        Status.other_department: "not for this kind or level of department",
        Status.not_due: "the clause is not the department's, or not due in this period",
        Status.nothing_to_check: "nothing of its kind in the report",
        Status.run_scope: "compared across reports in a batch run only",
    },
}


@dataclass(frozen=True)
class RuleStatus:
    item: LoadedRule
    status: Status

    @property
    def rule_id(self) -> str:
        return self.item.rule.id

    def reason(self, lang: str) -> str:
        return REASONS["en" if lang == "en" else "zh"].get(self.status, "")


def _by_type(facts: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for fact in facts:
        grouped[fact["t"]].append(fact)
    return grouped


def _status(item: LoadedRule, result: CheckResult, facts: dict[str, list[dict[str, Any]]],
            found: set[str]) -> Status:
    rule = item.rule
    if rule.id in found:
        return Status.failed
    if rule.scope is Scope.run:
        return Status.run_scope
    department = result.department
    applies = rule.applies_to
    if department is not None:
        if applies.department_kinds and not department.has_kind(applies.department_kinds):
            return Status.other_department
        if applies.levels and department.level not in applies.levels:
            return Status.other_department
    for pattern in normalise(item).patterns:
        if pattern.absent:
            continue
        candidates = facts.get(pattern.fact_type, ())
        if pattern.fact_type in _DUTY_TYPES:
            # conditions on the report and on clause duties are the rule's preconditions (the
            # plan, the department, the period, the clause due): none holding means not due
            if not any(holds_without_joins(pattern, fact) for fact in candidates):
                return Status.not_due
        elif not candidates:
            # a record pattern's conditions are what the rule looks for in such records: the rule
            # ran if the report has any record of the kind at all
            return Status.nothing_to_check
    return Status.passed


def rule_statuses(catalog: Optional[Catalog], result: CheckResult) -> list[RuleStatus]:
    """Every rule the report's plan cites, with what it did with this report (sorted by id)."""
    if catalog is None:
        return []
    facts = _by_type(result.facts)
    found = {f.rule_id for f in result.findings}
    items = sorted(catalog.rules_for_plan(result.loaded.report.plan), key=lambda r: r.rule.id)
    return [RuleStatus(item, _status(item, result, facts, found)) for item in items]


def passed_rules(catalog: Optional[Catalog], result: CheckResult) -> list[LoadedRule]:
    return [s.item for s in rule_statuses(catalog, result) if s.status is Status.passed]


def inapplicable_rules(catalog: Optional[Catalog], result: CheckResult) -> list[RuleStatus]:
    return [s for s in rule_statuses(catalog, result) if s.status not in (Status.passed, Status.failed)]
