"""Compare two runs by finding fingerprint: per department, findings new in the later run,
resolved since the earlier one, and persisting; export findings or a diff as JSON Lines or CSV."""
from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from typing import Any, Iterable

from engine.batch.store import Store

CHANGES = ("new", "resolved", "persisting")
RECORD_FIELDS = (
    "change", "plan", "department", "rule_id", "severity", "category", "subject", "path",
    "other_path", "pointer", "line", "clause", "message_zh", "message_en", "fingerprint",
)


def _record(row: Any, change: str = "") -> dict[str, Any]:
    return {
        "change": change, "plan": row["plan"], "department": row["dept_name"],
        "rule_id": row["rule_id"], "severity": row["severity"], "category": row["category"],
        "subject": row["subject"], "path": row["path"], "other_path": row["other_path"],
        "pointer": row["pointer"], "line": row["line"], "clause": row["clause_id"],
        "message_zh": row["message_zh"], "message_en": row["message_en"],
        "fingerprint": row["fingerprint"],
    }


def finding_records(store: Store, run_id: int) -> list[dict[str, Any]]:
    return [_record(row) for row in store.findings(run_id)]


def diff_runs(store: Store, run_a: int, run_b: int) -> list[dict[str, Any]]:
    """Records of run B's new and persisting findings and run A's resolved ones."""
    before = {row["fingerprint"]: row for row in store.findings(run_a)}
    after = {row["fingerprint"]: row for row in store.findings(run_b)}
    out = [_record(row, "new" if fp not in before else "persisting") for fp, row in after.items()]
    out += [_record(row, "resolved") for fp, row in before.items() if fp not in after]
    out.sort(key=lambda r: (r["plan"] or "", r["department"] or "", CHANGES.index(r["change"]),
                            r["rule_id"], r["subject"]))
    return out


def diff_counts(records: Iterable[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """(plan department) -> counts of new / resolved / persisting."""
    table: dict[str, Counter] = defaultdict(Counter)
    for r in records:
        table[f"{r['plan']} {r['department']}"][r["change"]] += 1
    return {k: {c: v.get(c, 0) for c in CHANGES} for k, v in sorted(table.items())}


def to_jsonl(records: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def to_csv(records: Iterable[dict[str, Any]], fields: tuple[str, ...] = RECORD_FIELDS) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fields), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for r in records:
        writer.writerow(r)
    return buffer.getvalue()
