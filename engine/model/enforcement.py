"""The report's decisions: enforcement cases with their parties, amounts and penalties, the
publication of a penalty or a listing (Posting), and the credit-list (严重违法失信名单) entries."""
from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Optional

from pydantic import Field, model_validator

from .base import CreditCode, Identifier, Money, ShortText, Strict, Text, Url, about
from .values import InvalidValue


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
    kind: ConductKind = about("违法行为类型，决定适用的刑事追诉标准（刑法第213—219条）。",
                              "What was done; selects the criminal threshold (Criminal Law arts 213–219).", "counterfeit_trademark")
    description: Optional[Text] = about("违法行为的简要描述。", "A short description of the conduct.",
                                        "在其经营的门店销售假冒“五常大米”注册商标的大米。", default=None)
    start: Optional[dt.date] = about("违法行为开始日期（YYYY-MM-DD）。", "First day of the conduct (YYYY-MM-DD).",
                                     "2023-11-01", default=None)
    end: dt.date = about("违法行为终了日期（YYYY-MM-DD），按行为时的司法解释确定追诉标准。",
                         "Last day of the conduct (YYYY-MM-DD); the thresholds in force then apply.", "2024-02-20")

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
    name: ShortText = about("当事人名称或姓名。", "The party's name.", "哈尔滨市道里区恒泰粮油经销部")
    type: PartyType = about("当事人类型：company 企业、individual_business 个体工商户、natural_person 自然人。",
                            "Kind of party: company, individual_business or natural_person.", "individual_business")
    credit_code: Optional[CreditCode] = about("当事人的统一社会信用代码（18位，含校验位）。",
                                              "The party's unified social credit code (18 characters with check character).",
                                              "92230103MA1BTRX85T", default=None)


class Amounts(Strict):
    """Amounts in yuan (元) and counts, as the 2004 两高 interpretation names them."""

    illegal_business_volume: Optional[Money] = about("非法经营数额（元）。", "Illegal business volume, in yuan.", 86500,
                                                     default=None)
    illegal_gains: Optional[Money] = about("违法所得数额（元）。", "Illegal gains, in yuan.", 12800, default=None)
    sales_amount: Optional[Money] = about("销售金额（元）。", "Sales amount, in yuan.", 52000, default=None)
    rights_holder_loss: Optional[Money] = about("给权利人造成的损失（元）。", "Loss caused to the rights holder, in yuan.",
                                                30000, default=None)
    infringing_copies: Optional[Annotated[int, Field(ge=0, le=10**12)]] = about(
        "侵权复制品数量（份）。", "Number of infringing copies.", 620, default=None)
    counterfeit_marks: Optional[Annotated[int, Field(ge=0, le=10**12)]] = about(
        "非法制造、销售的注册商标标识数量（件）。", "Number of counterfeit trademark marks (pieces).", 15000, default=None)


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

    platform: PublicationPlatform = about(
        "公示平台：credit_china 信用中国（含地方站）、gsxt 国家企业信用信息公示系统、department_website 部门网站、other 其他。",
        "Platform: credit_china, gsxt (national enterprise credit system), department_website or other.", "credit_china")
    # The site as it names itself (信用中国(黑龙江), 国家企业信用信息公示系统(天津)): where a plan
    # names the site a decision must go on, this is compared with the plan's words.
    site_name: Optional[ShortText] = about("网站名称，按网站自称填写；计划点名的平台按计划原文。",
                                           "The site's name as it names itself; a site the plan names, in the plan's words.",
                                           "信用中国(黑龙江)", default=None)
    date: dt.date = about("公示日期（YYYY-MM-DD）。", "Date published there (YYYY-MM-DD).", "2024-04-01")
    url: Optional[Url] = about("公示页面网址。", "Address of the published page.",
                               "https://credit.hlj.gov.cn/xyxx/sxmd/20240401-0032.html", default=None)
    # The department that made this publication, when it is not the reporting department (the
    # unit running a 信用中国 site, or the market regulator that enters a listing into 国家企业信用
    # 信息公示系统 for another department), named exactly as it names itself in its own report:
    # batch reconciliation looks for the entry in that department's report.
    publisher: Optional[ShortText] = about("代为公示的部门（不是本部门时），按其自己报告中的名称。",
                                           "The department that published it, when not this one, named as in its own report.",
                                           "黑龙江省发展和改革委员会", default=None)


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

    date: dt.date = about("推送日期：处罚信息送达登记地市场监管部门之日（YYYY-MM-DD）。",
                          "Date the information reached the registration-place regulator (YYYY-MM-DD).", "2024-05-14")
    recipient: ShortText = about("接收推送的当事人登记地（住所地）市场监督管理部门。",
                                 "The registration-place market regulator that received it.", "吉林省长春市市场监督管理局")


