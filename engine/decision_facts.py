"""Facts of the decisions a report records: enforcement cases with their penalties, and
credit-list entries, each with its publications and where it had to be published but was not, or
was late (engine.publication), so that the publication rules read one fact per decision."""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterator

from . import credit_code, provinces, publication, workdays
from .fact_builder import FactBuilder
from .subject_keys import item_keys
from .labels import PENALTY_KIND
from .model.report import EnforcementCase, PenaltyKind, Posting, Report
from .rules.plan_model import RequiredPlatform


_PENALTY_KINDS = tuple(PenaltyKind)  # in declaration order, once (iterating the Enum class is slow)


def _code_fields(builder: FactBuilder, prefix: str, code: str | None) -> FactBuilder:
    """A 统一社会信用代码 as written, whether it is valid, and what is wrong with it (None when the
    report gives none, or it was left out as invalid)."""
    return (builder.set(prefix, code)
            .set(f"{prefix}_valid", None if code is None else credit_code.is_valid(code))
            .set(f"{prefix}_problem", code and credit_code.problem(code))
            .set(f"{prefix}_problem_en", code and credit_code.problem_en(code)))


def _posting(fact_type: str, key: str, ptr: str, post: Posting, decided: dt.date | None,
             expected: tuple[RequiredPlatform, ...] | None) -> FactBuilder:
    """One publication of a decision (a penalty or a listing): where, when, how long after the
    decision, and, where it was taken as a required platform under another name, that platform."""
    return (
        FactBuilder(fact_type, key, ptr)
        .set("platform", post.platform).set("site_name", post.site_name).set("date", post.date).set("url", post.url)
        .set("delay_wd", workdays.delay(decided, post.date))
        .set("delay_days", workdays.calendar_delay(decided, post.date))
        .set("expected_site", expected and publication.expected_site_text(expected))
    )


def _penalty_fields(builder: FactBuilder, case: EnforcementCase, report: Report,
                    required: tuple[RequiredPlatform, ...], same: bool | None) -> publication.Assessment:
    """The penalty's procedure and kinds as 总局令第45号 第二条 reads them, its push to the
    registration-place regulator (第十条) and where it was not published, or late. `same`: whether
    the party is registered in the department's province (None: not known)."""
    # A value a salvaged report left out (engine.io.salvage) is None here: what needs it is not
    # judged, and REPORT-INVALID-VALUE says why.
    penalty, party = case.penalty, case.party
    party_type = party and party.type
    push = penalty.registration_place_push
    duty = publication.penalty_duty(penalty, party_type)
    kinds = publication.effective_kinds(penalty)
    assessment = publication.assess(
        required, penalty.publications, penalty.decision_date, report.submitted,
        lambda platform: publication.penalty_grade(platform, duty, same, push is not None),
    )
    (builder
     .set("penalty_decision_number", penalty.decision_number)
     .set("penalty_decision", penalty.decision_date)
     .set("penalty_fine", penalty.fine)
     .set("penalty_publication_count", len(penalty.publications))
     .set("penalty_procedure", penalty.procedure)
     .set("penalty_kinds_text", "、".join(PENALTY_KIND["zh"][k.value] for k in _PENALTY_KINDS if k in kinds) or None)
     .set("penalty_warning_only", publication.warning_only(penalty))
     .set("penalty_summary_possible", publication.summary_possible(penalty, party_type))
     .set("penalty_days_after_filing", workdays.calendar_delay(case.filed_date, penalty.decision_date))
     .set("penalty_summary_fine_limit", publication.summary_fine_limit(party_type))
     .set("penalty_publication_duty", duty)
     .set("penalty_push", push and push.date)
     .set("penalty_push_recipient", push and push.recipient)
     .set("penalty_push_delay_wd", push and workdays.delay(penalty.decision_date, push.date))
     # with no push recorded, how long the decision had stood when the report was submitted
     # (第十条's 10 working days for a party registered in another province: PENALTY-PUSH-MISSING)
     .set("penalty_push_missing_delay_wd", None if push is not None else workdays.delay(penalty.decision_date, report.submitted)))
    for name, value in assessment.fields("penalty_").items():
        builder.set(name, value)
    return assessment


