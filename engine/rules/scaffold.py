"""What `plancheck rules new` builds a rule from: the clause's target and quoted sentence, the
severity its words give, and the parts every shape shares (engine/rules/scaffold_shapes.py has the
shapes). A soft word (力争, 适时, 视情, 鼓励) in the words the rule enforces makes it a warning, and the
rationale says so either way."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Optional

from ..model.report import PublicationKind
from .plan_model import Clause, Plan
from .soft_words import soft_words_in

PUBLICATION_NAMES = {
    PublicationKind.ip_protection_white_paper: "知识产权保护状况白皮书",
    PublicationKind.court_judicial_protection_white_paper: "法院知识产权司法保护状况白皮书",
    PublicationKind.court_ip_trial_white_paper: "知识产权审判工作白皮书",
    PublicationKind.satisfaction_survey: "知识产权保护社会满意度调查报告",
    PublicationKind.protection_level_assessment: "知识产权保护水平评估",
    PublicationKind.typical_cases: "典型案例",
}
# the plan's words for a minimum (at least) and for more than
_TARGET = re.compile(r"(不少于|不低于|至少|达到|超过|多于|高于)\s*(\d+(?:\.\d+)?)\s*(%|[\u4e00-\u9fff]{1,2})?")
_MORE_THAN = ("超过", "多于", "高于")
_INNER_QUOTES = str.maketrans({"“": "‘", "”": "’"})


class ScaffoldError(ValueError):
    """The clause does not fit the shape (no number for a target, no date for by-date…)."""


@dataclass(frozen=True)
class Target:
    words: str  # 不少于30件
    limit: float
    unit: str
    more_than: bool

    @property
    def miss_op(self) -> str:
        """The operator of a miss: below the minimum, or not above the figure."""
        return "le" if self.more_than else "lt"

    def limit_value(self) -> Any:
        return int(self.limit) if self.limit == int(self.limit) else self.limit


def find_target(text: str) -> Optional[Target]:
    match = _TARGET.search(text)
    if match is None:
        return None
    word, number, unit = match.group(1), match.group(2), match.group(3) or ""
    return Target(match.group(0), float(number), unit, word in _MORE_THAN)


@dataclass
class Draft:
    """What a shape needs: the clause, the base report's data and options from the command."""

    rule_id: str
    plan: Plan
    clause: Clause
    base_name: str
    base: dict[str, Any]
    metric: Optional[str] = None
    scope: str = "own"
    publication: PublicationKind = PublicationKind.ip_protection_white_paper
    kinds: list[str] = field(default_factory=list)  # applies_to department kinds, where given

    @property
    def year(self) -> int:
        return dt.date.fromisoformat(self.base["period"]["end"]).year

    @property
    def period(self) -> tuple[str, str]:
        return self.base["period"]["start"], self.base["period"]["end"]

    def set_list(self, member: str, items: list[Any]) -> dict[str, Any]:
        """A patch setting a top-level list of the report, whether the base has it or not."""
        return {"op": "replace" if member in self.base else "add", "path": f"/{member}", "value": items}

    def task_index(self) -> int:
        for i, task in enumerate(self.base.get("tasks", [])):
            if task["clause"] == self.clause.id:
                return i
        raise ScaffoldError(f"base report {self.base_name} has no task for clause {self.clause.id}: "
                            "give --base a report of a unit that answers for it")


def clause_quote(clause: Clause, words: Optional[str] = None) -> str:
    """The sentence of the clause holding `words` (or its first sentence): what the rule cites."""
    found = next((s.strip() for s in re.split(r"[。；;]", clause.text) if s.strip() and (words is None or words in s)),
                 clause.text)
    return found.translate(_INNER_QUOTES)  # quoted inside “…”, the plan's “铁拳” becomes ‘铁拳’


def _severity(clause: Clause, quote: str) -> tuple[str, str]:
    soft = soft_words_in(quote)
    if soft:
        word = "、".join(soft)
        return "warning", f"原文用“{word}”，是努力方向而非硬性要求，未做到只作警告。"
    return "error", "原文措辞确定，没有“力争”“适时”“视情”“鼓励”之类的措辞，未做到为错误。"


def rule_data(draft: Draft, *, title: str, category: str, quote: str, reading: str, when: list[dict], subject: str,
          location: str, message: str, remediation: str) -> dict[str, Any]:
    severity, why = _severity(draft.clause, quote)
    rule: dict[str, Any] = {
        "id": draft.rule_id, "title": {"zh": title}, "severity": severity, "category": category,
        "clause": draft.clause.id,
        "rationale": {"zh": f"方案要求：第{draft.clause.id}项“{quote}”。{reading}{why}"},
    }
    if draft.kinds:
        rule["applies_to"] = {"department_kinds": list(draft.kinds)}
    rule.update({"when": when, "subject": subject, "location_field": location,
                 "message": {"zh": message}, "remediation": {"zh": remediation}})
    return rule


def duty_pattern(draft: Draft, flag: str = "due") -> dict[str, Any]:
    return {"bind": "clause", "fact": "required_clause",
            "where": [{"field": "clause", "op": "eq", "value": draft.clause.id}, {"field": flag, "op": "eq", "value": True}]}


YEAR_END = {"bind": "rep", "fact": "report", "where": [{"field": "period_covers_year_end", "op": "eq", "value": True}]}


def metric_key(draft: Draft) -> str:
    if not draft.metric:
        raise ScaffoldError("this shape needs --metric KEY (the report's metrics[].key for the figure)")
    return draft.metric


def metric_data(draft: Draft, value: Any, unit: str) -> dict[str, Any]:
    start, end = draft.period
    return {"key": metric_key(draft), "value": value, "unit": unit or "项", "scope": draft.scope,
            "period": {"start": start, "end": end}, "clause": draft.clause.id}


def metric_subject(draft: Draft) -> str:
    start, end = draft.period
    return f"metric/{metric_key(draft)}/{start}/{end}/{draft.scope}"
