"""`plancheck rules new`: every shape writes a rule and a case file that load, lint clean and whose
cases pass at once; the clause decides the severity; wrong use is one line and exit 2."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import cli

REPO = Path(__file__).resolve().parent.parent
HUKOU = REPO / "tests" / "data" / "packs" / "hukou-2024"


def run(*args: str):
    return CliRunner().invoke(cli.main, list(args))


@pytest.fixture
def packs(tmp_path: Path) -> Path:
    """The example pack's plan alone (no rules, cases or scenarios yet), as after editing pack
    init's draft."""
    folder = tmp_path / "packs" / "hukou-2024"
    folder.mkdir(parents=True)
    shutil.copy(HUKOU / "plan.yaml", folder / "plan.yaml")
    return tmp_path / "packs"


def new(packs: Path, rule_id: str, clause: str, shape: str, *options: str):
    return run("rules", "new", rule_id, "--plan", "hukou-2024", "--clause", clause, "--from", shape,
               "--rules", str(packs), *options)


SHAPES = [
    ("HK-1-CASES-TARGET", "1", "target", ["--metric", "ip_infringement_cases_handled"], "error"),
    ("HK-1-CASES-NOT-REPORTED", "1", "reported", ["--metric", "ip_infringement_cases_handled"], "error"),
    ("HK-7-STATION-BY-DATE", "7", "by-date", [], "error"),
    ("HK-10-CERTIFIED-TARGET", "10", "target", ["--metric", "certified_enterprises", "--scope", "region",
                                                "--department", "industry_it"], "warning"),
    ("HK-12-WEEK-EVIDENCE", "12", "evidence", [], "error"),
    ("HK-13-WHITE-PAPER", "13", "annual-publication", [], "error"),
]


@pytest.mark.parametrize("rule_id, clause, shape, options, severity", SHAPES, ids=[s[2] + "-" + s[1] for s in SHAPES])
def test_each_shape_writes_a_rule_whose_cases_pass(packs: Path, rule_id: str, clause: str, shape: str,
                                                   options: list[str], severity: str):
    result = new(packs, rule_id, clause, shape, *options)
    assert result.exit_code == 0, result.output
    pack = packs / "hukou-2024"
    assert f"wrote {pack / (rule_id + '.yaml')}\n" in result.stdout
    assert f"  passed  {rule_id}::test_pass_" in result.stdout and f"  passed  {rule_id}::test_fail_" in result.stdout
    assert "cases: 2 passed, 0 failed." in result.stdout
    rule = yaml.safe_load((pack / f"{rule_id}.yaml").read_text(encoding="utf-8"))
    assert rule["severity"] == severity and rule["clause"] == clause
    assert rule["rationale"]["zh"].startswith(f"方案要求：第{clause}项“")
    cases = yaml.safe_load((pack / "cases" / f"{rule_id}.yaml").read_text(encoding="utf-8"))
    assert {name.split("_")[1] for name in cases["cases"]} == {"pass", "fail"}


def test_target_cases_sit_on_the_boundary(packs: Path):
    assert new(packs, "HK-1-CASES-TARGET", "1", "target", "--metric", "ip_infringement_cases_handled").exit_code == 0
    cases = yaml.safe_load((packs / "hukou-2024" / "cases" / "HK-1-CASES-TARGET.yaml").read_text(encoding="utf-8"))["cases"]
    assert set(cases) == {"test_pass_exactly_30", "test_fail_29"}  # 不少于30件: 30 meets it
    assert new(packs, "HK-10-CERTIFIED-TARGET", "10", "target", "--metric", "certified_enterprises",
               "--department", "industry_it").exit_code == 0
    cases = yaml.safe_load((packs / "hukou-2024" / "cases" / "HK-10-CERTIFIED-TARGET.yaml").read_text(encoding="utf-8"))["cases"]
    assert set(cases) == {"test_pass_above_16", "test_fail_15"}  # 超过15家: 15 is not more than 15


def test_by_date_cases_are_the_day_and_the_next_working_day(packs: Path):
    assert new(packs, "HK-8-MEASURES-BY-DATE", "8", "by-date", "--department", "justice", "--kinds", "justice").exit_code == 0
    cases = yaml.safe_load((packs / "hukou-2024" / "cases" / "HK-8-MEASURES-BY-DATE.yaml").read_text(encoding="utf-8"))
    dates = {name: case["patch"][0]["value"] for name, case in cases["cases"].items()}
    # 9月底前 is 2024-09-30 (a Monday); the next working day is after the National Day holiday
    assert dates == {"test_pass_on_the_day": "2024-09-30", "test_fail_next_working_day": "2024-10-08"}
    assert cases["base"] == "hukou-2024-justice"


