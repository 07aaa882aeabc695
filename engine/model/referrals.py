"""Referrals of suspected crimes (国务院令第310号): those the department sent, with the
approval, transfer, attachments, the police decision and the hand-over, and those a
public-security department received."""
from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Optional


from .base import Identifier, ShortText, Strict, Text, about


class ApprovalOutcome(str, Enum):
    approved = "approved"
    refused = "refused"


class ApprovalDecision(Strict):
    outcome: ApprovalOutcome = about("负责人审批结果：approved 批准移送、refused 不批准。",
                                     "The head's decision: approved or refused.", "approved")
    at: dt.datetime = about("审批决定时间（YYYY-MM-DDThh:mm:ss+08:00）。", "When it was decided (date-time with offset).",
                            "2024-03-12T10:00:00+08:00")
    reasons: Optional[Text] = about("不批准的理由。", "Why the referral was refused.", "经复核，涉案数额未达到追诉标准。",
                                    default=None)


class AttachmentKind(str, Enum):
    """The five materials of 国务院令第310号 第六条."""

    transfer_letter = "transfer_letter"  # (一) 涉嫌犯罪案件移送书
    investigation_report = "investigation_report"  # (二) 涉嫌犯罪案件情况的调查报告
    seized_items_list = "seized_items_list"  # (三) 涉案物品清单
    test_report = "test_report"  # (四) 有关检验报告或者鉴定结论
    other_materials = "other_materials"  # (五) 其他有关涉嫌犯罪的材料


class Attachment(Strict):
    kind: AttachmentKind = about("材料类型（第六条所列五类之一）。", "Which of the five materials of art. 6.", "transfer_letter")
    title: Optional[ShortText] = about("材料标题。", "Title of the material.", "涉嫌犯罪案件移送书", default=None)
    doc_number: Optional[ShortText] = about("文号。", "Document number.", "黑市监移〔2024〕12号", default=None)
    not_applicable: bool = about("确无此项材料（如未查获物品、无需检验）时为 true，并写明理由。",
                                 "true where the material does not exist (no items seized, no testing needed); give the reason.",
                                 False, default=False)
    reason: Optional[Text] = about("不适用的理由。", "Why the material does not exist.", "本案未查获涉案物品。", default=None)


class PoliceOutcome(str, Enum):
    filed = "filed"  # 立案
    not_filed = "not_filed"  # 不予立案


class PoliceDecision(Strict):
    """The public-security organ's decision on a referred case (国务院令第310号 第八条) and its
    written notice to the referring department (立案通知书 or 不予立案通知书). The referring
    department records it under its referral, the police under the referral they received."""

    outcome: PoliceOutcome = about("公安机关决定：filed 立案、not_filed 不予立案。", "The police decision: filed or not_filed.",
                                   "filed")
    date: dt.date = about("公安机关作出立案或不予立案决定的日期（YYYY-MM-DD）。",
                          "Date the police decided to file the case or not (YYYY-MM-DD).", "2024-03-14")
    notice_number: Optional[ShortText] = about("立案（不予立案）通知书文号。", "Number of the written notice.",
                                               "黑公食立字〔2024〕11号", default=None)
    reasons: Optional[Text] = about("不予立案的理由（第八条要求通知书写明）。", "Why the case was not filed (art. 8).",
                                    "经审查，没有犯罪事实。", default=None)
    # The date of the written notice to the referring department, as the police date and send it.
    notice_date: Optional[dt.date] = about("通知书落款日期（YYYY-MM-DD）。", "Date on the written notice (YYYY-MM-DD).",
                                           "2024-03-14", default=None)
    # The day the referring department received the notice (签收立案通知书之日): 第十二条 counts the
    # 3 days for handing over seized items from it, 第九条 the 3 days for asking a review.
    notice_received: Optional[dt.date] = about("移送机关签收通知书的日期（YYYY-MM-DD），移交和复议期限自此计算。",
                                               "Date the referring department received the notice; hand-over and review "
                                               "deadlines run from it.", "2024-03-15", default=None)


class Handover(Strict):
    date: dt.date = about("涉案物品和有关材料移交公安机关、办结交接手续的日期（YYYY-MM-DD）。",
                          "Date the items and materials were handed over to the police (YYYY-MM-DD).", "2024-03-19")
    note: Optional[Text] = about("交接情况说明。", "Notes on the hand-over.", "涉案大米1260袋及扣押清单已移交，交接手续办结。",
                                 default=None)


