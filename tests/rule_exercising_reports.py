"""Hypothesis strategy for Heilongjiang reports that exercise the rules, not just the schema.

Ids come from small pools so referrals, cases, postings and attachments join; dates cluster in
short windows spanning holidays so working-day boundaries are crossed; amounts sit around the
criminal thresholds; optional fields are often missing so absence patterns fire.
"""
from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from engine.credit_code import with_check_digit
from engine.model import report as m

CST = dt.timezone(dt.timedelta(hours=8))
CASE_IDS = ["HSJ-2024-001", "HSJ-2024-002", "HSJ-2024-003"]
REFERRAL_IDS = ["YS-2024-001", "YS-2024-002"]
ENTRY_IDS = ["SX-2024-001", "SX-2024-002"]
# windows around 国庆节 2024, 春节 2025 and 劳动节 2025, plus 2027 (not in the holiday calendar)
WINDOWS = [dt.date(2024, 9, 25), dt.date(2025, 1, 24), dt.date(2025, 4, 28), dt.date(2027, 1, 4)]

VALID_CODE = with_check_digit("91230100MA1C8Q7K2")
DEPT_CODE = with_check_digit("11230000MB1A23517")
OTHER_PROVINCE_CODE = with_check_digit("91110105MA01C8Q7K")
INVALID_CODE = VALID_CODE[:-1] + ("0" if VALID_CODE[-1] != "0" else "1")

text = st.sampled_from(["哈尔滨市鑫源商贸有限公司", "刘振华", "黑市监移〔2024〕3号", "说明理由"])
evidence_title = st.sampled_from(["说明理由", "黑龙江省专利侵权纠纷技术调查官名录库", "2024年黑龙江省种业监管执法年度活动方案"])
# site names item 33 names, names of the same platforms it does not, and none
site_name = st.sampled_from([None, "信用中国(黑龙江)", "信用中国", "国家企业信用信息公示系统(黑龙江)",
                             "国家企业信用信息公示系统(吉林)"])
opt = lambda s: st.none() | s  # noqa: E731


@st.composite
def day(draw, window: dt.date | None = None) -> dt.date:
    base = window or draw(st.sampled_from(WINDOWS))
    return base + dt.timedelta(days=draw(st.integers(0, 14)))


@st.composite
def moment(draw, window: dt.date) -> dt.datetime:
    d = draw(day(window))
    return dt.datetime(d.year, d.month, d.day, draw(st.sampled_from([9, 10, 15, 23])), tzinfo=CST)


amount = st.sampled_from([0, 2999.5, 30000, 49999, 50000, 100000, 200000, 500000, 1000])
# around 行政处罚法 第五十一条's on-the-spot limits (200 yuan for a citizen, 3,000 otherwise)
fine = st.sampled_from([200, 201, 3000, 3001, 25000])


@st.composite
def posted(draw, window: dt.date) -> dt.date:
    """A publication in the decision's window, or a month on (past 20 working days)."""
    return draw(day(window)) + dt.timedelta(days=draw(st.sampled_from([0, 0, 30])))


def postings(window: dt.date, max_size: int, **extra) -> st.SearchStrategy:
    return st.lists(st.builds(m.Posting, platform=st.sampled_from(m.PublicationPlatform), site_name=site_name,
                              date=posted(window), **extra), max_size=max_size)


