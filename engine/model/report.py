"""The report format v1: what a department submits about one plan and one reporting period.

These pydantic models are the single source of truth: the JSON Schema and the XSD under
`schemas/` are generated from them, and both readers produce exactly these objects.
Field names are English; Chinese goes in values.
"""
from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Literal, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from engine.credit_code import STRUCTURE as CREDIT_CODE_STRUCTURE
from engine.model.values import InvalidValue, check_url, non_blank, printable

SCHEMA_VERSION = "1.1"
# Versions a report may declare: 1.1 only adds optional fields to 1.0 (department aliases/kinds, task
# role, the police notice's date and receipt, forwarding), so 1.0 reports stay valid.
SCHEMA_VERSIONS = ("1.0", "1.1")

Text = Annotated[str, AfterValidator(non_blank), Field(max_length=4000)]
ShortText = Annotated[str, AfterValidator(non_blank), Field(max_length=300)]
Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")]
Url = Annotated[str, AfterValidator(check_url), Field(max_length=2000)]
Money = Annotated[float, Field(ge=0, le=1e13)]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
# A plan clause number as the plans write it: "33", "三(一)2", "3-5".
ClauseNumber = Annotated[str, Field(pattern=r"^[0-9A-Za-z一-龥()（）.\-]{1,20}$")]
# A 统一社会信用代码 of someone else (a listed entity, a case's party) is taken as written, within
# a bound: an invalid one, malformed or with a wrong check character, is a finding on its record
# (CREDIT-CODE-INVALID, PENALTY-PARTY-CODE-INVALID, explained by engine.credit_code), not a
# reason to set the record aside.
CreditCode = Annotated[str, AfterValidator(non_blank), Field(max_length=40)]
# The reporting department's own code must at least have the form of one: a malformed one is an
# invalid value (its check character is not judged here, as before).
OwnCreditCode = Annotated[str, Field(pattern=CREDIT_CODE_STRUCTURE)]


class Strict(BaseModel):
    """Base for every report object: unknown fields are errors, never silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class DepartmentKind(str, Enum):
    market_regulation = "market_regulation"  # 市场监管部门
    ip_office = "ip_office"  # 知识产权局
    copyright = "copyright"  # 版权局
    culture_tourism = "culture_tourism"  # 文化和旅游部门（含文化市场综合执法）
    public_security = "public_security"  # 公安机关
    court = "court"  # 人民法院
    procuratorate = "procuratorate"  # 人民检察院
    agriculture = "agriculture"  # 农业农村部门
    forestry = "forestry"  # 林业和草原部门
    customs = "customs"  # 海关
    justice = "justice"  # 司法行政部门
    commerce = "commerce"  # 商务部门
    cyberspace = "cyberspace"  # 网信部门（党委网信办）
    industry_it = "industry_it"  # 工业和信息化部门
    financial_regulation = "financial_regulation"  # 金融监管部门（国家金融监督管理总局派出机构）
    education = "education"  # 教育部门（含设在其中的学位委员会办公室）
    other = "other"  # 其他部门（人大、政协、发展改革、科技等）


class AdminLevel(str, Enum):
    province = "province"
    prefecture = "prefecture"
    county = "county"


class Department(Strict):
    """Who reports. `name` is the department's canonical name; `aliases` its other official names
    (many IP offices are a second name of the market regulator: 黑龙江省市场监督管理局 is also
    黑龙江省知识产权局). `kind` and `kinds` say what it is (a rule for `ip_office` applies to a
    department with that among its kinds); where they and `level` are omitted, they are taken
    from the plan's table of units or read off a standard Chinese name (engine.plans.identity)."""

    name: ShortText
    kind: Optional[DepartmentKind] = None
    kinds: list[DepartmentKind] = Field(default=[], max_length=len(DepartmentKind), fail_fast=True)
    level: Optional[AdminLevel] = None
    aliases: list[ShortText] = Field(default=[], max_length=20, fail_fast=True)
    code: Optional[OwnCreditCode] = None
    region: Optional[ShortText] = None


