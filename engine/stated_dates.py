"""Every date a report states about something that has already happened, one `stated_date` fact
each: what it is the date of (`of`), whose it is (`owner`: a case, referral, entry or publication
id, or an evidence item's title), and where it stands (the pointer of the field itself), so one
rule can hold each of them against the day the report was submitted and point at the very field.

The checker keeps only the dates after the earlier of the period's end and the submission (see
stated_date_facts): a rule on stated dates sees those. Left out: the reporting period (a report may be submitted before its period ends), a credit
listing's removal date (it may be the scheduled end of the listing) and dates a department
plans (template clauses' windows)."""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterator, Optional

from .fact_builder import FactBuilder, as_cst
from .subject_keys import item_keys
from .model.report import Report

# what a stated date is of, whose, its fact key, its pointer, the date, the clause (evidence only)
_Stated = tuple[str, str, str, str, dt.date, Optional[str]]


def _one(of: str, owner: str, key: str, ptr: str, day: dt.date | dt.datetime | None,
         clause: Optional[str] = None) -> Iterator[_Stated]:
    if day is None:
        return
    if isinstance(day, dt.datetime):  # judged by its China Standard Time date, as submitted is
        day = as_cst(day).date()
    yield of, owner, key, ptr, day, clause


def stated_date_facts(report: Report, after: Optional[dt.date] = None) -> Iterator[dict[str, Any]]:
    """The stated dates; with `after`, only those later than that day. The checker passes the
    earlier of the period's end and the submission: only such a date can contradict the
    submission (DATE-AFTER-SUBMISSION), and the hundreds of dates within the period of a large
    report would otherwise be facts no rule can use."""
    # filtered before a fact is built: most stated dates of a report lie within its period
    for of, owner, key, ptr, day, clause in _all_stated_dates(report, after):
        if after is None or day > after:
            yield (FactBuilder("stated_date", key, ptr).set("of", of).set("owner", owner).set("date", day)
                   .set("clause", clause).build())


def _all_stated_dates(report: Report, after: Optional[dt.date] = None) -> Iterator[_Stated]:
    """Keys as engine.facts keys the records (item_keys); a value a salvaged report left out is
    None, and its owner is then the record's key. Evidence dates, most of a report's dates, are
    held against `after` before their keys and pointers are written; the others are few."""
    keys = item_keys([task.clause for task in report.tasks])
    for i, task in enumerate(report.tasks):
        for j, item in enumerate(task.evidence):
            day = item.date  # a date, never a date-time (engine.model.report.Evidence)
            if day is not None and (after is None or day > after):
                yield ("evidence_date", item.title or f"{keys[i]}/{j}", f"task/{keys[i]}/evidence/{j}/date",
                       f"/tasks/{i}/evidence/{j}/date", day, task.clause)
    keys = item_keys([case.id for case in report.cases])
    for i, case in enumerate(report.cases):
        key, ptr, owner = f"case/{keys[i]}", f"/cases/{i}", case.id or keys[i]
        yield from _one("conduct_end", owner, f"{key}/conduct/end", f"{ptr}/conduct/end", case.conduct and case.conduct.end)
        yield from _one("case_filed", owner, f"{key}/filed_date", f"{ptr}/filed_date", case.filed_date)
        yield from _one("case_closed", owner, f"{key}/closed_date", f"{ptr}/closed_date", case.closed_date)
        penalty = case.penalty
        if penalty is None:
            continue
        yield from _one("penalty_decision", owner, f"{key}/penalty/decision_date", f"{ptr}/penalty/decision_date",
                        penalty.decision_date)
        platforms = item_keys([post.platform for post in penalty.publications])
        for j, post in enumerate(penalty.publications):
            yield from _one("penalty_publication", owner, f"{key}/penalty/publication/{platforms[j]}/date",
                            f"{ptr}/penalty/publications/{j}/date", post.date)
        push = penalty.registration_place_push
        yield from _one("penalty_push", owner, f"{key}/penalty/registration_place_push/date",
                        f"{ptr}/penalty/registration_place_push/date", push and push.date)
    keys = item_keys([ref.id for ref in report.referrals])
    for i, ref in enumerate(report.referrals):
        key, ptr, owner = f"referral/{keys[i]}", f"/referrals/{i}", ref.id or keys[i]
        decision, police = ref.decision, ref.police_decision
        copy = ref.procuratorate_copy
        yield from _one("referral_report_received", owner, f"{key}/report_received", f"{ptr}/report_received",
                        ref.report_received)
        yield from _one("referral_decision", owner, f"{key}/decision/at", f"{ptr}/decision/at", decision and decision.at)
        yield from _one("referral_transferred", owner, f"{key}/transferred_at", f"{ptr}/transferred_at",
                        ref.transferred_at)
        yield from _one("police_receipt", owner, f"{key}/police_receipt_at", f"{ptr}/police_receipt_at",
                        ref.police_receipt_at)
        yield from _one("police_decision", owner, f"{key}/police_decision/date", f"{ptr}/police_decision/date",
                        police and police.date)
        yield from _one("police_notice", owner, f"{key}/police_decision/notice_date",
                        f"{ptr}/police_decision/notice_date", police and police.notice_date)
        yield from _one("police_notice_received", owner, f"{key}/police_decision/notice_received",
                        f"{ptr}/police_decision/notice_received", police and police.notice_received)
        yield from _one("handover", owner, f"{key}/handover/date", f"{ptr}/handover/date",
                        ref.handover and ref.handover.date)
        yield from _one("procuratorate_copy", owner, f"{key}/procuratorate_copy/date",
                        f"{ptr}/procuratorate_copy/date", copy and copy.date)
    keys = item_keys([rec.referral_id for rec in report.received_referrals])
    for i, rec in enumerate(report.received_referrals):
        key, ptr, owner = f"received_referral/{keys[i]}", f"/received_referrals/{i}", rec.referral_id or keys[i]
        yield from _one("referral_received", owner, f"{key}/received_at", f"{ptr}/received_at", rec.received_at)
        yield from _one("police_decision", owner, f"{key}/decision/date", f"{ptr}/decision/date",
                        rec.decision and rec.decision.date)
        yield from _one("police_notice", owner, f"{key}/decision/notice_date", f"{ptr}/decision/notice_date",
                        rec.decision and rec.decision.notice_date)
        yield from _one("police_notice_received", owner, f"{key}/decision/notice_received",
                        f"{ptr}/decision/notice_received", rec.decision and rec.decision.notice_received)
        yield from _one("referral_forwarded", owner, f"{key}/forwarded/at", f"{ptr}/forwarded/at",
                        rec.forwarded and rec.forwarded.at)
    keys = item_keys([entry.id for entry in report.credit_list])
    for i, entry in enumerate(report.credit_list):
        key, ptr, owner = f"credit/{keys[i]}", f"/credit_list/{i}", entry.id or keys[i]
        yield from _one("credit_decision", owner, f"{key}/decision_date", f"{ptr}/decision_date", entry.decision_date)
        platforms = item_keys([post.platform for post in entry.publications])
        for j, post in enumerate(entry.publications):
            yield from _one("credit_publication", owner, f"{key}/publication/{platforms[j]}/date",
                            f"{ptr}/publications/{j}/date", post.date)
    keys = item_keys([pub.id for pub in report.publications])
    for i, pub in enumerate(report.publications):
        yield from _one("publication", pub.title or keys[i], f"publication/{keys[i]}/published", f"/publications/{i}/published",
                        pub.published)
