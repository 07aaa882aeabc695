"""Every kind of unusable input: exit 2, one line on stderr naming file and position, no traceback.

A report that can be read, with a valid header, is never such input: its invalid values are
findings (tests/test_invalid_values.py)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from install_mode import cli_argv

BAD = Path(__file__).parent / "fixtures" / "bad_reports"

# file -> (position prefix after the file name, text the message must contain)
EXPECTED = {
    "duplicate-key.json": ("3:3: /plan", "duplicate key 'plan'"),
    "empty.json": ("", "file is empty"),
    "external-entity.xml": ("1: /", "DTD/entity declarations are not allowed"),
    "invalid-utf8.json": ("2:15: /", "invalid UTF-8"),
    "malformed.xml": ("5:10: /", "invalid XML"),
    "missing-field.json": ("11:13: /period/start", "required field 'start' is missing"),
    "nan.json": ("3:12: /value", "NaN is not a valid JSON number"),
    "period-reversed.json": ("11:13: /period", "before it starts"),
    "top-level-array.json": ("1:1: /", "must be an object"),
    "trailing-garbage.json": ("2:1: /", "Extra data"),
    "truncated.json": ("3:11: /", "Expecting value"),
    "unknown-plan.json": ("3:11: /plan", "unknown plan 'heilongjiang-2031'"),
    "whitespace-only.json": ("", "file is empty"),
}


def _run(*args: str):
    return CliRunner().invoke(cli.main, ["check", *args])


def test_every_fixture_has_an_expectation():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_report_gives_exit_2_and_one_located_line(name: str):
    position, text = EXPECTED[name]
    path = BAD / name
    result = _run("--lang", "en", str(path))  # the Chinese lines: tests/test_typing_errors.py
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line]
    assert len(lines) == 1, result.stderr
    head = f"plancheck: error: {path}:{position}: " if position else f"plancheck: error: {path}: "
    assert lines[0].startswith(head), lines[0]
    assert text in lines[0]
    assert "Traceback" not in result.output


def test_missing_file_and_directory(tmp_path: Path):
    missing = _run(str(tmp_path / "absent.json"))
    assert missing.exit_code == 2 and "absent.json: 文件不存在（请核对路径和文件名）" in missing.stderr  # Chinese by default
    missing_en = _run("--lang", "en", str(tmp_path / "absent.json"))
    assert missing_en.exit_code == 2 and "absent.json: no such file" in missing_en.stderr
    # a directory is searched for reports (issue 13); one without any is an error
    folder = _run(str(tmp_path))
    assert folder.exit_code == 2 and f"{tmp_path}: 该文件夹中没有 .json/.xml/.xlsx 报告文件" in folder.stderr
    folder_en = _run("--lang", "en", str(tmp_path))
    assert folder_en.exit_code == 2 and f"{tmp_path}: no .json/.xml/.xlsx report files found in this directory" in folder_en.stderr


def test_oversized_file_is_rejected_before_reading(tmp_path: Path, repo: Path):
    sample = repo / "samples" / "heilongjiang-2023" / "market-regulation-2024-compliant.json"
    result = _run("--max-bytes", "100", str(sample))
    assert result.exit_code == 2 and f"文件有 {sample.stat().st_size} 字节，超过 100 字节的上限" in result.stderr
    result = _run("--lang", "en", "--max-bytes", "100", str(sample))
    assert result.exit_code == 2 and "over the 100-byte limit" in result.stderr


def test_bad_file_does_not_hide_good_files_findings(repo: Path):
    sample = repo / "samples" / "heilongjiang-2023" / "market-regulation-2024-compliant.json"
    result = _run("--format", "json", str(sample), str(BAD / "truncated.json"))
    assert result.exit_code == 2
    assert '"path": "' + str(sample) in result.stdout and '"errors": [' in result.stdout


def test_invalid_rules_directory_is_exit_2(tmp_path: Path, repo: Path):
    sample = repo / "samples" / "heilongjiang-2023" / "market-regulation-2024-compliant.json"
    rules = tmp_path / "rules" / "common"
    rules.mkdir(parents=True)
    (rules / "X.yaml").write_text("id: X-1\nseverity: fatal\n", encoding="utf-8")
    result = _run("--rules", str(tmp_path / "rules"), str(sample))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"plancheck: error: {rules / 'X.yaml'}:")


def test_no_traceback_from_the_installed_entry_point(repo: Path):
    """The real process (not CliRunner) must also stay one line on a bad file."""
    env = dict(os.environ, PYTHONPATH=str(repo))
    proc = subprocess.run([*cli_argv(), "check", str(BAD / "nan.json")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
