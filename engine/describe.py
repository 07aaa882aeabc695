"""Say what a rule's condition means in plain words (for `rules show` and `explain`): what the
report must contain, or lack, for the rule to give a finding, in the words of the report's own
fields (engine/describe_words.py), never by the engine's fact names."""
from __future__ import annotations

from typing import Any

from .describe_words import BINDINGS, binding_words, fact_words, field_words
from .labels import CHOICES, VALUE, WORDS
from .rules.model import AllOf, AnyOf, Condition, Operator, Rule, Where

_OPS = {
    "zh": {Operator.eq: "为", Operator.ne: "不为", Operator.lt: "小于", Operator.le: "不大于",
           Operator.gt: "大于", Operator.ge: "不小于", Operator.in_: "为下列之一：", Operator.not_in: "不为下列任何一项："},
    "en": {Operator.eq: "is", Operator.ne: "is not", Operator.lt: "is less than", Operator.le: "is at most",
           Operator.gt: "is more than", Operator.ge: "is at least", Operator.in_: "is one of", Operator.not_in: "is none of"},
}
_DATE_OPS = {
    "zh": {Operator.lt: "早于", Operator.le: "不晚于", Operator.gt: "晚于", Operator.ge: "不早于"},
    "en": {Operator.lt: "is before", Operator.le: "is on or before", Operator.gt: "is after", Operator.ge: "is on or after"},
}

# coded fields -> the choice list (engine.labels.CHOICES) their values come from; "kind" by fact type
_FIELD_CHOICES = {
    "status": "TaskStatus", "scope": "MetricScope", "conduct": "ConductKind", "party_type": "PartyType",
    "disposition": "Disposition", "penalty_procedure": "PenaltyProcedure", "decision_outcome": "ApprovalOutcome",
    "police_outcome": "PoliceOutcome", "publisher_level": "AdminLevel", "report_dept_level": "AdminLevel",
    "amount_kind": "AmountKind", "role": "TaskRole",
}
_KIND_CHOICES = {"publication": "PublicationKind", "attachment": "AttachmentKind", "evidence": "EvidenceKind",
                 "output_evidence": "EvidenceKind"}
# English words for the coded values engine.labels has in Chinese only
_ENGLISH = {
    "ip_protection_white_paper": "the IP-protection white paper",
    "court_judicial_protection_white_paper": "the courts' judicial IP-protection white paper",
    "court_ip_trial_white_paper": "the IP-trial white paper", "satisfaction_survey": "the satisfaction survey report",
    "protection_level_assessment": "the protection-level assessment", "typical_cases": "typical cases",
    "region": "the region", "own": "the department itself", "province": "provincial", "prefecture": "prefecture",
    "county": "county", "approved": "approved", "refused": "refused", "referred": "referred",
    "penalised_after_police_declined": "penalised after the police declined",
}
_CATEGORY = {"zh": {"inconsistency": "前后矛盾", "invalid_value": "无效值"},
             "en": {"inconsistency": "contradiction", "invalid_value": "invalid value"}}
_STRENGTH = {"zh": {"firm": "明确要求", "aim": "力争目标", "suggested": "建议（非义务）"},
             "en": {"firm": "a firm duty", "aim": "an aim", "suggested": "a suggestion (no duty)"}}


def _is_date(field: str) -> bool:
    """A date compared as a day, working day or time; a delay counted in working days is a number."""
    return field.endswith(("_day", "_ts")) or (field.endswith(("_wd", "_wdc")) and "delay" not in field)


# a reference to these fields of these facts is the fact itself: "条款为该条款", not "…该条款的条款"
_IDENTITY = {("required_clause", "clause"), ("suggested_clause", "clause"), ("plan_output", "output_id")}
_CLAUSE_FIELDS = ("clause", "task_clause")
_CADENCE = {"zh": {"ongoing": "持续推进", "annual": "每年", "half_yearly": "每半年", "quarterly": "每季度",
                   "once": "一次性（有完成日期）", "window": "分阶段（有起止日期）"},
            "en": {"ongoing": "ongoing", "annual": "yearly", "half_yearly": "half-yearly", "quarterly": "quarterly",
                   "once": "once, by a date", "window": "a dated phase"}}


