"""`plancheck batch` for the night operator: inputs that match nothing fail loudly (an unmounted
share is an empty directory), progress lines in a log, failing departments first and `--top`."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from batch_helpers import REPO, cli, rows

HLJ = REPO / "samples" / "heilongjiang-2023"
STAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d plancheck batch: "


def test_an_empty_directory_alone_is_an_error_and_records_no_run(tmp_path: Path):
    mount, db = tmp_path / "mnt" / "reports", tmp_path / "runs.sqlite"
    mount.mkdir(parents=True)
    (mount / "README.txt").write_text("挂载点", encoding="utf-8")
    proc = cli("batch", str(mount), "--db", str(db), "--workers", "1")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == (f"plancheck: error: no report file matches the inputs: {mount}: directory holds "
                           "no .json or .xml file (is the share mounted?)\n")
    assert rows(db, "SELECT COUNT(*) FROM runs")[0][0] == 0
    assert cli("runs", "list", "--db", str(db)).stdout.splitlines()[1:] == []


def test_missing_directory_and_empty_pattern_are_named_one_line_each(tmp_path: Path):
    proc = cli("batch", str(tmp_path / "不存在"), str(tmp_path / "*.xml"), "--db", str(tmp_path / "runs.sqlite"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1
    assert f"{tmp_path / '不存在'}: no such file or directory" in proc.stderr
    assert f"{tmp_path / '*.xml'}: pattern matches no .json or .xml file" in proc.stderr


@pytest.fixture(scope="module")
def partly_missing(tmp_path_factory):
    """One share present with three reports, one share empty (not mounted): the run goes on
    over what is there, lists the empty input, and exits 2 (never green)."""
    tmp = tmp_path_factory.mktemp("shares")
    harbin, qiqihar = tmp / "harbin", tmp / "qiqihar"
    harbin.mkdir()
    qiqihar.mkdir()
    for name in ("ip-office-2024-gaps.json", "court-2024-compliant.json", "market-regulation-2024-credit-broken.json"):
        shutil.copy(HLJ / name, harbin / name)
    proc = cli("batch", str(harbin), str(qiqihar), "--db", str(tmp / "runs.sqlite"), "--workers", "2",
               "--progress", "--progress-every", "1", "--top", "1")
    return proc, qiqihar


def test_a_run_with_an_empty_input_goes_on_and_exits_2(partly_missing):
    proc, qiqihar = partly_missing
    assert proc.returncode == 2
    assert proc.stdout.startswith("run 1: 3 reports — 3 checked, 2 with findings")
    assert f"inputs that matched no report file:\n  {qiqihar}: directory holds no .json or .xml file" in proc.stdout
    assert proc.stderr.splitlines()[-1] == (f"plancheck: error: {qiqihar}: directory holds no .json or .xml "
                                            "file (is the share mounted?)")


def test_summary_lists_failing_departments_first_and_takes_top(partly_missing):
    proc, _ = partly_missing
    lines = proc.stdout.splitlines()
    head = lines.index("by department (failing first):")
    assert lines[head + 1].split() == ["failing", "reports", "findings", "department"]
    assert lines[head + 2].split()[0] == "1" and lines[head + 2].split()[2] == "7"
    assert lines[head + 3] == "  … 2 more departments not shown (1 failing, 7 findings)"
    assert "黑龙江省高级人民法院" not in proc.stdout  # the clean court is past the top 1


def test_progress_lines_in_a_log(partly_missing):
    proc, _ = partly_missing
    progress = [line for line in proc.stderr.splitlines() if "plancheck batch:" in line]
    assert all(re.match(STAMP, line) for line in progress), progress
    assert progress[0].endswith("plancheck batch: 3 reports to go through")
    counts = [re.search(r": (\d)/3 reports", line).group(1) for line in progress[1:]]
    assert counts == ["1", "2", "3"]
    assert progress[-1].endswith(", done") and "(100%)" in progress[-1]


def test_quiet_prints_one_line_and_no_progress(tmp_path: Path):
    shutil.copy(HLJ / "court-2024-compliant.json", tmp_path / "court.json")
    proc = cli("batch", str(tmp_path / "court.json"), "--db", str(tmp_path / "runs.sqlite"), "--workers", "1",
               "-q", "--progress-every", "1")
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout.splitlines() == ["run 1: 1 report — 1 checked, 0 with findings at or above error, "
                                        "0 unreadable; 0 findings (0 from reconciliation)"]
    # stderr is not a terminal here, so without -q the log gets progress lines by default
    again = cli("batch", str(tmp_path / "court.json"), "--db", str(tmp_path / "runs.sqlite"), "--workers", "1")
    assert re.search(STAMP + r"1/1 reports \(100%\).*done", again.stderr)
    silent = cli("batch", str(tmp_path / "court.json"), "--db", str(tmp_path / "runs.sqlite"), "--workers", "1",
                 "--no-progress")
    assert silent.stderr == ""


def test_json_summary_top_counts_what_it_leaves_out(tmp_path: Path):
    root = tmp_path / "in"
    root.mkdir()
    for name in ("ip-office-2024-gaps.json", "court-2024-compliant.json"):
        shutil.copy(HLJ / name, root / name)
    proc = cli("batch", str(root), str(tmp_path / "*.xml"), "--db", str(tmp_path / "runs.sqlite"), "--workers", "1",
               "--format", "json", "--top", "1", "--no-progress")
    summary = json.loads(proc.stdout)
    assert proc.returncode == 2  # the pattern matched nothing
    assert list(summary["by_department"]) == ["heilongjiang-2023 黑龙江省知识产权局"]
    assert summary["departments_omitted"] == {"departments": 1, "failing": 0, "findings": 0}
    assert summary["unmatched_inputs"] == [{"input": str(tmp_path / "*.xml"),
                                            "reason": "pattern matches no .json or .xml file"}]