@st.composite
def case(draw, case_id: str) -> m.EnforcementCase:
    window = draw(st.sampled_from(WINDOWS))
    end = draw(day(window))
    return m.EnforcementCase(
        id=case_id, ip_type=draw(st.sampled_from(m.IpType)),
        conduct=m.Conduct(kind=draw(st.sampled_from(m.ConductKind)), end=end),
        party=m.Party(name="哈尔滨市鑫源商贸有限公司", type=draw(st.sampled_from(m.PartyType)),
                      credit_code=draw(opt(st.sampled_from([VALID_CODE, INVALID_CODE, OTHER_PROVINCE_CODE])))),
        filed_date=end,
        amounts=m.Amounts(illegal_business_volume=draw(opt(amount)), illegal_gains=draw(opt(amount)),
                          sales_amount=draw(opt(amount)), infringing_copies=draw(opt(st.sampled_from([999, 1000])))),
        items_seized=draw(st.booleans()), testing_required=draw(st.booleans()),
        suspected_crime=draw(st.booleans()), disposition=draw(st.sampled_from(m.Disposition)),
        penalty=draw(opt(st.builds(
            m.Penalty, decision_date=day(window), procedure=opt(st.sampled_from(m.PenaltyProcedure)),
            kinds=st.lists(st.sampled_from(m.PenaltyKind), max_size=2, unique=True), fine=opt(fine),
            publications=postings(window, 2),
            registration_place_push=opt(st.builds(m.RegistrationPlacePush, date=posted(window),
                                                  recipient=st.just("吉林省长春市市场监督管理局")))))),
    )


@st.composite
def police_decision(draw, window: dt.date) -> m.PoliceDecision:
    return m.PoliceDecision(
        outcome=draw(st.sampled_from(m.PoliceOutcome)), date=draw(day(window)),
        notice_number=draw(opt(st.just("黑公（经）立字〔2024〕11号"))), reasons=draw(opt(text)),
        notice_date=draw(opt(day(window))), notice_received=draw(opt(day(window))),
    )


@st.composite
def received_referral(draw, referral_id: str) -> m.ReceivedReferral:
    """A referral as the police record accepting it (the report's department may be any kind)."""
    window = draw(st.sampled_from(WINDOWS))
    return m.ReceivedReferral(
        referral_id=referral_id, from_department="黑龙江省市场监督管理局",
        received_at=draw(moment(window)), decision=draw(opt(police_decision(window))),
        forwarded=draw(st.none() | st.none() | st.builds(m.Forwarding, at=moment(window), unit=st.just("哈尔滨市公安局"))),
    )


@st.composite
def referral(draw, referral_id: str) -> m.Referral:
    window = draw(st.sampled_from(WINDOWS))
    decision = draw(opt(st.builds(m.ApprovalDecision, outcome=st.sampled_from(m.ApprovalOutcome),
                                  at=moment(window), reasons=opt(text))))
    return m.Referral(
        id=referral_id, case_id=draw(st.sampled_from(CASE_IDS + ["HSJ-2099-999"])),
        team_members=draw(st.lists(text, max_size=3)), report_received=draw(opt(day(window))),
        decision=decision, transferred_at=draw(opt(moment(window))), police_unit=draw(opt(text)),
        attachments=draw(st.lists(st.builds(m.Attachment, kind=st.sampled_from(m.AttachmentKind),
                                            not_applicable=st.booleans(), reason=opt(text)), max_size=6)),
        police_receipt_at=draw(opt(moment(window))),
        police_decision=draw(opt(police_decision(window))),
        handover=draw(opt(st.builds(m.Handover, date=day(window)))),
        procuratorate_copy=draw(opt(st.builds(m.ProcuratorateCopy, date=day(window), unit=text))),
    )


@st.composite
def credit_entry(draw, entry_id: str) -> m.CreditListEntry:
    window = draw(st.sampled_from(WINDOWS))
    # an entry another department decided (decided_by) is one this department only published
    decided_by = draw(st.none() | st.none() | st.just("黑龙江省知识产权局"))
    decided = draw(day(window))
    # removed around the first anniversary of the listing (信用修复 after at least a year)
    removal = draw(opt(st.sampled_from([decided + dt.timedelta(days=364), decided + dt.timedelta(days=365)])))
    return m.CreditListEntry(
        id=entry_id, entity_name="哈尔滨市宏达伟业商贸有限公司",
        credit_code=draw(st.sampled_from([VALID_CODE, INVALID_CODE])), decision_date=decided,
        decision_number=draw(opt(text)),
        publications=draw(postings(window, 3, url=opt(st.just("https://credit.hlj.gov.cn/x")),
                                   publisher=opt(st.just("黑龙江省市场监督管理局")))),
        removal_date=removal, removal_decision_number=draw(opt(st.just("黑市监信修〔2025〕1号"))),
        decided_by=decided_by,
    )