def _value(fact_type: str, field: str, value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    text = str(value)
    choices = _KIND_CHOICES.get(fact_type) if field == "kind" else _FIELD_CHOICES.get(field)
    if field in _CLAUSE_FIELDS:
        return WORDS[lang]["clause"].format(clause=text)
    if field == "cadence":
        return _CADENCE[lang].get(text, text)
    if lang == "zh":
        if choices and text in CHOICES[choices][2]:
            return CHOICES[choices][2][text]
        if field == "category":
            return _CATEGORY["zh"].get(text, text)
        if field == "strength":
            return _STRENGTH["zh"].get(text, text)
        return VALUE["zh"].get(text, text)
    if field == "category":
        return _CATEGORY["en"].get(text, text)
    if field == "strength":
        return _STRENGTH["en"].get(text, text)
    return VALUE["en"].get(text) or _ENGLISH.get(text) or (text.replace("_", " ") if choices else text)


class _Describer:
    def __init__(self, rule: Rule, lang: str):
        self.lang = lang
        self.types = {p.bind: p.fact_type for p in rule.when if p.bind}

    def ref(self, ref: str) -> str:
        binding, _, field = ref.partition(".")
        owner = binding_words(binding, self.types.get(binding, ""), self.lang)
        if (self.types.get(binding), field) in _IDENTITY:
            return owner
        words = field_words(field, self.lang)
        return f"{owner}的{words}" if self.lang == "zh" else f"the {words} of {owner}"

    def condition(self, cond: Condition, fact_type: str) -> str:
        zh = self.lang == "zh"
        name = field_words(cond.field, self.lang)
        if cond.op is Operator.exists:
            return f"{name}已填写" if zh else f"{name} is given"
        if cond.op is Operator.missing:
            return f"{name}未填写" if zh else f"{name} is missing"
        if isinstance(cond.value, bool) and cond.ref is None and cond.op in (Operator.eq, Operator.ne):
            yes = cond.value if cond.op is Operator.eq else not cond.value
            return f"{name}：{'是' if yes else '否'}" if zh else f"{name}: {'yes' if yes else 'no'}"
        if cond.ref is not None:
            other = self.ref(cond.ref)
            if cond.add is not None:
                unit = "个工作日" if cond.field.endswith(("_wd", "_wdc")) else ("天" if cond.field.endswith("_day") else "")
                if zh:
                    other += (f"{'后' if cond.add > 0 else '前'}{abs(cond.add):g}{unit}" if unit
                              else f"{'加' if cond.add > 0 else '减'}{abs(cond.add):g}")
                else:
                    unit_en = " working days" if unit == "个工作日" else (" days" if unit == "天" else "")
                    other += f" {'plus' if cond.add > 0 else 'minus'} {abs(cond.add):g}{unit_en}"
        elif isinstance(cond.value, list):
            sep = "、" if zh else ", "
            other = sep.join(_value(fact_type, cond.field, v, self.lang) for v in cond.value)
        else:
            other = _value(fact_type, cond.field, cond.value, self.lang)
        ops = _DATE_OPS[self.lang] if _is_date(cond.field) and cond.op in _DATE_OPS[self.lang] else _OPS[self.lang]
        return f"{name}{ops[cond.op]}{other}" if zh else f"{name} {ops[cond.op]} {other}"

    def where(self, items: list[Where], fact_type: str) -> str:
        zh = self.lang == "zh"
        parts = []
        for item in items:
            if isinstance(item, Condition):
                parts.append(self.condition(item, fact_type))
            elif isinstance(item, AnyOf):
                inner = ("，或" if zh else ", or ").join(self.where([w], fact_type) for w in item.any)
                parts.append(f"（{inner}）" if zh else f"({inner})")
            elif isinstance(item, AllOf):
                inner = self.where(item.all, fact_type)
                parts.append(f"（{inner}）" if zh else f"({inner})")
        return ("，且" if zh else ", and ").join(parts)


def describe(rule: Rule, lang: str = "zh") -> list[str]:
    """One line per pattern; the rule gives a finding when every line holds."""
    describer = _Describer(rule, lang)
    zh = lang == "zh"
    lines = []
    for pattern in rule.when:
        fact_type = pattern.fact_type
        noun = fact_words(fact_type, lang)
        where = describer.where(pattern.where, fact_type)
        if not pattern.is_absent and not where and pattern.bind == "rep":
            continue  # "this report" exists; it is named where a condition refers to it
        if pattern.is_absent:
            head = f"没有这样的{noun}" if zh else f"there is no {noun}"
        elif pattern.bind in BINDINGS:
            head = binding_words(pattern.bind, fact_type, lang)
        else:
            head = f"有{noun}" if zh else f"there is {'an' if noun[0] in 'aeiou' else 'a'} {noun}"
        sep = "：" if zh else " where "
        lines.append(head + (sep + where if where else ""))
    return lines
