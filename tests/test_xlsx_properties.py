"""Any valid report (every field drawn from its type and constraints, tests/test_properties.py's
strategy) written as a workbook reads back as the same report: the layout holds every field the
models have, whatever its value.

A moment without a time zone comes back as Beijing time (a cell has no zone; plancheck reads a
moment without one as Beijing time everywhere), so moments are compared as instants in UTC+8; and
the values of a list held in one cell (aliases, team members) come back without the spaces around
them, which a cell of several values cannot keep apart from the separators.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings

from engine.fact_builder import CST
from engine.io.read import validate_report
from engine.io.xlsx_read import parse_xlsx
from engine.io.xlsx_write import write_xlsx
from engine.model.report import Report
from hypothesis_profiles import examples
from test_properties import reports


def _comparable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(CST) if value.tzinfo else value.replace(tzinfo=CST)
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [v.strip() if isinstance(v, str) else _comparable(v) for v in value]
    return value


def _differences(a: Any, b: Any, path: str = "") -> list[tuple[str, Any, Any]]:
    """(pointer, written, read) of every value that did not come back the same."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in dict.fromkeys([*a, *b]) for d in _differences(a.get(k), b.get(k), f"{path}/{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in _differences(x, y, f"{path}/{i}")]
    return [] if a == b else [(path, a, b)]


@settings(max_examples=examples(0.2))
@given(report=reports())
def test_any_valid_report_reads_back_from_its_workbook(report: Report):
    data, source = parse_xlsx(write_xlsx(report), "r.xlsx")
    validated = validate_report(data, source, "r.xlsx")
    assert not validated.problems
    differences = _differences(_comparable(report.model_dump()), _comparable(validated.report.model_dump()))
    assert not differences, differences[:5]
