"""The fact catalog: every fact type, every field a rule may name, and the kind of each.

Rule files are validated against it when they load (engine.rules.semantics), and facts
(engine.facts) carry only these fields. Dates expand to `X_day`, `X_wd`, `X_wdc` (and
date-times also `X_ts`), see engine.fact_builder.
"""
from __future__ import annotations

DATE_SUFFIXES = ("_day", "_wd", "_wdc")

_DATES = "date"
_DATETIMES = "datetime"

# Every department kind: a department has one or more, each a boolean field `kind_<kind>` of the
# report fact (a rule for ip_office applies when kind_ip_office is true), since one field can hold
# only one of them.
DEPARTMENT_KINDS = (
    "market_regulation", "ip_office", "copyright", "culture_tourism", "public_security", "court",
    "procuratorate", "agriculture", "forestry", "customs", "justice", "commerce", "cyberspace",
    "industry_it", "financial_regulation", "education", "other",
)

CLAUSE_DUTY_FIELDS = {
    "clause": "str", "title": "str", "text": "str", "basis": "str", "basis_text": "str", "basis_text_en": "str",
    "cadence": "str", "due": "bool", "ends_in_period": "bool", "window_start": "date",
    "window_end": "date", "by": "date",
}



def publication_gap_fields(prefix: str) -> dict[str, str]:
    """Where a decision was not published, or late, on the platforms required of it
    (engine.publication.Assessment.fields): texts naming the platforms (zh, en), how many
    platforms, and how many of them are errors by their basis."""
    return {
        f"{prefix}{what}{suffix}": kind
        for what in ("unpublished", "late")
        for suffix, kind in (("", "str"), ("_en", "str"), ("_count", "num"), ("_error_count", "num"))
    }


