"""The batch's fast path: reports go to a worker in chunks and come back a chunk per message, the
parent records them in batches, and a worker hashes the bytes it checked. A crash or a hang in
the middle of a chunk is still recorded against the right report, the other reports of the chunk
are checked by the replacement, and every report is recorded exactly once."""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections import deque
from pathlib import Path

import pytest
from batch_helpers import REPO, batch_json, cli, rows

from engine.batch import run as run_module
from engine.batch.pool import MAX_CHUNK, MAX_LOST, WorkerPool, _Slot
from engine.batch.run import FLUSH_REPORTS, FLUSH_SECONDS, _Recorder
from engine.batch.store import ReportResult, Store
from engine.batch.store_schema import FINDING_COLUMNS
from engine.batch.worker import CURRENT, IDLE, ReportWorker
from engine.io.read import DEFAULT_MAX_BYTES

HLJ = REPO / "samples" / "heilongjiang-2023"
SAMPLES = sorted(HLJ.glob("*.json"))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def faulty_run(tmp_path_factory):
    """Two counties' reports, one worker (so chunks are full), a crash and a hang in the middle
    of the first chunks; stdout and stderr of the text summary."""
    tmp = tmp_path_factory.mktemp("chunks")
    root = tmp / "reports"
    for county in ("呼兰区", "阿城区"):
        (root / county).mkdir(parents=True)
        for sample in SAMPLES:
            shutil.copy(sample, root / county / sample.name)
    # sorted among the samples: court-… < crash-me < ip-office-…, copyright-… < hang-me < ip-office-…
    shutil.copy(HLJ / "court-2024-compliant.json", root / "呼兰区" / "crash-me.json")
    shutil.copy(HLJ / "court-2024-compliant.json", root / "呼兰区" / "hang-me.json")
    (root / "阿城区" / "truncated.json").write_bytes((HLJ / "court-2024-compliant.json").read_bytes()[:300])
    db = tmp / "runs.sqlite"
    proc = cli("batch", str(root), "--db", str(db), "--workers", "1", "--timeout", "3", "--no-progress",
               env={"PLANCHECK_BATCH_FAULTS": "crash:crash-me,hang:hang-me"})
    return root, db, proc


def test_a_crash_and_a_hang_mid_chunk_are_pinned_on_their_reports(faulty_run):
    root, db, proc = faulty_run
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    crash, hang = root / "呼兰区" / "crash-me.json", root / "呼兰区" / "hang-me.json"
    errors = proc.stderr.splitlines()
    assert f"plancheck: error: {crash}: the worker checking this report crashed (SIGSEGV)" in errors
    assert f"plancheck: error: {hang}: not checked within the 3-second limit per report" in errors
    assert any(line.startswith(f"plancheck: error: {root / '阿城区' / 'truncated.json'}:") for line in errors)
    assert len(errors) == 3


def test_every_report_of_a_faulty_run_is_recorded_once_and_the_others_checked(faulty_run):
    root, db, _ = faulty_run
    total = 2 * len(SAMPLES) + 3
    assert total > 2 * MAX_CHUNK  # several full chunks
    recorded = rows(db, "SELECT path, status, error_kind, COUNT(*) OVER (PARTITION BY path) AS n FROM reports")
    assert len(recorded) == total and all(r["n"] == 1 for r in recorded)
    kinds = {Path(r["path"]).name: r["error_kind"] for r in recorded if r["status"] == "error"}
    assert kinds == {"crash-me.json": "crash", "hang-me.json": "timeout", "truncated.json": "input"}
    assert rows(db, "SELECT status FROM runs")[0]["status"] == "complete"


def test_recorded_hashes_are_of_the_files_bytes(faulty_run):
    root, db, _ = faulty_run
    recorded = {r["path"]: r["content_hash"] for r in rows(db, "SELECT path, content_hash FROM reports")}
    for path in (root / "阿城区" / "court-2024-compliant.json", root / "阿城区" / "truncated.json",
                 root / "呼兰区" / "crash-me.json", root / "呼兰区" / "hang-me.json"):
        assert recorded[str(path)] == _sha256(path)


