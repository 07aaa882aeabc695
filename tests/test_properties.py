"""Property-based tests (issue 6): the engine means what the rules say, whatever the report.

* Any report generated from the pydantic models (valid by construction, for every plan in
  rules/) checks without an exception, and its findings do not depend on the order of the items
  in any of its lists: shuffling every list gives the same findings, each about the same item.
* JSON <-> XML: the report written as XML and as JSON and read back gives the same model and the
  same findings, located at the same JSON pointers.
* Differential over every plan (tests/test_differential.py covers Heilongjiang with a generator
  that makes its rules fire): the durable_rules evaluation and the reference evaluator agree on
  facts in random order.
* Mutation check of the rules: every rule's pass/fail cases (tests/rule_cases, run by the shared
  runner in engine/rules/cases.py) must notice when the rule is switched off and when one of its
  conditions is negated or dropped — so no rule is a no-op and no pass case is vacuous.

Example counts come from the hypothesis profile (tests/hypothesis_profiles.py): "ci" by
default, `--hypothesis-profile=thorough` for long runs.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from engine.checker import Checker
from engine.io.json_report import parse_json
from engine.io.read import LoadedReport, validate_report
from engine.io.source import Location
from engine.io.xml_layout import FieldLayout, Scalar, fields_of
from engine.io.xml_report import parse_xml, write_xml
from engine.model.report import Report
from engine.rules.cases import RuleCase, load_cases, run_case
from engine.rules.catalog import load_catalog
from engine.rules.model import AllOf, AnyOf, Condition, Operator, Rule
from hypothesis_profiles import examples, register_profiles

register_profiles()  # no-op when tests/conftest.py (or --hypothesis-profile) already chose one

REPO = Path(__file__).resolve().parent.parent
CST = dt.timezone(dt.timedelta(hours=8))


# ---- reports generated from the models --------------------------------------------------------

# Printable text XML can carry: no controls, surrogates or non-characters; some CJK on purpose.
_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn", "Co"))
                | st.sampled_from(list("黑龙江省哈尔滨市场监督管理局（）〔〕号&<>\"' ")), min_size=1, max_size=12)
_URL = st.builds(lambda host, path: f"https://{host}.gov.cn/{path}", st.sampled_from(["credit.hlj", "hl.gsxt", "amr"]),
                 st.from_regex(r"[a-z0-9/\-]{0,12}", fullmatch=True))
_DATES = st.dates(dt.date(2023, 1, 1), dt.date(2026, 12, 31))
_TIMES = st.datetimes(dt.datetime(2023, 1, 1), dt.datetime(2026, 12, 31),
                      timezones=st.sampled_from([None, dt.timezone.utc, CST]))
# Lists whose items the reader requires to be unique, by this field.
_UNIQUE_BY = {"tasks": "clause", "cases": "id", "referrals": "id", "credit_list": "id", "publications": "id"}


def _scalar(name: str, scalar: Scalar) -> st.SearchStrategy:
    kind = scalar.type
    if scalar.choices is not None:
        return st.sampled_from(list(kind)) if kind is not str else st.sampled_from(scalar.choices)
    if kind is bool:
        return st.booleans()
    if kind is dt.date:
        return _DATES
    if kind is dt.datetime:
        return _TIMES
    if kind is int:
        low = scalar.ge if scalar.ge is not None else 0
        return st.integers(low, scalar.le if scalar.le is not None else low + 10**6)
    if kind is float:
        return st.floats(scalar.ge if scalar.ge is not None else -1e6, scalar.le if scalar.le is not None else 1e6,
                         allow_nan=False, allow_infinity=False)
    if name == "url":
        return _URL
    if scalar.pattern:
        return st.from_regex(scalar.pattern, fullmatch=True)
    return _TEXT.filter(str.strip)


def _field(model: type[BaseModel], name: str, layout: FieldLayout) -> st.SearchStrategy:
    if model.__name__ == "Evidence" and name == "id":
        return st.none()  # evidence ids must be unique across the report: leave them out
    if layout.kind == "model":
        return model_strategy(layout.model)
    if layout.kind == "scalar":
        return _scalar(name, layout.scalar)
    item = model_strategy(layout.model) if layout.model is not None else _scalar(layout.item, layout.scalar)
    key = _UNIQUE_BY.get(name)
    return st.lists(item, max_size=min(3, layout.max_items or 3),
                    unique_by=(lambda x, k=key: getattr(x, k)) if key else None)


@cache
def model_strategy(model: type[BaseModel]) -> st.SearchStrategy:
    """Valid instances of `model`, every field drawn from its type and constraints (xml_layout).

    Model validators (a period ending before it starts, ...) reject some draws: they are filtered.
    """
    layouts = fields_of(model)
    required = {n: _field(model, n, f) for n, f in layouts.items() if f.required}
    optional = {n: _field(model, n, f) for n, f in layouts.items() if not f.required}

    def build(data: dict[str, Any]) -> Optional[BaseModel]:
        try:
            return model.model_validate(data)
        except ValidationError:
            return None

    return st.fixed_dictionaries(required, optional=optional).map(build).filter(lambda m: m is not None)


CATALOG = load_catalog(REPO / "rules")


@st.composite
def reports(draw, plan_ids: tuple[str, ...] = tuple(sorted(CATALOG.plans))) -> Report:
    """A valid report for one of the plans, from a department the plan knows."""
    report = draw(model_strategy(Report))
    plan = CATALOG.plans[draw(st.sampled_from(plan_ids))]
    department = report.department
    if plan.departments:
        department = department.model_copy(update={"name": draw(st.sampled_from(plan.departments)).name})
    return report.model_copy(update={"plan": plan.id, "department": department})


# ---- helpers ----------------------------------------------------------------------------------


class _Pointers:
    """A source map that answers with the pointer itself: findings keep their exact pointer."""

    def locate(self, pointer: str) -> Location:
        return Location(pointer)


def _loaded(report: Report) -> LoadedReport:
    return LoadedReport("generated.json", "json", report, _Pointers(), b"")


def _resolve(document: Any, pointer: str) -> Any:
    for token in pointer.split("/")[1:] if pointer else ():
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(document, list):
            document = document[int(token)]
        elif isinstance(document, dict) and token in document:
            document = document[token]
        else:
            return None  # a location below the item (an absent optional field)
    return document


def _identities(result, report: Report) -> Counter:
    """Findings by what they are about (rule, message and the item at their location), not by index."""
    document = report.model_dump(mode="json")
    return Counter((f.rule_id, f.severity.value, f.message_zh, json.dumps(_resolve(document, f.location.pointer),
                                                                         sort_keys=True, ensure_ascii=False))
                   for f in result.findings)


def _shuffled(report: Report, rng: random.Random) -> Report:
    """The same report with every list, at every depth, in a random order."""
    def visit(value: Any) -> Any:
        if isinstance(value, BaseModel):
            return value.model_copy(update={name: visit(getattr(value, name)) for name in type(value).model_fields})
        if isinstance(value, list):
            items = [visit(item) for item in value]
            rng.shuffle(items)
            return items
        return value

    return visit(report)


# ---- properties -------------------------------------------------------------------------------


@settings(max_examples=examples(1.0))
@given(report=reports(), seed=st.integers(0, 2**32 - 1))
def test_any_valid_report_checks_and_list_order_does_not_matter(checker: Checker, report: Report, seed: int):
    original = checker.check_loaded(_loaded(report))
    reordered_report = _shuffled(report, random.Random(seed))
    reordered = checker.check_loaded(_loaded(reordered_report))
    assert _identities(reordered, reordered_report) == _identities(original, report)


@settings(max_examples=examples(1.0))
@given(report=reports())
def test_json_and_xml_forms_give_the_same_model_and_findings(checker: Checker, report: Report):
    text = json.dumps(report.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=1)
    json_data, json_source = parse_json(text, "r.json")
    from_json = validate_report(json_data, json_source, "r.json")
    xml = write_xml(report)
    xml_data, xml_source = parse_xml(xml, "r.xml")
    from_xml = validate_report(xml_data, xml_source, "r.xml")
    assert from_json == report and from_xml == report
    found = [sorted((f.rule_id, f.subject, f.message_zh, f.location.pointer) for f in checker.check_loaded(
        LoadedReport(path, fmt, model, source, raw)).findings)
        for path, fmt, model, source, raw in (("r.json", "json", from_json, json_source, text.encode()),
                                               ("r.xml", "xml", from_xml, xml_source, xml))]
    assert found[0] == found[1]


@settings(max_examples=examples(1.0))
@given(report=reports(), seed=st.integers(0, 2**32 - 1))
def test_durable_and_reference_agree_for_every_plan(checker: Checker, reference_checker: Checker,
                                                    report: Report, seed: int):
    facts = checker.facts(_loaded(report))
    durable = sorted(m.signature() for m in checker.matches(facts))
    shuffled = list(facts)
    random.Random(seed).shuffle(shuffled)
    assert sorted(m.signature() for m in reference_checker.matches(shuffled)) == durable


# ---- mutation check of the rules --------------------------------------------------------------



@cache
def _cases() -> tuple[RuleCase, ...]:
    return tuple(load_cases(REPO / "tests" / "rule_cases", CATALOG.rules))

_NEGATION = {Operator.eq: Operator.ne, Operator.ne: Operator.eq, Operator.lt: Operator.ge, Operator.ge: Operator.lt,
             Operator.gt: Operator.le, Operator.le: Operator.gt, Operator.in_: Operator.not_in,
             Operator.not_in: Operator.in_, Operator.exists: Operator.missing, Operator.missing: Operator.exists}
_BOUNDARY = {Operator.lt: Operator.le, Operator.le: Operator.lt, Operator.gt: Operator.ge, Operator.ge: Operator.gt}


def _leaves(where: list) -> list[tuple[int, ...]]:
    """Paths (indexes into nested any/all lists) of every condition."""
    paths = []
    for i, item in enumerate(where):
        if isinstance(item, Condition):
            paths.append((i,))
        else:
            paths += [(i, *rest) for rest in _leaves(item.any if isinstance(item, AnyOf) else item.all)]
    return paths


def _edit(where: list, path: tuple[int, ...], change) -> list:
    """`where` with the condition at `path` replaced by change(condition) (None: removed)."""
    head, rest = path[0], path[1:]
    out = list(where)
    if not rest:
        new = change(out[head])
        return out[:head] + out[head + 1:] if new is None else out[:head] + [new] + out[head + 1:]
    group = out[head]
    if isinstance(group, AnyOf):
        inner = _edit(group.any, rest, change)
        out[head] = AnyOf(any=inner) if inner else None
    else:
        inner = _edit(group.all, rest, change)
        out[head] = AllOf(all=inner) if inner else None
    return [w for w in out if w is not None]


def mutants(rule: Rule) -> list[tuple[str, Optional[Rule]]]:
    """(description, mutated rule); None means the rule switched off."""
    found: list[tuple[str, Optional[Rule]]] = [("switched off", None)]
    for p, pattern in enumerate(rule.when):
        for path in _leaves(pattern.where):
            cond = _resolve_condition(pattern.where, path)
            label = f"pattern {p + 1} {cond.field} {cond.op.value}"
            changes = [("negated", lambda c: c.model_copy(update={"op": _NEGATION[c.op]})),
                       ("dropped", lambda c: None)]
            if cond.op in _BOUNDARY and cond.ref is None:
                changes.append(("boundary", lambda c: c.model_copy(update={"op": _BOUNDARY[c.op]})))
            for how, change in changes:
                where = _edit(pattern.where, path, change)
                when = list(rule.when)
                when[p] = pattern.model_copy(update={"where": where})
                found.append((f"{label} {how}", rule.model_copy(update={"when": when})))
    return found


def _resolve_condition(where: list, path: tuple[int, ...]) -> Condition:
    item = where[path[0]]
    for i in path[1:]:
        item = (item.any if isinstance(item, AnyOf) else item.all)[i]
    return item


def _checker_with(rule_id: str, rule: Optional[Rule]) -> Checker:
    """A reference-evaluator checker whose catalog holds only `rule` (or no rule at all)."""
    item = CATALOG.rules[rule_id]
    rules = {} if rule is None else {rule_id: dataclasses.replace(item, rule=rule)}
    return Checker(dataclasses.replace(CATALOG, rules=rules), evaluator="reference")


def _outcomes(cases: list[RuleCase], checker: Checker) -> list[bool]:
    return [run_case(case, checker).passed for case in cases]


def _mutation_report(rule_id: str) -> dict[str, Any]:
    cases = [c for c in _cases() if c.rule_id == rule_id and c.xfail is None]
    real = _outcomes(cases, _checker_with(rule_id, CATALOG.rules[rule_id].rule))
    report: dict[str, Any] = {"cases": cases, "real": real, "killed": {}, "survived": []}
    for label, mutant in mutants(CATALOG.rules[rule_id].rule):
        try:
            outcomes = _outcomes(cases, _checker_with(rule_id, mutant))
        except Exception as exc:  # a mutant the engine refuses (e.g. no condition left) is killed
            report["killed"][label] = f"refused: {type(exc).__name__}"
            continue
        flipped = [c.expect for c, before, after in zip(cases, real, outcomes) if before != after]
        if flipped:
            report["killed"][label] = flipped
        else:
            report["survived"].append(label)
    return report


@pytest.mark.parametrize("rule_id", sorted(CATALOG.rules))
def test_rule_cases_kill_the_mutants_of_their_rule(rule_id: str):
    report = _mutation_report(rule_id)
    cases, real = report["cases"], report["real"]
    assert all(real), f"{rule_id}: its own cases fail: see tests/test_rule_cases.py"
    assert report["killed"].get("switched off"), f"{rule_id}: no fail case notices the rule switched off"
    by_pass_cases = [label for label, flipped in report["killed"].items()
                     if label != "switched off" and isinstance(flipped, list) and "pass" in flipped]
    conditions = [label for label, _ in mutants(CATALOG.rules[rule_id].rule)[1:] if label.endswith("dropped")]
    if conditions:  # a rule with conditions of its own: some pass case must depend on one of them
        assert by_pass_cases, (f"{rule_id}: every pass case passes even with a condition negated or dropped "
                               f"(vacuous pass cases); survivors: {report['survived']}")
