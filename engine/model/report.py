"""The report format v1: what a department submits about one plan and one reporting period.

These pydantic models (with the decisions in engine/model/enforcement.py, the referrals in
engine/model/referrals.py and the value kinds in engine/model/base.py) are the single source of truth: the JSON Schema and the XSD under
`schemas/` are generated from them, and both readers produce exactly these objects.
Field names are English; Chinese goes in values.
"""
from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Literal, Optional

from pydantic import AfterValidator, ConfigDict, Field, model_validator

from .base import (  # noqa: F401  (the format's value kinds, imported from here by its users)
    ClauseNumber, CreditCode, Identifier, Money, OwnCreditCode, Sha256, ShortText, Strict, Text, Url, about,
)
from .enforcement import (  # noqa: F401  (the report's parts, imported from here by its users)
    AmountKind, Amounts, Conduct, ConductKind, CreditListEntry, Disposition, EnforcementCase, IpType, Party,
    PartyType, Penalty, PenaltyKind, PenaltyProcedure, Posting, PublicationPlatform, RegistrationPlacePush,
)
from .referrals import (  # noqa: F401
    ApprovalDecision, ApprovalOutcome, Attachment, AttachmentKind, Forwarding, Handover, PoliceDecision,
    PoliceOutcome, ProcuratorateCopy, ReceivedReferral, Referral,
)
from .values import InvalidValue, printable

SCHEMA_VERSION = "1.1"
# Versions a report may declare: 1.1 only adds optional fields to 1.0 (department aliases/kinds, task
# role, the police notice's date and receipt, forwarding), so 1.0 reports stay valid.
SCHEMA_VERSIONS = ("1.0", "1.1")

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

    name: ShortText = about("报告部门的规范全称，与公章、文件落款一致。",
                            "The reporting department's full official name, as on its seal.", "黑龙江省市场监督管理局")
    kind: Optional[DepartmentKind] = about(
        "部门类型（主要职能）；省略时按计划的单位表或部门名称推断。",
        "What kind of department it is (its main function); read off the plan's table or the name when left out.",
        "market_regulation", default=None)
    kinds: list[DepartmentKind] = about(
        "本部门另外具有的类型，如市场监管局同时是知识产权局时填 ip_office。",
        "Further kinds the department also is, e.g. ip_office for a market regulator that is also the IP office.",
        ["ip_office"], default=[], max_length=len(DepartmentKind), fail_fast=True)
    level: Optional[AdminLevel] = about(
        "行政层级：province 省级、prefecture 市（地）级、county 县级；省略时按名称推断。",
        "Administrative level: province, prefecture or county; read off the name when left out.",
        "province", default=None)
    aliases: list[ShortText] = about(
        "本部门的其他正式名称（加挂的牌子），如“黑龙江省知识产权局”。",
        "The department's other official names (a second name plate).",
        ["黑龙江省知识产权局"], default=[], max_length=20, fail_fast=True)
    code: Optional[OwnCreditCode] = about(
        "本部门的统一社会信用代码（18位，机关以11开头）。",
        "The department's own unified social credit code (18 characters).", "11230000MB1953067G", default=None)
    region: Optional[ShortText] = about("本部门所辖行政区域。", "The region the department serves.", "黑龙江省", default=None)


class Period(Strict):
    start: dt.date = about("期间的第一天（YYYY-MM-DD）。", "First day of the period (YYYY-MM-DD).", "2024-01-01")
    end: dt.date = about("期间的最后一天（含当日，YYYY-MM-DD）。", "Last day of the period, inclusive (YYYY-MM-DD).",
                         "2024-12-31")

    @model_validator(mode="after")
    def _ordered(self) -> "Period":
        if self.end < self.start:
            raise InvalidValue(f"period ends ({self.end}) before it starts ({self.start})",
                               f"期间结束日期（{self.end}）早于开始日期（{self.start}）",
                               "correct the start or the end date", "更正开始或结束日期", field="end")
        return self


class Contact(Strict):
    name: ShortText = about("本报告联系人的姓名（模板中的“待填写”须替换）。",
                            "Name of the report's contact person (replace the template's 待填写).", "李春燕")
    phone: Optional[Annotated[str, Field(pattern=r"^[0-9+\-() ]{5,30}$")]] = about(
        "联系电话，含区号。", "Telephone number with area code.", "0451-82620188", default=None)
    email: Optional[Annotated[str, AfterValidator(printable), Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]] = about(
        "联系人电子邮箱。", "The contact's e-mail address.", "bhc@ipo.hlj.example.gov.cn", default=None)


class EvidenceKind(str, Enum):
    document = "document"
    notice = "notice"
    minutes = "minutes"
    web_page = "web_page"
    statistics = "statistics"
    photo = "photo"
    other = "other"