def test_a_rerun_of_the_same_files_skips_every_recorded_report(tmp_path):
    """The content hash a worker takes of the bytes it read is the one the resume compares with."""
    root = tmp_path / "reports"
    root.mkdir()
    for sample in SAMPLES[:4]:
        shutil.copy(sample, root / sample.name)
    db = tmp_path / "runs.sqlite"
    proc = cli("batch", str(root), "--db", str(db), "--workers", "1", "--no-progress")
    assert proc.returncode in (0, 1)
    con = sqlite3.connect(db)
    con.execute("UPDATE runs SET status = 'running'")  # as if killed after its last report
    con.commit()
    con.close()
    proc = cli("batch", str(root), "--db", str(db), "--workers", "1", "--no-progress")
    assert proc.stdout.splitlines()[0] == "resumed run 1: 4 reports already recorded, 0 checked now"
    code, summary = batch_json(str(root), "--db", str(db), "--workers", "1", "--recheck-all")
    assert summary["run"] == 2 and summary["checked_now"] == 4


# the worker ------------------------------------------------------------------------------------

def test_the_worker_reads_a_report_once_and_hashes_those_bytes(monkeypatch):
    worker = ReportWorker()
    monkeypatch.setattr("engine.batch.worker.content_hash", lambda *a: pytest.fail("file read a second time"))
    sample = HLJ / "court-2024-compliant.json"
    result = worker.check(str(sample), DEFAULT_MAX_BYTES)
    assert result.status == "checked" and result.content_hash == _sha256(sample)


def test_a_file_the_worker_cannot_read_is_hashed_by_what_can_be_known(tmp_path):
    worker = ReportWorker()
    missing = worker.check(str(tmp_path / "不存在.json"), DEFAULT_MAX_BYTES)
    assert missing.status == "error" and missing.error_kind == "input" and missing.content_hash is None
    big = tmp_path / "大.json"
    big.write_bytes(b"{}" * 100)
    oversize = worker.check(str(big), 50)
    assert oversize.error_kind == "input" and oversize.content_hash.startswith("oversize:200:")
    assert "over the 50-byte limit" in oversize.error


# the store -------------------------------------------------------------------------------------

def _finding(rule_id: str, fingerprint: str) -> tuple:
    values = dict.fromkeys(FINDING_COLUMNS, None)
    values.update(rule_id=rule_id, severity="error", category="task", subject="18", fingerprint=fingerprint)
    return tuple(values[c] for c in FINDING_COLUMNS)


def _result(path: str, *findings: tuple) -> ReportResult:
    return ReportResult(path, "checked", "hash-" + path, meta={"plan": "heilongjiang-2023"},
                        findings=list(findings), error_findings=len(findings))


def test_a_batch_of_reports_is_recorded_with_each_findings_on_its_own_report(tmp_path):
    store = Store(tmp_path / "runs.sqlite")
    run_id, _ = store.start_run(["in"], "key", "v1", "source", "error")
    store.record_many(run_id, "v1", [_result("a.json", _finding("HLJ-18", "fa")), _result("b.json"),
                                     _result("c.json", _finding("HLJ-19", "fc1"), _finding("HLJ-20", "fc2"))])
    store.record_many(run_id, "v1", [_result("d.json", _finding("HLJ-21", "fd"))])
    found = {(r["path"], r["fingerprint"]) for r in store.findings(run_id)}
    assert found == {("a.json", "fa"), ("c.json", "fc1"), ("c.json", "fc2"), ("d.json", "fd")}
    assert [r["findings"] for r in store.reports(run_id)] == [1, 0, 2, 1]
    store.close()


def test_a_report_recorded_again_replaces_its_earlier_record(tmp_path):
    store = Store(tmp_path / "runs.sqlite")
    run_id, _ = store.start_run(["in"], "key", "v1", "source", "error")
    store.record_many(run_id, "v1", [_result("a.json", _finding("HLJ-18", "old")), _result("b.json")])
    store.record_many(run_id, "v2", [_result("a.json", _finding("HLJ-18", "new"))])
    assert [(r["path"], r["rules_version"]) for r in store.reports(run_id)] == [("a.json", "v2"), ("b.json", "v1")]
    assert [r["fingerprint"] for r in store.findings(run_id)] == ["new"]
    store.close()


