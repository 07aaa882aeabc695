"""Generate the XSD 1.0 of the report's XML form by walking the pydantic models.

`schemas/report.xsd` is this module's output, committed so that departments can validate their
files with any XML tool; a test fails when it is stale. Regenerate with
`python -m engine.io.xsd > schemas/report.xsd`.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from decimal import Decimal
from enum import Enum
from typing import Any, Optional

from lxml import etree
from pydantic import BaseModel

from .xml_layout import NAMESPACE, ROOT, FieldLayout, Scalar, fields_of, models_in
from ..labels import CHOICES, choices_help
from ..model.report import SCHEMA_VERSION, Report

_XS = "http://www.w3.org/2001/XMLSchema"
_PREFIX = "r"  # prefix of the target namespace inside the schema, for type references

_BUILTIN = {str: "xs:string", int: "xs:integer", float: "xs:decimal", bool: "xs:boolean",
            dt.date: "xs:date", dt.datetime: "xs:dateTime"}

# Python regex features with no XSD equivalent; a pattern using any of them is left out of the
# XSD (the models still enforce it) rather than translated approximately.
_UNTRANSLATABLE = re.compile(r"\(\?|\\[bBAZ]|[*+?}]\?|\\[0-9]")


def _xs(tag: str) -> str:
    return f"{{{_XS}}}{tag}"


def _add(parent: Any, tag: str, **attrs: Any) -> Any:
    el = etree.SubElement(parent, _xs(tag))
    for key, value in attrs.items():
        if value is not None:
            el.set(key, str(value))
    return el


def xsd_pattern(pattern: str) -> Optional[str]:
    """A Python `^...$` regex as an XSD pattern (XSD patterns are implicitly anchored), or None."""
    if not (pattern.startswith("^") and pattern.endswith("$") and not pattern.endswith("\\$")):
        return None
    body = pattern[1:-1]
    if _UNTRANSLATABLE.search(body) or "^" in body.replace("[^", "") or "$" in body:
        return None
    return body


def _number(value: Any, kind: type) -> str:
    if kind is int:
        return str(int(value))
    text = format(Decimal(repr(float(value))), "f")
    return text[:-2] if text.endswith(".0") else text


def _facets(restriction: Any, scalar: Scalar) -> None:
    for value in scalar.choices or ():
        _add(restriction, "enumeration", value=value)
    if scalar.type is str:
        for facet, bound in (("minLength", scalar.min_length), ("maxLength", scalar.max_length)):
            if bound is not None:
                _add(restriction, facet, value=bound)
        pattern = xsd_pattern(scalar.pattern) if scalar.pattern else None
        if pattern is not None:
            _add(restriction, "pattern", value=pattern)
    if scalar.type in (int, float):
        for attr, facet in (("ge", "minInclusive"), ("gt", "minExclusive"),
                            ("le", "maxInclusive"), ("lt", "maxExclusive")):
            bound = getattr(scalar, attr)
            if bound is not None:
                _add(restriction, facet, value=_number(bound, scalar.type))


def _has_facets(scalar: Scalar) -> bool:
    return any(getattr(scalar, a) is not None for a in ("choices", "max_length", "min_length", "pattern",
                                                         "ge", "le", "gt", "lt"))


def _is_enum(scalar: Scalar) -> bool:
    return isinstance(scalar.type, type) and issubclass(scalar.type, Enum)


def _scalar_element(parent: Any, name: str, scalar: Scalar, **occurs: Any) -> None:
    if _is_enum(scalar):
        _add(parent, "element", name=name, type=f"{_PREFIX}:{scalar.type.__name__}", **occurs)
        return
    if not _has_facets(scalar):
        _add(parent, "element", name=name, type=_BUILTIN[scalar.type], **occurs)
        return
    el = _add(parent, "element", name=name, **occurs)
    # Literal options are tokens, like enums: the reader strips surrounding whitespace from them.
    base = "xs:token" if scalar.choices else _BUILTIN[scalar.type]
    _facets(_add(_add(el, "simpleType"), "restriction", base=base), scalar)


def _field_element(sequence: Any, f: FieldLayout) -> None:
    min_occurs = None if f.required else 0
    if f.kind == "model":
        _add(sequence, "element", name=f.name, type=f"{_PREFIX}:{f.model.__name__}", minOccurs=min_occurs)
    elif f.kind == "scalar":
        _scalar_element(sequence, f.name, f.scalar, minOccurs=min_occurs)
    else:
        container = _add(sequence, "element", name=f.name, minOccurs=min_occurs)
        items = _add(_add(container, "complexType"), "sequence")
        max_occurs = f.max_items if f.max_items is not None else "unbounded"
        if f.model is not None:
            _add(items, "element", name=f.item, type=f"{_PREFIX}:{f.model.__name__}",
                 minOccurs=0, maxOccurs=max_occurs)
        else:
            _scalar_element(items, f.item, f.scalar, minOccurs=0, maxOccurs=max_occurs)


def _document(element: Any, description: Optional[str]) -> None:
    """The field's help (engine.model.base.about) as the element's xs:documentation, which XML
    editors show on hover; it goes first, before any inline type."""
    if not description:
        return
    annotation = etree.Element(_xs("annotation"))
    etree.SubElement(annotation, _xs("documentation")).text = description
    element.insert(0, annotation)


def _enums(models: list[type[BaseModel]]) -> list[type[Enum]]:
    found: list[type[Enum]] = []
    for model in models:
        for f in fields_of(model).values():
            if f.scalar is not None and _is_enum(f.scalar) and f.scalar.type not in found:
                found.append(f.scalar.type)
    return found


def generate_xsd(root: type[BaseModel] = Report) -> str:
    """The XSD text (UTF-8 XML declaration included; encode before handing it to a parser)."""
    schema = etree.Element(_xs("schema"), nsmap={"xs": _XS, _PREFIX: NAMESPACE})
    schema.set("targetNamespace", NAMESPACE)
    schema.set("elementFormDefault", "qualified")
    schema.set("version", SCHEMA_VERSION)
    doc = _add(_add(schema, "annotation"), "documentation")
    doc.text = ("Generated from the pydantic models in engine/model/report.py; do not edit. "
                "Regenerate with: python -m engine.io.xsd > schemas/report.xsd")
    _add(schema, "element", name=ROOT, type=f"{_PREFIX}:{root.__name__}")
    models = models_in(root)
    for model in models:
        complex_type = _add(schema, "complexType", name=model.__name__)
        sequence = _add(complex_type, "sequence")
        for f in fields_of(model).values():
            _field_element(sequence, f)
            _document(sequence[-1], model.model_fields[f.name].description)
    for enum in _enums(models):
        simple_type = _add(schema, "simpleType", name=enum.__name__)
        restriction = _add(simple_type, "restriction", base="xs:token")
        if enum.__name__ in CHOICES:
            _document(simple_type, choices_help(enum.__name__, [str(m.value) for m in enum]))
        for member in enum:
            _add(restriction, "enumeration", value=str(member.value))
    body = etree.tostring(schema, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body


if __name__ == "__main__":
    # bytes, not text: the schema has non-ASCII pattern characters whatever the locale says
    sys.stdout.buffer.write(generate_xsd().encode("utf-8"))