class Penalty(Strict):
    decision_number: Optional[ShortText] = about("行政处罚决定书文号。", "Number of the penalty decision.",
                                                 "黑市监处罚〔2024〕58号", default=None)
    decision_date: dt.date = about("行政处罚决定日期（YYYY-MM-DD）。", "Date of the penalty decision (YYYY-MM-DD).", "2024-04-18")
    # 普通程序 / 简易程序. Reports before format 1.1 do not say; a missing procedure is read off
    # the penalty where 行政处罚法 第五十一条 rules out the summary one (engine.publication).
    procedure: Optional[PenaltyProcedure] = about("处罚程序：ordinary 普通程序、summary 简易程序（当场作出）。",
                                                  "Procedure: ordinary or summary (decided on the spot).", "ordinary", default=None)
    # 处罚种类 the decision imposes (警告、罚款、没收…); a penalty that is only a warning is not
    # published (总局令第45号 第二条第二款).
    kinds: list[PenaltyKind] = about("处罚种类（可多选）：warning 警告、fine 罚款、confiscation 没收等。",
                                     "Kinds of penalty imposed: warning, fine, confiscation and so on.", ["fine", "confiscation"],
                                     default=[], max_length=10, fail_fast=True)
    fine: Optional[Money] = about("罚款金额（元）。", "The fine, in yuan.", 50000, default=None)
    publications: list[Posting] = about("处罚决定在各平台的公示。", "Where the decision was published.", default=[], fail_fast=True)
    registration_place_push: Optional[RegistrationPlacePush] = about(
        "当事人登记地在外省时，向其登记地市场监管部门推送处罚信息的记录（总局令第45号第十条）。",
        "The push to the party's registration-place regulator in another province (SAMR Order 45 art. 10).", default=None)


class EnforcementCase(Strict):
    id: Identifier = about("本报告内的案件编号。", "Id of the case within the report.", "HSJ-2024-0031")
    ip_type: IpType = about("涉及的知识产权类型。", "Kind of IP concerned.", "trademark")
    conduct: Conduct = about("违法行为。", "The conduct.")
    party: Party = about("当事人。", "The party.")
    filed_date: dt.date = about("立案日期（YYYY-MM-DD）。", "Date the case was filed (YYYY-MM-DD).", "2024-03-01")
    closed_date: Optional[dt.date] = about("结案日期（YYYY-MM-DD）。", "Date the case was closed (YYYY-MM-DD).", "2024-05-20",
                                           default=None)
    amounts: Amounts = about("涉案数额和数量，与刑事追诉标准比对。", "Amounts and counts, compared with the criminal thresholds.",
                             default=Amounts())
    items_seized: bool = about("是否查获涉案物品。", "Whether items were seized.", True, default=False)
    testing_required: bool = about("涉案物品是否需要检验、鉴定。", "Whether the items needed testing or appraisal.", False,
                                   default=False)
    suspected_crime: bool = about("是否涉嫌犯罪（达到追诉标准或有其他严重情节）。", "Whether a crime is suspected.", False,
                                  default=False)
    disposition: Disposition = about("处理结果：pending 办理中、referred 已移送、penalised 已处罚等。",
                                     "Outcome: pending, referred, penalised and so on.", "penalised")
    penalty: Optional[Penalty] = about("行政处罚决定（已处罚的）。", "The penalty decision, where one was made.", default=None)

    @model_validator(mode="after")
    def _ordered(self) -> "EnforcementCase":
        if self.closed_date and self.closed_date < self.filed_date:
            raise InvalidValue(f"case closed ({self.closed_date}) before it was filed ({self.filed_date})",
                               f"结案日期（{self.closed_date}）早于立案日期（{self.filed_date}）",
                               "correct the filing or the closing date", "更正立案日期或结案日期", field="closed_date")
        return self


class CreditListEntry(Strict):
    id: Identifier = about("本报告内的条目编号。", "Id of the entry within the report.", "SX-2024-001")
    entity_name: ShortText = about("列入名单的当事人名称。", "Name of the listed party.", "哈尔滨市恒信专利代理事务所")
    credit_code: CreditCode = about("当事人的统一社会信用代码（18位，含校验位）。",
                                    "The party's unified social credit code (18 characters with check character).",
                                    "91230100MA1C8Q7K2P")
    decision_date: dt.date = about("列入决定日期（YYYY-MM-DD）。", "Date of the listing decision (YYYY-MM-DD).", "2024-03-25")
    decision_number: Optional[ShortText] = about("列入严重违法失信名单决定书文号。", "Number of the listing decision.",
                                                 "黑市监信〔2024〕7号", default=None)
    reason: Optional[Text] = about("列入事由。", "Why the party was listed.", "因非正常专利申请代理行为被处以罚款，情节严重。",
                                   default=None)
    publications: list[Posting] = about("该条目在各平台的公示。", "Where the entry was published.", default=[], fail_fast=True)
    removal_date: Optional[dt.date] = about("移出名单日期（YYYY-MM-DD）。", "Date the party was removed (YYYY-MM-DD).",
                                            "2025-04-10", default=None)
    # 移出严重违法失信名单（信用修复）决定书文号, with removal_date: the decision that took the
    # party off the list early.
    removal_decision_number: Optional[ShortText] = about("移出严重违法失信名单决定书文号。", "Number of the removal decision.",
                                                         "黑市监信修〔2025〕3号", default=None)
    # Set when another department decided the listing (列入决定机关, named exactly as it names
    # itself in its own report) and the reporting department only published it on a platform it
    # runs; batch reconciliation matches the two entries by decision_number and credit_code.
    decided_by: Optional[ShortText] = about("作出列入决定的部门（不是本部门时），按其自己报告中的名称。",
                                            "The department that decided the listing, when not this one, named as in its own report.",
                                            "黑龙江省市场监督管理局", default=None)

    @model_validator(mode="after")
    def _removed_after_listed(self) -> "CreditListEntry":
        if self.removal_date is not None and self.removal_date < self.decision_date:
            raise InvalidValue(f"removed from the list ({self.removal_date}) before it was listed ({self.decision_date})",
                               f"移出名单日期（{self.removal_date}）早于列入决定日期（{self.decision_date}）",
                               "correct the listing or the removal date", "更正列入决定日期或移出日期",
                               field="removal_date")
        return self
