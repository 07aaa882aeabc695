"""Compare two runs: findings by fingerprint (new in the later run, resolved since the earlier,
persisting), and departments (stopped reporting, new).

A department is identified by its plan and canonical name: the name the plan's table resolves
a report's department to (engine.plans.identity), so a report signed with an alias or a short
name (瑞昌市市场监管局 for 瑞昌市市场监督管理局) is the same department. A department with a
checked report in the earlier run and none in the later one stopped reporting; its findings are
`unreported`, not resolved: nobody looked. A report that could not be read has no department,
so the diff names those files apart.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

from .store import Store

CHANGES = ("new", "resolved", "persisting", "unreported")
DEPARTMENT_CHANGES = ("department_stopped", "department_new")
RECORD_FIELDS = (
    "change", "plan", "department", "rule_id", "severity", "category", "subject", "path",
    "other_path", "pointer", "xpath", "line", "clause", "message_zh", "message_en", "fingerprint",
)

Department = tuple[str, str]  # (plan, canonical name)


def _record(row: Any, change: str = "") -> dict[str, Any]:
    return {
        "change": change, "plan": row["plan"], "department": row["dept_name"],
        "rule_id": row["rule_id"], "severity": row["severity"], "category": row["category"],
        "subject": row["subject"], "path": row["path"], "other_path": row["other_path"],
        "pointer": row["pointer"], "xpath": row["xpath"], "line": row["line"], "clause": row["clause_id"],
        "message_zh": row["message_zh"], "message_en": row["message_en"],
        "fingerprint": row["fingerprint"],
    }


def finding_records(store: Store, run_id: int) -> list[dict[str, Any]]:
    return [_record(row) for row in store.findings(run_id)]


@dataclass(frozen=True)
class DepartmentPresence:
    """A department's reports and findings in the one run it appears in."""

    plan: str
    department: str
    reports: int
    findings: int
    paths: tuple[str, ...]


@dataclass
class RunDiff:
    run_a: int
    run_b: int
    records: list[dict[str, Any]]  # findings: new / resolved / persisting / unreported
    stopped: list[DepartmentPresence] = field(default_factory=list)  # in run A, not in run B
    started: list[DepartmentPresence] = field(default_factory=list)  # in run B, not in run A
    unreadable_b: list[str] = field(default_factory=list)  # files of run B without a department

    def department_records(self) -> list[dict[str, Any]]:
        """Departments stopped and new, as records with the finding fields left empty."""
        out = []
        for change, items in (("department_stopped", self.stopped), ("department_new", self.started)):
            for d in items:
                record = dict.fromkeys(RECORD_FIELDS, None)
                record.update(change=change, plan=d.plan, department=d.department, path=d.paths[0])
                out.append(record)
        return out

    def all_records(self, changed_only: bool = False) -> list[dict[str, Any]]:
        findings = [r for r in self.records if not (changed_only and r["change"] == "persisting")]
        return self.department_records() + findings


def _departments(store: Store, run_id: int) -> dict[Department, list[Any]]:
    found: dict[Department, list[Any]] = defaultdict(list)
    for r in store.reports(run_id):
        if r["status"] == "checked":
            found[(r["plan"], r["dept_name"])].append(r)
    return found


def _presence(key: Department, reports: list[Any]) -> DepartmentPresence:
    return DepartmentPresence(key[0], key[1], len(reports), sum(r["findings"] for r in reports),
                              tuple(r["path"] for r in reports))


def diff_runs(store: Store, run_a: int, run_b: int) -> RunDiff:
    """Run B's new and persisting findings, run A's resolved ones (or unreported, when their
    department has no report in run B), and the departments present in only one of the runs."""
    depts_a, depts_b = _departments(store, run_a), _departments(store, run_b)
    before = {row["fingerprint"]: row for row in store.findings(run_a)}
    after = {row["fingerprint"]: row for row in store.findings(run_b)}
    out = [_record(row, "new" if fp not in before else "persisting") for fp, row in after.items()]
    for fp, row in before.items():
        if fp not in after:
            gone = (row["plan"], row["dept_name"]) not in depts_b
            out.append(_record(row, "unreported" if gone else "resolved"))
    out.sort(key=lambda r: (r["plan"] or "", r["department"] or "", CHANGES.index(r["change"]),
                            r["rule_id"], r["subject"]))
    stopped = [_presence(k, v) for k, v in sorted(depts_a.items()) if k not in depts_b]
    started = [_presence(k, v) for k, v in sorted(depts_b.items()) if k not in depts_a]
    unreadable = [r["path"] for r in store.reports(run_b) if r["status"] != "checked"]
    return RunDiff(run_a, run_b, out, stopped, started, unreadable)


def diff_counts(records: Iterable[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """(plan department) -> counts of new / resolved / persisting / unreported."""
    table: dict[str, Counter] = defaultdict(Counter)
    for r in records:
        if r["change"] in CHANGES:
            table[f"{r['plan']} {r['department']}"][r["change"]] += 1
    return {k: {c: v.get(c, 0) for c in CHANGES} for k, v in sorted(table.items())}