# type -> {field: kind}; kind is one of str, num, bool, date (expands to the three suffixes),
# datetime (date suffixes plus _ts).
FACT_FIELDS: dict[str, dict[str, str]] = {
    "report": {
        "plan": "str", "dept_name": "str", "dept_kind": "str", "dept_level": "str",
        "dept_region": "str", "dept_province": "str", "dept_in_table": "bool",
        "dept_kinds_inferred": "bool", "dept_level_inferred": "bool", "dept_kinds_text": "str",
        **{f"kind_{kind}": "bool" for kind in DEPARTMENT_KINDS},
        "period_start": "date", "period_end": "date",
        "period_year": "num", "period_end_mmdd": "num", "period_covers_year_end": "bool",
        "submitted": "date", "self_check": "bool",
    },
    # A clause the department answers for (basis named, declared or own) or is suggested to
    # report (suggested_clause), with whether it is due in this report (engine.plans.duty).
    # suggested_clause facts exist in a self-check, and otherwise only for clauses the report has
    # a task for: an unreported suggestion is no finding in an ordinary check.
    "required_clause": CLAUSE_DUTY_FIELDS,
    "suggested_clause": CLAUSE_DUTY_FIELDS,
    "task": {
        "clause": "str", "status": "str", "role": "str", "justification": "str", "narrative": "str",
        # the narrative still holds the template's 【待填报】 instructions (engine.template_markers)
        "narrative_unfilled": "bool",
        "evidence_count": "num",
    },
    "evidence": {
        "record": "str",  # the item's own key, as value_problem.record names it
        "task_clause": "str", "kind": "str", "title": "str", "doc_number": "str",
        "issuer": "str", "date": "date", "date_year": "num", "url": "str", "sha256": "str",
        "output": "str",
    },
    # An output a clause of the plan names (plan.yaml `outputs`). `strength` is set where the
    # department answers for the clause (or is suggested it) and produces this output: `firm` (a
    # duty in firm words), `aim` (a duty in an aim's words), `suggested` (the pack's suggestion);
    # `year_from` is the first year whose evidence counts (the plan's first year, or the reporting
    # year for a yearly output).
    "plan_output": {
        "output_id": "str", "clause": "str", "title": "str", "kind": "str", "yearly": "bool",
        "strength": "str", "due": "bool", "year_from": "num",
    },
    # An evidence item that shows a plan output: its title names the output (a keyword, in the
    # output's clause's task), the task's narrative names it, or the item is tagged with the
    # output's id. One per (evidence, output).
    # `in_years`: dated in a year that counts (the plan's years; the reporting year for a yearly
    # output); absent when undated.
    "output_evidence": {
        "output_id": "str", "task_clause": "str", "title": "str", "doc_number": "str", "url": "str",
        "date": "date", "date_year": "num", "tagged": "bool", "in_years": "bool",
        "yearly": "bool",  # the output is one per year (plan_output.yearly)
    },
    "metric": {
        "metric_key": "str", "value": "num", "unit": "str", "scope": "str",
        "period_start": "date", "period_end": "date", "period_year": "num",
        "full_calendar_year": "bool", "clause": "str", "evidence_ref_count": "num",
    },
    # conduct_from: the first day of the conduct the report knows, conduct.start or, when no start
    # is given, conduct.end (only the end is known); it and conduct_end select threshold rows.
    "case": {
        "case_id": "str", "ip_type": "str", "conduct": "str", "conduct_start": "date",
        "conduct_end": "date", "conduct_from": "date", "party_name": "str", "party_type": "str",
        "party_credit_code": "str", "party_credit_code_valid": "bool", "party_credit_code_problem": "str",
        "party_credit_code_problem_en": "str", "party_province": "str",
        "party_in_dept_province": "bool",
        "filed": "date",
        "closed": "date", "items_seized": "bool", "testing_required": "bool",
        "suspected_crime": "bool", "disposition": "str", "penalty_decision_number": "str",
        "penalty_decision": "date", "penalty_fine": "num", "penalty_publication_count": "num",
        # days from filing (立案) to the penalty decision (DATE-PENALTY-BEFORE-FILING)
        "penalty_days_after_filing": "num",
        # 总局令第45号 第二条 (engine.publication): procedure, kinds, and whether it is published
        "penalty_procedure": "str", "penalty_kinds_text": "str", "penalty_warning_only": "bool",
        "penalty_summary_possible": "bool", "penalty_summary_fine_limit": "num",
        "penalty_publication_duty": "str",
        # 第十条: the push to the registration-place regulator
        "penalty_push": "date", "penalty_push_recipient": "str", "penalty_push_delay_wd": "num",
        "penalty_push_missing_delay_wd": "num",
        **publication_gap_fields("penalty_"),
    },
    "amount": {"case_id": "str", "kind": "str", "value": "num"},
    "penalty_posting": {
        "case_id": "str", "platform": "str", "site_name": "str", "date": "date", "url": "str",
        "decision": "date",  # the date of the penalty decision it publishes
        "delay_wd": "num", "delay_days": "num", "expected_site": "str",
    },
    # The dated criminal-threshold table (engine.plan_facts): a row per party type it holds
    # for; a change of a figure while the table ran on; a period it holds no figures for.
    "threshold": {
        "conduct": "str", "amount_kind": "str", "party_type": "str", "minimum": "num",
        "effective_from": "date", "effective_until": "date", "source": "str", "article": "str",
    },
    "threshold_change": {
        "conduct": "str", "amount_kind": "str", "party_type": "str", "change": "date",
        "before_minimum": "num", "after_minimum": "num", "lower_minimum": "num",
        "before": "str", "before_en": "str", "after": "str", "after_en": "str",
    },
    "threshold_not_encoded": {
        "effective_from": "date", "effective_until": "date", "source": "str", "reason": "str",
    },
    "referral": {
        "referral_id": "str", "case_id": "str", "team_size": "num", "report_received": "date",
        "decision_outcome": "str", "decision_at": "datetime", "decision_reasons": "str",
        "transferred_at": "datetime", "police_unit": "str", "receipt_at": "datetime",
        "police_outcome": "str", "police_decision": "date", "police_notice_number": "str",
        "police_notice": "date", "police_notice_received": "date",
        "handover": "date", "procuratorate_copy": "date", "procuratorate_unit": "str",
        "attachment_count": "num", "decision_delay_wd": "num", "decision_delay_days": "num",
        # days after the 3 calendar days of 第五条, extended past a holiday (workdays.days_past_calendar_deadline)
        "decision_days_past_calendar_deadline": "num",
        "transfer_delay_hours": "num", "notice_receipt_delay_days": "num",
        # from the receipt of the police notice (第十二条), and from the decision date
        "handover_delay_wd": "num", "handover_delay_after_decision_wd": "num",
    },
    "received_referral": {
        "referral_id": "str", "from_department": "str", "case_id": "str",
        "transfer_letter_number": "str", "received_at": "datetime", "police_outcome": "str",
        "police_decision": "date", "police_notice_number": "str", "police_notice": "date",
        "police_reasons": "str", "forwarded_at": "datetime", "forwarded_unit": "str",
        # from the acceptance (received_at) to the filing decision (第八条)
        "decision_delay_wd": "num", "decision_delay_days": "num",
        "decision_days_past_calendar_deadline": "num",  # 第八条's 3 days, extended past a holiday
        # from the acceptance to forwarding to the competent organ (第七条: 24 hours)
        "forward_delay_hours": "num",
    },
    "attachment": {
        "referral_id": "str", "kind": "str", "title": "str", "doc_number": "str",
        "not_applicable": "bool", "reason": "str",
    },
    "credit_entry": {
        "entry_id": "str", "entity_name": "str", "credit_code": "str",
        "credit_code_valid": "bool", "credit_code_problem": "str", "credit_code_problem_en": "str",
        "decision": "date",
        "decision_number": "str", "reason": "str", "publication_count": "num",
        "removal": "date", "decided_by": "str", "removal_decision_number": "str",
        "one_year_on": "date", "removed_within_one_year": "bool",
        **publication_gap_fields(""),
    },
    "credit_posting": {
        "entry_id": "str", "platform": "str", "site_name": "str", "date": "date", "url": "str",
        "delay_wd": "num", "delay_days": "num", "publisher": "str", "expected_site": "str",
    },
    "publication": {
        "publication_id": "str", "kind": "str", "title": "str", "year_covered": "num",
        "publisher": "str", "publisher_level": "str", "publisher_is_self": "bool",
        "published": "date", "published_year": "num", "url": "str",
        "lag_years": "num",  # the year published minus the year covered (1: the next year)
    },
    # Every date the report states about something past (engine.stated_dates) that falls after
    # the earlier of the period's end and the submission, the only dates that can contradict the
    # submission: `of` what, whose (`owner`), and for an evidence item the clause of its task.
    "stated_date": {"of": "str", "owner": "str", "date": "date", "clause": "str"},
    # A value of the report that is invalid (or contradicts another), left out of its record by
    # the reader (engine.io.salvage, engine.problem_facts): `ptr` is the value's own pointer,
    # `record` the subject key of the record it belongs to, `clause` the plan clause of the task
    # or metric it is in, `field` its name; the message and the fix are the reader's.
    "value_problem": {
        "record": "str", "clause": "str", "field": "str", "category": "str",
        "message_zh": "str", "message_en": "str", "fix_zh": "str", "fix_en": "str",
    },
}

