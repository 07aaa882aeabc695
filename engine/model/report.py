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

from engine.model.base import (  # noqa: F401  (the format's value kinds, imported from here by its users)
    ClauseNumber, CreditCode, Identifier, Money, OwnCreditCode, Sha256, ShortText, Strict, Text, Url,
)
from engine.model.enforcement import (  # noqa: F401  (the report's parts, imported from here by its users)
    AmountKind, Amounts, Conduct, ConductKind, CreditListEntry, Disposition, EnforcementCase, IpType, Party,
    PartyType, Penalty, PenaltyKind, PenaltyProcedure, Posting, PublicationPlatform, RegistrationPlacePush,
)
from engine.model.referrals import (  # noqa: F401
    ApprovalDecision, ApprovalOutcome, Attachment, AttachmentKind, Forwarding, Handover, PoliceDecision,
    PoliceOutcome, ProcuratorateCopy, ReceivedReferral, Referral,
)
from engine.model.values import InvalidValue, printable

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
