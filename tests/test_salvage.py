"""Reading a report past its invalid values (engine.io.salvage, engine.model.lenient,
engine.problem_facts): what is kept, what becomes a problem, what stays an input error."""
from __future__ import annotations

import copy
import json
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import engine.io.read as read
from engine.checker import Checker
from engine.io.json_report import parse_json
from engine.io.problems import INCONSISTENCY, INVALID_VALUE
from engine.io.read import LoadedReport, validate_report
from engine.io.salvage import HEADER, LenientReport
from engine.io.source import InputError
from engine.io.xml_layout import fields_of, models_in
from engine.labels import CHOICES
from engine.model import report as m
from engine.model.lenient import lenient

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "heilongjiang-2023" / "market-regulation-2024-referral-broken.json"
BASE = json.loads(SAMPLE.read_text(encoding="utf-8"))


def _validated(data: dict[str, Any]):
    text = json.dumps(data, ensure_ascii=False, indent=1)
    raw, source = parse_json(text, "r.json")
    return validate_report(raw, source, "r.json"), source, text


def _problems(data: dict[str, Any]) -> dict[str, tuple[str, str]]:
    validated, _, _ = _validated(data)
    return {p.pointer: (p.category, p.said.en) for p in validated.problems}


def _changed(**edits: Any) -> dict[str, Any]:
    """BASE with `edits` applied: pointer (as a__b__0__c) -> value, or ... to remove it."""
    data = copy.deepcopy(BASE)
    for path, value in edits.items():
        *parents, last = [int(t) if t.isdigit() else t for t in path.split("__")]
        node = data
        for token in parents:
            node = node[token]
        if value is ...:
            del node[last]
        else:
            node[last] = value
    return data


def _validators(info: Any) -> list[Any]:
    """Every value check (AfterValidator function) in a field's annotation and metadata."""
    found: list[Any] = []

    def visit(item: Any) -> None:
        func = getattr(item, "func", None)
        if func is not None:
            found.append(func)
        for inner in [*getattr(item, "__metadata__", ()), *(getattr(item, "__args__", None) or ())]:
            visit(inner)

    visit(info.annotation)
    for meta in info.metadata:
        visit(meta)
    return sorted(found, key=lambda f: f.__name__)


# ---- the lenient twins -------------------------------------------------------------------------


@pytest.mark.parametrize("model", models_in(m.Report), ids=lambda model: model.__name__)
def test_every_model_has_a_twin_with_its_fields_and_constraints_all_optional(model: type[BaseModel]):
    twin = lenient(model)
    assert list(twin.model_fields) == list(model.model_fields)
    for name, info in model.model_fields.items():
        mine = twin.model_fields[name]
        assert not mine.is_required(), name
        assert _validators(mine) == _validators(info), name  # the same checks of the value
        if not info.is_required():
            assert mine.default == info.default or isinstance(info.default, BaseModel), name
        strict, loose = fields_of(model)[name], fields_of(twin)[name]
        assert (strict.kind, strict.scalar) == (loose.kind, loose.scalar), name
    assert not twin.__pydantic_decorators__.model_validators  # no checks across fields


def test_the_lenient_report_keeps_its_header_strict():
    for name in HEADER:
        assert LenientReport.model_fields[name].annotation == m.Report.model_fields[name].annotation
    assert LenientReport.model_fields["plan"].is_required()


def test_a_valid_report_never_takes_the_salvage_path(monkeypatch: pytest.MonkeyPatch):
    def refuse(*args: Any) -> None:
        raise AssertionError("salvage called for a valid report")

    monkeypatch.setattr("engine.io.salvage.salvage", refuse)  # engine.io.read imports it when needed
    validated, _, _ = _validated(BASE)
    assert isinstance(validated.report, m.Report) and validated.problems == ()


# ---- what becomes a problem --------------------------------------------------------------------