COMMON_FIELDS = {"key": "str", "ptr": "str", "calendar_note": "str"}

# Run-scope rules (`scope: run`) see the facts of every report of a batch run at once; each fact
# then also carries its report's identity and department, so rules can join across reports.
RUN_FIELDS: dict[str, str] = {
    "report_path": "str", "report_plan": "str", "report_dept_name": "str",
    "report_dept_kind": "str", "report_dept_level": "str", "report_dept_region": "str",
    **{f"report_kind_{kind}": "bool" for kind in DEPARTMENT_KINDS},
    "report_period_start": "date", "report_period_end": "date", "report_period_year": "num",
}


def field_kinds(fact_type: str, run_scope: bool = False) -> dict[str, str]:
    """Every concrete field name of a fact type with its scalar kind (str, num, bool); with
    `run_scope`, also the report fields every fact carries in a run-scope evaluation."""
    out = dict(COMMON_FIELDS)
    fields = dict(FACT_FIELDS[fact_type], **RUN_FIELDS) if run_scope else FACT_FIELDS[fact_type]
    for name, kind in fields.items():
        if kind in (_DATES, _DATETIMES):
            out.update({name + suffix: "num" for suffix in DATE_SUFFIXES})
            if kind == _DATETIMES:
                out[name + "_ts"] = "num"
        else:
            out[name] = kind
    return out
