"""Turn loaded rules into one normalised, evaluator-neutral form, and that into durable_rules.

Normalisation is shared by the durable_rules path and the plain-Python reference evaluator, so
the two can only differ in how they evaluate, never in what they evaluate:
  * every rule first binds the report fact, restricted to the plans that use the rule and the
    department kinds/levels it applies to; a rule that binds the report itself (it must do so
    first) gets those conditions merged into its own binding, because durable_rules never lets
    one fact satisfy two patterns of a rule;
  * a binding whose field a later pattern refers to matches only facts that have that field
    (durable_rules fails with error 311 on arithmetic over a missing field; the rule language
    defines the behaviour instead of inheriting the crash).
Compiling to durable_rules is a pure function of the normalised rules (snapshot-tested).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable

from engine.rules.catalog import LoadedRule
from engine.rules.model import AllOf, AnyOf, Condition, Operator, Where
from engine.workdays import epoch_day

END_MARKER_TYPE = "__end__"
END_BINDING = "__end"
REPORT_BINDING = "report__"
DONE_RULE = "__done"


@dataclass(frozen=True)
class NormPattern:
    name: str
    fact_type: str
    absent: bool
    where: tuple[Where, ...]


@dataclass(frozen=True)
class NormRule:
    id: str
    patterns: tuple[NormPattern, ...]


def _applicability(item: LoadedRule) -> list[Where]:
    applies = item.rule.applies_to
    where: list[Where] = [Condition(field="plan", op=Operator.in_, value=sorted(item.clauses))]
    if applies.department_kinds:
        where.append(Condition(field="dept_kind", op=Operator.in_, value=[k.value for k in applies.department_kinds]))
    if applies.levels:
        where.append(Condition(field="dept_level", op=Operator.in_, value=[lv.value for lv in applies.levels]))
    return where


def _referenced_fields(where: Iterable[Where]) -> Iterable[tuple[str, str]]:
    for item in where:
        if isinstance(item, Condition):
            if item.ref:
                yield item.ref_binding, item.ref_field  # type: ignore[misc]
        else:
            yield from _referenced_fields(item.any if isinstance(item, AnyOf) else item.all)


def _days(item: Where) -> Where:
    """Date literals in conditions become day numbers, like the facts' *_day fields."""
    if isinstance(item, Condition):
        value = item.value
        if isinstance(value, dt.date):
            return item.model_copy(update={"value": epoch_day(value)})
        if isinstance(value, list) and any(isinstance(v, dt.date) for v in value):
            days = [epoch_day(v) if isinstance(v, dt.date) else v for v in value]
            return item.model_copy(update={"value": days})
        return item
    if isinstance(item, AnyOf):
        return AnyOf(any=[_days(w) for w in item.any])
    return AllOf(all=[_days(w) for w in item.all])


def normalise(item: LoadedRule) -> NormRule:
    rule = item.rule
    needed: dict[str, list[str]] = {}
    for pattern in rule.when:
        for binding, field in _referenced_fields(pattern.where):
            needed.setdefault(binding, [])
            if field not in needed[binding]:
                needed[binding].append(field)
    applicability = tuple(_applicability(item))
    first = rule.when[0]
    binds_report = first.fact_type == "report" and not first.is_absent
    patterns = [] if binds_report else [NormPattern(REPORT_BINDING, "report", False, applicability)]
    for i, pattern in enumerate(rule.when):
        name = pattern.bind if pattern.bind is not None else f"absent{i}"
        extra = tuple(Condition(field=f, op=Operator.exists) for f in needed.get(name, []))
        if i == 0 and binds_report:
            extra = applicability + extra
        where = tuple(_days(w) for w in pattern.where) + extra
        patterns.append(NormPattern(name, pattern.fact_type, pattern.is_absent, where))
    return NormRule(rule.id, tuple(patterns))


_COMPARE = {
    Operator.ne: "$neq", Operator.lt: "$lt", Operator.le: "$lte",
    Operator.gt: "$gt", Operator.ge: "$gte",
}


def _operand(cond: Condition) -> Any:
    if cond.ref is None:
        return cond.value
    ref = {cond.ref_binding: cond.ref_field}
    return ref if cond.add is None else {"$add": {"$l": ref, "$r": cond.add}}


def _condition(cond: Condition) -> dict[str, Any]:
    op, field = cond.op, cond.field
    if op is Operator.exists:
        return {"$ex": {field: 1}}
    if op is Operator.missing:
        return {"$nex": {field: 1}}
    if op is Operator.in_:
        return {"$or": [{field: v} for v in cond.value]}  # type: ignore[union-attr]
    if op is Operator.not_in:
        return {"$and": [{"$neq": {field: v}} for v in cond.value]}  # type: ignore[union-attr]
    if op is Operator.eq:
        return {field: _operand(cond)}
    return {_COMPARE[op]: {field: _operand(cond)}}


def _where(item: Where) -> dict[str, Any]:
    if isinstance(item, Condition):
        return _condition(item)
    if isinstance(item, AnyOf):
        return {"$or": [_where(w) for w in item.any]}
    return {"$and": [_where(w) for w in item.all]}


def to_durable(rules: Iterable[NormRule]) -> dict[str, Any]:
    """One durable_rules ruleset: every rule waits for the end marker (see the notes)."""
    end = {END_BINDING: {"t": END_MARKER_TYPE}}
    ruleset: dict[str, Any] = {}
    for rule in rules:
        patterns: list[dict[str, Any]] = [end]
        for p in rule.patterns:
            name = f"{p.name}$not" if p.absent else p.name
            patterns.append({name: {"$and": [{"t": p.fact_type}] + [_where(w) for w in p.where]}})
        ruleset[rule.id] = {"all": patterns, "run": rule.id, "cap": 1000}
    ruleset[DONE_RULE] = {"all": [end], "run": DONE_RULE}
    return ruleset
