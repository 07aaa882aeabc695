"""Which rules check which plan clause: the clause-by-clause coverage matrix of every plan."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .rules.catalog import Catalog
from .rules.plan_model import Check, Clause, Plan


@dataclass(frozen=True)
class ClauseCoverage:
    clause: Clause
    rule_ids: tuple[str, ...]

    @property
    def problem(self) -> Optional[str]:
        """Why this row breaks the pack's promise, or None."""
        if self.clause.check is Check.rules and not self.rule_ids:
            return "classified 'rules' but no rule checks it"
        if self.clause.check is not Check.rules and self.rule_ids:
            return f"classified {self.clause.check.value!r} but rules check it"
        return None


@dataclass(frozen=True)
class PlanCoverage:
    plan: Plan
    rows: tuple[ClauseCoverage, ...]

    def totals(self) -> dict[str, int]:
        count = lambda check: sum(1 for r in self.rows if r.clause.check is check)  # noqa: E731
        return {
            "clauses": len(self.rows),
            "with_rules": count(Check.rules),
            "evidence_only": count(Check.evidence),
            "not_checkable": count(Check.not_checkable),
            "outputs": sum(len(r.clause.outputs) for r in self.rows),
        }


# The rules that check a clause's named outputs (plan.yaml `outputs`), filed under that clause.
OUTPUT_RULES = "OUTPUT-"


def plan_coverage(catalog: Catalog, plan: Plan) -> PlanCoverage:
    by_clause: dict[str, list[str]] = {}
    output_rules = sorted(rid for rid, item in catalog.rules.items()
                          if rid.startswith(OUTPUT_RULES) and plan.id in item.clauses)
    for rule_id, item in sorted(catalog.rules.items()):
        clause_id = item.clauses.get(plan.id)
        if clause_id is not None:
            by_clause.setdefault(clause_id, []).append(rule_id)
    for clause in plan.clauses:
        if clause.outputs:
            by_clause.setdefault(clause.id, []).extend(output_rules)
    rows = tuple(ClauseCoverage(c, tuple(by_clause.get(c.id, ()))) for c in plan.clauses)
    return PlanCoverage(plan, rows)


def coverage(catalog: Catalog, plan_id: Optional[str] = None) -> list[PlanCoverage]:
    plans = [catalog.plans[plan_id]] if plan_id else [catalog.plans[k] for k in sorted(catalog.plans)]
    return [plan_coverage(catalog, plan) for plan in plans]
