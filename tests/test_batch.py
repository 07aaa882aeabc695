"""`plancheck batch` over a mixed directory: good reports, corrupt files, a worker that crashes
and one that hangs; every file recorded exactly once; the run goes on; exit code as in check."""
from __future__ import annotations

import shutil
from pathlib import Path

from batch_helpers import FIXTURES, REPO, batch_json, rows

from engine.batch.discover import discover


def _mixed(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    shutil.copytree(FIXTURES / "mixed", root)
    # two valid reports the fault injection turns into a segfault and a hang in the worker
    sample = REPO / "samples" / "heilongjiang-2023" / "court-2024-compliant.json"
    shutil.copy(sample, root / "harbin" / "crash-me.json")
    shutil.copy(sample, root / "daqing" / "hang-me.json")
    return root


def test_discovery_is_recursive_sorted_and_ignores_other_files(tmp_path):
    root = _mixed(tmp_path)
    found = discover([str(root), str(root / "*.json"), str(root / "harbin" / "truncated.json")])
    assert found == sorted(found) and len(found) == len(set(found))
    assert not any(p.endswith(".txt") for p in found)
    assert sum(p.endswith(".xml") for p in found) == 2
    assert len(found) == 10
    assert discover([str(root / "**" / "*.xml")]) == [p for p in found if p.endswith(".xml")]


def test_batch_over_mixed_directory_isolates_every_failure(tmp_path):
    root, db = _mixed(tmp_path), tmp_path / "runs.sqlite"
    code, summary = batch_json(str(root), "--db", str(db), "--workers", "2", "--timeout", "4",
                               env={"PLANCHECK_BATCH_FAULTS": "crash:crash-me,hang:hang-me"})
    assert code == 2  # unreadable reports, as in `check`
    assert summary["reports"] == 10
    assert summary["checked"] == 3
    kinds = sorted(e["kind"] for e in summary["errors"])
    assert kinds == ["crash", "input", "input", "input", "input", "input", "timeout"]
    messages = " ".join(e["message"] for e in summary["errors"])
    assert "SIGSEGV" in messages and "unknown plan" in messages and "the file is not UTF-8: it looks saved as GBK" in messages
    recorded = rows(db, "SELECT path, COUNT(*) AS n FROM reports GROUP BY path")
    assert len(recorded) == 10 and all(r["n"] == 1 for r in recorded)
    assert rows(db, "SELECT status FROM runs")[0]["status"] == "complete"
    assert rows(db, "PRAGMA journal_mode")[0][0] == "wal"
    # findings carry every field, and the same fingerprint as `plancheck check` would give
    broken = rows(db, "SELECT f.* FROM findings f JOIN reports r ON r.id = f.report_id "
                      "WHERE r.path LIKE '%credit-broken.json'")
    assert broken and all(f["fingerprint"] and f["message_zh"] and f["clause_id"] for f in broken)
    assert summary["by_plan"]["heilongjiang-2023"]["reports"] == 3


def test_summary_counts_a_unit_once_whatever_name_its_reports_use(tmp_path):
    """The Ruichang samples name the market regulator twice (瑞昌市市场监督管理局, 瑞昌市市场监管局)."""
    code, summary = batch_json(str(REPO / "samples" / "ruichang"), "--db", str(tmp_path / "runs.sqlite"),
                               "--workers", "1")
    departments = [key for key in summary["by_department"] if "市场监" in key]
    assert departments == ["ruichang 瑞昌市市场监督管理局"]
    assert summary["by_department"][departments[0]]["reports"] == 4


def test_progress_bar_on_a_terminal_counts_to_the_end():
    """The bar is only drawn on a terminal, so a missing install of it would hide from every
    other test: drive it directly."""
    from engine.commands.batch import _Progress

    progress = _Progress(True)
    with progress:
        for done in range(4):
            progress(done, 3)
    assert progress._bar.tasks[0].completed == 3
