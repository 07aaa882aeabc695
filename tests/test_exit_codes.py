"""CLI exit codes (engine/exit_codes.py): 0 clean, 1 findings at or above --fail-level, 2 unusable
input; --exit-zero; documented in --help."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from engine.exit_codes import ExitCode, exit_code

REPO = Path(__file__).resolve().parent.parent
GAPS = REPO / "samples" / "heilongjiang-2023" / "ip-office-2024-gaps.json"
BAD = REPO / "tests" / "fixtures" / "bad_reports" / "truncated.json"


def _run(*args: str):
    return CliRunner().invoke(cli.main, ["check", *args])


@pytest.mark.parametrize("bad, failing, zero, expected", [
    (False, 0, False, ExitCode.CLEAN), (False, 3, False, ExitCode.FINDINGS), (False, 3, True, ExitCode.CLEAN),
    (True, 0, False, ExitCode.BAD_INPUT), (True, 3, True, ExitCode.BAD_INPUT),
])
def test_exit_code_table(bad: bool, failing: int, zero: bool, expected: ExitCode):
    assert exit_code(bad, failing, zero) is expected


def test_findings_exit_1_and_exit_zero_exits_0():
    assert _run(str(GAPS)).exit_code == 1
    assert _run(str(GAPS), "--exit-zero").exit_code == 0


def test_fail_level_counts_only_findings_at_or_above_it(checker):
    result = checker.check_path(GAPS)
    severities = {f.severity.value for f in result.findings}
    assert "warning" in severities
    assert _run(str(GAPS), "--fail-level", "info").exit_code == 1
    assert _run(str(GAPS), "--fail-level", "error").exit_code == 1


def test_warning_only_report_passes_at_error_level(tmp_path: Path, checker):
    """A report whose only unwaived findings are warnings: exit 0 at error, 1 at warning."""
    import datetime as dt
    import json

    result = checker.check_path(GAPS)
    waivers = [{"id": f"W-{i}", "rule": f.rule_id, "justification": "经批准", "approver": "黑龙江省知识产权局",
                "approval_number": f"黑知发〔2025〕{30 + i}号", "expires": "2025-12-31",
                "scope": {"kind": "subject", "department": "黑龙江省知识产权局", "subject": f.subject,
                          "period": {"start": "2024-01-01", "end": "2024-12-31"}}}
               for i, f in enumerate(result.findings) if f.severity.value == "error"]
    path = tmp_path / "errors-waived.json"
    path.write_text(json.dumps({"waivers": waivers}, ensure_ascii=False), encoding="utf-8")
    common = [str(GAPS), "--waivers", str(path), "--today", dt.date(2025, 5, 6).isoformat()]
    assert _run(*common).exit_code == 0
    assert _run(*common, "--fail-level", "warning").exit_code == 1


def test_bad_input_is_2_even_with_exit_zero():
    assert _run(str(GAPS), str(BAD), "--exit-zero").exit_code == 2


def test_bad_waiver_file_and_wrong_department_are_2(tmp_path: Path):
    bad = tmp_path / "w.yaml"
    bad.write_text("waivers: 3\n", encoding="utf-8")
    result = _run(str(GAPS), "--waivers", str(bad))
    assert result.exit_code == 2 and result.stderr.startswith(f"plancheck: error: {bad}:1:")
    other = _run(str(GAPS), "--department", "黑龙江省市场监督管理局")
    assert other.exit_code == 2 and "不是“黑龙江省市场监督管理局”" in other.stderr


def test_exit_codes_are_documented_in_help():
    for args in (["--help"], ["check", "--help"]):
        text = CliRunner().invoke(cli.main, args).output
        assert "Exit codes: 0" in " ".join(text.split())
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "--exit-zero" in readme and "engine/exit_codes.py" in readme
