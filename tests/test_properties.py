"""Property-based tests (issue 6): the engine means what the rules say, whatever the report.

* Any report generated from the pydantic models (valid by construction, for every plan in
  rules/) checks without an exception, and its findings do not depend on the order of the items
  in any of its lists: shuffling every list gives the same findings, each about the same item.
* JSON <-> XML: the report written as XML and as JSON and read back gives the same model and the
  same findings, located at the same JSON pointers.
* Differential over every plan (tests/test_differential.py covers Heilongjiang with a generator
  that makes its rules fire): the durable_rules evaluation and the reference evaluator agree on
  facts in random order.
* Mutation check of the rules: every rule's pass/fail cases (rules/<pack>/cases, run by the shared
  runner in engine/rules/cases.py) must notice when the rule is switched off and when one of its
  conditions is negated, dropped or moved to its boundary — so no rule is a no-op, no pass case is
  vacuous and every join and boundary is pinned by a case. The few mutants no report can tell
  from the rule are listed, with the reason, in EQUIVALENT_MUTANTS; `python -m
  tests.mutation_survivors [RULE-ID ...]` prints what survives.

Example counts come from the hypothesis profile (tests/hypothesis_profiles.py): "ci" by
default, `--hypothesis-profile=thorough` for long runs.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any, Optional

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from engine.checker import Checker
from engine.io.json_report import parse_json
from engine.io.read import LoadedReport, validate_report
from engine.io.source import Location
from engine.io.xml_layout import FieldLayout, Scalar, fields_of
from engine.io.xml_report import parse_xml
from engine.io.xml_write import write_xml
from engine.model.report import Report
from engine.model.report import AdminLevel
from engine.plans.names import infer_level
from engine.rules.cases import RuleCase, load_case_file, run_case
from engine.rules.pack_tests import base_dirs, case_file
from engine.rules.catalog import load_catalog
from engine.rules.model import AllOf, AnyOf, Condition, Operator, Rule, Scope
from hypothesis_profiles import examples, register_profiles

register_profiles()  # no-op when tests/conftest.py (or --hypothesis-profile) already chose one

REPO = Path(__file__).resolve().parent.parent
CST = dt.timezone(dt.timedelta(hours=8))


# ---- reports generated from the models --------------------------------------------------------

# Printable text XML can carry: no controls, surrogates or non-characters; some CJK on purpose.
_CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn", "Co"))
_TEXT = st.text(_CHARACTERS | st.sampled_from(list("黑龙江省哈尔滨市场监督管理局（）〔〕号&<>\"' ")),
                min_size=1, max_size=12)
_URL = st.builds(lambda host, path: f"https://{host}.gov.cn/{path}", st.sampled_from(["credit.hlj", "hl.gsxt", "amr"]),
                 st.from_regex(r"[a-z0-9/\-]{0,12}", fullmatch=True))
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_DATES = st.dates(dt.date(2023, 1, 1), dt.date(2026, 12, 31))
_TIMES = st.datetimes(dt.datetime(2023, 1, 1), dt.datetime(2026, 12, 31),
                      timezones=st.sampled_from([None, dt.timezone.utc, CST]))
# Report lists whose items the reader requires to be unique, by this field.
_UNIQUE_BY = {"tasks": "clause", "cases": "id", "referrals": "id", "credit_list": "id", "publications": "id",
              "received_referrals": "referral_id"}


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
        # Some patterns (the e-mail's [^@\s]) admit control characters the XML form cannot carry,
        # and the JSON reader refuses for that reason: generate only what both forms can hold.
        return st.from_regex(scalar.pattern, fullmatch=True).filter(lambda s: not _NOT_XML.search(s))
    return _TEXT.filter(str.strip)


def _field(model: type[BaseModel], name: str, layout: FieldLayout) -> st.SearchStrategy:
    if model.__name__ == "Evidence" and name == "id":
        return st.none()  # evidence ids must be unique across the report: leave them out
    if layout.kind == "model":
        return model_strategy(layout.model)
    if layout.kind == "scalar":
        return _scalar(name, layout.scalar)
    item = model_strategy(layout.model) if layout.model is not None else _scalar(layout.item, layout.scalar)
    key = _UNIQUE_BY.get(name) if model is Report else None
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
    if department.level is None and infer_level(department.name, department.code) is None:
        # a level neither given nor readable off the name is an unusable header (exit 2, tested
        # in test_cli_errors), not a report to check
        department = department.model_copy(update={"level": draw(st.sampled_from(list(AdminLevel)))})
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


def _canonical(value: Any) -> Any:
    """`value` with every list sorted: the same items in any order compare equal."""
    if isinstance(value, dict):
        return {key: _canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return sorted((_canonical(item) for item in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value


def _identities(result, report: Report) -> Counter:
    """Findings by what they are about (rule, message and the item at their location), not by index."""
    document = report.model_dump(mode="json")
    return Counter((f.rule_id, f.severity.value, f.message_zh,
                    json.dumps(_canonical(_resolve(document, f.location.pointer)), sort_keys=True, ensure_ascii=False))
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


def _located(result) -> list[tuple[str, str, str, str]]:
    return sorted((f.rule_id, f.subject, f.message_zh, f.location.pointer) for f in result.findings)


@settings(max_examples=examples(1.0))
@given(report=reports())
def test_json_and_xml_forms_give_the_same_model_and_findings(checker: Checker, report: Report):
    text = json.dumps(report.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=1)
    json_data, json_source = parse_json(text, "r.json")
    from_json = validate_report(json_data, json_source, "r.json").report
    xml = write_xml(report)
    xml_data, xml_source = parse_xml(xml, "r.xml")
    from_xml = validate_report(xml_data, xml_source, "r.xml").report
    assert from_json == report and from_xml == report
    as_json = _located(checker.check_loaded(LoadedReport("r.json", "json", from_json, json_source, text.encode())))
    as_xml = _located(checker.check_loaded(LoadedReport("r.xml", "xml", from_xml, xml_source, xml)))
    assert [row[:3] for row in as_json] == [row[:3] for row in as_xml]
    for (*_, json_pointer), (*_, xml_pointer) in zip(as_json, as_xml):
        # The XML form leaves out empty lists, so it may point at the nearest enclosing element.
        assert json_pointer == xml_pointer or json_pointer.startswith(xml_pointer + "/"), (json_pointer, xml_pointer)


def _exponent_without_point(facts: list[dict[str, Any]]) -> bool:
    """A float json.dumps writes like 1e-05 or 1e+16: see test_durable_reads_floats_written_with_an_exponent."""
    return any(isinstance(v, float) and "e" in repr(v) and "." not in repr(v) for f in facts for v in f.values())


@settings(max_examples=examples(1.0))
@given(report=reports(), seed=st.integers(0, 2**32 - 1))
def test_durable_and_reference_agree_for_every_plan(checker: Checker, reference_checker: Checker,
                                                    report: Report, seed: int):
    facts = checker.facts(_loaded(report))
    assume(not _exponent_without_point(facts))  # a known durable_rules defect, tested on its own below
    rng = random.Random(seed)
    # each evaluator gets the facts in its own random order: neither may depend on it
    for_durable, for_reference = list(facts), list(facts)
    rng.shuffle(for_durable)
    rng.shuffle(for_reference)
    durable = sorted(m.signature() for m in checker.matches(for_durable))
    assert sorted(m.signature() for m in reference_checker.matches(for_reference)) == durable


# durable_rules' C JSON parser misreads numbers written with an exponent but no decimal point
# (json.dumps writes 0.00001 as 1e-05) and silently loses the facts after it; fact extraction
# rounds floats to 4 decimals so no fact value is ever written that way.
@pytest.mark.parametrize("amount", ["0.00001", "1e-7", "5e-324"])
def test_durable_reads_floats_written_with_an_exponent(checker: Checker, reference_checker: Checker, amount: str):
    sample = REPO / "samples" / "heilongjiang-2023" / "market-regulation-2024-referral-broken.json"
    data = json.loads(sample.read_text(encoding="utf-8"))
    data["cases"][0]["amounts"]["rights_holder_loss"] = float(amount)
    report = Report.model_validate(data)
    durable = checker.check_loaded(_loaded(report)).findings
    reference = reference_checker.check_loaded(_loaded(report)).findings
    assert [(f.rule_id, f.subject) for f in durable] == [(f.rule_id, f.subject) for f in reference]


# ---- mutation check of the rules --------------------------------------------------------------

_BASES: dict[str, Any] = {}  # raw base reports, shared by the case files


def _cases(rule_id: str) -> list[RuleCase]:
    """The rule's own case file only, so one broken file fails one rule's test."""
    path = case_file(CATALOG, rule_id)
    assert path is not None and path.exists(), f"{rule_id}: no case file {path}"
    return load_case_file(path, CATALOG.rules, _BASES, base_dirs(CATALOG))

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


@dataclasses.dataclass(frozen=True, eq=False)  # compared by identity: rules are not hashable
class Mutant:
    label: str
    rule: Optional[Rule]  # None: the rule switched off
    widens: bool = False  # a condition of a positive pattern dropped: only a pass case can notice


def _operand(cond: Condition) -> str:
    """What the condition compares with, as the rule file writes it: labels name one condition."""
    if cond.ref is not None:
        return f" {cond.ref}" + (f"{cond.add:+g}" if cond.add else "")
    if cond.value is None:
        return ""
    values = cond.value if isinstance(cond.value, list) else [cond.value]
    text = ",".join(v.isoformat() if isinstance(v, dt.date) else str(v).lower() if isinstance(v, bool) else str(v)
                    for v in values)
    return f" [{text}]" if isinstance(cond.value, list) else f" {text}"


def _applies_to_mutants(rule: Rule) -> list[Mutant]:
    """Each kind and each level of `applies_to` left out: a case from a department of that kind
    (or level) alone must notice. Leaving out the only one empties the list, which applies the
    rule to every department: then a case from a department the rule is not for must notice."""
    found = []
    applies_to = rule.applies_to
    for name, values in (("department_kinds", applies_to.department_kinds), ("levels", applies_to.levels)):
        for value in values or []:
            narrower = applies_to.model_copy(update={name: [v for v in values if v != value]})
            found.append(Mutant(f"applies_to {name} without {value.value}",
                                rule.model_copy(update={"applies_to": narrower})))
    return found


def _membership_mutants(label: str, cond: Condition) -> list[tuple[str, Any]]:
    """Each item of an `in`/`not_in` list left out (a list of one is the condition dropped)."""
    if cond.op not in (Operator.in_, Operator.not_in) or len(cond.value) < 2:
        return []
    return [(f"without item {item}", lambda c, item=item: c.model_copy(update={"value": [v for v in c.value if v != item]}))
            for item in cond.value]


def mutants(rule: Rule) -> list[Mutant]:
    """The rule switched off; each kind and level of its `applies_to` left out; then each
    condition negated, dropped, (for an order comparison with a value) moved to the boundary,
    and (for `in`/`not_in`) each item of its list left out. Labels are unique within a rule: the
    condition is named by its pattern, field, operator and operand."""
    found = [Mutant("switched off", None), *_applies_to_mutants(rule)]
    for p, pattern in enumerate(rule.when):
        for path in _leaves(pattern.where):
            cond = _resolve_condition(pattern.where, path)
            label = f"pattern {p + 1} ({pattern.fact_type}) {cond.field} {cond.op.value}{_operand(cond)}"
            changes = [("negated", lambda c: c.model_copy(update={"op": _NEGATION[c.op]})),
                       ("dropped", lambda c: None)]
            if cond.op in _BOUNDARY and cond.ref is None:
                changes.append(("at the boundary", lambda c: c.model_copy(update={"op": _BOUNDARY[c.op]})))
            changes += _membership_mutants(label, cond)
            for how, change in changes:
                when = list(rule.when)
                when[p] = pattern.model_copy(update={"where": _edit(pattern.where, path, change)})
                widens = how == "dropped" and not pattern.is_absent and len(path) == 1
                found.append(Mutant(f"{label} {how}", rule.model_copy(update={"when": when}), widens))
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


def mutation_report(rule_id: str) -> dict[str, Any]:
    """Which mutants of the rule its non-xfail cases notice ("killed"), and which they do not."""
    cases = [c for c in _cases(rule_id) if c.xfail is None]
    real = _outcomes(cases, _checker_with(rule_id, CATALOG.rules[rule_id].rule))
    report: dict[str, Any] = {"real": real, "mutants": mutants(CATALOG.rules[rule_id].rule), "killed": {},
                              "survived": []}
    for mutant in report["mutants"]:
        outcomes = _outcomes(cases, _checker_with(rule_id, mutant.rule))
        noticed = sorted({c.name for c, before, after in zip(cases, real, outcomes) if before != after})
        if noticed:
            report["killed"][mutant] = noticed
        else:
            report["survived"].append(mutant.label)
    return report


REPORT_RULES = sorted(item.rule.id for item in CATALOG.scoped(Scope.report))

# Surviving mutants that no report can tell from the rule, by rule id and mutant label, with the
# reason. Every other mutant must be killed by a case; a listed mutant that a case kills is stale.
EQUIVALENT_MUTANTS: dict[str, dict[str, str]] = {
    "OUTPUT-YEARLY-NOT-SHOWN": {"pattern 2 (task) clause eq output.clause dropped": (
        "no plan names a unit for, or lists as own, a clause with a yearly output (rules/*/plan.yaml), so such an "
        "output is firm only through a role declared on the clause's own task, which then is the task bound")},
}


def test_equivalent_mutants_name_report_rules():
    assert set(EQUIVALENT_MUTANTS) <= set(REPORT_RULES), sorted(set(EQUIVALENT_MUTANTS) - set(REPORT_RULES))


@pytest.mark.parametrize("rule_id", REPORT_RULES)
def test_rule_cases_kill_the_mutants_of_their_rule(rule_id: str):
    """The fail cases notice the rule switched off; the pass cases notice it widened; and every
    other mutant is killed too, unless EQUIVALENT_MUTANTS says why it cannot be.

    Widening = dropping one top-level condition of a positive pattern. A rule whose pass cases
    all still pass with any such condition gone has only vacuous pass cases (a report the rule
    never looks at). `python -m tests.mutation_survivors RULE-ID` lists a rule's survivors.
    """
    report = mutation_report(rule_id)
    assert all(report["real"]), f"{rule_id}: its own cases fail (see tests/test_rule_cases.py)"
    killed = report["killed"]
    assert any(m.rule is None for m in killed), f"{rule_id}: no fail case notices the rule switched off"
    widening = [m for m in report["mutants"] if m.widens]
    if widening:
        assert any(m in killed for m in widening), (
            f"{rule_id}: its pass cases still pass with any one condition dropped: "
            + "; ".join(m.label for m in widening) + f" (all surviving mutants: {report['survived']})")
    listed = EQUIVALENT_MUTANTS.get(rule_id, {})
    unlisted = [label for label in report["survived"] if label not in listed]
    assert not unlisted, (f"{rule_id}: no case notices these mutants (add a case, or list a truly equivalent one "
                          f"in EQUIVALENT_MUTANTS with the reason): {unlisted}")
    stale = [label for label in listed if label not in report["survived"]]
    assert not stale, f"{rule_id}: EQUIVALENT_MUTANTS lists mutants that are killed or do not exist: {stale}"