class Period(Strict):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> "Period":
        if self.end < self.start:
            raise InvalidValue(f"period ends ({self.end}) before it starts ({self.start})",
                               f"期间结束日期（{self.end}）早于开始日期（{self.start}）",
                               "correct the start or the end date", "更正开始或结束日期", field="end")
        return self


class Contact(Strict):
    name: ShortText
    phone: Optional[Annotated[str, Field(pattern=r"^[0-9+\-() ]{5,30}$")]] = None
    email: Optional[Annotated[str, AfterValidator(printable), Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]] = None


class EvidenceKind(str, Enum):
    document = "document"
    notice = "notice"
    minutes = "minutes"
    web_page = "web_page"
    statistics = "statistics"
    photo = "photo"
    other = "other"


class Evidence(Strict):
    id: Optional[Identifier] = None
    kind: EvidenceKind
    title: ShortText
    doc_number: Optional[ShortText] = None
    issuer: Optional[ShortText] = None
    date: Optional[dt.date] = None
    url: Optional[Url] = None
    file_name: Optional[ShortText] = None
    sha256: Optional[Sha256] = None
    # The plan output this evidence shows delivered, by the id the plan's pack gives it (the
    # template lists them): a 名录库 set up, a 指引 issued, a yearly 活动方案 印发.
    output: Optional[Identifier] = None


class TaskStatus(str, Enum):
    not_started = "not_started"
    in_progress = "in_progress"
    completed = "completed"
    not_applicable = "not_applicable"
    unreported = "unreported"  # 待填报: a template placeholder, still a gap (TASK-GAP)


class TaskRole(str, Enum):
    """The department's own declaration that it answers for a clause the plan does not assign it
    by name: it leads (牵头) or takes part (配合) in it. The clause is then checked like a named one."""

    lead = "lead"
    participant = "participant"


class TaskProgress(Strict):
    clause: ClauseNumber
    status: TaskStatus
    role: Optional[TaskRole] = None
    justification: Optional[Text] = None
    narrative: Optional[Text] = None
    evidence: list[Evidence] = Field(default=[], fail_fast=True)


class MetricScope(str, Enum):
    own = "own"
    region = "region"


class Metric(Strict):
    key: Identifier
    value: Annotated[float, Field(ge=0, le=1e13)]
    unit: ShortText
    scope: MetricScope
    period: Period
    clause: Optional[ClauseNumber] = None
    evidence_refs: list[Identifier] = Field(default=[], fail_fast=True)


class IpType(str, Enum):
    patent = "patent"
    trademark = "trademark"
    copyright = "copyright"
    geographical_indication = "geographical_indication"
    plant_variety = "plant_variety"
    trade_secret = "trade_secret"
    other = "other"


class ConductKind(str, Enum):
    """What was done; selects the row of the dated criminal-threshold table."""

    counterfeit_trademark = "counterfeit_trademark"  # 假冒注册商标 (刑法第213条)
    sell_counterfeit_trademark_goods = "sell_counterfeit_trademark_goods"  # 第214条
    illegal_trademark_marks = "illegal_trademark_marks"  # 非法制造、销售注册商标标识 第215条
    counterfeit_patent = "counterfeit_patent"  # 假冒专利 第216条
    copyright_infringement = "copyright_infringement"  # 侵犯著作权 第217条
    sell_infringing_copies = "sell_infringing_copies"  # 销售侵权复制品 第218条
    trade_secret_infringement = "trade_secret_infringement"  # 侵犯商业秘密 第219条
    other = "other"


class Conduct(Strict):
    kind: ConductKind
    description: Optional[Text] = None
    start: Optional[dt.date] = None
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> "Conduct":
        if self.start and self.end < self.start:
            raise InvalidValue(f"conduct ends ({self.end}) before it starts ({self.start})",
                               f"违法行为结束日期（{self.end}）早于开始日期（{self.start}）",
                               "correct the start or the end date of the conduct", "更正违法行为的开始或结束日期",
                               field="end")
        return self


