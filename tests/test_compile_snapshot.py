"""Compiling rules to a durable_rules ruleset is a pure function: snapshot it, so any change to
what the engine is asked to evaluate is visible in review."""
from __future__ import annotations

import json
from pathlib import Path

from engine.compile import DONE_RULE, END_BINDING, to_durable

SNAPSHOT = Path(__file__).parent / "snapshots" / "compiled-ruleset.json"


def test_compiled_ruleset_matches_snapshot(checker, update_snapshots: bool):
    compiled = json.dumps(to_durable(sorted(checker.rules, key=lambda r: r.id)), ensure_ascii=False,
                          indent=1, sort_keys=True) + "\n"
    if update_snapshots or not SNAPSHOT.exists():
        assert update_snapshots, f"{SNAPSHOT} missing: run pytest --update-snapshots"
        SNAPSHOT.write_text(compiled, encoding="utf-8")
    assert compiled == SNAPSHOT.read_text(encoding="utf-8"), "compiled ruleset changed: review, then --update-snapshots"


def test_every_rule_waits_for_the_end_marker_and_done_exists(checker):
    ruleset = to_durable(checker.rules)
    assert DONE_RULE in ruleset
    for name, rule in ruleset.items():
        assert END_BINDING in rule["all"][0], name


def test_compilation_is_pure(checker):
    assert to_durable(checker.rules) == to_durable(checker.rules)
