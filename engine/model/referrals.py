"""Referrals of suspected crimes (国务院令第310号): those the department sent, with the
approval, transfer, attachments, the police decision and the hand-over, and those a
public-security department received."""
from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Optional

from pydantic import Field

from engine.model.base import Identifier, ShortText, Strict, Text


class ApprovalOutcome(str, Enum):
    approved = "approved"
    refused = "refused"


class ApprovalDecision(Strict):
    outcome: ApprovalOutcome
    at: dt.datetime
    reasons: Optional[Text] = None


class AttachmentKind(str, Enum):
    """The five materials of 国务院令第310号 第六条."""

    transfer_letter = "transfer_letter"  # (一) 涉嫌犯罪案件移送书
    investigation_report = "investigation_report"  # (二) 涉嫌犯罪案件情况的调查报告
    seized_items_list = "seized_items_list"  # (三) 涉案物品清单
    test_report = "test_report"  # (四) 有关检验报告或者鉴定结论
    other_materials = "other_materials"  # (五) 其他有关涉嫌犯罪的材料


class Attachment(Strict):
    kind: AttachmentKind
    title: Optional[ShortText] = None
    doc_number: Optional[ShortText] = None
    not_applicable: bool = False
    reason: Optional[Text] = None


class PoliceOutcome(str, Enum):
    filed = "filed"  # 立案
    not_filed = "not_filed"  # 不予立案


class PoliceDecision(Strict):
    """The public-security organ's decision on a referred case (国务院令第310号 第八条) and its
    written notice to the referring department (立案通知书 or 不予立案通知书). The referring
    department records it under its referral, the police under the referral they received."""

    outcome: PoliceOutcome
    date: dt.date  # the day the police decided to file (立案) or not (不予立案)
    notice_number: Optional[ShortText] = None  # 通知书文号
    reasons: Optional[Text] = None  # 不予立案的理由, which 第八条 requires the notice to state
    # The date of the written notice to the referring department, as the police date and send it.
    notice_date: Optional[dt.date] = None
    # The day the referring department received the notice (签收立案通知书之日): 第十二条 counts the
    # 3 days for handing over seized items from it, 第九条 the 3 days for asking a review.
    notice_received: Optional[dt.date] = None


class Handover(Strict):
    date: dt.date
    note: Optional[Text] = None


class ProcuratorateCopy(Strict):
    date: dt.date
    unit: ShortText


class Referral(Strict):
    id: Identifier
    case_id: Identifier
    team_members: list[ShortText] = Field(default=[], max_length=50, fail_fast=True)
    report_received: Optional[dt.date] = None
    decision: Optional[ApprovalDecision] = None
    transferred_at: Optional[dt.datetime] = None
    police_unit: Optional[ShortText] = None
    attachments: list[Attachment] = Field(default=[], max_length=50, fail_fast=True)
    police_receipt_at: Optional[dt.datetime] = None
    police_decision: Optional[PoliceDecision] = None
    handover: Optional[Handover] = None
    procuratorate_copy: Optional[ProcuratorateCopy] = None


class Forwarding(Strict):
    """A referred case outside the receiving bureau's jurisdiction, forwarded to the organ that has
    it (国务院令第310号 第七条: 转送有管辖权的机关); that organ, not this one, then decides on filing."""

    at: dt.datetime
    unit: ShortText  # the organ it was forwarded to


class ReceivedReferral(Strict):
    """A suspected-crime referral as the receiving public-security organ records it (公安机关
    接受行政执法机关移送的涉嫌犯罪案件); batch reconciliation matches it with the sender's referral."""

    referral_id: Identifier  # the referral's id as the sending department reports it
    from_department: ShortText  # the sending administrative enforcement department
    case_id: Optional[Identifier] = None  # the sender's case id
    transfer_letter_number: Optional[ShortText] = None  # 涉嫌犯罪案件移送书 文号
    # When the bureau accepted the case (接受移送, signing the receipt on the 移送书): 第八条 counts
    # the 3 days for the filing decision from this day.
    received_at: dt.datetime
    # The filing decision and the written notice to the sending department (第八条).
    decision: Optional[PoliceDecision] = None
    forwarded: Optional[Forwarding] = None
