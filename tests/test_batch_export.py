"""CSV and JSON Lines export of runs (engine/batch/export.py) and the summary's department list."""
from __future__ import annotations

import csv
import io
import json

from engine.batch.export import DIFF_CSV_FIELDS, SHOW_CSV_FIELDS, to_csv, to_jsonl
from engine.batch.summary import limit_departments, render_text

RECORD = {
    "change": "new", "plan": "heilongjiang-2023", "department": "哈尔滨市市场监督管理局", "rule_id": "PENALTY-PUBLICATION-LATE",
    "severity": "error", "category": "deadline", "subject": "case/哈市监处罚〔2024〕37号", "path": "/srv/reports/harbin.xml",
    "other_path": None, "pointer": None, "xpath": "/report/cases/case[3]/publication", "line": 88, "clause": "10",
    "message_zh": "=HYPERLINK(\"http://x\")", "message_en": "-1 days late", "fingerprint": "1c958e50df19168d",
}


def test_plain_csv_is_utf8_without_bom_and_merges_pointer_and_xpath():
    data = to_csv([RECORD], SHOW_CSV_FIELDS)
    assert data.startswith(b"plan,department,") and b"\r\n" not in data
    row = next(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert row["location"] == "/report/cases/case[3]/publication"
    assert row["message_zh"] == RECORD["message_zh"]  # untouched outside --excel
    assert "change" not in row and "pointer" not in row and "xpath" not in row


def test_excel_csv_has_bom_crlf_and_guards_formulas():
    data = to_csv([RECORD], DIFF_CSV_FIELDS, excel=True)
    assert data[:3] == b"\xef\xbb\xbf" and data.endswith(b"\r\n")
    row = next(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert row["change"] == "new" and row["department"] == "哈尔滨市市场监督管理局"
    assert row["message_zh"] == "'" + RECORD["message_zh"] and row["message_en"] == "'-1 days late"
    assert row["subject"] == RECORD["subject"] and row["line"] == "88"


def test_jsonl_keeps_every_field():
    assert json.loads(to_jsonl([RECORD]).decode("utf-8")) == RECORD


def _summary(departments: dict) -> dict:
    return {"run": 3, "reports": 9, "checked": 9, "failing": 2, "fail_level": "error", "unreadable": 0,
            "findings": 12, "run_scope_findings": 0, "by_severity": {}, "by_category": {}, "by_plan": {},
            "by_department": departments, "errors": []}


def test_top_keeps_the_first_departments_and_counts_the_rest():
    departments = {
        "heilongjiang-2023 哈尔滨市市场监督管理局": {"reports": 2, "failing": 2, "findings": 9},
        "heilongjiang-2023 大庆市市场监督管理局": {"reports": 1, "failing": 1, "findings": 2},
        "heilongjiang-2023 黑龙江省高级人民法院": {"reports": 1, "failing": 0, "findings": 1},
    }
    limited = limit_departments(_summary(departments), 1)
    assert list(limited["by_department"]) == ["heilongjiang-2023 哈尔滨市市场监督管理局"]
    assert limited["departments_omitted"] == {"departments": 2, "failing": 1, "findings": 3}
    assert "  … 2 more departments not shown (1 failing, 3 findings)" in render_text(limited)
    assert limit_departments(_summary(departments), 3) == _summary(departments)
    assert limit_departments(_summary(departments), None) == _summary(departments)
