"""The report's decisions: enforcement cases with their parties, amounts and penalties, the
publication of a penalty or a listing (Posting), and the credit-list (严重违法失信名单) entries."""
from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Optional

from pydantic import Field, model_validator

from engine.model.base import CreditCode, Identifier, Money, ShortText, Strict, Text, Url
from engine.model.values import InvalidValue


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
