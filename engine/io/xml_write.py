"""Write a report in its XML form, the element layout coming from the pydantic models (the same
layout engine.io.xml_report reads): fields in model order, absent values and empty lists left out."""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Optional

from lxml import etree
from pydantic import BaseModel

from .xml_layout import NAMESPACE, ROOT, fields_of
from ..model.report import Report

def _format_number(value: Any) -> str:
    """Numbers as xs:decimal/xs:integer lexical forms: never an exponent, shortest round-trip."""
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return format(Decimal(repr(value)), "f")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _format_number(value)
    return str(value)  # model_dump(mode="json") already made dates, datetimes and enums strings


def _set_text(el: Any, value: Any, pointer: str) -> None:
    try:
        el.text = _text(value)
    except ValueError as exc:
        # e.g. a control character: valid in a JSON string, impossible in XML 1.0
        raise ValueError(f"{pointer or '/'}: cannot be written as XML: {exc}") from None


def _write_model(parent: Any, data: dict, model: type[BaseModel], pointer: str) -> None:
    for name, f in fields_of(model).items():
        if data.get(name) is None or (f.is_list and not data[name]):
            continue  # absent optional values and empty lists are left out: both mean the default
        value, here = data[name], f"{pointer}/{name}"
        el = etree.SubElement(parent, f"{{{NAMESPACE}}}{name}")
        if f.kind == "model":
            _write_model(el, value, f.model, here)
        elif f.kind == "scalar":
            _set_text(el, value, here)
        else:
            for i, item in enumerate(value):
                item_el = etree.SubElement(el, f"{{{NAMESPACE}}}{f.item}")
                if f.model is not None:
                    _write_model(item_el, item, f.model, f"{here}/{i}")
                else:
                    _set_text(item_el, item, f"{here}/{i}")


_XSI = "http://www.w3.org/2001/XMLSchema-instance"


def write_xml(report: Report, schema_location: Optional[str] = None) -> bytes:
    """The report as UTF-8 XML with a declaration, pretty-printed, fields in model order;
    `schema_location`, where given, is written as xsi:schemaLocation (what XML editors read the
    XSD from for completion and validation while a department fills the file in)."""
    data = report.model_dump(mode="json", exclude_none=True)
    if schema_location is None:
        root = etree.Element(f"{{{NAMESPACE}}}{ROOT}", nsmap={None: NAMESPACE})
    else:
        root = etree.Element(f"{{{NAMESPACE}}}{ROOT}", nsmap={None: NAMESPACE, "xsi": _XSI})
        root.set(f"{{{_XSI}}}schemaLocation", f"{NAMESPACE} {schema_location}")
    _write_model(root, data, Report, "")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