class Evidence(Strict):
    id: Optional[Identifier] = about("佐证材料编号（选填），供 metrics 的 evidence_refs 引用。",
                                     "Optional id of the evidence, for metrics' evidence_refs.", "EV-67-STAT", default=None)
    kind: EvidenceKind = about("佐证类型：document 文件、notice 通知、minutes 会议纪要、web_page 网页、statistics 统计数据、photo 照片、other 其他。",
                               "Kind of evidence: document, notice, minutes, web_page, statistics, photo or other.", "notice")
    title: ShortText = about("佐证材料的标题（文件名称、通知标题、网页标题）。",
                             "Title of the evidence (the document's, notice's or web page's).",
                             "关于开展2024年知识产权行政保护专项行动的通知")
    doc_number: Optional[ShortText] = about("文号。", "Document number.", "黑知发〔2024〕12号", default=None)
    issuer: Optional[ShortText] = about("发文（发布）单位。", "Issuing body.", "黑龙江省知识产权局", default=None)
    date: Optional[dt.date] = about("印发、发布或会议日期（YYYY-MM-DD）；每份佐证都应注明。",
                                    "Date issued, published or held (YYYY-MM-DD); every item should have one.",
                                    "2024-03-12", default=None)
    url: Optional[Url] = about("可直接打开的网址（http:// 或 https:// 开头）。", "Address it can be opened at (http or https).",
                               "https://amr.hlj.gov.cn/amr/c100155/202403/c00_31712345.shtml", default=None)
    file_name: Optional[ShortText] = about("随报告报送的电子文件名。", "Name of the file submitted with the report.",
                                           "黑知发〔2024〕12号.pdf", default=None)
    sha256: Optional[Sha256] = about("该电子文件的 SHA-256 摘要（64位小写十六进制），证明文件未被改动。",
                                     "SHA-256 digest of that file (64 lower-case hex digits).",
                                     "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", default=None)
    # The plan output this evidence shows delivered, by the id the plan's pack gives it (the
    # template lists them): a 名录库 set up, a 指引 issued, a yearly 活动方案 印发.
    output: Optional[Identifier] = about("本佐证证明完成的计划成果编号（模板各项列出）。",
                                         "Id of the plan output this evidence shows delivered (listed in the template).",
                                         "cd-overseas-protection-centre", default=None)


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
    clause: ClauseNumber = about("计划条款编号，按计划原文书写。", "The plan clause's number, as the plan writes it.", "18")
    status: TaskStatus = about(
        "落实状态：not_started 未开始、in_progress 推进中、completed 已完成、not_applicable 不适用（须写理由）；unreported 为模板的待填报。",
        "Status: not_started, in_progress, completed, not_applicable (give a justification); unreported is the template's placeholder.",
        "completed")
    role: Optional[TaskRole] = about("方案未列明本部门时，本部门在该项中的角色：lead 牵头、participant 参与。",
                                     "Where the plan does not name the department: lead or participant.",
                                     "participant", default=None)
    justification: Optional[Text] = about("报告“不适用”的具体理由（“无”“不适用”“/”不算理由）。",
                                          "Why the item does not apply (无, 不适用 or / alone is no reason).",
                                          "本年度该项工作由市科技局牵头组织，本局无相应工作安排。", default=None)
    narrative: Optional[Text] = about("落实情况：做了什么、何时做、成效如何（删去模板的【待填报】说明）。",
                                      "What was done, when, and with what result (replace the template's 【待填报】 text).",
                                      "部署全省知识产权行政保护专项行动，全年办理专利侵权纠纷行政裁决案件213件。", default=None)
    evidence: list[Evidence] = about("佐证材料清单，每份写明标题和日期。", "The evidence, each with a title and a date.",
                                     default=[], fail_fast=True)


class MetricScope(str, Enum):
    own = "own"
    region = "region"


class Metric(Strict):
    key: Identifier = about("指标名，按模板所列填写。", "The metric's key, as the template lists it.", "training_person_times")
    value: Annotated[float, Field(ge=0, le=1e13)] = about("数值（不带单位）。", "The value, without its unit.", 6380)
    unit: ShortText = about("计量单位。", "Unit of the value.", "人次")
    scope: MetricScope = about("统计范围：own 本部门、region 本地区合计。", "What it counts: own (the department) or region (the whole region).",
                               "region")
    period: Period = about("数值所属的统计期间。", "The period the value covers.")
    clause: Optional[ClauseNumber] = about("指标对应的计划条款编号。", "The plan clause the metric reports on.", "67", default=None)
    evidence_refs: list[Identifier] = about("支撑该数值的佐证材料编号（evidence 的 id）。",
                                            "Ids of the evidence items behind the value.", ["EV-67-STAT"],
                                            default=[], fail_fast=True)