class ProcuratorateCopy(Strict):
    date: dt.date = about("移送书抄送人民检察院的日期（YYYY-MM-DD）。",
                          "Date the referral letter was copied to the procuratorate (YYYY-MM-DD).", "2024-03-12")
    unit: ShortText = about("抄送的人民检察院。", "The procuratorate copied.", "黑龙江省人民检察院")


class Referral(Strict):
    id: Identifier = about("移送记录编号。", "Id of the referral.", "YS-2024-001")
    case_id: Identifier = about("所移送案件的编号（cases 中的 id）。", "Id of the case referred (an id under cases).",
                                "HSJ-2024-0031")
    team_members: list[ShortText] = about("专案组成员（至少2名行政执法人员）。", "Members of the case team (at least two officers).",
                                          ["王立军", "赵明"], default=[], max_length=50, fail_fast=True)
    report_received: Optional[dt.date] = about("负责人收到专案组书面报告的日期（YYYY-MM-DD）。",
                                               "Date the head received the team's written report (YYYY-MM-DD).",
                                               "2024-03-11", default=None)
    decision: Optional[ApprovalDecision] = about("负责人是否批准移送的决定。", "The head's decision whether to refer.",
                                                 default=None)
    transferred_at: Optional[dt.datetime] = about("移送公安机关的时间（YYYY-MM-DDThh:mm:ss+08:00）。",
                                                  "When the case was transferred to the police (date-time with offset).",
                                                  "2024-03-12T15:30:00+08:00", default=None)
    police_unit: Optional[ShortText] = about("接收移送的公安机关。", "The police unit the case went to.",
                                             "黑龙江省公安厅食品药品与环境犯罪侦查总队", default=None)
    attachments: list[Attachment] = about("随案移送的材料（第六条）。", "Materials sent with the case (art. 6).",
                                          default=[], max_length=50, fail_fast=True)
    police_receipt_at: Optional[dt.datetime] = about("公安机关在移送书回执上签字的时间。", "When the police signed the receipt.",
                                                     "2024-03-12T16:10:00+08:00", default=None)
    police_decision: Optional[PoliceDecision] = about("公安机关立案或不予立案的决定。", "The police decision on filing.",
                                                      default=None)
    handover: Optional[Handover] = about("涉案物品和材料的移交。", "Hand-over of the items and materials.", default=None)
    procuratorate_copy: Optional[ProcuratorateCopy] = about("移送书抄送人民检察院的记录。",
                                                            "The copy of the referral sent to the procuratorate.", default=None)


class Forwarding(Strict):
    """A referred case outside the receiving bureau's jurisdiction, forwarded to the organ that has
    it (国务院令第310号 第七条: 转送有管辖权的机关); that organ, not this one, then decides on filing."""

    at: dt.datetime = about("转送时间（YYYY-MM-DDThh:mm:ss+08:00）。", "When it was forwarded (date-time with offset).",
                            "2024-03-13T09:00:00+08:00")
    unit: ShortText = about("转送的有管辖权的机关。", "The organ with jurisdiction it was forwarded to.", "哈尔滨市公安局道里分局")


class ReceivedReferral(Strict):
    """A suspected-crime referral as the receiving public-security organ records it (公安机关
    接受行政执法机关移送的涉嫌犯罪案件); batch reconciliation matches it with the sender's referral."""

    referral_id: Identifier = about("移送机关报告中的移送记录编号。", "The referral's id as the sending department reports it.",
                                    "YS-2024-001")
    from_department: ShortText = about("移送案件的行政执法机关。", "The enforcement department that sent it.", "黑龙江省市场监督管理局")
    case_id: Optional[Identifier] = about("移送机关的案件编号。", "The sender's case id.", "HSJ-2024-0031", default=None)
    transfer_letter_number: Optional[ShortText] = about("涉嫌犯罪案件移送书文号。", "Number of the referral letter.",
                                                        "黑市监移〔2024〕12号", default=None)
    # When the bureau accepted the case (接受移送, signing the receipt on the 移送书): 第八条 counts
    # the 3 days for the filing decision from this day.
    received_at: dt.datetime = about("接受移送（在回执上签字）的时间，立案审查期限自此计算。",
                                     "When the case was accepted (receipt signed); the filing deadline runs from it.",
                                     "2024-03-12T16:10:00+08:00")
    # The filing decision and the written notice to the sending department (第八条).
    decision: Optional[PoliceDecision] = about("立案或不予立案的决定及通知书（第八条）。",
                                               "The filing decision and its written notice (art. 8).", default=None)
    forwarded: Optional[Forwarding] = about("不属本机关管辖、转送有管辖权机关的记录（第七条）。",
                                            "Forwarding to the organ with jurisdiction (art. 7).", default=None)
