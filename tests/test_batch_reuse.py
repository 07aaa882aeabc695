"""The next night's run reuses the results of unchanged reports (same path, content hash and rules
version) from earlier runs instead of checking them again, and ends with the same findings,
reconciliation, exit code and `runs diff` as a full run (`--recheck-all`) of the same files; a
changed file, changed rules, a crash or a timeout are checked again; an old database (before
reuse) is migrated when opened."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from batch_helpers import FIXTURES, REPO, batch_json, cli, rows, rules_citing_recon

from engine.batch.store import Store
from engine.batch.store_schema import SCHEMA

HLJ = REPO / "samples" / "heilongjiang-2023"
SAMPLES = sorted(HLJ.glob("*.json"))[:4]


@pytest.fixture(scope="module")
def recon_rules(tmp_path_factory) -> Path:
    return rules_citing_recon(tmp_path_factory.mktemp("recon"))


def _reports(tmp_path: Path) -> Path:
    root = tmp_path / "reports"
    root.mkdir()
    for number, sample in enumerate(SAMPLES):  # names no other contains (fault injection matches a part)
        shutil.copy(sample, root / _name(number))
    return root


def _name(number: int) -> str:
    return f"report-{number}-{SAMPLES[number].name}"


def _touch(path: Path) -> None:
    """A changed byte is a changed report to the content hash (the report means the same)."""
    path.write_bytes(path.read_bytes() + b"\n")


def _records(db: Path, run: int) -> list[dict]:
    proc = cli("runs", "show", str(run), "--db", str(db), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_an_unchanged_report_is_not_checked_again_and_a_changed_one_is(tmp_path: Path):
    root, db = _reports(tmp_path), tmp_path / "runs.sqlite"
    unchanged, changed = _name(0), _name(1)
    code, first = batch_json(str(root), "--db", str(db), "--workers", "1")
    assert first["checked_now"] == 4 and first["reused"] == 0
    _touch(root / changed)
    # a worker given the unchanged file would crash: it is never given it
    code, second = batch_json(str(root), "--db", str(db), "--workers", "1",
                              env={"PLANCHECK_BATCH_FAULTS": f"crash:{unchanged}"})
    assert second["run"] == 2 and second["resumed"] is False
    assert second["checked_now"] == 1 and second["reused"] == 3 and second["unreadable"] == 0
    # the changed file is the one checked: the fault on it fires, and a crash is never reused
    _touch(root / changed)
    code, third = batch_json(str(root), "--db", str(db), "--workers", "1",
                             env={"PLANCHECK_BATCH_FAULTS": f"crash:{changed}"})
    assert third["checked_now"] == 1 and [e["kind"] for e in third["errors"]] == ["crash"]
    code, fourth = batch_json(str(root), "--db", str(db), "--workers", "1")
    assert fourth["checked_now"] == 1 and fourth["reused"] == 3 and fourth["unreadable"] == 0
    copied = rows(db, "SELECT path, reused_from FROM reports WHERE run_id = 4 ORDER BY path")
    first_ids = {r["path"]: r["id"] for r in rows(db, "SELECT path, id FROM reports WHERE run_id = 1")}
    # a copy names the report as first checked, even through a run that copied it already
    assert {r["path"]: r["reused_from"] for r in copied} == {
        p: (None if Path(p).name == changed else first_ids[p]) for p in first_ids}
    shown = cli("runs", "show", "4", "--db", str(db)).stdout.splitlines()
    assert shown[3] == ("reused: 3 reports unchanged since an earlier run (same content hash and rules "
                        "version), results copied, not checked again")


def test_a_reused_run_equals_a_full_run_reconciliation_included(tmp_path: Path, recon_rules: Path):
    root, db = tmp_path / "reports", tmp_path / "runs.sqlite"
    shutil.copytree(FIXTURES / "mixed", root / "mixed")  # unreadable and invalid files among them
    shutil.copytree(FIXTURES / "recon-fail", root / "recon")
    shutil.copytree(FIXTURES / "recon-credit-fail", root / "credit")
    args = (str(root), "--db", str(db), "--workers", "2", "--rules", str(recon_rules))
    code_1, night_1 = batch_json(*args)
    before = {(r["rule_id"], r["subject"]) for r in _records(db, night_1["run"]) if r["rule_id"].startswith("RECON-")}
    assert ("RECON-REFERRAL-NOT-RECEIVED", "referral/YS-2024-005") in before
    # the public-security office now lists referral 005 as received (and not 009): the finding
    # on the market regulator's report, which is unchanged and reused, is gone
    police = root / "recon" / "harbin-public-security-2024.json"
    police.write_text(police.read_text(encoding="utf-8").replace("YS-2024-009", "YS-2024-005"), encoding="utf-8")
    code_2, night_2 = batch_json(*args)
    code_3, full = batch_json(*args, "--recheck-all")
    assert night_2["checked_now"] == 1 and night_2["reused"] == night_2["reports"] - 1
    assert full["checked_now"] == full["reports"] and full["reused"] == 0
    assert code_2 == code_3 == 2  # the unreadable files of the mixed fixture
    after = {(r["rule_id"], r["subject"]) for r in _records(db, night_2["run"]) if r["rule_id"].startswith("RECON-")}
    assert ("RECON-REFERRAL-NOT-RECEIVED", "referral/YS-2024-005") not in after and after != before

    def same(summary: dict) -> dict:
        return {k: v for k, v in summary.items() if k not in ("run", "reused", "checked_now")}
    assert same(night_2) == same(full)
    assert _records(db, night_2["run"]) == _records(db, full["run"])
    diff = cli("runs", "diff", str(night_2["run"]), str(full["run"]), "--db", str(db))
    assert diff.stdout.splitlines()[0].startswith(f"run {night_2['run']} → run {full['run']}: 0 new, 0 resolved,")
    assert (cli("runs", "diff", "1", str(night_2["run"]), "--db", str(db), "--format", "jsonl").stdout
            == cli("runs", "diff", "1", str(full["run"]), "--db", str(db), "--format", "jsonl").stdout)


def test_changed_rules_recheck_every_report(tmp_path: Path, recon_rules: Path):
    rules = tmp_path / "rules"
    shutil.copytree(recon_rules, rules)
    root, db = _reports(tmp_path), tmp_path / "runs.sqlite"
    args = (str(root), "--db", str(db), "--workers", "1", "--rules", str(rules))
    batch_json(*args)
    code, same = batch_json(*args)
    assert same["reused"] == 4 and same["checked_now"] == 0
    plan = rules / "heilongjiang-2023" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    code, edited = batch_json(*args)
    assert edited["reused"] == 0 and edited["checked_now"] == 4
    versions = [r["rules_version"] for r in rows(db, "SELECT rules_version FROM runs ORDER BY id")]
    assert versions[0] == versions[1] != versions[2]


def test_input_errors_are_reused_only_when_hashed_by_their_bytes(tmp_path: Path):
    root, db = tmp_path / "reports", tmp_path / "runs.sqlite"
    root.mkdir()
    (root / "broken.json").write_text("{", encoding="utf-8")
    shutil.copy(SAMPLES[0], root / "big.json")  # over 1,000 bytes
    args = (str(root), "--db", str(db), "--workers", "1", "--max-bytes", "1000")
    code, first = batch_json(*args)
    assert code == 2 and first["unreadable"] == 2
    code, second = batch_json(*args)
    # invalid JSON is invalid for the same bytes; a file over the size limit was never read (its
    # hash is its size and mtime, and its message names the limit): checked again
    assert code == 2 and second["reused"] == 1 and second["checked_now"] == 1
    assert [e["message"] for e in second["errors"]] == [e["message"] for e in first["errors"]]


def test_a_resumed_run_keeps_its_reused_reports_once(tmp_path: Path):
    root, db = _reports(tmp_path), tmp_path / "runs.sqlite"
    batch_json(str(root), "--db", str(db), "--workers", "1")
    batch_json(str(root), "--db", str(db), "--workers", "1")
    con = sqlite3.connect(db)
    con.execute("UPDATE runs SET status = 'running' WHERE id = 2")  # as if killed after the copies
    con.commit()
    con.close()
    _touch(root / _name(2))
    code, resumed = batch_json(str(root), "--db", str(db), "--workers", "1")
    assert resumed["run"] == 2 and resumed["resumed"] is True
    assert resumed["skipped"] == 3 and resumed["checked_now"] == 1 and resumed["reused"] == 3
    counts = rows(db, "SELECT path, COUNT(*) AS n FROM reports WHERE run_id = 2 GROUP BY path")
    assert len(counts) == 4 and all(r["n"] == 1 for r in counts)
    # resumed with --recheck-all, the copies made before the interruption are checked too
    con = sqlite3.connect(db)
    con.execute("UPDATE runs SET status = 'running' WHERE id = 2")
    con.commit()
    con.close()
    code, rechecked = batch_json(str(root), "--db", str(db), "--workers", "1", "--recheck-all")
    assert rechecked["run"] == 2 and rechecked["skipped"] == 1 and rechecked["checked_now"] == 3
    assert rechecked["reused"] == 0
    counts = rows(db, "SELECT path, COUNT(*) AS n FROM reports WHERE run_id = 2 GROUP BY path")
    assert len(counts) == 4 and all(r["n"] == 1 for r in counts)
    store = Store(db)
    try:  # copying into a run that holds the paths already copies nothing
        hashes = {r["path"]: r["content_hash"]
                  for r in rows(db, "SELECT path, content_hash FROM reports WHERE run_id = 1")}
        version = rows(db, "SELECT rules_version FROM runs WHERE id = 2")[0][0]
        assert store.reuse(2, version, hashes) == set()
    finally:
        store.close()


# SCHEMA is the version-0 schema every database before reuse has; a database from then is one
# created with it alone, user_version 0
def test_a_database_from_before_reuse_is_migrated_and_its_results_reused(tmp_path: Path):
    root, db = _reports(tmp_path), tmp_path / "runs.sqlite"
    code, first = batch_json(str(root), "--db", str(db), "--workers", "1")
    old = tmp_path / "old.sqlite"
    con = sqlite3.connect(old)
    con.executescript(SCHEMA)
    con.execute("ATTACH ? AS new", (str(db),))
    for table in ("runs", "reports", "findings"):
        columns = ", ".join(r[1] for r in con.execute(f"PRAGMA main.table_info({table})"))
        con.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM new.{table}")
    con.commit()
    con.execute("DETACH new")
    assert con.execute("PRAGMA user_version").fetchone()[0] == 0
    assert "reused_from" not in {r[1] for r in con.execute("PRAGMA table_info(reports)")}
    con.close()
    shown = cli("runs", "show", "1", "--db", str(old))
    assert shown.returncode == 0 and shown.stdout.splitlines()[2].startswith("run 1: 4 reports")
    code, second = batch_json(str(root), "--db", str(old), "--workers", "1")
    assert second["run"] == 2 and second["reused"] == 4 and second["checked_now"] == 0
    assert _records(old, 2) == _records(old, 1)
    con = sqlite3.connect(old)
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    finally:
        con.close()


def test_the_rules_version_covers_the_engine_code_and_result_packages(monkeypatch):
    """A new plancheck with the same rules must not reuse old verdicts: an install or an edit of
    the engine changes its code stamps; a new holiday calendar can move a deadline."""
    from engine.batch import version
    from engine.rules.packs import resolve_packs

    packs = resolve_packs()
    before = version.rules_version(packs)
    assert "chinese-calendar" in version.RESULT_PACKAGES
    monkeypatch.setattr(version, "code_stamps", lambda: "an edited engine")
    edited = version.rules_version(packs)
    assert edited != before
    real = version._version
    monkeypatch.setattr(version, "_version",
                        lambda package, otherwise: "9.9" if package == "chinese-calendar" else real(package, otherwise))
    assert version.rules_version(packs) not in (before, edited)
