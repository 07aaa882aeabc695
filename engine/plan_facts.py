"""Facts that come from the rule packs rather than the report: the clauses this department
answers for (required_clause: basis named, declared or own) or is suggested to report
(suggested_clause), each with whether it is due in this report (engine.plans.duty); and the
dated criminal-threshold table (threshold)."""
from __future__ import annotations

from typing import Any, Iterable, Iterator

from engine.fact_builder import FactBuilder
from engine.plans.duty import ClauseDuty
from engine.rules.catalog import Catalog


def clause_duty_facts(duties: Iterable[ClauseDuty]) -> Iterator[dict[str, Any]]:
    for duty in duties:
        clause, schedule = duty.clause, duty.clause.schedule
        yield (
            FactBuilder("required_clause" if duty.held else "suggested_clause", f"clause/{clause.id}", "/tasks")
            .set("clause", clause.id).set("title", clause.title).set("text", clause.text)
            .set("basis", duty.basis.value).set("basis_text", duty.why_zh)
            .set("basis_text_en", duty.why_en)
            .set("cadence", schedule.cadence.value).set("due", duty.due)
            .set("ends_in_period", duty.ends_in_period)
            .set("window_start", schedule.start).set("window_end", schedule.end).set("by", schedule.by)
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
