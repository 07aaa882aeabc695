"""Resume after SIGKILL: the batch is killed mid-run (process group: main and workers), started
again with the same inputs, and ends with every report recorded exactly once; reports recorded
before the kill are not checked again; a changed file and changed rules are re-checked."""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from batch_helpers import REPO, batch_json, rows
from install_mode import cli_argv

SAMPLES = sorted((REPO / "samples" / "heilongjiang-2023").glob("*.json"))


def _inputs(tmp_path: Path, copies: int = 2) -> Path:
    root = tmp_path / "reports"
    for i in range(copies):
        folder = root / f"county-{i:02d}"
        folder.mkdir(parents=True)
        for sample in SAMPLES:
            shutil.copy(sample, folder / sample.name)
    return root


def _kill_mid_run(root: Path, db: Path) -> None:
    env = dict(os.environ, PLANCHECK_BATCH_FAULTS="slow:0.15")
    proc = subprocess.Popen(
        [*cli_argv(), "batch", str(root), "--db", str(db), "--workers", "1",
         "--no-progress"], env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    deadline = time.monotonic() + 90
    try:
        while time.monotonic() < deadline:
            time.sleep(0.2)
            try:
                if db.exists() and rows(db, "SELECT COUNT(*) FROM reports")[0][0] >= 5:
                    break
            except sqlite3.OperationalError:  # the file exists, its tables not yet (a loaded machine)
                continue
        else:
            raise AssertionError("the batch recorded nothing within 90 s")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # main process, forkserver and workers
        proc.wait()


def test_resume_after_sigkill_records_each_report_exactly_once(tmp_path):
    root, db = _inputs(tmp_path), tmp_path / "runs.sqlite"
    total = len(SAMPLES) * 2
    _kill_mid_run(root, db)
    before = {r["path"]: r["checked_at"] for r in rows(db, "SELECT path, checked_at FROM reports")}
    assert 5 <= len(before) < total
    assert rows(db, "SELECT status FROM runs")[0]["status"] == "running"

    changed = sorted(before)[0]  # a file recorded before the kill, changed since: checked again
    Path(changed).write_bytes(Path(changed).read_bytes().replace("哈尔滨".encode(), "齐齐哈尔".encode(), 1) + b"\n")

    code, summary = batch_json(str(root), "--db", str(db), "--workers", "2")
    assert code == 1
    assert summary["resumed"] is True and summary["run"] == 1
    assert summary["skipped"] == len(before) - 1
    assert summary["checked_now"] == total - len(before) + 1
    recorded = rows(db, "SELECT path, checked_at, COUNT(*) OVER (PARTITION BY path) AS n FROM reports WHERE run_id = 1")
    assert len(recorded) == total and all(r["n"] == 1 for r in recorded)
    after = {r["path"]: r["checked_at"] for r in recorded}
    assert all(after[p] == t for p, t in before.items() if p != changed)
    assert len(rows(db, "SELECT id FROM runs")) == 1
    assert rows(db, "SELECT status FROM runs")[0]["status"] == "complete"

    # a finished run is not resumed: the same inputs the next night make a new run, which reuses
    # every unchanged report's result (engine.batch.run) unless told to check them all
    code, summary = batch_json(str(root), "--db", str(db), "--workers", "2")
    assert summary["run"] == 2 and summary["resumed"] is False
    assert summary["checked_now"] == 0 and summary["reused"] == total
    code, summary = batch_json(str(root), "--db", str(db), "--workers", "2", "--recheck-all")
    assert summary["run"] == 3 and summary["checked_now"] == total and summary["reused"] == 0
