"""`plancheck runs list|show|diff`: two nightly runs of the same department's report, fixed in
between; findings new, resolved and persisting by fingerprint; JSON Lines and CSV export."""
from __future__ import annotations

import csv
import io
import json
import shutil

from batch_helpers import REPO, batch_json, cli

SAMPLES = REPO / "samples" / "heilongjiang-2023"


def test_diff_of_two_runs(tmp_path):
    root, db = tmp_path / "reports", tmp_path / "runs.sqlite"
    root.mkdir()
    report = root / "ip-office-2024.json"
    shutil.copy(SAMPLES / "ip-office-2024-gaps.json", report)
    shutil.copy(SAMPLES / "court-2024-compliant.json", root / "court-2024.json")
    code, first = batch_json(str(root), "--db", str(db), "--workers", "1")
    assert first["run"] == 1 and first["findings"] > 0
    shutil.copy(SAMPLES / "ip-office-2024-compliant.json", report)  # the office fixed its report
    code, second = batch_json(str(root), "--db", str(db), "--workers", "1")
    assert second["run"] == 2 and second["findings"] < first["findings"]

    listed = cli("runs", "list", "--db", str(db))
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 3  # header row + 2 runs

    records = [json.loads(line) for line in cli("runs", "diff", "1", "2", "--db", str(db), "--format", "jsonl").stdout.splitlines()]
    changes = {r["change"] for r in records}
    assert "resolved" in changes
    resolved = [r for r in records if r["change"] == "resolved"]
    assert all(r["department"] == "黑龙江省知识产权局" for r in resolved)
    persisting = [r for r in records if r["change"] == "persisting"]
    assert len(resolved) + len(persisting) == first["findings"]
    assert len(persisting) + sum(r["change"] == "new" for r in records) == second["findings"]

    table = list(csv.DictReader(io.StringIO(cli("runs", "diff", "1", "2", "--db", str(db), "--format", "csv").stdout)))
    assert [(r["change"], r["fingerprint"]) for r in table] == [(r["change"], r["fingerprint"]) for r in records]

    text = cli("runs", "diff", "1", "2", "--db", str(db)).stdout
    assert f"{len(resolved)} resolved" in text and "黑龙江省知识产权局" in text

    shown = cli("runs", "show", "1", "--db", str(db), "--format", "jsonl").stdout.splitlines()
    assert len(shown) == first["findings"]
    assert cli("runs", "show", "9", "--db", str(db)).returncode == 2
