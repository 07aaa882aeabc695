"""`plancheck runs diff` over two nights: a department that stopped reporting (its findings are
unreported, not resolved), a new one, one reporting under an alias (the same department), one
whose findings persist, an unreadable file; `--changed`; CSV for Excel; header rows."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from batch_helpers import FIXTURES, REPO, batch_json, cli

HLJ = REPO / "samples" / "heilongjiang-2023"
RUICHANG = REPO / "samples" / "ruichang"


@pytest.fixture(scope="module")
def two_nights(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("nights")
    root, db = tmp / "reports", tmp / "runs.sqlite"
    root.mkdir()
    shutil.copy(RUICHANG / "market-regulation-2024-compliant.json", root / "ruichang-market.json")  # 瑞昌市市场监督管理局
    shutil.copy(HLJ / "ip-office-2024-gaps.json", root / "hlj-ip-office.json")
    shutil.copy(HLJ / "market-regulation-2024-credit-broken.json", root / "hlj-daqing-market.json")
    shutil.copy(HLJ / "copyright-2024-compliant.json", root / "hlj-copyright.json")
    code, first = batch_json(str(root), "--db", str(db), "--workers", "2")
    assert first["run"] == 1 and code == 1
    # the next night: the IP office sent nothing, the court is new, Ruichang's market regulator
    # signs with its short name (瑞昌市市场监管局) and has gaps, the copyright office's file is
    # truncated
    (root / "hlj-ip-office.json").unlink()
    shutil.copy(HLJ / "court-2024-compliant.json", root / "hlj-court.json")
    shutil.copy(RUICHANG / "market-regulation-2024-gaps.json", root / "ruichang-market.json")
    shutil.copy(FIXTURES / "mixed" / "harbin" / "truncated.json", root / "hlj-copyright.json")
    code, second = batch_json(str(root), "--db", str(db), "--workers", "2")
    assert second["run"] == 2 and code == 2
    return db


def _jsonl(db: Path, *args: str) -> list[dict]:
    proc = cli("runs", "diff", "1", "2", "--db", str(db), "--format", "jsonl", *args)
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_text_names_stopped_and_new_departments(two_nights: Path):
    proc = cli("runs", "diff", "1", "2", "--db", str(two_nights))
    assert proc.returncode == 0 and proc.stderr == ""
    lines = proc.stdout.splitlines()
    assert lines[0] == ("run 1 → run 2: 11 new, 0 resolved, 7 persisting, 7 unreported; "
                        "2 departments stopped reporting, 1 new")
    text = proc.stdout
    copyright_file = two_nights.parent / "reports" / "hlj-copyright.json"
    assert ("stopped reporting (a report in run 1, none in run 2):\n"
            f"  heilongjiang-2023 黑龙江省版权局: 1 report, 0 findings in run 1 (its file {copyright_file} "
            "could not be read in run 2)\n"
            "  heilongjiang-2023 黑龙江省知识产权局: 1 report, 7 findings in run 1 (listed as unreported, not resolved)\n"
            ) in text
    assert ("new departments (a report in run 2, none in run 1):\n"
            "  heilongjiang-2023 黑龙江省高级人民法院: 1 report, 0 findings in run 2\n") in text
    assert "plan and canonical name" in text  # says how a department is identified
    assert f"run 2 has 1 unreadable report; its department cannot be told (it may be one listed as stopped):\n  {copyright_file}\n" in text
    # the alias is the same department: neither stopped nor new
    assert "瑞昌市市场监管局" not in text
    header = lines.index("by department:") + 1
    assert lines[header].split() == ["new", "resolved", "persisting", "unreported", "department"]
    rows = {line.split()[-1]: line.split()[:4] for line in lines[header + 1:header + 4]}
    assert rows == {"大庆市市场监督管理局": ["0", "0", "7", "0"], "黑龙江省知识产权局": ["0", "0", "0", "7"],
                    "瑞昌市市场监督管理局": ["11", "0", "0", "0"]}
    assert "resolved   黑龙江省知识产权局" not in text  # the office's findings are not "resolved"


def test_changed_leaves_out_what_persists(two_nights: Path):
    text = cli("runs", "diff", "1", "2", "--db", str(two_nights), "--changed").stdout
    assert "by department (changed only):" in text
    assert "大庆市市场监督管理局" not in text  # only persisting findings
    assert "黑龙江省知识产权局" in text and "瑞昌市市场监督管理局" in text
    everything, changed = _jsonl(two_nights), _jsonl(two_nights, "--changed")
    assert {r["change"] for r in everything} == {"department_stopped", "department_new", "new", "persisting",
                                                 "unreported"}
    assert changed == [r for r in everything if r["change"] != "persisting"]


def test_jsonl_department_records_and_unreported_findings(two_nights: Path):
    records = _jsonl(two_nights)
    departments = [(r["change"], r["plan"], r["department"]) for r in records if r["rule_id"] is None]
    assert departments == [("department_stopped", "heilongjiang-2023", "黑龙江省版权局"),
                           ("department_stopped", "heilongjiang-2023", "黑龙江省知识产权局"),
                           ("department_new", "heilongjiang-2023", "黑龙江省高级人民法院")]
    unreported = [r for r in records if r["change"] == "unreported"]
    assert len(unreported) == 7 and {r["department"] for r in unreported} == {"黑龙江省知识产权局"}
    assert not [r for r in records if r["change"] == "resolved"]


def test_csv_for_excel_has_bom_crlf_and_reads_back(two_nights: Path):
    proc = cli("runs", "diff", "1", "2", "--db", str(two_nights), "--excel", text=False)
    assert proc.returncode == 0
    data = proc.stdout
    assert data.startswith("\ufeff".encode("utf-8")) and b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert table[0]["change"] == "department_stopped" and table[0]["department"] == "黑龙江省版权局"
    assert [r["fingerprint"] for r in table if r["fingerprint"]] == [r["fingerprint"] for r in _jsonl(two_nights)
                                                                       if r["fingerprint"]]


def test_excel_with_jsonl_is_a_usage_error(two_nights: Path):
    proc = cli("runs", "diff", "1", "2", "--db", str(two_nights), "--excel", "--format", "jsonl")
    assert proc.returncode == 2 and "--excel writes CSV" in proc.stderr and "Traceback" not in proc.stderr


def test_show_csv_has_no_always_empty_column(two_nights: Path):
    plain = cli("runs", "show", "1", "--db", str(two_nights), "--format", "csv")
    assert not plain.stdout.startswith("\ufeff")  # plain CSV stays plain for scripts
    table = list(csv.DictReader(io.StringIO(plain.stdout)))
    assert "change" not in table[0]
    empty = [column for column in table[0] if column != "other_path" and not any(r[column] for r in table)]
    assert empty == []
    assert all(r["location"].startswith("/") for r in table)
    excel = cli("runs", "show", "1", "--db", str(two_nights), "--excel", text=False).stdout
    assert excel.startswith(b"\xef\xbb\xbfplan,department,rule_id,")


def test_list_and_show_print_a_header_row(two_nights: Path):
    listed = cli("runs", "list", "--db", str(two_nights)).stdout.splitlines()
    assert listed[0].split("\t") == ["id", "status", "started", "finished", "reports", "findings",
                                     "fail_level", "rules_version"]
    assert [line.split("\t")[:2] for line in listed[1:]] == [["1", "complete"], ["2", "complete"]]
    assert [line.split("\t")[4:6] for line in listed[1:]] == [["4", "14"], ["4", "18"]]
    shown = cli("runs", "show", "2", "--db", str(two_nights)).stdout.splitlines()
    assert shown[0] == listed[0] and shown[1] == listed[2]
    assert shown[2].startswith("run 2: 4 reports")


def test_show_top_lists_failing_departments_first(two_nights: Path):
    text = cli("runs", "show", "2", "--db", str(two_nights), "--top", "1").stdout
    table = text[text.index("by department (failing first):"):].splitlines()
    assert table[1].split() == ["failing", "reports", "findings", "department"]
    assert table[2].split()[:3] == ["1", "1", "11"] and table[2].endswith("ruichang 瑞昌市市场监督管理局")
    assert table[3] == "  … 2 more departments not shown (1 failing, 7 findings)"  # court, Daqing


def test_unknown_run_is_one_line_and_exit_2(two_nights: Path):
    proc = cli("runs", "diff", "1", "7", "--db", str(two_nights))
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == f"plancheck: error: {two_nights}: no run 7\n"
