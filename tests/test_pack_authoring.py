"""`plancheck rules test`, `rules lint` and `rules new` through the CLI, on the worked-example pack
(tests/data/packs/hukou-2024, a plan that is not bundled) and on broken copies of it."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import cli
from engine.resources import rules_dir

REPO = Path(__file__).resolve().parent.parent
PACKS = REPO / "tests" / "data" / "packs"
HUKOU = PACKS / "hukou-2024"


def run(*args: str):
    return CliRunner().invoke(cli.main, list(args))


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A copy of the finished example pack, to break."""
    target = tmp_path / "packs" / "hukou-2024"
    shutil.copytree(HUKOU, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---- rules test ---------------------------------------------------------------------------------


def test_rules_test_on_the_example_pack_is_green():
    result = run("rules", "test", str(HUKOU))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("rules test: 16 cases and scenarios in hukou-2024\n")
    assert re.search(r"=+ 16 passed in [\d.]+s =+\n$", result.stdout)


def test_rules_test_of_a_bundled_pack_runs_its_moved_cases_and_scenarios():
    result = run("rules", "test", str(rules_dir() / "tianjin-2021"))  # the bundled pack, where it is installed
    assert result.exit_code == 0, result.output
    assert "replaces" not in result.stderr  # naming a bundled pack is not replacing it
    assert re.search(r"=+ \d{2} passed in", result.stdout)


def test_a_failing_case_prints_its_name_file_and_the_diff_of_findings(pack: Path):
    edit(pack / "cases" / "HK-1-CASES-TARGET.yaml", "value: 29", "value: 30")
    result = run("rules", "test", str(pack))
    assert result.exit_code == 1
    out = result.stdout
    assert "hukou-2024           ...F" in out or "F" in out.splitlines()[1]
    assert " hukou-2024: HK-1-CASES-TARGET::test_fail_29 " in out
    assert re.search(rf"{re.escape(str(pack / 'cases' / 'HK-1-CASES-TARGET.yaml'))}:\d+\n", out)
    assert "- HK-1-CASES-TARGET metric/ip_infringement_cases_handled/2024-01-01/2024-12-31/own" in out
    assert "FAILED hukou-2024::HK-1-CASES-TARGET::test_fail_29" in out
    assert re.search(r"=+ 1 failed, 15 passed in", out)


def test_a_pass_case_that_gets_a_finding_shows_it_as_got(pack: Path):
    edit(pack / "cases" / "HK-1-CASES-TARGET.yaml", "value: 30", "value: 12")
    out = run("rules", "test", str(pack)).stdout
    assert "+ HK-1-CASES-TARGET metric/ip_infringement_cases_handled/2024-01-01/2024-12-31/own" in out


def test_a_failing_scenario_lists_missing_and_unexpected_findings(pack: Path):
    spec = pack / "scenarios" / "market-regulation-2024-gaps.expect.yaml"
    edit(spec, "subject: clause/7, severity: error", "subject: clause/8, severity: error")
    result = run("rules", "test", str(pack))
    assert result.exit_code == 1
    assert "FAILED hukou-2024::scenarios/market-regulation-2024-gaps.json" in result.stdout
    assert "- rule=HK-7-STATION-BY-DATE subject=clause/8 severity=error" in result.stdout
    assert "+ HK-7-STATION-BY-DATE error deadline clause/7 (clause 7)" in result.stdout


def test_keyword_selects_cases(pack: Path):
    result = run("rules", "test", str(pack), "-k", "HK-13")
    assert result.exit_code == 0 and re.search(r"=+ 2 passed in", result.stdout)


def test_nothing_selected_is_a_failure(pack: Path):
    result = run("rules", "test", str(pack), "-k", "NO-SUCH")
    assert result.exit_code == 1 and "no tests" in result.stdout


def test_a_broken_case_file_is_exit_2_with_file_and_line(pack: Path):
    path = pack / "cases" / "HK-13-WHITE-PAPER.yaml"
    edit(path, "expect: pass", "expect: pass\n    owner: 张三")
    result = run("rules", "test", str(pack))
    assert result.exit_code == 2
    assert re.fullmatch(rf"plancheck: error: {re.escape(str(path))}:\d+: case test_pass_published_this_year: "
                        r"unknown key 'owner'\n", result.stderr)


def test_a_scenario_without_its_report_is_exit_2(pack: Path):
    (pack / "scenarios" / "industry-it-2024-certified-15.json").unlink()
    result = run("rules", "test", str(pack))
    assert result.exit_code == 2 and "needs exactly one report file industry-it-2024-certified-15.json" in result.stderr


def test_a_pack_that_does_not_load_is_exit_2(pack: Path):
    edit(pack / "HK-13-WHITE-PAPER.yaml", "clause: '13'", "clause: '99'")
    result = run("rules", "test", str(pack))
    assert result.exit_code == 2 and "clause '99' does not exist in plan hukou-2024" in result.stderr
    assert "Traceback" not in result.output


# ---- rules lint ---------------------------------------------------------------------------------


def test_lint_of_the_example_pack_is_clean_with_its_two_notes():
    result = run("rules", "lint", str(HUKOU))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split(": ")[1] for line in lines[:2]] == ["unit-other", "unit-other"]
    assert "湖口县科学技术局" in lines[0] and "中共湖口县委宣传部" in lines[1]
    assert lines[-2].startswith("  hukou-2024         条款 17 项：由规则核查 9，按佐证核查 4，不可核查 4")
    assert lines[-1] == "结果：0 个问题，2 条提示"


