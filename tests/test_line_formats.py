"""The one-line-per-finding formats (issue 13): concise (`file:line:col: RULE-ID severity
message`) and github (Actions annotations, escaped as GitHub documents); -q, -v, --color."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from engine.checker import Checker
from engine.io.source import Location
from engine.output.github import escape_data, escape_property
from engine.output.positions import line_col

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples" / "heilongjiang-2023"
GAPS_JSON = SAMPLES / "ip-office-2024-gaps.json"
GAPS_XML = SAMPLES / "ip-office-2024-gaps.xml"
CONCISE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<rule>[A-Z0-9-]+) (?P<severity>error|warning|info) (?P<message>.+)$")


def _check(*args: str, **kwargs):
    return CliRunner().invoke(cli.main, ["check", *args], **kwargs)


@pytest.mark.parametrize("sample", [GAPS_JSON, GAPS_XML])
def test_concise_gives_every_finding_a_clickable_position(sample: Path, checker: Checker):
    result = _check(str(sample), "--format", "concise")
    assert result.exit_code == 1
    *lines, total = result.stdout.splitlines()
    findings = checker.check_path(sample).findings
    assert len(lines) == len(findings) == 7
    for line, finding in zip(lines, findings):
        m = CONCISE.match(line)
        assert m, line
        assert m["file"] == str(sample) and m["rule"] == finding.rule_id and m["severity"] == finding.severity.value
        assert int(m["line"]) == finding.location.line
        assert m["message"] == " ".join(finding.message("zh").split())
    assert total == "共 7 项问题（错误 5，警告 2，提示 0），检查报告 1 份。"


def test_concise_xml_column_is_the_elements_start_tag():
    out = _check(str(GAPS_XML), "--format", "concise").stdout
    # <status> of task[7] (clause 18, not applicable) starts in column 7 of line 106
    assert f"{GAPS_XML}:106:7: TASK-NA-NO-JUSTIFICATION-SUGGESTED warning " in out
    text = GAPS_XML.read_text(encoding="utf-8").splitlines()[105]
    assert text.index("<status>") == 6


def test_position_falls_back_to_the_lines_first_character():
    content = "<r>\n    <x/>\n</r>\n".encode()
    assert line_col(Location("/a", 2, None, "/r/missing"), content) == (2, 5)
    assert line_col(Location("/a", 2, 3), content) == (2, 3)
    assert line_col(Location("/a", None), content) == (1, 1)
    assert line_col(Location("/a", 2, None, "/r/x/@id"), '<r>\n  <x id="1"/>\n</r>'.encode()) == (2, 6)


def test_concise_english_says_one_report_and_plural_findings():
    out = _check(str(GAPS_JSON), "--format", "concise", "--lang", "en").stdout
    assert out.splitlines()[-1] == "Found 7 findings (5 errors, 2 warnings, 0 info) in 1 report."
    one = _check(str(GAPS_JSON), "--format", "concise", "--lang", "en", "--select", "HLJ-67").stdout
    assert one.splitlines()[-1] == "Found 1 finding (1 error, 0 warnings, 0 info) in 1 report."


def test_quiet_concise_prints_the_count_only():
    result = _check(str(GAPS_JSON), str(GAPS_XML), "--format", "concise", "-q")
    assert result.exit_code == 1
    assert result.stdout == "共 14 项问题（错误 10，警告 4，提示 0），检查报告 2 份。\n"


def test_quiet_text_prints_each_reports_verdict_only():
    result = _check(str(GAPS_JSON), "-q", "--lang", "en")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and lines[1].startswith("Verdict: FAIL — 5 errors, 2 warnings, 0 info")
    assert "TASK-GAP" not in result.stdout


def test_verbose_says_configuration_and_timing_on_stderr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    result = _check(str(GAPS_JSON), "-v", "--select", "HLJ-67", "--lang", "en")
    assert "plancheck: configuration: none" in result.stderr
    assert re.search(r"plancheck: select HLJ-67: \d+ rules of \d+", result.stderr)
    assert re.search(rf"plancheck: {re.escape(str(GAPS_JSON))}: 1 finding \(\d+\.\d\d s\)", result.stderr)
    assert "plancheck:" not in result.stdout


def test_github_annotations():
    result = _check(str(GAPS_JSON), "--format", "github", "--lang", "en")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == 7
    assert f"::error file={GAPS_JSON},line=131,col=5,title=TASK-NO-EVIDENCE::Item 33 is reported completed" in result.stdout
    assert any(a.startswith("::warning file=") for a in annotations)
    for a in annotations:
        head, _, message = a[2:].partition("::")
        assert re.fullmatch(r"(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[A-Z0-9-]+", head), head
        assert "\n" not in message and "%0A" in message  # message and remediation on two lines, escaped
    assert lines[-1] == "Found 7 findings (5 errors, 2 warnings, 0 info) in 1 report."


def test_github_escaping_follows_the_workflow_command_rules():
    assert escape_data("100% 完成\r\n下一行") == "100%25 完成%0D%0A下一行"
    assert escape_property("C:\\reports\\a,b.json") == "C%3A\\reports\\a%2Cb.json"


def test_github_reports_an_unreadable_file_as_an_error_annotation(tmp_path: Path):
    broken = tmp_path / "黑龙江省知识产权局-2024.json"
    broken.write_text('{"schema_version": "1.0",\n  "plan": }', encoding="utf-8")
    result = _check(str(broken), "--format", "github")
    assert result.exit_code == 2
    (annotation,) = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotation.startswith(f"::error file={escape_property(str(broken))},line=2,col=")
    assert "title=plancheck::" in annotation and "invalid JSON" in annotation
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args, env, coloured", [
    (["--color", "always"], {}, True),
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    ([], {"FORCE_COLOR": "1"}, True),
    ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ([], {}, False),  # CliRunner's stdout is not a terminal
    (["--no-color"], {"FORCE_COLOR": "1"}, False),
])
@pytest.mark.parametrize("output_format", ["text", "concise"])
def test_color_flag_and_environment(args: list[str], env: dict, coloured: bool, output_format: str):
    env = {"NO_COLOR": "", "FORCE_COLOR": "", **env}
    result = _check(str(GAPS_JSON), "--format", output_format, *args, env=env)
    assert ("\x1b[" in result.stdout) is coloured, (args, env)


def test_color_setting_is_checked():
    result = _check(str(GAPS_JSON), "--color", "sometimes")
    assert result.exit_code == 2 and "Invalid value for '--color'" in result.stderr
