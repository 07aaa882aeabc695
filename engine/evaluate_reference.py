"""A plain-Python evaluator of the normalised rules: nested loops, no cleverness.

It exists to be obviously right. The differential tests run it beside the durable_rules path
on generated reports in random fact order and require identical matches. Semantics: a
comparison with a missing field (on either side) is false; `ne`/`not_in` are comparisons too;
two positive patterns of one rule never bind the same fact, and an absent pattern looks only at
the facts the rule has not bound (both as in durable_rules' Rete).
"""
from __future__ import annotations

import operator
from typing import Any, Iterator

from .compile import NormPattern, NormRule
from .evaluate_types import Match
from .rules.model import AllOf, AnyOf, Condition, Operator, Where

_MISSING = object()
_ORDER = {
    Operator.eq: operator.eq, Operator.ne: operator.ne, Operator.lt: operator.lt,
    Operator.le: operator.le, Operator.gt: operator.gt, Operator.ge: operator.ge,
}


def _same_kind(a: Any, b: Any) -> bool:
    return isinstance(a, bool) == isinstance(b, bool) and isinstance(a, str) == isinstance(b, str)


def _holds(cond: Condition, fact: dict[str, Any], env: dict[str, dict[str, Any]]) -> bool:
    value = fact.get(cond.field, _MISSING)
    if cond.op is Operator.exists:
        return value is not _MISSING
    if cond.op is Operator.missing:
        return value is _MISSING
    if value is _MISSING:
        return False
    if cond.op is Operator.in_:
        return any(_same_kind(value, v) and value == v for v in cond.value)  # type: ignore[union-attr]
    if cond.op is Operator.not_in:
        return all(_same_kind(value, v) and value != v for v in cond.value)  # type: ignore[union-attr]
    if cond.ref is not None:
        other = env[cond.ref_binding].get(cond.ref_field, _MISSING)  # type: ignore[index]
        if other is _MISSING:
            return False
        if cond.add is not None:
            other = other + cond.add
    else:
        other = cond.value
    if not _same_kind(value, other):
        return False
    return _ORDER[cond.op](value, other)


def _where_holds(item: Where, fact: dict[str, Any], env: dict[str, dict[str, Any]]) -> bool:
    if isinstance(item, Condition):
        return _holds(item, fact, env)
    if isinstance(item, AnyOf):
        return any(_where_holds(w, fact, env) for w in item.any)
    assert isinstance(item, AllOf)
    return all(_where_holds(w, fact, env) for w in item.all)


def _matches(pattern: NormPattern, fact: dict[str, Any], env: dict[str, dict[str, Any]]) -> bool:
    return fact["t"] == pattern.fact_type and all(_where_holds(w, fact, env) for w in pattern.where)


def holds_without_joins(pattern: NormPattern, fact: dict[str, Any]) -> bool:
    """Could this fact be bound by the pattern, before any join with other bindings is tried?"""
    if fact["t"] != pattern.fact_type:
        return False
    return all(_where_holds(w, fact, {}) for w in pattern.where if not (isinstance(w, Condition) and w.ref))


def _search(patterns: tuple[NormPattern, ...], facts: list[dict[str, Any]], env: dict) -> Iterator[dict]:
    if not patterns:
        yield dict(env)
        return
    head, rest = patterns[0], patterns[1:]
    if head.absent:
        # as in durable_rules, a negation never sees a fact the rule has already bound
        bound = [fact for fact in env.values()]
        if not any(_matches(head, f, env) for f in facts if not any(f is b for b in bound)):
            yield from _search(rest, facts, env)
        return
    for fact in facts:
        if any(fact is bound for bound in env.values()):
            continue
        if _matches(head, fact, env):
            env[head.name] = fact
            yield from _search(rest, facts, env)
            del env[head.name]


class ReferenceEvaluator:
    def __init__(self, rules: list[NormRule]):
        self._rules = rules

    def evaluate(self, facts: list[dict[str, Any]]) -> list[Match]:
        return [
            Match(rule.id, bindings)
            for rule in self._rules
            for bindings in _search(rule.patterns, facts, {})
        ]
