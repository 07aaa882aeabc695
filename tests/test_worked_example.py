"""The worked example of docs/authoring.md, end to end: a pack for a plan that is not bundled
(tests/data/plans/hukou-2024.txt) written only with plancheck's commands, then linted, tested and
used to check a report.

The finished pack is tests/data/packs/hukou-2024. Here its rules are written again with the same
`plancheck rules new` commands the page shows and must come out byte for byte as the finished
ones; the one base report a person completed by hand (the figures of items 1 and 9 and the 2023
white paper) is the only file that differs. The first step, `plancheck pack init`, is another
command (issue 15's first part); where it is registered its draft must have the finished plan's
clauses, texts and units.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import cli

REPO = Path(__file__).resolve().parent.parent
PLAN_TEXT = REPO / "tests" / "data" / "plans" / "hukou-2024.txt"
FINISHED = REPO / "tests" / "data" / "packs" / "hukou-2024"
COMPLETED_BY_HAND = "cases/bases/hukou-2024-market-regulation.json"

# the commands of docs/authoring.md step 3, in its order
NEW_RULES = [
    ["HK-1-CASES-TARGET", "--clause", "1", "--from", "target", "--metric", "ip_infringement_cases_handled"],
    ["HK-1-CASES-NOT-REPORTED", "--clause", "1", "--from", "reported", "--metric", "ip_infringement_cases_handled"],
    ["HK-7-STATION-BY-DATE", "--clause", "7", "--from", "by-date"],
    ["HK-8-MEASURES-BY-DATE", "--clause", "8", "--from", "by-date", "--department", "justice", "--kinds", "justice"],
    ["HK-9-TRAINING-TARGET", "--clause", "9", "--from", "target", "--metric", "enterprise_training_person_times",
     "--scope", "region", "--kinds", "market_regulation"],
    ["HK-10-CERTIFIED-TARGET", "--clause", "10", "--from", "target", "--metric", "certified_enterprises",
     "--scope", "region", "--kinds", "industry_it", "--department", "industry_it"],
    ["HK-13-WHITE-PAPER", "--clause", "13", "--from", "annual-publication"],
]


def run(*args: str):
    return CliRunner().invoke(cli.main, list(args))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_step_1_pack_init_drafts_the_finished_plans_clauses(tmp_path: Path):
    out = tmp_path / "hukou-2024"
    result = run("pack", "init", str(PLAN_TEXT), "--id", "hukou-2024", "--out", str(out))
    assert result.exit_code == 0, result.output
    draft = yaml.safe_load((out / "plan.yaml").read_text(encoding="utf-8"))
    finished = yaml.safe_load((FINISHED / "plan.yaml").read_text(encoding="utf-8"))
    assert [(c["id"], c["text"]) for c in draft["clauses"]] == [(c["id"], c["text"]) for c in finished["clauses"]]
    assert all(c.get("draft") for c in draft["clauses"])
    names = {name for unit in finished["departments"] for name in [unit["name"], *unit.get("aliases", [])]}
    assert {unit["name"] for unit in draft["departments"]} <= names
    assert run("rules", "lint", str(out)).exit_code == 1  # a draft is not a finished pack


@pytest.fixture
def packs(tmp_path: Path) -> Path:
    """Step 2 done: the confirmed plan.yaml alone."""
    folder = tmp_path / "packs" / "hukou-2024"
    folder.mkdir(parents=True)
    shutil.copy(FINISHED / "plan.yaml", folder / "plan.yaml")
    return tmp_path / "packs"


def test_steps_3_to_6_write_lint_test_and_check(packs: Path):
    pack = packs / "hukou-2024"
    for rule_id, *options in NEW_RULES:
        result = run("rules", "new", rule_id, "--plan", "hukou-2024", *options, "--rules", str(packs))
        assert result.exit_code == 0 and "cases: 2 passed, 0 failed." in result.stdout, result.output

    written, finished = _files(pack), _files(FINISHED)
    hand_written = {name for name in finished if name.startswith("scenarios/")} | {COMPLETED_BY_HAND}
    assert set(written) == set(finished) - {n for n in hand_written if n.startswith("scenarios/")}
    assert {n for n in written if written[n] != finished[n]} == {COMPLETED_BY_HAND}

    shutil.copy(FINISHED / COMPLETED_BY_HAND, pack / COMPLETED_BY_HAND)
    shutil.copytree(FINISHED / "scenarios", pack / "scenarios")

    lint = run("rules", "lint", str(pack))
    assert lint.exit_code == 0 and lint.stdout.splitlines()[-1] == "结果：0 个问题，2 条提示", lint.output
    test = run("rules", "test", str(pack))
    assert test.exit_code == 0 and " 16 passed in " in test.stdout, test.output
    check = run("check", "--rules", str(packs), str(pack / "scenarios" / "market-regulation-2024-gaps.json"))
    assert check.exit_code == 1
    assert check.stdout.splitlines()[-1] == "结论：不通过 — 错误 3，警告 0，提示 0；按类别：超期 1，缺项 1，未达标 1"
