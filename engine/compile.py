"""Turn loaded rules into one normalised, evaluator-neutral form, and that into durable_rules.

Normalisation is shared by the durable_rules path and the plain-Python reference evaluator, so
the two can only differ in how they evaluate, never in what they evaluate:
  * every rule first binds the report fact, restricted to the plans that use the rule and the
    department kinds (any of the department's kinds, `kind_<kind>` flags) and levels it applies to; a rule that binds the report itself (it must do so
    first) gets those conditions merged into its own binding, because durable_rules never lets
    one fact satisfy two patterns of a rule;
  * a binding whose field a later pattern refers to matches only facts that have that field
    (durable_rules fails with error 311 on arithmetic over a missing field; the rule language
    defines the behaviour instead of inheriting the crash). Join comparisons are likewise
    guarded by an existence test on their own field when compiled.
  * a run-scope rule (`scope: run`, evaluated over every report of a batch run) has no report
    binding of its own: its applicability is merged into its first pattern, on the report
    fields every fact carries in a run (engine.fact_fields.RUN_FIELDS: report_plan, report_kind_…).
Compiling to durable_rules is a pure function of the normalised rules (snapshot-tested).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable, Optional

from .rules.catalog import LoadedRule
from .rules.model import AllOf, AnyOf, Condition, Operator, Scope, Where
from .workdays import epoch_day

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
    prefix = "report_" if item.rule.scope is Scope.run else ""
    where: list[Where] = [Condition(field=f"{prefix}plan", op=Operator.in_, value=sorted(item.clauses))]
    if applies.department_kinds:
        # a department may be of several kinds: the rule applies when any of them is listed
        flags: list[Where] = [Condition(field=f"{prefix}kind_{k.value}", op=Operator.eq, value=True)
                              for k in applies.department_kinds]
        where.append(flags[0] if len(flags) == 1 else AnyOf(any=flags))
    if applies.levels:
        levels = [lv.value for lv in applies.levels]
        where.append(Condition(field=f"{prefix}dept_level", op=Operator.in_, value=levels))
    return where


def _referenced_fields(where: Iterable[Where]) -> Iterable[tuple[str, str]]:
    for item in where:
        if isinstance(item, Condition):
            if item.ref:
                yield item.ref_binding, item.ref_field  # type: ignore[misc]
        else:
            yield from _referenced_fields(item.any if isinstance(item, AnyOf) else item.all)


def _days(item: Where) -> Where:
    """Date literals in conditions become day numbers, like the facts' *_day fields.

    The parts were validated when the rule loaded: they are copied and put together without
    validating them again (model_copy, model_construct). Validating would build the rule
    language's validators in every cold `plancheck check`, whose catalog comes from the disk cache
    without them (~4 ms), to accept what they accepted already."""
    if isinstance(item, Condition):
        value = item.value
        if isinstance(value, dt.date):
            return item.model_copy(update={"value": epoch_day(value)})
        if isinstance(value, list) and any(isinstance(v, dt.date) for v in value):
            days = [epoch_day(v) if isinstance(v, dt.date) else v for v in value]
            return item.model_copy(update={"value": days})
        return item
    if isinstance(item, AnyOf):
        return AnyOf.model_construct(any=[_days(w) for w in item.any])
    return AllOf.model_construct(all=[_days(w) for w in item.all])


def applies(item: LoadedRule, plan: str, kinds: Iterable[str], level: Optional[str]) -> bool:
    """Does the rule apply to a report of this plan from a department of these kinds and level?
    The same test the applicability conditions make (`_applicability`), done once per department
    where the checker chooses the rules of a department's evaluator."""
    applies_to = item.rule.applies_to
    if plan not in item.clauses:
        return False
    if applies_to.department_kinds and not {k.value for k in applies_to.department_kinds} & set(kinds):
        return False
    return not applies_to.levels or level in {lv.value for lv in applies_to.levels}


