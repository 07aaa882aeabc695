"""What `check` reads (issue 13): `-` (standard input, JSON or XML told from its first
character, named `<stdin>`), directories (recursively, .json and .xml) and glob patterns, found
as `batch` finds them."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from engine.inputs import STDIN_NAME, expand

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples" / "heilongjiang-2023"
GAPS_JSON = SAMPLES / "ip-office-2024-gaps.json"
GAPS_XML = SAMPLES / "ip-office-2024-gaps.xml"


def _check(*args: str, **kwargs):
    return CliRunner().invoke(cli.main, ["check", *args], **kwargs)


@pytest.mark.parametrize("sample", [GAPS_JSON, GAPS_XML])
def test_stdin_json_and_xml(sample: Path):
    result = _check("-", "--format", "concise", input=sample.read_bytes())
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 8 and all(line.startswith(f"{STDIN_NAME}:") for line in lines[:-1])
    assert lines[-1] == "共 7 项问题（错误 5，警告 2，提示 0），检查报告 1 份。"


def test_stdin_text_output_names_it():
    out = _check("-", input=GAPS_JSON.read_bytes()).stdout
    assert out.startswith(f"{STDIN_NAME} — 黑龙江省知识产权局 · heilongjiang-2023")


def test_stdin_errors_are_located_in_stdin():
    result = _check("-", input=b'{"schema_version": "1.0",\n  "plan": }')
    assert result.exit_code == 2
    assert result.stderr.startswith(f"plancheck: error: {STDIN_NAME}:2:")
    assert "Traceback" not in result.output


def test_empty_stdin_is_an_input_error():
    result = _check("-", input=b"")
    assert result.exit_code == 2 and result.stderr == f"plancheck: error: {STDIN_NAME}: 文件是空的\n"  # Chinese by default


def test_stdin_over_the_size_limit():
    result = _check("-", "--max-bytes", "100", input=GAPS_JSON.read_bytes())
    assert result.exit_code == 2
    assert result.stderr == f"plancheck: error: {STDIN_NAME}: 标准输入超过 100 字节的上限\n"
    result = _check("-", "--lang", "en", "--max-bytes", "100", input=GAPS_JSON.read_bytes())
    assert result.stderr == f"plancheck: error: {STDIN_NAME}: standard input is over the 100-byte limit\n"


@pytest.fixture()
def reports(tmp_path: Path) -> Path:
    """A department's folder of submissions: JSON and XML in sub-folders, and a note that is
    not a report."""
    (tmp_path / "2024" / "省局").mkdir(parents=True)
    (tmp_path / "2024" / "市局").mkdir(parents=True)
    shutil.copy(GAPS_JSON, tmp_path / "2024" / "省局" / "ip-office.json")
    shutil.copy(GAPS_XML, tmp_path / "2024" / "省局" / "ip-office.XML")
    shutil.copy(SAMPLES / "court-2024-compliant.json", tmp_path / "2024" / "市局" / "court.json")
    (tmp_path / "2024" / "说明.txt").write_text("报送说明", encoding="utf-8")
    return tmp_path


def test_a_directory_is_searched_recursively(reports: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(reports)
    result = _check("2024", "--format", "concise", "-q")
    assert result.exit_code == 1
    assert result.stdout == "共 14 项问题（错误 10，警告 4，提示 0），检查报告 3 份。\n"
    found = expand(["2024"])
    assert [str(p) for p in found.paths] == ["2024/市局/court.json", "2024/省局/ip-office.XML", "2024/省局/ip-office.json"]


def test_a_glob_pattern(reports: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(reports)
    out = _check("2024/**/*.json", "--format", "concise", "--lang", "en").stdout
    assert "2024/省局/ip-office.json:" in out and ".XML" not in out
    assert out.splitlines()[-1].endswith("in 2 reports.")


def test_files_directories_and_stdin_together_without_repeats(reports: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(reports)
    found = expand(["2024/省局/ip-office.json", "2024", "-", "2024/*/ip-office.json"])
    assert [str(p) for p in found.paths] == ["2024/省局/ip-office.json", "2024/市局/court.json",
                                             "2024/省局/ip-office.XML", STDIN_NAME]


def test_a_directory_without_reports_is_an_error(tmp_path: Path):
    (tmp_path / "空目录").mkdir()
    result = _check(str(tmp_path / "空目录"), str(GAPS_JSON))
    assert result.exit_code == 2
    assert f"plancheck: error: {tmp_path / '空目录'}: 该文件夹中没有 .json/.xml/.xlsx 报告文件" in result.stderr
    assert "黑龙江省知识产权局" in result.stdout  # the other input is still checked


def test_a_pattern_matching_nothing_is_an_error(tmp_path: Path):
    result = _check(str(tmp_path / "*.json"))
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("该匹配模式中没有 .json/.xml/.xlsx 报告文件")
    result = _check("--lang", "en", str(tmp_path / "*.json"))
    assert result.stderr.strip().endswith("no .json/.xml/.xlsx report files found in this pattern")


def test_no_files_is_a_usage_error():
    result = _check()
    assert result.exit_code == 2 and "Missing argument 'FILES...'" in result.stderr


def test_found_paths_are_shown_as_the_argument_was_given(reports: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(reports / "2024" / "市局")
    assert [str(p) for p in expand(["../省局"]).paths] == ["../省局/ip-office.XML", "../省局/ip-office.json"]
    absolute = expand([str(reports / "2024" / "省局")]).paths
    assert [str(p) for p in absolute] == [str(reports / "2024" / "省局" / "ip-office.XML"),
                                          str(reports / "2024" / "省局" / "ip-office.json")]
