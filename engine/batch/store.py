"""The SQLite store of batch runs: runs, reports and findings (WAL).

A report row is unique per (run, path), and its findings are written in the same transaction,
so a run killed at any point (SIGKILL included) holds each report's results completely or not
at all, and a resumed run checks again exactly the reports not recorded. Run-scope
(reconciliation) findings are replaced in one transaction per run. A new run copies the results
of unchanged reports from earlier runs (reuse: same path, content hash and rules version) instead
of checking them again; a copied report names the report it was first checked as (reused_from).

The schema is versioned with SQLite's `user_version` (engine.batch.store_schema: SCHEMA is version 0,
every database before reuse; MIGRATIONS take a database from each version to the next when it is opened).

Shaped for speed: reports are recorded a batch at a time (record_many: one transaction, one
`executemany` for the reports and one for their findings, ids assigned in the transaction), as a
commit costs far more than a row; reused results are copied by SQLite itself (INSERT … SELECT,
in new-id order so nothing is sorted), in one transaction, without a row passing through Python.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

from .discover import OVERSIZE_PREFIX
from .store_schema import FINDING_COLUMNS, MIGRATIONS, REPORT_COLUMNS, SCHEMA

def now() -> str:
    return dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")


@dataclass
class ReportResult:
    """One report's outcome as a worker sends it (plain data, picklable)."""

    path: str
    status: str
    content_hash: Optional[str] = None
    error_kind: Optional[str] = None
    error: Optional[str] = None
    meta: dict[str, Any] = field(default_factory=dict)  # format, plan, dept_*, period_*
    findings: list[tuple] = field(default_factory=list)  # rows in FINDING_COLUMNS order
    error_findings: int = 0
    seconds: Optional[float] = None
    run_facts: Optional[str] = None


def _report_values(rules_version: str, result: ReportResult) -> tuple:
    """A report's values in REPORT_COLUMNS order."""
    meta = result.meta
    return (result.content_hash, rules_version, result.status, result.error_kind, result.error,
            meta.get("format"), meta.get("plan"), meta.get("dept_name"), meta.get("dept_kind"),
            meta.get("dept_level"), meta.get("period_start"), meta.get("period_end"),
            len(result.findings), result.error_findings, result.seconds, result.run_facts)