def case_facts(report: Report, required: tuple[RequiredPlatform, ...],
               dept_province: str | None) -> Iterator[dict[str, Any]]:
    """`dept_province`: the department's province as resolved against the plan, once per report
    (ResolvedDepartment.province: its code, region or name, else the plan's area)."""
    keys = item_keys([case.id for case in report.cases])
    for i, case in enumerate(report.cases):
        ptr = f"/cases/{i}"
        conduct, party, penalty = case.conduct, case.party, case.penalty
        code = party and party.credit_code
        party_province = provinces.of_code(code)
        same = provinces.same_province(party_province, dept_province)
        builder = (
            FactBuilder("case", f"case/{keys[i]}", ptr)
            .set("case_id", case.id).set("ip_type", case.ip_type)
            .set("conduct", conduct and conduct.kind).set("conduct_start", conduct and conduct.start)
            .set("conduct_end", conduct and conduct.end)
            .set("conduct_from", conduct and (conduct.start or conduct.end))
            .set("party_name", party and party.name)
            .set("party_type", party and party.type)
            .set("party_province", party_province)
            .set("party_in_dept_province", same)
            .set("filed", case.filed_date).set("closed", case.closed_date)
            .set("items_seized", case.items_seized).set("testing_required", case.testing_required)
            .set("suspected_crime", case.suspected_crime).set("disposition", case.disposition)
        )
        _code_fields(builder, "party_credit_code", code)
        assessment = _penalty_fields(builder, case, report, required, same) if penalty else publication.Assessment()
        yield builder.build()
        postings = penalty.publications if penalty else []
        posting_keys = item_keys([p.platform for p in postings])
        for j, post in enumerate(postings):
            yield (
                _posting("penalty_posting", f"case/{keys[i]}/penalty/publication/{posting_keys[j]}",
                         f"{ptr}/penalty/publications/{j}", post, penalty.decision_date, assessment.expected_sites.get(j))
                .set("case_id", case.id).set("decision", penalty.decision_date)
                .build()
            )
        for kind, value in case.amounts:  # its fields in order, as model_dump lists them, without the copy
            if value is None:
                continue
            yield (
                FactBuilder("amount", f"case/{keys[i]}/amount/{kind}", f"{ptr}/amounts/{kind}")
                .set("case_id", case.id).set("kind", kind).set("value", value)
                .build()
            )


def credit_facts(report: Report, required: tuple[RequiredPlatform, ...] = ()) -> Iterator[dict[str, Any]]:
    keys = item_keys([entry.id for entry in report.credit_list])
    for i, entry in enumerate(report.credit_list):
        ptr = f"/credit_list/{i}"
        code = entry.credit_code
        year_on = entry.decision_date and publication.one_year_on(entry.decision_date)
        builder = (
            FactBuilder("credit_entry", f"credit/{keys[i]}", ptr)
            .set("entry_id", entry.id).set("entity_name", entry.entity_name)
            .set("decision", entry.decision_date).set("decision_number", entry.decision_number)
            .set("reason", entry.reason).set("publication_count", len(entry.publications))
            .set("removal", entry.removal_date).set("decided_by", entry.decided_by)
            .set("removal_decision_number", entry.removal_decision_number)
            .set("one_year_on", year_on)
        )
        _code_fields(builder, "credit_code", code)
        # a removal dated before the listing is a contradiction (REPORT-INCONSISTENT), not an early removal
        if entry.removal_date is not None and year_on is not None and entry.removal_date >= entry.decision_date:
            builder.set("removed_within_one_year", entry.removal_date < year_on)
        assessment = publication.Assessment()
        if entry.decided_by is None:  # a publisher's record of another's listing: the decider's duties
            assessment = publication.assess(required, entry.publications, entry.decision_date, report.submitted,
                                            publication.listing_grade)
            for name, value in assessment.fields().items():
                builder.set(name, value)
        yield builder.build()
        posting_keys = item_keys([p.platform for p in entry.publications])
        for j, post in enumerate(entry.publications):
            yield (
                _posting("credit_posting", f"credit/{keys[i]}/publication/{posting_keys[j]}",
                         f"{ptr}/publications/{j}", post, entry.decision_date, assessment.expected_sites.get(j))
                .set("entry_id", entry.id).set("publisher", post.publisher)
                .build()
            )
