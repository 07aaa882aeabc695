"""Evaluate normalised rules with durable_rules, using the order-independent protocol.

See ../shared/notes/durable-rules.md. Every rule waits for an end marker asserted as a *fact*
after all report facts (one batch, never empty); a `__done` rule always fires on the marker,
which proves the evaluation completed and makes delete_state safe; every fact gets a unique
id so none is dropped as a hash duplicate; the session is deleted after each report so memory
stays flat. One evaluator per process (ruleset names are process-global).
"""
from __future__ import annotations

import copy
import itertools
from typing import Any, Callable

from durable.engine import Host, MessageNotHandledException

from engine.compile import DONE_RULE, END_BINDING, END_MARKER_TYPE, NormRule, to_durable
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
        self._done = False
        self._host = _QuietHost(self._action)
        self._host.set_rulesets({self._name: copy.deepcopy(to_durable(rules))})

    def _action(self, rule_id: str) -> Callable[[Any], None]:
        if rule_id == DONE_RULE:
            def done(_context: Any) -> None:
                self._done = True
            return done

        def fired(context: Any) -> None:
            found = context.m if isinstance(context.m, list) else [context.m]
            for match in found:
                bindings = {name: dict(fact) for name, fact in match.items() if name != END_BINDING}
                self._matches.append(Match(rule_id, bindings))
        return fired

    def evaluate(self, facts: list[dict[str, Any]]) -> list[Match]:
        sid = str(next(self._sessions))
        batch = [dict(fact, id=f"f{i}", sid=sid) for i, fact in enumerate(facts)]
        self._matches, self._done = [], False
        try:
            if batch:  # an empty batch corrupts durable_rules' state
                try:
                    self._host.assert_facts(self._name, batch)
                except MessageNotHandledException:
                    pass  # facts no rule can ever use; harmless
            self._host.assert_fact(self._name, {"t": END_MARKER_TYPE, "id": "__end", "sid": sid})
        finally:
            if self._done:
                self._host.delete_state(self._name, sid)
        if not self._done:
            raise EvaluationError("durable_rules did not complete the evaluation")
        for match in self._matches:
            for fact in match.bindings.values():
                fact.pop("sid", None)
                fact.pop("id", None)
        return self._matches