def test_record_keeps_its_other_fields():
    validated, _, _ = _validated(_changed(cases__0__filed_date="2023-02-29", cases__0__disposition="已移送"))
    case = validated.report.cases[0]
    assert case.filed_date is None and case.disposition is None
    assert case.id == BASE["cases"][0]["id"] and case.conduct.end is not None and case.amounts.illegal_gains


def test_each_kind_of_problem_is_one_problem_at_its_value():
    problems = _problems(_changed(
        submitted="2025-13-01",  # impossible date
        contact__phone="电话",  # pattern
        cases__0__ip_type="商标",  # enum
        cases__0__amounts__illegal_gains=-1,  # range
        cases__1__party__name=" ",  # blank text
        cases__1__filed_date=...,  # missing required
        referrals__0__team_members=["刘振华", " ", None],  # items of a list of values
        referrals__0__police_station="道里分局",  # unknown field
        extra_top="x",  # unknown field of the report itself
        cases__0__penalty=None,  # null for an optional record: fine
    ))
    assert problems == {
        "/submitted": (INVALID_VALUE, "submitted '2025-13-01' is not a valid date: there is no month 13"),
        "/contact/phone": (INVALID_VALUE, "phone '电话' is not in the expected form"),
        "/cases/0/ip_type": (INVALID_VALUE, "IP type '商标' is not one of the allowed values"),
        "/cases/0/amounts/illegal_gains": (INVALID_VALUE, "illegal_gains -1 is out of range: it must be at least 0"),
        "/cases/1/party/name": (INVALID_VALUE, "name: must not be blank"),
        "/cases/1/filed_date": (INVALID_VALUE, "required field 'filed_date' is missing"),
        "/referrals/0/team_members/1": (INVALID_VALUE, "team_members: must not be blank"),
        "/referrals/0/team_members/2": (INVALID_VALUE, "team_members should be text, not 'null'"),
        "/referrals/0/police_station": (INVALID_VALUE, problems["/referrals/0/police_station"][1]),
        "/extra_top": (INVALID_VALUE, problems["/extra_top"][1]),
    }
    assert problems["/extra_top"][1].startswith("unknown field 'extra_top'")


def test_too_many_items_keeps_the_first_and_says_so():
    validated, _, _ = _validated(_changed(referrals__0__team_members=[f"队员{i}" for i in range(55)]))
    assert len(validated.report.referrals[0].team_members) == 50
    (problem,) = validated.problems
    assert problem.pointer == "/referrals/0/team_members" and "55 items, at most 50" in problem.said.en


def test_checks_across_fields_run_on_what_is_left_of_a_record():
    """A case closed before it was filed is found even when another of its values is invalid."""
    problems = _problems(_changed(cases__0__closed_date="2024-01-01", cases__0__ip_type="商标"))
    assert problems["/cases/0/closed_date"][0] == INCONSISTENCY
    assert "closed (2024-01-01) before it was filed" in problems["/cases/0/closed_date"][1]


def test_a_check_across_fields_needs_both_values():
    problems = _problems(_changed(cases__0__closed_date="2024-01-01", cases__0__filed_date="昨天"))
    assert set(problems) == {"/cases/0/filed_date"}


def test_repeated_ids_keep_both_records_under_distinct_keys(checker: Checker):
    data = _changed(cases__1__id=BASE["cases"][0]["id"])
    validated, source, text = _validated(data)
    assert [p.pointer for p in validated.problems] == ["/cases/1/id"]
    facts = checker.facts(LoadedReport("r.json", "json", validated.report, source, text.encode(), validated.problems))
    keys = [f["key"] for f in facts if f["t"] == "case"]
    first = f"case/{BASE['cases'][0]['id']}"
    assert keys[:2] == [first, f"{first}/2"] and len(set(keys)) == len(keys)


# ---- what stays an input error -----------------------------------------------------------------