class Store:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.db = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        # WAL + NORMAL: a commit survives the process being killed (not a power cut), fsync-free
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self._migrate()

    def _migrate(self) -> None:
        if self.db.execute("PRAGMA user_version").fetchone()[0] >= len(MIGRATIONS):
            return
        with self.transaction() as db:  # read again inside: another process may have migrated
            version = db.execute("PRAGMA user_version").fetchone()[0]
            for step in range(version, len(MIGRATIONS)):
                for statement in filter(str.strip, MIGRATIONS[step].split(";")):
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {max(version, len(MIGRATIONS))}")

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # runs -------------------------------------------------------------------------------------
    def start_run(self, inputs: list[str], key: str, rules_version: str, tool_version: str,
                  fail_level: str) -> tuple[int, bool]:
        """The unfinished run with these inputs (resumed), else a new run. Returns (id, resumed)."""
        with self.transaction() as db:
            row = db.execute(
                "SELECT id FROM runs WHERE status = 'running' AND inputs_key = ? ORDER BY id DESC LIMIT 1",
                (key,)).fetchone()
            if row is not None:
                db.execute("UPDATE runs SET rules_version = ?, tool_version = ?, fail_level = ?, "
                           "resumed = resumed + 1 WHERE id = ?",
                           (rules_version, tool_version, fail_level, row["id"]))
                return row["id"], True
            cur = db.execute(
                "INSERT INTO runs (started, status, inputs_key, inputs, rules_version, tool_version, fail_level) "
                "VALUES (?, 'running', ?, ?, ?, ?, ?)",
                (now(), key, json.dumps(inputs, ensure_ascii=False), rules_version, tool_version, fail_level))
            return int(cur.lastrowid), False

    def finish_run(self, run_id: int) -> None:
        with self.transaction() as db:
            db.execute("UPDATE runs SET status = 'complete', finished = ? WHERE id = ?", (now(), run_id))

    def run(self, run_id: int) -> Optional[sqlite3.Row]:
        return self.db.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()

    def runs(self) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT r.*, (SELECT COUNT(*) FROM reports p WHERE p.run_id = r.id) AS report_count, "
            "(SELECT COUNT(*) FROM findings f WHERE f.run_id = r.id) AS finding_count "
            "FROM runs r ORDER BY r.id").fetchall()

    # reports ----------------------------------------------------------------------------------
    def recorded(self, run_id: int) -> dict[str, tuple[Optional[str], str, bool]]:
        """path -> (content hash, rules version, reused from an earlier run) of the reports
        already recorded in a run."""
        rows = self.db.execute("SELECT path, content_hash, rules_version, reused_from IS NOT NULL AS reused "
                               "FROM reports WHERE run_id = ?", (run_id,))
        return {r["path"]: (r["content_hash"], r["rules_version"], bool(r["reused"])) for r in rows}

    def forget(self, run_id: int, paths: list[str]) -> None:
        """Drop reports (and their findings) from a run: files gone from its inputs."""
        with self.transaction() as db:
            for path in paths:
                self._delete_report(db, run_id, path)

    @staticmethod
    def _delete_report(db: sqlite3.Connection, run_id: int, path: str) -> None:
        row = db.execute("SELECT id FROM reports WHERE run_id = ? AND path = ?", (run_id, path)).fetchone()
        if row is not None:
            db.execute("DELETE FROM findings WHERE report_id = ?", (row["id"],))
            db.execute("DELETE FROM findings WHERE other_report_id = ?", (row["id"],))
            db.execute("DELETE FROM reports WHERE id = ?", (row["id"],))

    def record(self, run_id: int, rules_version: str, result: ReportResult) -> None:
        """Record one report with its findings atomically, replacing an earlier record of it."""
        self.record_many(run_id, rules_version, [result])

    def record_many(self, run_id: int, rules_version: str, results: list[ReportResult]) -> None:
        """Record reports with their findings in one transaction (all or none), each replacing
        an earlier record of it in the run."""
        results = list({r.path: r for r in results}.values())  # a path twice: its last result
        if not results:
            return
        checked_at = now()
        report_sql = (f"INSERT INTO reports (id, run_id, path, checked_at, {', '.join(REPORT_COLUMNS)}) "
                      f"VALUES (?, ?, ?, ?, {', '.join('?' * len(REPORT_COLUMNS))})")
        finding_sql = (f"INSERT INTO findings (run_id, report_id, scope, {', '.join(FINDING_COLUMNS)}) "
                       f"VALUES (?, ?, 'report', {', '.join('?' * len(FINDING_COLUMNS))})")
        with self.transaction() as db:
            for path in self._recorded_paths(db, run_id, [r.path for r in results]):
                self._delete_report(db, run_id, path)
            # BEGIN IMMEDIATE makes this the only writer, so the ids after the largest are free
            first_id = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM reports").fetchone()[0]
            report_rows, finding_rows = [], []
            for report_id, result in enumerate(results, first_id):
                report_rows.append((report_id, run_id, result.path, checked_at,
                                    *_report_values(rules_version, result)))
                finding_rows.extend((run_id, report_id, *row) for row in result.findings)
            db.executemany(report_sql, report_rows)
            if finding_rows:
                db.executemany(finding_sql, finding_rows)

    def with_earlier_results(self, run_id: int, rules_version: str, paths: list[str]) -> set[str]:
        """Those of `paths` recorded in another run under this rules version with a result that
        could be reused: the only ones worth hashing before the workers read them."""
        found: set[str] = set()
        for start in range(0, len(paths), 500):  # SQLite caps the number of bound parameters
            chunk = paths[start:start + 500]
            found.update(r[0] for r in self.db.execute(
                f"SELECT DISTINCT path FROM reports WHERE path IN ({', '.join('?' * len(chunk))}) "
                f"AND rules_version = ? AND run_id != ? AND (status = 'checked' OR error_kind = 'input')",
                (*chunk, rules_version, run_id)))
        return found

    def reuse(self, run_id: int, rules_version: str, hashes: dict[str, Optional[str]]) -> set[str]:
        """Copy into the run, in one transaction, the latest earlier result of each path whose
        content hash (`hashes`: path -> hash of its bytes now) and rules version are those recorded
        with it: its report row, its report-scope findings (in their order) and kept run facts.
        Returns the paths copied. Only results that are a function of the bytes are copied: checked
        reports and input errors of a file hashed by its bytes (not a file over the size limit,
        hashed by its size and mtime, nor one that could not be read); timeouts, crashes and
        evaluation errors are checked again. A path already recorded in the run is left alone.
        (`plancheck serve --store` records its uploads as `upload-N/NAME`, checked with the form's
        department and plan: a relative path, never one of a batch's absolute paths.)"""
        wanted = [(path, digest) for path, digest in hashes.items()
                  if digest is not None and not digest.startswith(OVERSIZE_PREFIX)]
        if not wanted:
            return set()
        columns = ", ".join(REPORT_COLUMNS)
        fcols = ", ".join(FINDING_COLUMNS)
        with self.transaction() as db:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS reuse_wanted (path TEXT PRIMARY KEY, content_hash TEXT)")
            # keyed by the new id: the copies are inserted in that order without sorting them
            db.execute("CREATE TEMP TABLE IF NOT EXISTS reuse_copies (target INTEGER PRIMARY KEY, source INTEGER)")
            db.execute("DELETE FROM temp.reuse_wanted")
            db.execute("DELETE FROM temp.reuse_copies")
            db.executemany("INSERT OR REPLACE INTO temp.reuse_wanted VALUES (?, ?)", wanted)
            sources = db.execute(
                "SELECT w.path, (SELECT MAX(r.id) FROM reports r WHERE r.path = w.path "
                "AND r.content_hash = w.content_hash AND r.rules_version = ? AND r.run_id != ? "
                "AND (r.status = 'checked' OR r.error_kind = 'input')) AS source FROM temp.reuse_wanted w "
                "WHERE NOT EXISTS (SELECT 1 FROM reports x WHERE x.run_id = ? AND x.path = w.path) "
                "ORDER BY w.path", (rules_version, run_id, run_id)).fetchall()
            found = [(row["source"], row["path"]) for row in sources if row["source"] is not None]
            if not found:
                return set()
            # BEGIN IMMEDIATE makes this the only writer, so the ids after the largest are free
            first_id = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM reports").fetchone()[0]
            db.executemany("INSERT INTO temp.reuse_copies VALUES (?, ?)",
                           [(target, source) for target, (source, _) in enumerate(found, first_id)])
            db.execute(
                f"INSERT INTO reports (id, run_id, path, checked_at, {columns}, reused_from) "
                f"SELECT c.target, ?, r.path, r.checked_at, {', '.join('r.' + c for c in REPORT_COLUMNS)}, "
                f"COALESCE(r.reused_from, r.id) FROM temp.reuse_copies c JOIN reports r ON r.id = c.source "
                f"ORDER BY c.target", (run_id,))
            db.execute(
                f"INSERT INTO findings (run_id, report_id, scope, {fcols}) "
                f"SELECT ?, c.target, 'report', {', '.join('f.' + c for c in FINDING_COLUMNS)} "
                f"FROM temp.reuse_copies c JOIN findings f ON f.report_id = c.source AND f.scope = 'report' "
                f"ORDER BY c.target, f.id", (run_id,))
        return {path for _, path in found}

    def reused(self, run_id: int) -> int:
        """How many of the run's reports are results copied from earlier runs."""
        return self.db.execute("SELECT COUNT(*) FROM reports WHERE run_id = ? AND reused_from IS NOT NULL",
                               (run_id,)).fetchone()[0]

    @staticmethod
    def _recorded_paths(db: sqlite3.Connection, run_id: int, paths: list[str]) -> list[str]:
        """Those of `paths` already recorded in the run (a resumed run checking a changed file)."""
        found = []
        for start in range(0, len(paths), 500):  # SQLite caps the number of bound parameters
            chunk = paths[start:start + 500]
            found += [r[0] for r in db.execute(
                f"SELECT path FROM reports WHERE run_id = ? AND path IN ({', '.join('?' * len(chunk))})",
                (run_id, *chunk))]
        return found

    def reports(self, run_id: int) -> list[sqlite3.Row]:
        """Every report of a run, without its kept facts (those can be large: see run_facts)."""
        columns = ", ".join(c for c in ("id", "run_id", "path", "checked_at", *REPORT_COLUMNS) if c != "run_facts")
        return self.db.execute(f"SELECT {columns} FROM reports WHERE run_id = ? ORDER BY path", (run_id,)).fetchall()

    def run_facts(self, run_id: int, ids: Optional[list[int]] = None) -> Iterator[tuple[int, str]]:
        """(report id, kept facts as JSON) of the run's checked reports (or of `ids`), streamed."""
        if ids is None:
            yield from self.db.execute(
                "SELECT id, run_facts FROM reports WHERE run_id = ? AND status = 'checked' AND run_facts IS NOT NULL "
                "ORDER BY id", (run_id,))
            return
        for start in range(0, len(ids), 500):  # SQLite caps the number of bound parameters
            chunk = ids[start:start + 500]
            yield from self.db.execute(
                f"SELECT id, run_facts FROM reports WHERE run_id = ? AND run_facts IS NOT NULL "
                f"AND id IN ({', '.join('?' * len(chunk))}) ORDER BY id", (run_id, *chunk))

    def replace_run_findings(self, run_id: int, rows: list[tuple[int, Optional[int], Optional[str], tuple]]) -> None:
        """Replace a run's run-scope findings: (report id, other report id, other path, finding row)."""
        fcols = ", ".join(FINDING_COLUMNS)
        with self.transaction() as db:
            db.execute("DELETE FROM findings WHERE run_id = ? AND scope = 'run'", (run_id,))
            db.executemany(
                f"INSERT INTO findings (run_id, report_id, other_report_id, other_path, scope, {fcols}) "
                f"VALUES (?, ?, ?, ?, 'run', {', '.join('?' * len(FINDING_COLUMNS))})",
                [(run_id, rid, other, other_path, *row) for rid, other, other_path, row in rows])

    def findings(self, run_id: int) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT f.*, r.path, r.plan, r.dept_name, r.dept_kind, r.period_start, r.period_end "
            "FROM findings f JOIN reports r ON r.id = f.report_id WHERE f.run_id = ? "
            "ORDER BY r.path, f.rule_id, f.subject", (run_id,)).fetchall()
