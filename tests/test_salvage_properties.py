"""Property: one bad value costs one record's field, never the report (issue 11 §4).

Corrupting any one value of a valid report outside its header (a status outside the list, an
impossible date, a negative amount, a blank or overlong text, a value of the wrong type…) never
makes it unusable input (exit 2), and every finding about a record that the corruption did not
touch is still found. The reports come from the models (tests/test_properties.py).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from engine.checker import Checker
from engine.io.json_report import parse_json
from engine.io.read import LoadedReport, validate_report
from engine.io.salvage import HEADER, HEADER_VALUES
from engine.io.source import InputError
from engine.io.xml_report import NAMESPACE, parse_xml
from engine.io.xml_write import write_xml
from lxml import etree
from hypothesis_profiles import examples
from json_leaves import json_leaves
from test_properties import reports

REPO = Path(__file__).resolve().parent.parent
CORRUPTIONS = ["基本完成", "2024-02-30", "2024/03/01", "2024-03-12T25:00:00+08:00", -1, 1e20, 12.5, "", " ",
               "x" * 4001, True, None, "javascript:alert(1)", "#1", "not_started"]
# The records findings are about, by their subject keys' first part; a finding of any other
# subject (the report, a plan clause) is about the report as a whole.
RECORDS = ("task/", "metric/", "case/", "referral/", "received_referral/", "credit/", "publication/")


def _leaves(document: Any) -> Iterator[str]:
    """Pointers of every single value (and item of a list of values) in JSON data."""
    return (pointer for pointer, _ in json_leaves(document))


def _in_header(pointer: str) -> bool:
    top, _, rest = pointer[1:].partition("/")
    return top in HEADER and rest.split("/")[0] not in HEADER_VALUES.get(top, ())


def _namespaced(xpath: str) -> str:
    """/report/cases/case[1]/id -> /r:report/r:cases/r:case[1]/r:id"""
    return "".join(f"/r:{step}" for step in xpath.strip("/").split("/"))


def _index(top: str) -> Any:
    token = top.split("/")[-1]
    return int(token) if token.isdigit() else token


def _set(data: Any, pointer: str, value: Any) -> None:
    *parents, last = pointer[1:].split("/")
    for token in parents:
        data = data[int(token)] if isinstance(data, list) else data[token]
    data[int(last) if isinstance(data, list) else last] = value


def _loaded(data: dict) -> LoadedReport:
    text = json.dumps(data, ensure_ascii=False, indent=1)
    raw, source = parse_json(text, "r.json")
    validated = validate_report(raw, source, "r.json")  # an InputError here is exit 2: the failure
    return LoadedReport("r.json", "json", validated.report, source, text.encode(), validated.problems)


def _touched(pointer: str, facts: list[dict[str, Any]]) -> set[str]:
    """Subject keys of the records the corrupted value belongs to, and of those that name one of
    them (a referral names its case): their findings may change, no other record's may. A value
    of the report itself is read by rules about its records (the department's code says which
    province is its own, which decides the deadline of a penalty's publication): it touches all."""
    top = "/".join(pointer.split("/")[:3])  # /cases/2
    if not isinstance(_index(top), int):
        return {f["key"] for f in facts if "key" in f}
    mine = [f for f in facts if f.get("ptr") == top or str(f.get("ptr")).startswith(top + "/")]
    case_ids = {f.get("case_id") for f in mine if f["t"] == "case"}
    linked = [f for f in facts if f["t"] == "referral" and f.get("case_id") in case_ids]
    return {f["key"] for f in [*mine, *linked] if f["t"] != "report"}


def _check_one_corruption(checker: Checker, document: dict, data: st.DataObject) -> None:
    try:
        prepared = checker.prepare(_loaded(document))
    except InputError:
        assume(False)  # a generated department the plan cannot place: not this property's subject
    leaves = [p for p in _leaves(document) if not _in_header(p)]
    assume(leaves)
    pointer = data.draw(st.sampled_from(leaves), label="corrupted value")
    value = data.draw(st.sampled_from(CORRUPTIONS), label="written instead")
    _set(document, pointer, value)
    corrupted = checker.check_loaded(_loaded(document))
    original = checker.check_prepared(prepared)
    touched = _touched(pointer, prepared.facts)
    kept = {(f.rule_id, f.subject) for f in corrupted.findings}
    event("a problem with the value is found" if corrupted.loaded.problems else "the value is still valid")
    for finding in original.findings:
        if not finding.subject.startswith(RECORDS):
            continue
        if any(finding.subject == key or finding.subject.startswith(key + "/") for key in touched):
            continue
        event("a finding of an untouched record is kept")
        assert (finding.rule_id, finding.subject) in kept, (pointer, value, finding.rule_id, finding.subject)


@settings(max_examples=examples(0.3))
@given(report=reports(), data=st.data())
def test_one_corrupted_value_of_a_generated_report(checker: Checker, report: Any, data: st.DataObject):
    _check_one_corruption(checker, report.model_dump(mode="json", exclude_none=True), data)


# Samples whose records have findings of many rules, so that keeping them is tested often.
SAMPLES = sorted((REPO / "samples").glob("*/*-broken.json")) + sorted((REPO / "samples").glob("*/*-gaps.json"))


@settings(max_examples=examples(0.3))
@given(path=st.sampled_from(SAMPLES), data=st.data())
def test_one_corrupted_value_of_a_sample_with_findings(checker: Checker, path: Path, data: st.DataObject):
    _check_one_corruption(checker, json.loads(path.read_text(encoding="utf-8")), data)


# Text a report may carry in either form. Left out: texts that differ only in surrounding spaces
# (the XML reader trims typed values) and "yes"/"no"/"on"/"off" (a JSON string that pydantic's
# lax mode takes for a boolean, where the XML reader accepts only true/false/1/0: a difference of
# the strict models' JSON reading, not of reading past invalid values).
XML_TEXTS = ["基本完成", "2024-02-30", "2024/03/01", "-1", "x" * 301, "javascript:alert(1)", "15万元", "是"]


@settings(max_examples=examples(0.2))
@given(report=reports(), data=st.data())
def test_one_bad_value_gives_the_same_findings_in_json_and_xml(checker: Checker, report: Any, data: st.DataObject):
    """The same mistake written into the JSON and the XML form of a report is the same finding."""
    document = report.model_dump(mode="json", exclude_none=True)
    leaves = [p for p in _leaves(document) if not _in_header(p)]
    assume(leaves)
    pointer = data.draw(st.sampled_from(leaves), label="corrupted value")
    value = data.draw(st.sampled_from(XML_TEXTS), label="written instead")
    xml = write_xml(report)
    raw, source = parse_xml(xml, "r.xml")
    _set(document, pointer, value)
    try:
        as_json = checker.check_loaded(_loaded(document))
    except InputError:
        assume(False)  # a generated department the plan cannot place
    tree = etree.fromstring(xml)
    (target,) = tree.xpath(_namespaced(source.locate(pointer).xpath), namespaces={"r": NAMESPACE})
    target.text = value
    text = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    raw, source = parse_xml(text, "r.xml")
    validated = validate_report(raw, source, "r.xml")
    as_xml = checker.check_loaded(LoadedReport("r.xml", "xml", validated.report, source, text, validated.problems))
    rows = [sorted((f.rule_id, f.subject, f.message_zh, f.message_en) for f in r.findings) for r in (as_json, as_xml)]
    assert rows[0] == rows[1]