@pytest.mark.parametrize("edits, where, text", [
    ({"plan": "HLJ"}, "/plan", "a plan id has lower-case letters, digits and hyphens"),
    ({"period__end": "2023-12-31"}, "/period", "before it starts"),
    ({"period__start": "2024/01/01"}, "/period/start", "valid date"),
    ({"department__name": " "}, "/department/name", "must not be blank"),
    ({"department__nickname": "龙江"}, "/department/nickname", "unknown field 'nickname'"),
    ({"department__kind": "市场监管"}, "/department/kind", "'市场监管' is written market_regulation"),
    ({"period": ...}, "/period", "required field 'period' is missing"),
])
def test_a_header_problem_is_an_input_error(edits: dict[str, Any], where: str, text: str):
    with pytest.raises(InputError) as caught:
        _validated(_changed(**edits))
    assert caught.value.location.pointer == where and text in caught.value.message


def test_the_departments_code_and_region_are_ordinary_values():
    validated, _, _ = _validated(_changed(department__code="9123", department__region=" "))
    assert validated.report.department.name == BASE["department"]["name"]
    assert validated.report.department.code is None and validated.report.department.region is None
    assert {p.pointer for p in validated.problems} == {"/department/code", "/department/region"}


@pytest.mark.parametrize("edits, where, text", [
    ({"cases__0__conduct": "假冒注册商标"}, "/cases/0/conduct", "conduct must be an object, not a string"),
    ({"cases": {"0": BASE["cases"][0]}}, "/cases", "cases must be a list, not an object"),
    ({"cases__0__filed_date": {"date": "2024-03-01"}}, "/cases/0/filed_date", "must be a single value, not an object"),
    ({"cases__1": "HSJ-2024-0058"}, "/cases/1", "an item of cases must be an object, not a string"),
    ({"referrals__0__team_members": [["刘振华"]]}, "/referrals/0/team_members/0", "must be a single value, not a list"),
])
def test_a_broken_frame_is_an_input_error(edits: dict[str, Any], where: str, text: str):
    """Objects where the format has records, lists where it has lists: the XML form cannot even
    express anything else, and a list item that is no record would shift every later record."""
    with pytest.raises(InputError) as caught:
        _validated(_changed(**edits))
    assert caught.value.location.pointer == where and text in caught.value.message


def test_null_where_a_record_is_required_is_a_problem():
    problems = _problems(_changed(cases__0__conduct=None, cases__0__amounts=None))
    assert problems == {"/cases/0/conduct": (INVALID_VALUE, "conduct should be an object, not null"),
                        "/cases/0/amounts": (INVALID_VALUE, "amounts should be an object, not null")}


# ---- facts and findings ------------------------------------------------------------------------


def test_problem_facts_name_their_record_field_and_clause(checker: Checker):
    data = _changed(tasks__0__status="基本完成", cases__0__filed_date="2023-02-29", contact__email="王立新")
    validated, source, text = _validated(data)
    facts = checker.facts(LoadedReport("r.json", "json", validated.report, source, text.encode(), validated.problems))
    problems = {f["key"]: f for f in facts if f["t"] == "value_problem"}
    clause = BASE["tasks"][0]["clause"]
    case = f"case/{BASE['cases'][0]['id']}"
    assert set(problems) == {f"task/{clause}/status", f"{case}/filed_date", "report/contact/email"}
    status = problems[f"task/{clause}/status"]
    assert (status["record"], status["clause"], status["field"], status["ptr"]) == \
        (f"task/{clause}", clause, "status", "/tasks/0/status")
    assert problems[f"{case}/filed_date"]["record"] == case and "clause" not in problems[f"{case}/filed_date"]
    assert problems["report/contact/email"]["message_zh"].endswith("。")
    assert problems["report/contact/email"]["fix_en"].endswith(".")


def test_labels_name_every_value_of_every_coded_field():
    """The fix of an invalid code lists the allowed values with their Chinese labels."""
    enums = {f.scalar.type for model in models_in(m.Report) for f in fields_of(model).values()
             if f.scalar is not None and isinstance(f.scalar.type, type) and issubclass(f.scalar.type, Enum)}
    enums |= {m.AmountKind}
    for enum in enums:
        assert enum.__name__ in CHOICES, enum.__name__
        assert set(CHOICES[enum.__name__][2]) == {member.value for member in enum}, enum.__name__
