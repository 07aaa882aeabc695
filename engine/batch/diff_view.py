"""The text view of a diff between two runs, for the night operator reading a log."""
from __future__ import annotations

from .diff import CHANGES, DepartmentPresence, RunDiff, diff_counts
from .summary import plural as _plural


def _presence_line(d: DepartmentPresence, run: int, note: str = "") -> str:
    return (f"  {d.plan} {d.department}: {_plural(d.reports, 'report')}, "
            f"{_plural(d.findings, 'finding')} in run {run}{note}")


def render_diff_text(diff: RunDiff, changed_only: bool = False) -> str:
    a, b = diff.run_a, diff.run_b
    counts = diff_counts(diff.records)
    total = {c: sum(v[c] for v in counts.values()) for c in CHANGES}
    head = f"run {a} → run {b}: {total['new']} new, {total['resolved']} resolved, {total['persisting']} persisting"
    if total["unreported"]:
        head += f", {total['unreported']} unreported"
    head += f"; {_plural(len(diff.stopped), 'department')} stopped reporting, {len(diff.started)} new"
    lines = [head, "(a department is its plan and canonical name: a report under an alias counts as the same department)"]
    unreadable = set(diff.unreadable_b)
    if diff.stopped:
        lines.append(f"stopped reporting (a report in run {a}, none in run {b}):")
        for d in diff.stopped:
            notes = ["listed as unreported, not resolved"] if d.findings else []
            # the same file, unreadable this time: the department probably did report
            notes += [f"its file {path} could not be read in run {b}" for path in d.paths if path in unreadable]
            lines.append(_presence_line(d, a, f" ({'; '.join(notes)})" if notes else ""))
    if diff.started:
        lines.append(f"new departments (a report in run {b}, none in run {a}):")
        lines.extend(_presence_line(d, b) for d in diff.started)
    if diff.unreadable_b:
        lines.append(f"run {b} has {_plural(len(diff.unreadable_b), 'unreadable report')}; its department "
                     "cannot be told (it may be one listed as stopped):")
        lines.extend(f"  {path}" for path in diff.unreadable_b)
    shown = {k: c for k, c in counts.items()
             if not changed_only or c["new"] or c["resolved"] or c["unreported"]}
    if shown:
        lines.append("by department" + (" (changed only):" if changed_only else ":"))
        lines.append(f"  {'new':>5}  {'resolved':>8}  {'persisting':>10}  {'unreported':>10}  department")
        lines.extend(f"  {c['new']:>5}  {c['resolved']:>8}  {c['persisting']:>10}  {c['unreported']:>10}  {k}"
                     for k, c in shown.items())
    # unreported findings are summed up on their department's line above, not listed one by one
    changes = [r for r in diff.records if r["change"] in ("new", "resolved")]
    if changes:
        lines.append("changes:")
        lines.extend(f"  {r['change']:10} {r['department']} {r['rule_id']} {r['subject']}: {r['message_zh']}"
                     for r in changes)
    return "\n".join(lines) + "\n"
