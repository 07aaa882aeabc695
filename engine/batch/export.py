"""Write a run's findings or a diff as JSON Lines or CSV (bytes, UTF-8).

CSV is for people who open it in Excel, so its columns are the ones a reader needs, none always
empty: `change` only in a diff; one `location` column (the JSON pointer of a JSON report, the
XPath of an XML one) instead of two half-empty ones. `excel=True` writes what Excel on a Chinese
Windows opens correctly by double-click: a UTF-8 byte-order mark (without it Excel reads the
bytes as GBK and shows mojibake), CRLF line ends, and cells that Excel would run as a formula
(starting with = + - @) guarded with a leading apostrophe.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable

DIFF_CSV_FIELDS = (
    "change", "plan", "department", "rule_id", "severity", "category", "subject", "path",
    "other_path", "location", "line", "clause", "message_zh", "message_en", "fingerprint",
)
SHOW_CSV_FIELDS = tuple(f for f in DIFF_CSV_FIELDS if f != "change")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_jsonl(records: Iterable[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def _csv_row(record: dict[str, Any], excel: bool) -> dict[str, Any]:
    row = dict(record, location=record.get("pointer") or record.get("xpath"))
    if excel:
        for key, value in row.items():
            if isinstance(value, str) and value.startswith(_FORMULA_START):
                row[key] = "'" + value
    return row


def to_csv(records: Iterable[dict[str, Any]], fields: tuple[str, ...], excel: bool = False) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fields), extrasaction="ignore",
                            lineterminator="\r\n" if excel else "\n")
    writer.writeheader()
    for record in records:
        writer.writerow(_csv_row(record, excel))
    return buffer.getvalue().encode("utf-8-sig" if excel else "utf-8")
