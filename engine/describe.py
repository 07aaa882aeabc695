"""Say what a rule's condition means in plain words (for `rules show` and `explain`)."""
from __future__ import annotations

from engine.rules.model import AllOf, AnyOf, Condition, Operator, Rule, Where

_OPS = {
    "zh": {Operator.eq: "等于", Operator.ne: "不等于", Operator.lt: "小于", Operator.le: "不大于",
           Operator.gt: "大于", Operator.ge: "不小于", Operator.in_: "属于", Operator.not_in: "不属于"},
    "en": {Operator.eq: "=", Operator.ne: "≠", Operator.lt: "<", Operator.le: "≤",
           Operator.gt: ">", Operator.ge: "≥", Operator.in_: "in", Operator.not_in: "not in"},
}


def _condition(cond: Condition, lang: str) -> str:
    if cond.op is Operator.exists:
        return f"{cond.field} 已填写" if lang == "zh" else f"{cond.field} is given"
    if cond.op is Operator.missing:
        return f"{cond.field} 未填写" if lang == "zh" else f"{cond.field} is missing"
    if cond.ref is not None:
        other = cond.ref + (f" {cond.add:+g}" if cond.add is not None else "")
    elif isinstance(cond.value, list):
        other = "[" + ", ".join(str(v) for v in cond.value) + "]"
    else:
        other = str(cond.value).lower() if isinstance(cond.value, bool) else str(cond.value)
    return f"{cond.field} {_OPS[lang][cond.op]} {other}"


def _where(items: list[Where], lang: str) -> str:
    parts = []
    for item in items:
        if isinstance(item, Condition):
            parts.append(_condition(item, lang))
        elif isinstance(item, AnyOf):
            parts.append("(" + (" 或 " if lang == "zh" else " or ").join(_where([w], lang) for w in item.any) + ")")
        elif isinstance(item, AllOf):
            parts.append("(" + _where(item.all, lang) + ")")
    return ("，且 " if lang == "zh" else ", and ").join(parts)


def describe(rule: Rule, lang: str = "zh") -> list[str]:
    lines = []
    for pattern in rule.when:
        where = _where(pattern.where, lang)
        if pattern.is_absent:
            head = f"不存在满足条件的 {pattern.absent}" if lang == "zh" else f"there is no {pattern.absent}"
        else:
            head = f"存在 {pattern.fact}（记为 {pattern.bind}）" if lang == "zh" else f"there is a {pattern.fact} ({pattern.bind})"
        sep = "：" if lang == "zh" else " where "
        lines.append(head + (sep + where if where else ""))
    return lines
