"""What `plancheck plans` says of each plan: its full name, issuer, years, clause counts, and
which units the plan itself names (责任单位) as against the units the pack only knows of."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..coverage import plan_coverage
from ..rules.catalog import Catalog
from ..rules.plan_model import Plan


@dataclass(frozen=True)
class PlanSummary:
    plan: Plan
    totals: dict[str, int]  # clauses, with_rules, evidence_only, not_checkable, outputs
    rules: int
    named_units: tuple[str, ...]  # units the plan's clauses name (responsible), by full name
    known_units: int  # the pack's table of departments (names reports use), named or not
    own_items: tuple[str, ...]  # clauses plainly one kind of department's own (pack's own_items)

    @property
    def years(self) -> str:
        start, end = self.plan.period.start.year, self.plan.period.end.year
        return str(start) if start == end else f"{start}–{end}"

    def to_json(self) -> dict[str, Any]:
        plan = self.plan
        return {
            "id": plan.id, "title": plan.title, "issuer": plan.issuer, "issued": plan.date.isoformat(),
            "period": {"start": plan.period.start.isoformat(), "end": plan.period.end.isoformat()},
            "clauses": self.totals, "rules": self.rules,
            "named_units": list(self.named_units), "units_list_closed": plan.departments_closed,
            "known_units": self.known_units, "own_items": list(self.own_items),
        }


def summarise(catalog: Catalog, plan: Plan) -> PlanSummary:
    by_id = {d.id: d.name for d in plan.departments}
    named = dict.fromkeys(by_id.get(u, u) for clause in plan.clauses for u in clause.responsible)
    return PlanSummary(
        plan=plan, totals=plan_coverage(catalog, plan).totals(), rules=len(catalog.rules_for_plan(plan.id)),
        named_units=tuple(named), known_units=len(plan.departments),
        own_items=tuple(dict.fromkeys(o.clause for o in plan.own_items)),
    )


def summaries(catalog: Catalog) -> list[PlanSummary]:
    return [summarise(catalog, catalog.plans[k]) for k in sorted(catalog.plans)]
