"""Every field of the report format carries the help an editor shows while a department fills a
report in (VS Code, WPS or any JSON-Schema-aware editor: completion and hover): a description in
Chinese with one English line, and an example that the field itself accepts. The XSD carries the
same description as xs:documentation. Both are generated from the models (engine.model.base.about)."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import pytest
from lxml import etree

from engine.schemas import generate

REPO = Path(__file__).resolve().parent.parent
_CJK = re.compile(r"[\u4e00-\u9fff]")
_XS = "{http://www.w3.org/2001/XMLSchema}"


def _properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for owner, definition in [("Report", schema), *schema["$defs"].items()]:
        for name, prop in definition.get("properties", {}).items():
            yield f"{owner}.{name}", prop


SCHEMA = generate("report.schema.json")
PROPERTIES = list(_properties(SCHEMA))


def test_the_committed_schema_is_the_generated_one():
    committed = json.loads((REPO / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    assert committed == SCHEMA, "schemas/report.schema.json is stale: run python -m engine.schemas"


def test_there_are_many_fields():
    assert len(PROPERTIES) > 140


@pytest.mark.parametrize("where, prop", PROPERTIES, ids=[w for w, _ in PROPERTIES])
def test_every_field_has_a_chinese_description_with_an_english_line(where: str, prop: dict[str, Any]):
    description = prop.get("description", "")
    assert description, f"{where} has no description: give it one with engine.model.base.about"
    lines = description.splitlines()
    assert len(lines) >= 2, f"{where}: description needs a Chinese line and an English line: {description!r}"
    assert _CJK.search(lines[0]), f"{where}: the first line is not Chinese: {lines[0]!r}"
    english = lines[-1]
    # English, though it may quote the Chinese words a clerk types (待填写, 不适用)
    assert re.search(r"[A-Za-z]{3,}", english) and len(_CJK.findall(english)) <= 4, \
        f"{where}: the last line should be English: {english!r}"


@pytest.mark.parametrize("where, prop", PROPERTIES, ids=[w for w, _ in PROPERTIES])
def test_every_field_has_an_example_it_accepts(where: str, prop: dict[str, Any]):
    examples = prop.get("examples")
    assert examples, f"{where} has no example"
    validator = jsonschema.Draft202012Validator({**prop, "$defs": SCHEMA["$defs"]})
    for example in examples:
        errors = [e.message for e in validator.iter_errors(example)]
        assert not errors, f"{where}: example {example!r} is not valid: {errors}"


def test_enums_say_what_each_value_means():
    status = SCHEMA["$defs"]["TaskStatus"]["description"]
    assert "not_applicable 不适用" in status and "unreported 待填报" in status and "one of not_started" in status


def test_an_example_report_built_from_the_examples_is_valid():
    """The examples of the top-level fields put together make a report the schema accepts: the
    skeleton an editor offers is one a department can start from."""
    report = {name: prop["examples"][0] for name, prop in SCHEMA["properties"].items() if name != "$schema"}
    assert not [e.message for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(report)]


def test_every_xsd_element_of_a_field_is_documented():
    xsd = etree.parse(str(REPO / "schemas" / "report.xsd")).getroot()
    undocumented = []
    for complex_type in xsd.iterfind(f"{_XS}complexType"):
        for element in complex_type.find(f"{_XS}sequence").iterfind(f"{_XS}element"):
            doc = element.find(f"{_XS}annotation/{_XS}documentation")
            if doc is None or not _CJK.search(doc.text or "") or len((doc.text or "").splitlines()) < 2:
                undocumented.append(f"{complex_type.get('name')}.{element.get('name')}")
    assert not undocumented


def test_the_documented_xsd_still_validates_a_sample():
    xsd = etree.XMLSchema(etree.parse(str(REPO / "schemas" / "report.xsd")))
    sample = etree.parse(str(REPO / "samples" / "heilongjiang-2023" / "market-regulation-2024-compliant.xml"))
    assert xsd.validate(sample), xsd.error_log


def test_every_xsd_code_list_says_what_its_values_mean():
    xsd = etree.parse(str(REPO / "schemas" / "report.xsd")).getroot()
    for simple_type in xsd.iterfind(f"{_XS}simpleType"):
        doc = simple_type.findtext(f"{_XS}annotation/{_XS}documentation") or ""
        values = [e.get("value") for e in simple_type.iter(f"{_XS}enumeration")]
        assert values and all(f"{v} " in doc for v in values), simple_type.get("name")