@st.composite
def subset(draw, ids: list[str], build) -> list:
    chosen = draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
    return [draw(build(i)) for i in chosen]


@st.composite
def period(draw) -> m.Period:
    year = draw(st.sampled_from([2024, 2025, 2027]))
    end = draw(st.sampled_from([dt.date(year, 6, 30), dt.date(year, 10, 31), dt.date(year, 12, 31)]))
    return m.Period(start=dt.date(year, 1, 1), end=end)


@st.composite
def heilongjiang_reports(draw) -> m.Report:
    p = draw(period())
    year = p.end.year
    return m.Report(
        plan="heilongjiang-2023",
        department=m.Department(name=draw(st.sampled_from(["黑龙江省市场监督管理局", "黑龙江省知识产权局", "黑龙江省高级人民法院",
                                                          "黑龙江省版权局", "哈尔滨市市场监督管理局"])),
                                kind=draw(opt(st.sampled_from(m.DepartmentKind))),
                                level=draw(st.sampled_from(m.AdminLevel)),
                                code=draw(opt(st.sampled_from([DEPT_CODE, OTHER_PROVINCE_CODE])))),
        # submitted at the period's end, days later, or months later (publication windows closed)
        period=p, submitted=draw(st.sampled_from([p.end, p.end + dt.timedelta(days=draw(st.integers(1, 12))),
                                                  p.end + dt.timedelta(days=120)])),
        contact=m.Contact(name="王立新"),
        tasks=draw(st.lists(st.builds(
            m.TaskProgress, clause=st.sampled_from(["9", "10", "14", "18", "33", "52", "67", "69", "78", "79", "80"]),
            status=st.sampled_from(m.TaskStatus), justification=opt(text), role=opt(st.sampled_from(m.TaskRole)),
            narrative=opt(st.sampled_from(["建成技术调查官名录库", "印发种业监管执法年度活动方案", "开展专项行动",
                                            "推进知识产权保护与促进条例立法"])),
            evidence=st.lists(st.builds(
                m.Evidence, kind=st.just(m.EvidenceKind.document), title=evidence_title,
                date=opt(st.sampled_from([dt.date(year, 4, 25), dt.date(year - 1, 9, 1), dt.date(2021, 3, 1)])),
                doc_number=opt(st.just("黑知发〔2024〕18号")),
                output=opt(st.sampled_from(["hlj-9-investigator-roster", "hlj-10-seed-enforcement-plan", "no-such-output"])),
            ), max_size=2),
        ), max_size=6, unique_by=lambda t: t.clause)),
        metrics=draw(st.lists(st.builds(
            m.Metric, key=st.sampled_from(["training_person_times", "cases_closed", "ip_advantage_enterprises"]),
            value=st.sampled_from([1000, 1001, 4999, 5000, 6350]), unit=st.just("人次"), scope=st.sampled_from(m.MetricScope),
            period=st.sampled_from([p, m.Period(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))]),
        ), max_size=2)),
        cases=draw(subset(CASE_IDS, case)),
        referrals=draw(subset(REFERRAL_IDS, referral)),
        received_referrals=draw(subset(REFERRAL_IDS, received_referral)),
        credit_list=draw(subset(ENTRY_IDS, credit_entry)),
        publications=draw(st.lists(st.builds(
            m.Publication, id=st.sampled_from(["P1", "P2", "P3", "P4"]), kind=st.sampled_from(m.PublicationKind),
            title=text, year_covered=opt(st.just(year - 1)), publisher=opt(text),
            published=opt(st.sampled_from([dt.date(year, 4, 25), dt.date(year - 1, 4, 25)])),
            url=opt(st.just("https://zscqj.hlj.gov.cn/p")),
        ), max_size=4, unique_by=lambda x: x.id)),
    )