def normalise(item: LoadedRule, applicability: bool = True) -> NormRule:
    """The rule in the form both evaluators take. Without `applicability` the plan, kind and level
    conditions are left out: the checker evaluates a report only with the rules that apply to its
    department (`applies`), which also keeps durable_rules' alpha network of the report fact small
    (its traversal stack holds 64 nodes: a report fact matching the applicability branches of a
    whole plan's rules overflows it, error 303)."""
    rule = item.rule
    needed: dict[str, list[str]] = {}
    for pattern in rule.when:
        for binding, field in _referenced_fields(pattern.where):
            needed.setdefault(binding, [])
            if field not in needed[binding]:
                needed[binding].append(field)
    applicability = tuple(_applicability(item)) if applicability else ()
    first = rule.when[0]
    binds_report = (first.fact_type == "report" and not first.is_absent) or rule.scope is Scope.run
    patterns = [] if binds_report or not applicability else [NormPattern(REPORT_BINDING, "report", False, applicability)]
    for i, pattern in enumerate(rule.when):
        name = pattern.bind if pattern.bind is not None else f"absent{i}"
        # a field of a validated `ref`: not validated again, as in _days
        extra = tuple(Condition.model_construct(field=f, op=Operator.exists) for f in needed.get(name, []))
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


def _compare(cond: Condition) -> dict[str, Any]:
    op, field = cond.op, cond.field
    return {field: _operand(cond)} if op is Operator.eq else {_COMPARE[op]: {field: _operand(cond)}}


def _guard(cond: Condition) -> dict[str, Any]:
    # durable_rules fails (error 311) on a join whose own field is missing; the language already
    # says such a comparison is false, so the engine is told explicitly.
    return {"$ex": {cond.field: 1}}


def _condition(cond: Condition) -> list[dict[str, Any]]:
    """One condition as the list of terms it adds to its enclosing $and. Joins are top-level
    only (the loader rejects them inside any/all): durable_rules mis-evaluates a join nested in
    an $and inside a negated pattern, and crashes on one over a missing field inside an $or."""
    if cond.ref is None or cond.op in (Operator.exists, Operator.missing):
        return [_plain(cond)]
    return [_guard(cond), _compare(cond)]


def _plain(cond: Condition) -> dict[str, Any]:
    op, field = cond.op, cond.field
    if op is Operator.exists:
        return {"$ex": {field: 1}}
    if op is Operator.missing:
        return {"$nex": {field: 1}}
    if op is Operator.in_:
        return {"$or": [{field: v} for v in cond.value]}  # type: ignore[union-attr]
    if op is Operator.not_in:
        return {"$and": [{"$neq": {field: v}} for v in cond.value]}  # type: ignore[union-attr]
    return _compare(cond)


def _where(item: Where) -> list[dict[str, Any]]:
    if isinstance(item, Condition):
        return _condition(item)
    if isinstance(item, AnyOf):
        return [{"$or": [_single(w) for w in item.any]}]
    return [{"$and": [term for w in item.all for term in _where(w)]}]


def _single(item: Where) -> dict[str, Any]:
    terms = _where(item)
    return terms[0] if len(terms) == 1 else {"$and": terms}


def to_durable(rules: Iterable[NormRule]) -> dict[str, Any]:
    """One durable_rules ruleset: every rule waits for the end marker (see the notes)."""
    end = {END_BINDING: {"t": END_MARKER_TYPE}}
    ruleset: dict[str, Any] = {}
    for rule in rules:
        patterns: list[dict[str, Any]] = [end]
        for p in rule.patterns:
            name = f"{p.name}$not" if p.absent else p.name
            terms = [term for w in p.where for term in _where(w)]
            patterns.append({name: {"$and": [{"t": p.fact_type}] + terms}})
        ruleset[rule.id] = {"all": patterns, "run": rule.id, "cap": 1000}
    ruleset[DONE_RULE] = {"all": [end], "run": DONE_RULE}
    return ruleset