def test_a_new_base_report_is_compliant_and_realistic(packs: Path):
    result = new(packs, "HK-13-WHITE-PAPER", "13", "annual-publication")
    base = packs / "hukou-2024" / "cases" / "bases" / "hukou-2024-market-regulation.json"
    assert f"wrote {base} (a base report for 湖口县市场监督管理局" in result.stdout
    data = json.loads(base.read_text(encoding="utf-8"))
    assert [t["clause"] for t in data["tasks"]] == ["1", "2", "7", "8", "9", "10", "11", "12", "13"]
    assert data["tasks"][0]["evidence"][0]["doc_number"] == "湖市监〔2024〕3号"
    assert data["submitted"] == "2025-01-10"
    (packs / "hukou-2024" / "HK-13-WHITE-PAPER.yaml").unlink()  # the base alone, under the plan's own rules
    checked = run("check", "--rules", str(packs), str(base))
    assert checked.exit_code == 0, checked.output


def test_the_second_rule_reuses_the_packs_base(packs: Path):
    new(packs, "HK-13-WHITE-PAPER", "13", "annual-publication")
    result = new(packs, "HK-7-STATION-BY-DATE", "7", "by-date")
    assert "wrote" in result.stdout and "a base report for" not in result.stdout
    assert "on base hukou-2024-market-regulation" in result.stdout


def test_the_whole_pack_then_lints_clean_and_tests_green(packs: Path):
    for rule_id, clause, shape, options, _ in SHAPES:
        assert new(packs, rule_id, clause, shape, *options).exit_code == 0
    for rule_id, clause, shape, options in [
        ("HK-8-MEASURES-BY-DATE", "8", "by-date", ["--department", "justice", "--kinds", "justice"]),
        ("HK-9-TRAINING-TARGET", "9", "target", ["--metric", "enterprise_training_person_times", "--scope", "region",
                                                 "--kinds", "market_regulation"])]:
        assert new(packs, rule_id, clause, shape, *options).exit_code == 0
    lint = run("rules", "lint", str(packs / "hukou-2024"))
    assert lint.exit_code == 0 and lint.stdout.splitlines()[-1] == "结果：0 个问题，2 条提示", lint.output
    test = run("rules", "test", str(packs / "hukou-2024"))
    assert test.exit_code == 0 and " 16 passed in " in test.stdout, test.output


def test_phase_on_a_bundled_plan(tmp_path: Path):
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules, ignore=shutil.ignore_patterns("scenarios"))
    result = run("rules", "new", "CD-4-3-PHASE-EVIDENCE", "--plan", "chengdu-2023", "--clause", "四(三)",
                 "--from", "phase", "--rules", str(rules), "--base", "chengdu-2023-amr", "--kinds", "ip_office")
    assert result.exit_code == 0, result.output
    cases = yaml.safe_load((rules / "chengdu-2023" / "cases" / "CD-4-3-PHASE-EVIDENCE.yaml").read_text(encoding="utf-8"))
    assert {c["patch"][0]["value"] for c in cases["cases"].values()} == {"2024-07-31", "2024-08-01"}


@pytest.mark.parametrize("args, message", [
    (["HK-1-X", "--plan", "nowhere-2024", "--clause", "1", "--from", "target"], "unknown plan 'nowhere-2024'"),
    (["HK-1-X", "--plan", "hukou-2024", "--clause", "99", "--from", "target"], "plan hukou-2024 has no clause '99'"),
    (["hk-1", "--plan", "hukou-2024", "--clause", "1", "--from", "target"], "rule id 'hk-1' is not of the form"),
    (["HK-2-X", "--plan", "hukou-2024", "--clause", "2", "--from", "target", "--metric", "m"],
     "clause 2 states no figure"),
    (["HK-1-X", "--plan", "hukou-2024", "--clause", "1", "--from", "target"], "this shape needs --metric KEY"),
    (["HK-9-X", "--plan", "hukou-2024", "--clause", "9", "--from", "by-date"], "clause 9 has no date"),
    (["HK-1-X", "--plan", "hukou-2024", "--clause", "1", "--from", "target", "--kinds", "police"],
     "unknown department kind 'police'"),
    (["HK-1-X", "--plan", "hukou-2024", "--clause", "1", "--from", "evidence", "--base", "nothing"],
     "base report 'nothing' not found"),
])
def test_wrong_use_is_one_line_and_exit_2(packs: Path, args: list[str], message: str):
    result = run("rules", "new", *args, "--rules", str(packs))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("plancheck: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_an_existing_rule_is_not_overwritten(packs: Path):
    new(packs, "HK-13-WHITE-PAPER", "13", "annual-publication")
    before = (packs / "hukou-2024" / "HK-13-WHITE-PAPER.yaml").read_text(encoding="utf-8")
    result = new(packs, "HK-13-WHITE-PAPER", "13", "evidence")
    assert result.exit_code == 2 and "rule HK-13-WHITE-PAPER already exists" in result.stderr
    assert (packs / "hukou-2024" / "HK-13-WHITE-PAPER.yaml").read_text(encoding="utf-8") == before


def test_a_clause_naming_no_unit_needs_a_department(packs: Path):
    result = new(packs, "HK-3-1-X", "三(一)", "evidence")
    assert result.exit_code == 2 and "clause 三(一) names no unit to write a base report for: give --department" in result.stderr