def test_lint_in_english():
    out = run("rules", "lint", str(HUKOU), "--lang", "en").stdout
    assert "unit 湖口县科学技术局 is of no kind the name table knows" in out
    assert out.splitlines()[-1] == "result: 0 problems, 2 notes"


def test_lint_of_the_bundled_packs_is_clean():
    result = run("rules", "lint")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "结果：0 个问题，9 条提示"
    assert "  common             全国性规则" in result.stdout


def _lint_lines(pack: Path) -> list[str]:
    result = run("rules", "lint", str(pack), "--lang", "en")
    assert result.exit_code == 1, result.output
    return [line for line in result.stdout.splitlines() if ": note: " not in line and line.startswith(str(pack))]


def test_lint_finds_a_draft_clause(pack: Path):
    edit(pack / "plan.yaml", "    check: not-checkable\n    reason: 全县总体目标", "    check: not-checkable\n    draft: true\n    reason: 全县总体目标")
    (line,) = _lint_lines(pack)
    assert re.fullmatch(rf"{re.escape(str(pack / 'plan.yaml'))}:\d+: clause-draft: clause 一 is still pack init's draft: .*", line)


def test_lint_finds_a_message_not_in_chinese(pack: Path):
    path = pack / "HK-13-WHITE-PAPER.yaml"
    path.write_text(re.sub(r"remediation: \{zh: .*\}", "remediation: {zh: Report this year's white paper.}",
                           path.read_text(encoding="utf-8")), encoding="utf-8")
    (line,) = _lint_lines(pack)
    assert f"{pack / 'HK-13-WHITE-PAPER.yaml'}:" in line and "rule-chinese: rule HK-13-WHITE-PAPER: remediation.zh is not Chinese" in line


def test_lint_finds_a_rule_without_a_fail_case(pack: Path):
    path = pack / "cases" / "HK-13-WHITE-PAPER.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["cases"]["test_fail_not_published"]["xfail"] = "the rule is believed wrong here"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (line,) = _lint_lines(pack)
    assert line == f"{path}:1: case-file: rule HK-13-WHITE-PAPER: needs a test_fail_* case that is not xfail"


def test_lint_finds_a_rule_without_a_case_file(pack: Path):
    (pack / "cases" / "HK-13-WHITE-PAPER.yaml").unlink()
    (line,) = _lint_lines(pack)
    assert re.fullmatch(rf"{re.escape(str(pack / 'HK-13-WHITE-PAPER.yaml'))}:1: rule-cases: rule HK-13-WHITE-PAPER "
                        r"lacks test_pass_\* and test_fail_\* cases: add them to .*HK-13-WHITE-PAPER.yaml \(at the boundary\)", line)


def test_lint_finds_an_error_on_soft_words_without_a_reason(pack: Path):
    edit(pack / "HK-10-CERTIFIED-TARGET.yaml", "severity: warning", "severity: error")
    edit(pack / "HK-10-CERTIFIED-TARGET.yaml", "原文用“力争”，是努力方向而非硬性要求，未做到只作警告。", "")
    (line,) = _lint_lines(pack)
    assert re.fullmatch(rf"{re.escape(str(pack / 'HK-10-CERTIFIED-TARGET.yaml'))}:3: rule-soft-word: rule "
                        r"HK-10-CERTIFIED-TARGET is an error, but the words of clause 10 it enforces carry 力争: .*", line)


def test_lint_accepts_an_error_on_soft_words_whose_rationale_says_why(pack: Path):
    edit(pack / "HK-10-CERTIFIED-TARGET.yaml", "severity: warning", "severity: error")
    assert run("rules", "lint", str(pack)).exit_code == 0


def test_lint_finds_a_unit_the_name_table_places_elsewhere(pack: Path):
    edit(pack / "plan.yaml", "name: 湖口县农业农村局, aliases: [县农业农村局], kind: agriculture",
         "name: 湖口县农业农村局, aliases: [县农业农村局], kind: forestry")
    (line,) = _lint_lines(pack)
    assert "unit-kind: unit 湖口县农业农村局 is given kind forestry but the name table reads agriculture" in line


def test_lint_finds_a_rules_clause_no_rule_checks(pack: Path):
    (pack / "HK-13-WHITE-PAPER.yaml").unlink()
    (pack / "cases" / "HK-13-WHITE-PAPER.yaml").unlink()
    (line,) = _lint_lines(pack)
    assert "clause-classified: clause 13 is 'rules' but no rule checks it" in line


@pytest.mark.parametrize("base", sorted((HUKOU / "cases" / "bases").glob("*.json")), ids=lambda p: p.stem)
def test_the_example_packs_bases_are_compliant_on_their_own(base: Path):
    result = run("check", "--rules", str(PACKS), str(base))
    assert result.exit_code == 0 and result.stdout.endswith("结论：通过 — 错误 0，警告 0，提示 0\n"), result.output


def test_a_scenario_expectation_without_a_why_is_exit_2(pack: Path):
    spec = pack / "scenarios" / "industry-it-2024-certified-15.expect.yaml"
    edit(spec, ", why: 全县培训人次由县市场监管局汇总报告}", "}")
    result = run("rules", "test", str(pack))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"plancheck: error: {spec}:1: traps: entry without a why: ")
