"""Checks a rule against the fact catalog: every name it uses must mean something.

Pydantic validates the shape of a rule file; this module validates its meaning (fact types,
field names and kinds, bindings referred to before they exist, message placeholders). Each
problem is returned as (location-in-file, message) so the loader can name the line.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from ..fact_fields import FACT_FIELDS, field_kinds
from .model import (
    MEMBERSHIP, ORDERINGS, PRESENCE, AllOf, AnyOf, Condition, Rule, Scope, Where,
)

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)\}")

Problem = tuple[tuple, str]


def iter_conditions(items: list[Where], loc: tuple) -> Iterator[tuple[Condition, tuple]]:
    for i, item in enumerate(items):
        if isinstance(item, Condition):
            yield item, loc + (i,)
        elif isinstance(item, AnyOf):
            yield from iter_conditions(item.any, loc + (i, "any"))
        elif isinstance(item, AllOf):
            yield from iter_conditions(item.all, loc + (i, "all"))


def _value_fits(kind: str, value: object, field: str = "") -> bool:
    if isinstance(value, dt.date):
        return field.endswith("_day")
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "num":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, str)


def _condition_problems(
    cond: Condition, kinds: dict[str, str], bound: dict[str, str], loc: tuple, run: bool = False
) -> Iterator[Problem]:
    kind = kinds.get(cond.field)
    if kind is None:
        yield loc + ("field",), f"unknown field {cond.field!r}"
        return
    if cond.op in ORDERINGS and kind != "num":
        yield loc + ("op",), f"operator {cond.op.value!r} needs a numeric field, {cond.field!r} is {kind}"
    if cond.op in MEMBERSHIP:
        for value in cond.value:  # type: ignore[union-attr]
            if not _value_fits(kind, value, cond.field):
                yield loc + ("value",), f"value {value!r} does not fit {kind} field {cond.field!r}"
    elif cond.value is not None and cond.op not in PRESENCE:
        if not _value_fits(kind, cond.value, cond.field):
            yield loc + ("value",), f"value {cond.value!r} does not fit {kind} field {cond.field!r}"
    if cond.ref is not None:
        target = bound.get(cond.ref_binding)  # type: ignore[arg-type]
        if target is None:
            yield loc + ("ref",), f"ref {cond.ref!r} names no earlier positive binding"
            return
        ref_kind = field_kinds(target, run).get(cond.ref_field)  # type: ignore[arg-type]
        if ref_kind is None:
            yield loc + ("ref",), f"unknown field {cond.ref_field!r} on {target} fact"
        elif ref_kind != kind:
            yield loc + ("ref",), f"compares {kind} field {cond.field!r} with {ref_kind} {cond.ref!r}"
        elif cond.add is not None and kind != "num":
            yield loc + ("add",), "add needs numeric fields"


def rule_problems(rule: Rule) -> Iterator[Problem]:
    # a run-scope rule sees every report's facts, each with its report's fields (RUN_FIELDS),
    # and may bind several reports' `report` facts
    run = rule.scope is Scope.run
    bound: dict[str, str] = {}
    if rule.when[0].is_absent:
        yield ("when", 0), "the first pattern must bind a fact, not be absent"
    for i, pattern in enumerate(rule.when):
        loc = ("when", i)
        if pattern.fact_type not in FACT_FIELDS:
            known = ", ".join(sorted(FACT_FIELDS))
            yield loc, f"unknown fact type {pattern.fact_type!r} (known: {known})"
            continue
        kinds = field_kinds(pattern.fact_type, run)
        for cond, cond_loc in iter_conditions(pattern.where, loc + ("where",)):
            yield from _condition_problems(cond, kinds, bound, cond_loc, run)
            if cond.ref is not None and len(cond_loc) > 4:
                # durable_rules evaluates every branch of an any/all and crashes (error 311)
                # on a join over a missing field there; joins stay top-level terms.
                yield cond_loc + ("ref",), "a ref (join) is only allowed at the top level of where, not inside any/all"
        if pattern.fact_type == "report" and not pattern.is_absent and i > 0 and not run:
            yield loc, "the report fact can only be bound by the first pattern"
        if pattern.bind is not None:
            if pattern.bind in bound:
                yield loc + ("bind",), f"binding {pattern.bind!r} is bound twice"
            bound[pattern.bind] = pattern.fact_type
    if rule.subject not in bound:
        yield ("subject",), f"subject {rule.subject!r} is not a positive binding"
    yield from _partition_problems(rule)
    for field_name in ("message", "remediation"):
        text = getattr(rule, field_name)
        for lang in ("zh", "en"):
            for binding, name in PLACEHOLDER.findall(getattr(text, lang) or ""):
                if binding not in bound:
                    yield (field_name, lang), f"placeholder {{{binding}.{name}}} names no binding"
                elif name not in field_kinds(bound[binding], run):
                    yield (field_name, lang), f"placeholder {{{binding}.{name}}}: unknown field"


# Report fields a run can be partitioned by: those every fact of one report carries in a run
PARTITION_FIELDS = frozenset(field_kinds("report", run_scope=True)) - frozenset(field_kinds("report"))


def _partition_problems(rule: Rule) -> Iterator[Problem]:
    """partition_by is sound only if every pattern is held to the first pattern's report values:
    evaluated group by group, a fact in another group is invisible, which for an absent pattern
    would be a false finding. Each later pattern must state, at the top level of its where,
    `field eq ref B.field` for every partition field, or `report_path eq ref B.report_path` (one
    report, so all its fields), with B a binding already held to the same values."""
    if not rule.partition_by:
        return
    if rule.scope is not Scope.run:
        yield ("partition_by",), "partition_by is for scope: run rules only"
        return
    for j, name in enumerate(rule.partition_by):
        if name not in PARTITION_FIELDS:
            known = ", ".join(sorted(PARTITION_FIELDS))
            yield ("partition_by", j), f"{name!r} is not a report field a run can be split by (known: {known})"
            return
    held = {rule.when[0].bind}
    for i, pattern in enumerate(rule.when[1:], start=1):
        joins = {(c.field, c.ref_binding, c.ref_field) for c in pattern.where
                 if isinstance(c, Condition) and c.ref is not None and c.op.value == "eq" and c.add is None}
        same_report = any(f == "report_path" == rf and b in held for f, b, rf in joins)
        missing = [name for name in rule.partition_by
                   if not same_report and not any(f == name == rf and b in held for f, b, rf in joins)]
        if missing:
            what = f"absent {pattern.fact_type}" if pattern.is_absent else f"{pattern.bind} ({pattern.fact_type})"
            yield ("when", i, "where"), (
                f"partition_by: pattern {i + 1}, {what}, is not held to the partition: it needs "
                + ", ".join(f"{{field: {n}, op: eq, ref: <earlier binding>.{n}}}" for n in missing)
                + " or report_path eq an earlier binding's report_path")
        if pattern.bind is not None:
            held.add(pattern.bind)
