"""A run's summary: reports checked, with findings at or above the fail level, unreadable; by
plan, department (failing departments first) and category (from the store, so a resumed run is
summarised as a whole)."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Optional

from .store import Store
from ..output.counts import plural
from ..rules.model import SEVERITY_RANK, Severity


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
        # of the reports, those whose results were copied from an earlier run (unchanged: same
        # content hash and rules version), not checked again
        "reused": store.reused(run_id),
        "failing": len(failing_reports),
        "unreadable": len(errors),
        "findings": len(findings),
        "run_scope_findings": sum(1 for f in findings if f["scope"] == "run"),
        "by_severity": dict(sorted(Counter(f["severity"] for f in findings).items())),
        "by_category": dict(sorted(Counter(f["category"] for f in findings).items())),
        "by_plan": {k: dict(v) for k, v in sorted(by_plan.items())},
        "by_department": {k: dict(v) for k, v in sorted(by_dept.items(), key=_failing_first)},
        "errors": [{"path": r["path"], "kind": r["error_kind"], "message": r["error"]} for r in errors],
    }


def plural(n: int, word: str) -> str:
    """`1 report`, `2 reports` (the words of these summaries all take a plain -s)."""
    return f"{n} {word}" + ("" if n == 1 else "s")


def _failing_first(item: tuple[str, Counter]) -> tuple:
    """Departments with failing reports first, then by findings, then by name."""
    key, counts = item
    return (-counts["failing"], -counts["findings"], key)


def limit_departments(summary: dict[str, Any], top: Optional[int]) -> dict[str, Any]:
    """The summary with only its first `top` departments (failing ones come first); what was left
    out is counted in `departments_omitted` so a short list never hides that there is more."""
    table = summary["by_department"]
    if top is None or len(table) <= top:
        return summary
    kept, rest = list(table.items())[:top], list(table.values())[top:]
    omitted = {"departments": len(rest), "failing": sum(1 for c in rest if c.get("failing")),
               "findings": sum(c.get("findings", 0) for c in rest)}
    return dict(summary, by_department=dict(kept), departments_omitted=omitted)


def _department_table(summary: dict[str, Any]) -> list[str]:
    table = summary["by_department"]
    if not table:
        return []
    lines = ["by department (failing first):",
             f"  {'failing':>7}  {'reports':>7}  {'findings':>8}  department"]
    for key, c in table.items():
        lines.append(f"  {c.get('failing', 0):>7}  {c.get('reports', 0):>7}  {c.get('findings', 0):>8}  {key}")
    omitted = summary.get("departments_omitted")
    if omitted:
        lines.append(f"  … {plural(omitted['departments'], 'more department')} not shown "
                     f"({omitted['failing']} failing, {plural(omitted['findings'], 'finding')})")
    return lines


def render_text(summary: dict[str, Any]) -> str:
    s = summary
    lines = [
        f"run {s['run']}: {plural(s['reports'], 'report')} — {s['checked']} checked, {s['failing']} with findings "
        f"at or above {s['fail_level']}, {s['unreadable']} unreadable; {plural(s['findings'], 'finding')} "
        f"({s['run_scope_findings']} from reconciliation)",
    ]
    if s.get("reused"):
        lines.append(f"reused: {plural(s['reused'], 'report')} unchanged since an earlier run (same content "
                     f"hash and rules version), results copied, not checked again")
    if s["by_severity"]:
        lines.append("by severity: " + ", ".join(f"{k} {v}" for k, v in s["by_severity"].items()))
    if s["by_category"]:
        lines.append("by category: " + ", ".join(f"{k} {v}" for k, v in s["by_category"].items()))
    if s["by_plan"]:
        lines.append("by plan:")
        for key, c in s["by_plan"].items():
            lines.append(f"  {key}: {plural(c.get('reports', 0), 'report')}, {c.get('failing', 0)} failing, "
                         f"{plural(c.get('findings', 0), 'finding')}")
    lines.extend(_department_table(s))
    if s.get("unmatched_inputs"):
        lines.append("inputs that matched no report file:")
        lines.extend(f"  {u['input']}: {u['reason']}" for u in s["unmatched_inputs"])
    if s["errors"]:
        lines.append("unreadable or failed:")
        lines.extend(f"  [{e['kind']}] {e['message']}" for e in s["errors"])
    return "\n".join(lines) + "\n"