def test_a_batch_is_recorded_whole_or_not_at_all(tmp_path):
    store = Store(tmp_path / "runs.sqlite")
    run_id, _ = store.start_run(["in"], "key", "v1", "source", "error")
    broken = _result("b.json", ("too", "short"))
    with pytest.raises(sqlite3.Error):
        store.record_many(run_id, "v1", [_result("a.json", _finding("HLJ-18", "fa")), broken])
    assert store.reports(run_id) == [] and store.findings(run_id) == []
    store.close()


# the recorder and the pool's bookkeeping --------------------------------------------------------

class _Clock:
    def __init__(self):
        self.now = 100.0

    def monotonic(self) -> float:
        return self.now


def test_results_are_recorded_every_hundred_reports_or_after_a_second(tmp_path, monkeypatch):
    clock = _Clock()
    monkeypatch.setattr(run_module, "time", clock)
    store = Store(tmp_path / "runs.sqlite")
    run_id, _ = store.start_run(["in"], "key", "v1", "source", "error")
    progress: list[int] = []
    recorder = _Recorder(store, run_id, "v1", progress.append, done=3)
    for i in range(FLUSH_REPORTS + 1):
        recorder.add(_result(f"{i:03d}.json"))
    assert len(store.reports(run_id)) == FLUSH_REPORTS and progress[-1] == 3 + FLUSH_REPORTS
    assert recorder.due() == pytest.approx(FLUSH_SECONDS)
    clock.now += FLUSH_SECONDS
    assert recorder.due() is None
    assert len(store.reports(run_id)) == FLUSH_REPORTS + 1 and progress[-1] == 4 + FLUSH_REPORTS
    store.close()


def _lost_slot(paths: list[str], current: float) -> _Slot:
    slot = _Slot(proc=None, conn=None, progress=[IDLE, 0.0])
    slot.inflight.extend(paths)
    slot.chunks.append(len(paths))
    slot.received = 10
    slot.progress[CURRENT] = current
    return slot


def test_a_dead_workers_other_reports_go_back_to_the_front_of_the_queue():
    pool, recorded = WorkerPool(1, None, 1.0), []
    slot = _lost_slot(["a", "b", "c"], current=11)  # the worker was on "b"
    assert slot.current() == 1
    pending = deque(["d"])
    pool._requeue(slot, pending, recorded.append, slot.current())
    assert list(pending) == ["a", "c", "d"] and recorded == [] and not slot.inflight and not slot.chunks


def test_a_report_lost_again_and_again_between_reports_is_recorded_as_a_crash():
    pool, recorded = WorkerPool(1, None, 1.0), []
    pool._max_bytes = DEFAULT_MAX_BYTES
    pending = deque()
    for _ in range(MAX_LOST):
        pending.clear()  # sent to the next worker, which dies too
        slot = _lost_slot(["/nowhere/a.json"], current=IDLE)
        assert slot.current() is None
        pool._requeue(slot, pending, recorded.append, None, -11)
    assert not pending
    assert [(r.path, r.error_kind, r.error) for r in recorded] == [
        ("/nowhere/a.json", "crash", "/nowhere/a.json: the worker checking this report crashed (SIGSEGV)")]


def test_chunks_are_full_in_the_run_and_shrink_at_its_end_to_spread_the_last_reports():
    pool = WorkerPool(2, None, 1.0)
    pool._slots = [None, None]  # two workers (their slots are not looked at)
    assert pool._chunk_size(deque(range(1000))) == MAX_CHUNK
    assert pool._chunk_size(deque(range(12))) == 3  # four chunks in flight over two workers
    assert pool._chunk_size(deque(range(3))) == 1


def test_replacing_a_report_finds_its_findings_by_index_not_by_scanning_the_run(tmp_path):
    """A resumed run replacing thousands of changed reports must not scan every finding of the
    run for each of them (it did, through `other_report_id`, which had no index)."""
    store = Store(tmp_path / "runs.sqlite")
    for column in ("report_id", "other_report_id"):
        plan = store.db.execute(f"EXPLAIN QUERY PLAN DELETE FROM findings WHERE {column} = ?", (1,)).fetchall()
        assert "USING INDEX" in plan[0]["detail"], plan[0]["detail"]
    store.close()