class PartyType(str, Enum):
    company = "company"
    individual_business = "individual_business"
    natural_person = "natural_person"


class Party(Strict):
    name: ShortText
    type: PartyType
    credit_code: Optional[CreditCode] = None


class Amounts(Strict):
    """Amounts in yuan (元) and counts, as the 2004 两高 interpretation names them."""

    illegal_business_volume: Optional[Money] = None  # 非法经营数额
    illegal_gains: Optional[Money] = None  # 违法所得数额
    sales_amount: Optional[Money] = None  # 销售金额
    rights_holder_loss: Optional[Money] = None  # 给权利人造成的损失
    infringing_copies: Optional[Annotated[int, Field(ge=0, le=10**12)]] = None  # 复制品数量
    counterfeit_marks: Optional[Annotated[int, Field(ge=0, le=10**12)]] = None  # 标识数量(件)


class AmountKind(str, Enum):
    """The names of the Amounts fields, for data that refers to one of them."""

    illegal_business_volume = "illegal_business_volume"
    illegal_gains = "illegal_gains"
    sales_amount = "sales_amount"
    rights_holder_loss = "rights_holder_loss"
    infringing_copies = "infringing_copies"
    counterfeit_marks = "counterfeit_marks"


class Disposition(str, Enum):
    pending = "pending"
    referred = "referred"
    penalised = "penalised"
    penalised_after_police_declined = "penalised_after_police_declined"
    closed_without_penalty = "closed_without_penalty"


class PenaltyKind(str, Enum):
    warning = "warning"  # 警告
    fine = "fine"  # 罚款
    confiscation = "confiscation"  # 没收违法所得、没收非法财物
    licence_suspension = "licence_suspension"  # 暂扣许可证件、降低资质等级
    licence_revocation = "licence_revocation"  # 吊销许可证件、吊销营业执照
    business_suspension = "business_suspension"  # 责令停产停业、责令关闭、限制开展生产经营活动
    other = "other"  # 其他行政处罚


class PublicationPlatform(str, Enum):
    credit_china = "credit_china"  # 信用中国 (and its provincial sites)
    gsxt = "gsxt"  # 国家企业信用信息公示系统
    department_website = "department_website"
    other = "other"


class Posting(Strict):
    """One publication of a decision on one platform."""

    platform: PublicationPlatform
    # The site as it names itself (信用中国(黑龙江), 国家企业信用信息公示系统(天津)): where a plan
    # names the site a decision must go on, this is compared with the plan's words.
    site_name: Optional[ShortText] = None
    date: dt.date
    url: Optional[Url] = None
    # The department that made this publication, when it is not the reporting department (the
    # unit running a 信用中国 site, or the market regulator that enters a listing into 国家企业信用
    # 信息公示系统 for another department), named exactly as it names itself in its own report:
    # batch reconciliation looks for the entry in that department's report.
    publisher: Optional[ShortText] = None


class PenaltyProcedure(str, Enum):
    """The procedure the penalty was decided under (行政处罚法 第五章): only penalties decided
    under the ordinary procedure are published (总局令第45号 第二条)."""

    ordinary = "ordinary"  # 普通程序 (第三节, including a hearing under 第四节 听证程序)
    summary = "summary"  # 简易程序: decided on the spot (当场作出, 第五十一条)


class RegistrationPlacePush(Strict):
    """The push of the penalty information to the market regulator of the place where the party is
    registered (当事人登记地（住所地）市场监督管理部门), through the department's provincial
    regulator, when that place is in another province (总局令第45号 第十条): the registration-place
    regulator then publishes it."""

    date: dt.date  # 推送日期: when the information reached the registration-place regulator
    recipient: ShortText  # 接收推送的登记地（住所地）市场监督管理部门, e.g. 吉林省长春市市场监督管理局


