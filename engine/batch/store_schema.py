"""The batch store's tables, as SQL: the schema (user_version 0), the migrations that take an
older database to the current version, and the column orders rows are written in. Kept apart from
engine.batch.store, which reads and writes them, so the layout is read in one place."""
from __future__ import annotations

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    status TEXT NOT NULL,              -- running | complete
    inputs_key TEXT NOT NULL,
    inputs TEXT NOT NULL,              -- JSON list of the inputs as given
    rules_version TEXT NOT NULL,
    tool_version TEXT NOT NULL,
    fail_level TEXT NOT NULL,
    resumed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    path TEXT NOT NULL,
    content_hash TEXT,
    rules_version TEXT NOT NULL,
    status TEXT NOT NULL,              -- checked | error
    error_kind TEXT,                   -- input | timeout | crash (status = error)
    error TEXT,
    format TEXT, plan TEXT, dept_name TEXT, dept_kind TEXT, dept_level TEXT,
    period_start TEXT, period_end TEXT,
    findings INTEGER NOT NULL DEFAULT 0,
    error_findings INTEGER NOT NULL DEFAULT 0,
    seconds REAL,
    checked_at TEXT NOT NULL,
    run_facts TEXT,                    -- JSON facts kept for run-scope rules
    UNIQUE (run_id, path)
);
CREATE TABLE IF NOT EXISTS findings (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    report_id INTEGER NOT NULL REFERENCES reports(id),
    scope TEXT NOT NULL,               -- report | run
    rule_id TEXT NOT NULL, severity TEXT NOT NULL, category TEXT NOT NULL, subject TEXT NOT NULL,
    pointer TEXT, line INTEGER, col INTEGER, xpath TEXT,
    title_zh TEXT, title_en TEXT, message_zh TEXT, message_en TEXT,
    remediation_zh TEXT, remediation_en TEXT,
    clause_plan TEXT, clause_id TEXT, clause_title TEXT,
    legal_basis TEXT, notes TEXT,
    fingerprint TEXT NOT NULL,
    other_report_id INTEGER REFERENCES reports(id),
    other_path TEXT
);
CREATE INDEX IF NOT EXISTS findings_by_run ON findings (run_id, fingerprint);
CREATE INDEX IF NOT EXISTS findings_by_report ON findings (report_id);
-- only run-scope findings name another report: a small index, and replacing a report in a
-- resumed run no longer scans every finding of the run to find those naming it
CREATE INDEX IF NOT EXISTS findings_by_other_report ON findings (other_report_id)
    WHERE other_report_id IS NOT NULL;
"""

# MIGRATIONS[n] takes a database from user_version n to n + 1
MIGRATIONS = (
    # 1: reuse. reused_from: the report (id) whose result this one copies, as first checked; NULL
    # when checked in its own run. The index finds a path's earlier results by content hash.
    """
    ALTER TABLE reports ADD COLUMN reused_from INTEGER;
    CREATE INDEX IF NOT EXISTS reports_by_content ON reports (path, content_hash);
    """,
)

FINDING_COLUMNS = (
    "rule_id", "severity", "category", "subject", "pointer", "line", "col", "xpath",
    "title_zh", "title_en", "message_zh", "message_en", "remediation_zh", "remediation_en",
    "clause_plan", "clause_id", "clause_title", "legal_basis", "notes", "fingerprint",
)
REPORT_COLUMNS = (
    "content_hash", "rules_version", "status", "error_kind", "error", "format", "plan",
    "dept_name", "dept_kind", "dept_level", "period_start", "period_end", "findings",
    "error_findings", "seconds", "run_facts",
)
