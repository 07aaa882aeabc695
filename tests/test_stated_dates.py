"""Every date a report states about something past becomes one `stated_date` fact pointing at the
field itself, so DATE-AFTER-SUBMISSION sees a date field the format gains without being told."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any, Iterator

import pytest

from engine.io.json_report import JsonSourceMap
from engine.io.read import read_report, validate_report
from engine.rules.json_patch import PatchOp, apply_op
from engine.stated_dates import stated_date_facts
from json_leaves import json_leaves

REPO = Path(__file__).resolve().parent.parent
BASES = REPO / "rules" / "heilongjiang-2023" / "cases" / "bases"
REPORTS = sorted(REPO.glob("rules/*/cases/bases/*.json")) + sorted((REPO / "samples").glob("*/*.json"))
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T.*)?$")
# Dates that are not events the report records as past: the reporting period (and a metric's),
# when the conduct began (its end is stated), a listing's removal (maybe its scheduled end), and
# the submission date itself.
NOT_STATED = re.compile(r"^(/period/(start|end)|/metrics/\d+/period/(start|end)|/cases/\d+/conduct/start"
                        r"|/credit_list/\d+/removal_date|/submitted)$")


def _dates(data: Any) -> Iterator[str]:
    return (pointer for pointer, value in json_leaves(data) if isinstance(value, str) and ISO_DATE.match(value))


def _every_optional_date(data: dict) -> dict:
    """The market regulator's base with the optional dates it leaves out filled in."""
    for op in (
        {"op": "add", "path": "/referrals/0/procuratorate_copy", "value": {"date": "2024-04-24", "unit": "黑龙江省人民检察院"}},
        {"op": "add", "path": "/cases/2/closed_date", "value": "2024-12-27"},
        {"op": "add", "path": "/credit_list/0/removal_date", "value": "2027-09-27"},
        {"op": "add", "path": "/received_referrals", "value": [
            {"referral_id": "YS-2023-009", "from_department": "黑龙江省知识产权局", "received_at": "2024-01-05T10:00:00+08:00",
             "decision": {"outcome": "filed", "date": "2024-01-09"}},
            {"referral_id": "YS-2023-010", "from_department": "黑龙江省知识产权局", "received_at": "2024-01-05T10:00:00+08:00",
             "forwarded": {"at": "2024-01-06T09:00:00+08:00", "unit": "哈尔滨市公安局"}}]},
        {"op": "add", "path": "/cases/1/penalty/registration_place_push",
         "value": {"date": "2024-07-10", "recipient": "吉林省长春市市场监督管理局"}},
    ):
        apply_op(data, PatchOp.model_validate(op))
    return data


def _report(data: dict):
    text = json.dumps(data, ensure_ascii=False)
    return validate_report(json.loads(text), JsonSourceMap(text), "test").report


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_past_date_of_a_report_is_a_stated_date(path: Path):
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    stated = {fact["ptr"] for fact in stated_date_facts(read_report(path).report)}
    expected = {p for p in _dates(data) if not NOT_STATED.match(p)}
    assert stated == expected


def test_every_kind_of_date_when_all_are_given():
    data = _every_optional_date(json.loads((BASES / "market-regulation-province.json").read_text(encoding="utf-8")))
    facts = list(stated_date_facts(_report(data)))
    assert {fact["ptr"] for fact in facts} == {p for p in _dates(data) if not NOT_STATED.match(p)}
    assert {fact["of"] for fact in facts} == {
        "evidence_date", "conduct_end", "case_filed", "case_closed", "penalty_decision", "penalty_publication",
        "referral_report_received", "referral_decision", "referral_transferred", "police_receipt",
        "police_decision", "police_notice", "police_notice_received", "handover", "procuratorate_copy",
        "referral_received", "referral_forwarded", "credit_decision", "credit_publication", "publication",
        "penalty_push"}


def test_keys_name_the_item_not_its_place_and_evidence_keeps_its_clause():
    data = json.loads((BASES / "market-regulation-province.json").read_text(encoding="utf-8"))
    facts = {fact["key"]: fact for fact in stated_date_facts(_report(data))}
    assert "credit/SX-2024-001/publication/gsxt/date" in facts
    assert facts["credit/SX-2024-001/publication/gsxt/date"]["ptr"] == "/credit_list/0/publications/1/date"
    evidence = facts["task/18/evidence/0/date"]
    assert (evidence["clause"], evidence["of"]) == ("18", "evidence_date")


def test_a_date_time_counts_by_its_day_in_china():
    data = json.loads((BASES / "market-regulation-province.json").read_text(encoding="utf-8"))
    data["referrals"][0]["transferred_at"] = "2024-04-23T16:30:00Z"  # 2024-04-24 00:30 in China
    facts = {fact["key"]: fact for fact in stated_date_facts(_report(data))}
    assert facts["referral/YS-2024-001/transferred_at"]["date_day"] == (dt.date(2024, 4, 24) - dt.date(1970, 1, 1)).days
