"""Evaluate normalised rules with durable_rules, using the order-independent protocol.

See ../shared/notes/durable-rules.md. Every rule waits for an end marker asserted as a *fact*
after all report facts (one batch, never empty); a `__done` rule always fires on the marker,
which proves the evaluation completed and makes delete_state safe; every fact gets a unique
id so none is dropped as a hash duplicate; the session is deleted after each report so memory
stays flat. One evaluator per process (ruleset names are process-global).

durable_rules receives each fact cut down to the fields some condition reads (and no fact of a
type no rule reads): its JSON encoding and parsing of facts is most of its cost. A match's
bindings are the caller's own, whole facts, found again by id, so messages can name any field.
"""
from __future__ import annotations

import copy
import itertools
from typing import Any, Callable

import durable_rules_engine
from durable.engine import Host, MessageNotHandledException

from engine.compile import DONE_RULE, END_BINDING, END_MARKER_TYPE, NormRule, to_durable
from engine.rules.model import AnyOf, Condition, Where
from engine.evaluate_types import EvaluationError, Match

_ruleset_numbers = itertools.count(1)


class _QuietHost(Host):
    """A Host without its background dispatch/timer threads; actions are bound by name."""

    def __init__(self, action_for: Callable[[str], Callable[[Any], None]]):
        self._action_for = action_for
        super().__init__()

    def _run(self) -> None:  # no background threads: evaluation is synchronous
        pass

    def get_action(self, action_name: str) -> Callable[[Any], None]:
        return self._action_for(action_name)


class DurableEvaluator:
    def __init__(self, rules: list[NormRule]):
        self._name = f"plancheck{next(_ruleset_numbers)}"
        self._sessions = itertools.count(1)
        self._matches: list[Match] = []
        self._facts: list[dict[str, Any]] = []
        self._done = False
        self._read = fields_read(rules)
        self._host = _QuietHost(self._action)
        self._host.set_rulesets({self._name: copy.deepcopy(to_durable(rules))})

    def fact_types(self) -> frozenset[str]:
        """The fact types some rule reads: facts of any other type are never given to the engine."""
        return frozenset(self._read)

    def _action(self, rule_id: str) -> Callable[[Any], None]:
        if rule_id == DONE_RULE:
            def done(_context: Any) -> None:
                self._done = True
            return done

        def fired(context: Any) -> None:
            found = context.m if isinstance(context.m, list) else [context.m]
            for match in found:
                bindings = {name: dict(self._facts[int(fact["id"][1:])])
                            for name, fact in match.items() if name != END_BINDING}
                self._matches.append(Match(rule_id, bindings))
        return fired

    def evaluate(self, facts: list[dict[str, Any]]) -> list[Match]:
        sid = str(next(self._sessions))
        read = self._read
        batch = []
        for i, fact in enumerate(facts):
            fields = read.get(fact["t"])
            if fields is not None:
                cut = {name: fact[name] for name in fields if name in fact}
                cut["id"], cut["sid"] = f"f{i}", sid
                batch.append(cut)
        self._matches, self._facts, self._done = [], facts, False
        try:
            if batch:  # an empty batch corrupts durable_rules' state
                try:
                    self._host.assert_facts(self._name, batch)
                except MessageNotHandledException:
                    pass  # facts no rule can ever use; harmless
            self._host.assert_fact(self._name, {"t": END_MARKER_TYPE, "id": "__end", "sid": sid})
        except durable_rules_engine.error as exc:
            # a limit of the C engine (e.g. 303: its alpha traversal stack of 64 nodes), never
            # a verdict: say so rather than give a partial result
            raise EvaluationError(f"durable_rules could not evaluate the report ({exc})") from None
        finally:
            if self._done:
                self._host.delete_state(self._name, sid)
            self._facts = []
        if not self._done:
            raise EvaluationError("durable_rules did not complete the evaluation")
        return self._matches


def fields_read(rules: list[NormRule]) -> dict[str, tuple[str, ...]]:
    """Per fact type, the fields some condition of some rule reads (with `t`, the type itself).
    A join's field on the other side is read too: normalise() adds an `exists` condition for it
    to the pattern it comes from."""
    read: dict[str, set[str]] = {}
    for rule in rules:
        for pattern in rule.patterns:
            read.setdefault(pattern.fact_type, {"t"}).update(_condition_fields(pattern.where))
    return {fact_type: tuple(sorted(names)) for fact_type, names in read.items()}


def _condition_fields(where: tuple[Where, ...] | list[Where]) -> set[str]:
    out: set[str] = set()
    for item in where:
        if isinstance(item, Condition):
            out.add(item.field)
        else:
            out |= _condition_fields(item.any if isinstance(item, AnyOf) else item.all)
    return out
