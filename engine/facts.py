"""Flatten a validated report into small facts, the only thing rules ever see.

Each fact is a flat dict: `t` (its type), `key` (a stable subject key such as "case/C-1"),
`ptr` (JSON pointer of the object it came from) and typed fields. Optional values that are
absent in the report are omitted, never null (durable_rules cannot match null; rules test
presence with `exists` / `missing`). Dates become integers: `X_day` (days since 1970-01-01),
`X_wd` / `X_wdc` (working-day floor/ceil ordinals, see engine.workdays); date-times also get
`X_ts` (seconds, China Standard Time); engine.fact_builder does the conversions. Every field a
rule may name is declared in FACT_FIELDS (engine.fact_fields), and rule files are validated
against it when they load.

A report read past invalid values (engine.io.salvage) has records without some of their
required values: every computation here takes a value that may be absent, and a fact simply
lacks the field, so no rule fires on what the report did not validly say.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterator

from . import decision_facts, publication, workdays
from .fact_builder import FactBuilder, as_cst
from .fact_fields import RUN_FIELDS
from .model.report import Report
from .departments import normalise_name
from .plans.identity import ResolvedDepartment
from .plans.names import infer_level
from .rules.plan_model import PublishedDecision, RequiredPlatform
from .stated_dates import stated_date_facts
from .subject_keys import item_keys, plain
from .template_markers import is_placeholder, says_nothing, unfilled_narrative


def _cst_date(moment: dt.datetime | None) -> dt.date | None:
    return None if moment is None else as_cst(moment).date()


def normalise_person(name: str) -> str:
    """The same officer written twice (or with stray spaces) is still one officer."""
    return "".join(name.split())


def _hours_between(start: dt.datetime | None, end: dt.datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return round((as_cst(end) - as_cst(start)).total_seconds() / 3600, 2)


def _kind_flags(builder: FactBuilder, department: ResolvedDepartment, prefix: str) -> FactBuilder:
    for kind in department.kinds:
        builder.set(f"{prefix}kind_{kind.value}", True)
    return builder


def report_facts(report: Report, department: ResolvedDepartment, self_check: bool = False,
                 platforms: tuple[RequiredPlatform, ...] = ()) -> Iterator[dict[str, Any]]:
    """Yield the facts of one report (without plan-derived facts; see engine.plan_facts).
    `department` is the report's department as engine.plans.identity resolved it against the plan;
    `self_check` marks a department's own check before submitting (`check --department`);
    `platforms` are the publication platforms national rules and the plan require
    (Catalog.required_platforms), against which listings and penalties are assessed."""
    period = report.period
    builder = (
        FactBuilder("report", "report", "")
        .set("plan", report.plan)
        .set("dept_name", report.department.name)
        .set("dept_kind", department.kind)
        .set("dept_level", department.level)
        .set("dept_region", report.department.region)
        .set("dept_province", department.province)
        .set("dept_in_table", department.in_table)
        .set("dept_kinds_inferred", department.kinds_inferred)
        .set("dept_level_inferred", department.level_inferred)
        .set("dept_kinds_text", "、".join(kind.value for kind in department.kinds))
        .set("self_check", self_check)
        .set("period_start", period.start)
        .set("period_end", period.end)
        .set("period_year", period.end.year)
        .set("period_end_mmdd", period.end.month * 100 + period.end.day)
        .set("period_covers_year_end", (period.end.month, period.end.day) == (12, 31))
        .set("submitted", report.submitted)
    )
    yield _kind_flags(builder, department, "").build()
    yield from _task_facts(report)
    yield from _metric_facts(report)
    yield from decision_facts.case_facts(report, publication.applicable(platforms, PublishedDecision.penalty, department.kinds),
                                         department.province)
    yield from _referral_facts(report)
    yield from _received_referral_facts(report)
    yield from decision_facts.credit_facts(report, publication.applicable(platforms, PublishedDecision.credit_list, department.kinds))
    yield from _publication_facts(report, department)
    # without a (valid) submission date, the dates after the period's end are the ones to hold
    # against it; DATE-AFTER-SUBMISSION then has nothing to compare them with
    yield from stated_date_facts(report, after=min(report.period.end, report.submitted or report.period.end))


def _task_facts(report: Report) -> Iterator[dict[str, Any]]:
    keys = item_keys([task.clause for task in report.tasks])
    for i, task in enumerate(report.tasks):
        ptr = f"/tasks/{i}"
        yield (
            FactBuilder("task", f"task/{keys[i]}", ptr)
            .set("clause", task.clause).set("status", task.status).set("role", task.role)
            # a justification that says nothing (无, 不适用, /) is none; a narrative that still holds the
            # template's instructions was never written (engine.template_markers)
            .set("justification", None if says_nothing(task.justification) else task.justification)
            .set("narrative", task.narrative)
            .set("narrative_unfilled", unfilled_narrative(task.narrative) or is_placeholder(task.narrative))
            .set("evidence_count", len(task.evidence))
            .build()
        )
        for j, item in enumerate(task.evidence):
            key = f"task/{keys[i]}/evidence/{j}"
            yield (
                FactBuilder("evidence", key, f"{ptr}/evidence/{j}")
                .set("record", key)  # what a problem with one of its values names (value_problem.record)
                .set("task_clause", task.clause).set("kind", item.kind).set("title", item.title)
                .set("doc_number", item.doc_number).set("issuer", item.issuer)
                .set("date", item.date).set("date_year", item.date and item.date.year)
                .set("url", item.url).set("sha256", item.sha256).set("output", item.output)
                .build()
            )


def _metric_facts(report: Report) -> Iterator[dict[str, Any]]:
    for i, metric in enumerate(report.metrics):
        period = metric.period
        start, end = (period.start, period.end) if period is not None else (None, None)
        full_year = None
        if start is not None and end is not None:
            full_year = start == dt.date(start.year, 1, 1) and end == dt.date(start.year, 12, 31)
        named = None not in (metric.key, start, end, metric.scope)
        key = f"metric/{metric.key}/{start}/{end}/{plain(metric.scope)}" if named else f"metric/#{i}"
        yield (
            FactBuilder("metric", key, f"/metrics/{i}")
            .set("metric_key", metric.key).set("value", metric.value).set("unit", metric.unit)
            .set("scope", metric.scope).set("period_start", start).set("period_end", end)
            .set("period_year", end and end.year).set("full_calendar_year", full_year)
            .set("clause", metric.clause).set("evidence_ref_count", len(metric.evidence_refs))
            .build()
        )


def _referral_facts(report: Report) -> Iterator[dict[str, Any]]:
    keys = item_keys([ref.id for ref in report.referrals])
    for i, ref in enumerate(report.referrals):
        ptr = f"/referrals/{i}"
        decision, police, copy = ref.decision, ref.police_decision, ref.procuratorate_copy
        handover_day = ref.handover and ref.handover.date
        yield (
            FactBuilder("referral", f"referral/{keys[i]}", ptr)
            .set("referral_id", ref.id).set("case_id", ref.case_id)
            .set("team_size", len({normalise_person(m) for m in ref.team_members}))
            .set("report_received", ref.report_received)
            .set("decision_outcome", decision and decision.outcome)
            .set("decision_at", decision and decision.at)
            .set("decision_reasons", decision and decision.reasons)
            .set("transferred_at", ref.transferred_at).set("police_unit", ref.police_unit)
            .set("receipt_at", ref.police_receipt_at)
            .set("police_outcome", police and police.outcome)
            .set("police_decision", police and police.date)
            .set("police_notice_number", police and police.notice_number)
            .set("police_notice", police and police.notice_date)
            .set("police_notice_received", police and police.notice_received)
            .set("handover", ref.handover and ref.handover.date)
            .set("procuratorate_copy", copy and copy.date)
            .set("procuratorate_unit", copy and copy.unit)
            .set("attachment_count", len(ref.attachments))
            .set("decision_delay_wd", workdays.delay(ref.report_received, decision and _cst_date(decision.at)))
            .set("decision_delay_days", workdays.calendar_delay(ref.report_received, decision and _cst_date(decision.at)))
            .set("decision_days_past_calendar_deadline",
                 workdays.days_past_calendar_deadline(ref.report_received, decision and _cst_date(decision.at), 3))
            .set("transfer_delay_hours", _hours_between(decision and decision.at, ref.transferred_at))
            .set("notice_receipt_delay_days", workdays.calendar_delay(police and police.date, police and police.notice_received))
            # 第十二条 counts from the receipt of the notice; the decision date is the earliest the
            # receipt can be, the only start a report without the receipt date allows
            .set("handover_delay_wd", workdays.delay(police and police.notice_received, handover_day))
            .set("handover_delay_after_decision_wd", workdays.delay(police and police.date, handover_day))
            .build()
        )
        attachment_keys = item_keys([a.kind for a in ref.attachments])
        for j, att in enumerate(ref.attachments):
            yield (
                FactBuilder("attachment", f"referral/{keys[i]}/attachment/{attachment_keys[j]}",
                             f"{ptr}/attachments/{j}")
                .set("referral_id", ref.id).set("kind", att.kind).set("title", att.title)
                .set("doc_number", att.doc_number).set("not_applicable", att.not_applicable)
                .set("reason", att.reason)
                .build()
            )


def _received_referral_facts(report: Report) -> Iterator[dict[str, Any]]:
    keys = item_keys([rec.referral_id for rec in report.received_referrals])
    for i, rec in enumerate(report.received_referrals):
        police, forwarded = rec.decision, rec.forwarded
        accepted = _cst_date(rec.received_at)
        yield (
            FactBuilder("received_referral", f"received_referral/{keys[i]}", f"/received_referrals/{i}")
            .set("referral_id", rec.referral_id).set("from_department", rec.from_department)
            .set("case_id", rec.case_id).set("transfer_letter_number", rec.transfer_letter_number)
            .set("received_at", rec.received_at)
            .set("police_outcome", police and police.outcome)
            .set("police_decision", police and police.date)
            .set("police_notice_number", police and police.notice_number)
            .set("police_notice", police and police.notice_date)
            .set("police_reasons", police and police.reasons)
            .set("forwarded_at", forwarded and forwarded.at)
            .set("forward_delay_hours", _hours_between(rec.received_at, forwarded and forwarded.at))
            .set("forwarded_unit", forwarded and forwarded.unit)
            .set("decision_delay_wd", workdays.delay(accepted, police and police.date))
            .set("decision_delay_days", workdays.calendar_delay(accepted, police and police.date))
            .set("decision_days_past_calendar_deadline",
                 workdays.days_past_calendar_deadline(accepted, police and police.date, 3))
            .build()
        )


def run_fields(report: Report, department: ResolvedDepartment, path: str) -> dict[str, Any]:
    """The report fields (RUN_FIELDS) added to each of its facts in a run-scope evaluation."""
    period = report.period
    builder = (
        FactBuilder("", "", "")
        .set("report_path", path).set("report_plan", report.plan)
        .set("report_dept_name", report.department.name).set("report_dept_kind", department.kind)
        .set("report_dept_level", department.level).set("report_dept_region", report.department.region)
        .set("report_period_start", period.start).set("report_period_end", period.end)
        .set("report_period_year", period.end.year)
    )
    fields = _kind_flags(builder, department, "report_").fact
    return {k: v for k, v in fields.items() if k in RUN_FIELDS or k.startswith("report_period_")}


def _publishes_itself(publisher: str | None, department: ResolvedDepartment) -> bool | None:
    """Is the publisher (one body, or several named together) the reporting department under one
    of its names? Unknown when no publisher is given."""
    if publisher is None:
        return None
    written = normalise_name(publisher)
    names = [*department.names, *((department.unit.name, *department.unit.aliases) if department.unit else ())]
    return any(normalise_name(name) and normalise_name(name) in written for name in names)


def _publication_facts(report: Report, department: ResolvedDepartment) -> Iterator[dict[str, Any]]:
    keys = item_keys([pub.id for pub in report.publications])
    for i, pub in enumerate(report.publications):
        yield (
            FactBuilder("publication", f"publication/{keys[i]}", f"/publications/{i}")
            .set("publication_id", pub.id).set("kind", pub.kind).set("title", pub.title)
            .set("year_covered", pub.year_covered).set("publisher", pub.publisher)
            # a city's white paper must not stand in for the province's: the level its
            # publisher's name shows (none when the name shows none)
            .set("publisher_level", pub.publisher and infer_level(pub.publisher))
            .set("publisher_is_self", _publishes_itself(pub.publisher, department))
            .set("published", pub.published)
            .set("published_year", pub.published and pub.published.year)
            .set("lag_years", pub.published and pub.year_covered and pub.published.year - pub.year_covered)
            .set("url", pub.url)
            .build()
        )
