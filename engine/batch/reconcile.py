"""Run-scope rules: reconciliation between the reports of one batch run.

Rules with `scope: run` are normalised like every other rule (engine.compile.normalise) and fed
to the same DurableEvaluator, over the kept facts of the checked reports of the run. Each fact carries its report's fields (engine.fact_fields.RUN_FIELDS), which is what lets a
rule join an enforcement department's referral with the public-security report that should list
it. A finding belongs to the report of the rule's subject and names the other report bound.

A run holds thousands of reports; one durable_rules session over all their facts would grow
with the run (about 8 KB per fact) and slow down faster than it grows. Rules that declare
`partition_by` (report fields every fact they bind shares, checked when the rule is loaded) are
evaluated group by group: the run's kept facts are read from the store one group at a time and
each session is deleted before the next. Rules without it see all the run's facts of the types
they read, in one session.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Any, Optional

from ..compile import normalise
from ..evaluate_durable import DurableEvaluator
from ..findings import _citation, render
from ..rules.catalog import Catalog, LoadedRule
from ..rules.model import Scope
from .store import Store

Row = tuple[int, Optional[int], Optional[str], tuple]


def run_rules(catalog: Catalog) -> list[LoadedRule]:
    """Run-scope rules some plan cites (a rule no plan cites applies to no report)."""
    return [item for item in catalog.scoped(Scope.run) if item.clauses]


def reconcile(catalog: Catalog, store: Store, run_id: int) -> list[Row]:
    items = run_rules(catalog)
    reports = store.reports(run_id)
    by_path = {r["path"]: r for r in reports if r["status"] == "checked"}
    if not items or not by_path:
        return []
    specs: dict[tuple[str, ...], list[LoadedRule]] = {}
    for item in items:
        specs.setdefault(tuple(item.rule.partition_by), []).append(item)
    groups = _groups(store, run_id, [spec for spec in specs if spec])
    out: dict[tuple, Row] = {}
    for spec, spec_items in sorted(specs.items()):
        evaluator = DurableEvaluator([normalise(item) for item in spec_items])
        wanted = evaluator.fact_types()
        for ids in (groups[spec].values() if spec else [None]):
            facts = [fact for _, text in store.run_facts(run_id, ids) for fact in json.loads(text)
                     if fact["t"] in wanted]
            if not facts:
                continue
            for match in evaluator.evaluate(facts):
                item = catalog.rules[match.rule_id]
                row = _finding(catalog, item, match.bindings, by_path)
                if row is not None:
                    key = (row[3][0], row[0], row[3][3], row[2])
                    out.setdefault(key, row)
    return [out[k] for k in sorted(out, key=lambda k: (k[1], k[0], k[2], k[3] or ""))]


def _groups(store: Store, run_id: int, specs: list[tuple[str, ...]]) -> dict[tuple[str, ...], dict[tuple, list[int]]]:
    """For each partition spec, the run's report ids grouped by their values of its fields (one
    pass over the kept facts; every kept fact carries its report's fields, so the first will do)."""
    groups: dict[tuple[str, ...], dict[tuple, list[int]]] = {spec: {} for spec in specs}
    if not specs:
        return groups
    for report_id, text in store.run_facts(run_id):
        facts = json.loads(text)
        if not facts:
            continue
        first = facts[0]
        for spec in specs:
            key = tuple(first.get(name) for name in spec)
            groups[spec].setdefault(key, []).append(report_id)
    return groups


def _finding(catalog: Catalog, item: LoadedRule, bindings: dict[str, dict[str, Any]],
             by_path: dict[str, sqlite3.Row]) -> Optional[Row]:
    rule = item.rule
    subject = bindings[rule.subject]
    mine = by_path.get(subject.get("report_path"))
    if mine is None:
        return None
    other_path = None
    for pattern in rule.when:  # the first bound fact of another report names it
        fact = bindings.get(pattern.bind or "")
        if fact is not None and fact.get("report_path") != mine["path"]:
            other_path = fact.get("report_path")
            break
    other = by_path.get(other_path) if other_path else None
    plan = catalog.plans.get(mine["plan"])
    cite = _citation(item, plan, subject)
    pointer = subject["ptr"] + (f"/{rule.location_field}" if rule.location_field else "")
    notes = sorted({f["calendar_note"] for f in bindings.values() if f.get("calendar_note")})
    raw = "\x1f".join([rule.id, mine["plan"], mine["dept_name"], mine["period_start"], mine["period_end"],
                       subject["key"], other["dept_name"] if other is not None else ""])
    fingerprint = hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]
    finding = (
        rule.id, rule.severity.value, rule.category.value, subject["key"], pointer, None, None, None,
        rule.title.zh, rule.title.en, render(rule.message.zh, bindings) or "",
        render(rule.message.en, bindings, "en"), render(rule.remediation.zh, bindings) or "",
        render(rule.remediation.en, bindings, "en"), cite and cite.plan, cite and cite.clause,
        cite and cite.title,
        json.dumps([b.model_dump(mode="json", exclude_none=True) for b in rule.legal_basis], ensure_ascii=False),
        json.dumps(notes, ensure_ascii=False), fingerprint,
    )
    return (mine["id"], other["id"] if other is not None else None, other_path, finding)