class PublicationKind(str, Enum):
    ip_protection_white_paper = "ip_protection_white_paper"  # 知识产权保护状况白皮书
    court_judicial_protection_white_paper = "court_judicial_protection_white_paper"  # 法院知识产权司法保护状况白皮书
    court_ip_trial_white_paper = "court_ip_trial_white_paper"  # 知识产权审判工作白皮书
    satisfaction_survey = "satisfaction_survey"  # 知识产权保护社会满意度调查报告
    protection_level_assessment = "protection_level_assessment"  # 知识产权保护水平评估
    typical_cases = "typical_cases"  # 典型案例


class Publication(Strict):
    id: Identifier = about("本报告内的发布物编号。", "Id of the publication within the report.", "PUB-2024-01")
    kind: PublicationKind = about("发布物类型（白皮书、满意度调查报告、典型案例等）。",
                                  "Kind of publication (white paper, satisfaction survey, typical cases…).",
                                  "ip_protection_white_paper")
    title: ShortText = about("发布物标题。", "Title of the publication.", "2023年黑龙江省知识产权保护状况")
    year_covered: Optional[Annotated[int, Field(ge=1990, le=2100)]] = about(
        "发布物反映的年度（白皮书多为上一年度）。", "The year it covers (a white paper usually the year before).", 2023, default=None)
    publisher: Optional[ShortText] = about("发布单位。", "Who published it.", "黑龙江省知识产权局", default=None)
    published: Optional[dt.date] = about("发布日期（YYYY-MM-DD）。", "Date published (YYYY-MM-DD).", "2024-04-25", default=None)
    url: Optional[Url] = about("发布页面网址。", "Address of the published page.",
                               "https://zscqj.hlj.gov.cn/zscqj/c107563/202404/c00_31723456.shtml", default=None)


def _schema_reference(schema: dict) -> None:
    """The JSON form may name its schema in `$schema` (the template writes it, so that editors give
    completion and hover help); readers drop it (engine.io.read). It is no field of the report:
    the XML form names its schema with xsi:schemaLocation instead."""
    schema["properties"] = {"$schema": {
        "type": "string", "title": "$schema",
        "description": "报告格式（本 JSON Schema）的网址或文件路径，供编辑器提示和校验；核查时不读取。\n"
                       "The URI or path of this JSON Schema, for editors' completion and validation; not read by the check.",
        "examples": ["file:///usr/lib/python3/site-packages/engine/bundled_schemas/report.schema.json"],
    }, **schema["properties"]}


class Report(Strict):
    model_config = ConfigDict(**Strict.model_config, json_schema_extra=_schema_reference)

    schema_version: Literal["1.0", "1.1"] = about("报告格式版本。", "Version of the report format.", SCHEMA_VERSION,
                                                   default=SCHEMA_VERSION)
    plan: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9\-]{1,40}$")] = about(
        "所报告的计划编号（plancheck plans 列出）。", "Id of the plan reported on (see plancheck plans).", "heilongjiang-2023")
    department: Department = about("报告部门。", "The reporting department.")
    period: Period = about("报告期间。", "The reporting period.")
    submitted: dt.date = about("报送日期（YYYY-MM-DD）。", "Date the report is submitted (YYYY-MM-DD).", "2025-01-16")
    contact: Contact = about("本报告联系人。", "The report's contact person.")
    tasks: list[TaskProgress] = about("各计划条款的落实情况，每项一条。", "Progress on each plan clause, one item per clause.",
                                      default=[], fail_fast=True)
    metrics: list[Metric] = about("数据指标（培训人次、企业数量、正版化率等）。",
                                  "Figures the plan asks for (training person-times, counts, rates).", default=[], fail_fast=True)
    cases: list[EnforcementCase] = about("本期办理的知识产权执法案件。", "IP enforcement cases handled in the period.",
                                         default=[], fail_fast=True)
    referrals: list[Referral] = about("向公安机关移送涉嫌犯罪案件的记录（国务院令第310号）。",
                                      "Referrals of suspected crimes to the police (State Council Order 310).",
                                      default=[], fail_fast=True)
    received_referrals: list[ReceivedReferral] = about(
        "公安机关接受行政执法机关移送的案件。", "Referrals the police received from enforcement departments.",
        default=[], fail_fast=True)
    credit_list: list[CreditListEntry] = about("列入严重违法失信名单的条目及其公示。",
                                               "Entries on the serious-dishonesty list and their publication.",
                                               default=[], fail_fast=True)
    publications: list[Publication] = about("发布的白皮书、调查报告、典型案例等。",
                                            "White papers, surveys, typical cases and the like published.",
                                            default=[], fail_fast=True)
