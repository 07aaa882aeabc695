"""A run's summary: reports checked, with findings at or above the fail level, unreadable; by
plan, department and category (from the store, so a resumed run is summarised as a whole)."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from engine.batch.store import Store
from engine.output.counts import plural
from engine.rules.model import SEVERITY_RANK, Severity


def summarise(store: Store, run_id: int, fail_level: str = "error") -> dict[str, Any]:
    floor = SEVERITY_RANK[Severity(fail_level)]
    reports = store.reports(run_id)
    findings = store.findings(run_id)
    failing_reports = {f["report_id"] for f in findings if SEVERITY_RANK[Severity(f["severity"])] >= floor}
    by_plan: dict[str, Counter] = defaultdict(Counter)
    by_dept: dict[str, Counter] = defaultdict(Counter)
    for r in reports:
        if r["status"] != "checked":
            continue
        for table, key in ((by_plan, r["plan"]), (by_dept, f"{r['plan']} {r['dept_name']}")):
            table[key]["reports"] += 1
            table[key]["failing"] += r["id"] in failing_reports
    for f in findings:
        by_plan[f["plan"]]["findings"] += 1
        by_dept[f"{f['plan']} {f['dept_name']}"]["findings"] += 1
    errors = [r for r in reports if r["status"] != "checked"]
    return {
        "run": run_id,
        "fail_level": fail_level,
        "reports": len(reports),
        "checked": len(reports) - len(errors),
        "failing": len(failing_reports),
        "unreadable": len(errors),
        "findings": len(findings),
        "run_scope_findings": sum(1 for f in findings if f["scope"] == "run"),
        "by_severity": dict(sorted(Counter(f["severity"] for f in findings).items())),
        "by_category": dict(sorted(Counter(f["category"] for f in findings).items())),
        "by_plan": {k: dict(v) for k, v in sorted(by_plan.items())},
        "by_department": {k: dict(v) for k, v in sorted(by_dept.items())},
        "errors": [{"path": r["path"], "kind": r["error_kind"], "message": r["error"]} for r in errors],
    }


def render_text(summary: dict[str, Any]) -> str:
    s = summary
    lines = [
        f"run {s['run']}: {plural(s['reports'], 'report')} — {s['checked']} checked, {s['failing']} with findings "
        f"at or above {s['fail_level']}, {s['unreadable']} unreadable; {plural(s['findings'], 'finding')} "
        f"({s['run_scope_findings']} from reconciliation)",
    ]
    if s["by_severity"]:
        lines.append("by severity: " + ", ".join(f"{k} {v}" for k, v in s["by_severity"].items()))
    if s["by_category"]:
        lines.append("by category: " + ", ".join(f"{k} {v}" for k, v in s["by_category"].items()))
    for title, table in (("by plan", s["by_plan"]), ("by department", s["by_department"])):
        if table:
            lines.append(f"{title}:")
            for key, c in table.items():
                lines.append(f"  {key}: {plural(c.get('reports', 0), 'report')}, {c.get('failing', 0)} failing, "
                             f"{plural(c.get('findings', 0), 'finding')}")
    if s["errors"]:
        lines.append("unreadable or failed:")
        lines.extend(f"  [{e['kind']}] {e['message']}" for e in s["errors"])
    return "\n".join(lines) + "\n"
