"""Evaluate normalised rules with durable_rules, using the order-independent protocol.

See ../shared/notes/durable-rules.md. Every rule waits for an end marker asserted as a *fact*
after all report facts (one batch, never empty); a `__done` rule always fires on the marker,
which proves the evaluation completed and makes delete_state safe; every fact gets a unique
id so none is dropped as a hash duplicate; the session is deleted after each report so memory
stays flat. One evaluator per process (ruleset names are process-global).

durable_rules receives each fact cut down to the fields some condition reads (and no fact of a
type no rule reads): its JSON encoding and parsing of facts is most of its cost. A match's
bindings are the caller's own, whole facts, found again by id, so messages can name any field.

Shaped for speed: this talks to durable_rules' C module (durable_rules_engine) directly, with the
same calls in the same order as durable.engine's Host/Ruleset/Closure layer makes them (assert,
then start_action_for_state / update_state / complete_and_start_action until no action is left),
but without that layer's per-action closures, promises and state copies, and with one orjson
encoding of the whole batch. tests/test_differential.py holds it to the reference evaluator.
"""
from __future__ import annotations

import itertools
import json
from typing import Any

import durable_rules_engine as engine_c
import orjson

from .compile import DONE_RULE, END_BINDING, END_MARKER_TYPE, NormRule, to_durable
from .evaluate_types import EvaluationError, Match
from .rules.model import AnyOf, Condition, Where

_ruleset_numbers = itertools.count(1)

# durable_rules_engine's result codes for an assert (durable.engine.Ruleset._handle_result)
_NOT_HANDLED, _OBSERVED, _QUEUED = 1, 2, 3


def _encode(value: Any) -> str:
    try:
        return orjson.dumps(value).decode()
    except TypeError:  # an int wider than 64 bits: orjson refuses it, json writes it exactly
        return json.dumps(value, ensure_ascii=False)


class DurableEvaluator:
    def __init__(self, rules: list[NormRule]):
        self._name = f"plancheck{next(_ruleset_numbers)}"
        self._sessions = itertools.count(1)
        self._read = fields_read(rules)
        definition = to_durable(rules)  # a new dict per call: popping "run" below changes nobody else's
        # each durable rule's action is the id of the rule it fires for ("run")
        self._action_of = {name: rule.pop("run") for name, rule in definition.items()}
        self._handle = engine_c.create_ruleset(self._name, json.dumps(definition, ensure_ascii=False))

    def fact_types(self) -> frozenset[str]:
        """The fact types some rule reads: facts of any other type are never given to the engine."""
        return frozenset(self._read)

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
        matches: list[Match] = []
        done = False
        try:
            if batch:  # an empty batch corrupts durable_rules' state
                self._run_actions(engine_c.assert_facts(self._handle, _encode(batch)), facts, matches)
            end = {"t": END_MARKER_TYPE, "id": "__end", "sid": sid}
            done = self._run_actions(engine_c.assert_fact(self._handle, _encode(end)), facts, matches)
        except engine_c.error as exc:
            # a limit of the C engine (e.g. 303: its alpha traversal stack of 64 nodes), never
            # a verdict: say so rather than give a partial result
            raise EvaluationError(f"durable_rules could not evaluate the report ({exc})") from None
        finally:
            if done:
                engine_c.delete_state(self._handle, sid)
        if not done:
            raise EvaluationError("durable_rules did not complete the evaluation")
        return matches

    def _run_actions(self, result: tuple, facts: list[dict[str, Any]], matches: list[Match]) -> bool:
        """Take every action an assert queued; true when the `__done` rule fired."""
        code = result[0]
        if code == _NOT_HANDLED:
            return False  # facts no rule can ever use; harmless
        if code == _OBSERVED:
            raise EvaluationError("durable_rules saw a fact twice")  # ids are unique: never expected
        state_handle = 0 if code == _QUEUED else result[1]
        started = engine_c.start_action_for_state(self._handle, state_handle)
        if not started:
            return False
        state_json, message_json = started[0], started[1]
        done = False
        while message_json:
            message = orjson.loads(message_json)
            for durable_rule, found in message.items():
                rule_id = self._action_of[durable_rule]
                if rule_id == DONE_RULE:
                    done = True
                else:
                    self._record(rule_id, found, facts, matches)
            engine_c.update_state(self._handle, state_json)
            message_json = engine_c.complete_and_start_action(self._handle, state_handle)
        return done

    @staticmethod
    def _record(rule_id: str, found: Any, facts: list[dict[str, Any]], matches: list[Match]) -> None:
        for match in found if isinstance(found, list) else [found]:
            if len(match) == 1 and "m" in match:  # how durable_rules wraps one entry of a capped batch
                match = match["m"]
            bindings = {name: dict(facts[int(fact["id"][1:])])
                        for name, fact in match.items() if name != END_BINDING}
            matches.append(Match(rule_id, bindings))


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