class Penalty(Strict):
    decision_number: Optional[ShortText] = None
    decision_date: dt.date
    # 普通程序 / 简易程序. Reports before format 1.1 do not say; a missing procedure is read off
    # the penalty where 行政处罚法 第五十一条 rules out the summary one (engine.publication).
    procedure: Optional[PenaltyProcedure] = None
    # 处罚种类 the decision imposes (警告、罚款、没收…); a penalty that is only a warning is not
    # published (总局令第45号 第二条第二款).
    kinds: list[PenaltyKind] = Field(default=[], max_length=10, fail_fast=True)
    fine: Optional[Money] = None
    publications: list[Posting] = Field(default=[], fail_fast=True)
    registration_place_push: Optional[RegistrationPlacePush] = None


class EnforcementCase(Strict):
    id: Identifier
    ip_type: IpType
    conduct: Conduct
    party: Party
    filed_date: dt.date
    closed_date: Optional[dt.date] = None
    amounts: Amounts = Amounts()
    items_seized: bool = False
    testing_required: bool = False
    suspected_crime: bool = False
    disposition: Disposition
    penalty: Optional[Penalty] = None

    @model_validator(mode="after")
    def _ordered(self) -> "EnforcementCase":
        if self.closed_date and self.closed_date < self.filed_date:
            raise InvalidValue(f"case closed ({self.closed_date}) before it was filed ({self.filed_date})",
                               f"结案日期（{self.closed_date}）早于立案日期（{self.filed_date}）",
                               "correct the filing or the closing date", "更正立案日期或结案日期", field="closed_date")
        return self


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


class CreditListEntry(Strict):
    id: Identifier
    entity_name: ShortText
    credit_code: CreditCode
    decision_date: dt.date
    decision_number: Optional[ShortText] = None
    reason: Optional[Text] = None
    publications: list[Posting] = Field(default=[], fail_fast=True)
    removal_date: Optional[dt.date] = None
    # 移出严重违法失信名单（信用修复）决定书文号, with removal_date: the decision that took the
    # party off the list early.
    removal_decision_number: Optional[ShortText] = None
    # Set when another department decided the listing (列入决定机关, named exactly as it names
    # itself in its own report) and the reporting department only published it on a platform it
    # runs; batch reconciliation matches the two entries by decision_number and credit_code.
    decided_by: Optional[ShortText] = None


class PublicationKind(str, Enum):
    ip_protection_white_paper = "ip_protection_white_paper"  # 知识产权保护状况白皮书
    court_judicial_protection_white_paper = "court_judicial_protection_white_paper"  # 法院知识产权司法保护状况白皮书
    court_ip_trial_white_paper = "court_ip_trial_white_paper"  # 知识产权审判工作白皮书
    satisfaction_survey = "satisfaction_survey"  # 知识产权保护社会满意度调查报告
    protection_level_assessment = "protection_level_assessment"  # 知识产权保护水平评估
    typical_cases = "typical_cases"  # 典型案例


class Publication(Strict):
    id: Identifier
    kind: PublicationKind
    title: ShortText
    year_covered: Optional[Annotated[int, Field(ge=1990, le=2100)]] = None
    publisher: Optional[ShortText] = None
    published: Optional[dt.date] = None
    url: Optional[Url] = None


class Report(Strict):
    schema_version: Literal["1.0", "1.1"] = SCHEMA_VERSION
    plan: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9\-]{1,40}$")]
    department: Department
    period: Period
    submitted: dt.date
    contact: Contact
    tasks: list[TaskProgress] = Field(default=[], fail_fast=True)
    metrics: list[Metric] = Field(default=[], fail_fast=True)
    cases: list[EnforcementCase] = Field(default=[], fail_fast=True)
    referrals: list[Referral] = Field(default=[], fail_fast=True)
    received_referrals: list[ReceivedReferral] = Field(default=[], fail_fast=True)
    credit_list: list[CreditListEntry] = Field(default=[], fail_fast=True)
    publications: list[Publication] = Field(default=[], fail_fast=True)
