"""Facts that come from the rule packs rather than the report: what this department must
report on (required_clause) and the dated criminal-threshold table (threshold)."""
from __future__ import annotations

from typing import Any, Iterator

from engine.departments import match_department, responsible_for
from engine.fact_builder import FactBuilder
from engine.model.report import Report
from engine.rules.catalog import Catalog
from engine.rules.plan_model import Plan


def required_clause_facts(plan: Plan, report: Report) -> Iterator[dict[str, Any]]:
    unit = match_department(plan, report.department.name)
    for clause in plan.clauses:
        if not responsible_for(clause, report.department, unit):
            continue
        yield (
            FactBuilder("required_clause", f"clause/{clause.id}", "/tasks")
            .set("clause", clause.id).set("title", clause.title).set("text", clause.text)
            .build()
        )


def threshold_facts(catalog: Catalog) -> list[dict[str, Any]]:
    return [
        FactBuilder("threshold", f"threshold/{i}", "")
        .set("conduct", row.conduct).set("amount_kind", row.amount_kind).set("minimum", row.minimum)
        .set("effective_from", row.effective_from).set("effective_until", row.effective_until)
        .set("source", row.source).set("article", row.article)
        .build()
        for i, row in enumerate(catalog.thresholds)
    ]
