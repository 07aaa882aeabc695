"""`--select` / `--ignore` by rule id (whole, prefix at a hyphen, glob), category or severity
(issue 13), alongside waivers; an unknown selector is exit 2 with close matches."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from engine.checker import Checker
from engine.selection import Selection, SelectionError

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples" / "heilongjiang-2023"
GAPS = SAMPLES / "ip-office-2024-gaps.json"
BROKEN = SAMPLES / "market-regulation-2024-credit-broken.json"
WAIVERS = REPO / "tests" / "fixtures" / "waivers" / "heilongjiang-ip-office-2024.yaml"


def _rule_ids(*args: str) -> list[str]:
    result = CliRunner().invoke(cli.main, ["check", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return [f["rule_id"] for r in json.loads(result.stdout)["reports"] for f in r["findings"]]


@pytest.fixture(scope="module")
def rules(checker: Checker) -> list:
    return [item.rule for item in checker.catalog.rules.values()]


def _kept(selection: Selection, rules: list) -> set[str]:
    return {r.id for r in rules if selection.keeps(r)}


def test_everything_without_selectors(rules: list):
    assert _kept(Selection.parse((), (), rules), rules) == {r.id for r in rules}


@pytest.mark.parametrize("selector, expected", [
    ("HLJ-67-TRAINING-TARGET", {"HLJ-67-TRAINING-TARGET"}),
    ("hlj-67", {"HLJ-67-TRAINING-TARGET", "HLJ-67-TRAINING-NOT-REPORTED"}),  # prefix, any case
    ("HLJ-78-*", {"HLJ-78-COURT-WHITE-PAPER", "HLJ-78-DETAILS", "HLJ-78-SURVEY", "HLJ-78-WHITE-PAPER"}),
])
def test_rule_ids_prefixes_and_globs(selector: str, expected: set[str], rules: list):
    assert _kept(Selection.parse([selector], (), rules), rules) == expected


def test_a_prefix_stops_at_a_hyphen(rules: list):
    kept = _kept(Selection.parse(["TASK"], (), rules), rules)
    assert "TASK-GAP" in kept and all(r.startswith("TASK-") for r in kept)


@pytest.mark.parametrize("selector", ["missing_evidence", "missing-evidence", "缺少佐证", "MISSING_EVIDENCE"])
def test_categories_by_any_of_their_names(selector: str, rules: list):
    kept = _kept(Selection.parse([selector], (), rules), rules)
    assert kept == {r.id for r in rules if r.category.value == "missing_evidence"}


@pytest.mark.parametrize("selector", ["warning", "警告"])
def test_severities(selector: str, rules: list):
    assert _kept(Selection.parse([selector], (), rules), rules) == {r.id for r in rules if r.severity.value == "warning"}


def test_ignore_wins_and_commas_separate(rules: list):
    selection = Selection.parse(["HLJ-78,HLJ-67"], ["HLJ-78-SURVEY", "warning"], rules)
    kept = _kept(selection, rules)
    assert "HLJ-78-SURVEY" not in kept and "HLJ-67-TRAINING-TARGET" in kept
    assert all(r.severity.value != "warning" for r in rules if r.id in kept)


@pytest.mark.parametrize("selector, close", [("HLJ-76", "'HLJ-67'"), ("gapp", "'gap'"), ("warnings", "'warning'"),
                                             ("TASK-GAPS", "'TASK-GAP'")])
def test_unknown_selector_suggests_close_matches(selector: str, close: str, rules: list):
    with pytest.raises(SelectionError, match="did you mean") as raised:
        Selection.parse([selector], (), rules)
    assert close in str(raised.value)


def test_select_through_the_cli():
    assert set(_rule_ids(str(GAPS), "--select", "HLJ-78")) == {"HLJ-78-DETAILS", "HLJ-78-SURVEY"}
    assert set(_rule_ids(str(GAPS), "--select", "HLJ-78", "--ignore", "HLJ-78-SURVEY")) == {"HLJ-78-DETAILS"}


def test_select_by_category_keeps_that_category_only(checker: Checker):
    categories = {item.rule.id: item.rule.category.value for item in checker.catalog.rules.values()}
    ids = _rule_ids(str(BROKEN), "--select", "deadline", "--select", "invalid_value")
    assert ids and {categories[i] for i in ids} == {"deadline", "invalid_value"}


def test_ignore_through_the_cli_changes_the_exit_code():
    result = CliRunner().invoke(cli.main, ["check", str(GAPS), "--ignore", "error"])
    assert result.exit_code == 0 and "结论：通过" in result.stdout


def test_unknown_selector_is_exit_2_in_one_line():
    result = CliRunner().invoke(cli.main, ["check", str(GAPS), "--ignore", "gapp"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == ("plancheck: error: --ignore: 'gapp' is not a rule id, category or severity; "
                             "did you mean 'gap'?\n")


def test_selection_alongside_waivers():
    """A waiver still waives a selected rule's finding; a waiver of a rule left out is neither
    unused nor expired in this run (its rule did not run)."""
    args = ["check", str(GAPS), "--waivers", str(WAIVERS), "--today", "2025-04-15", "--lang", "en"]
    everything = CliRunner().invoke(cli.main, args).stdout
    assert "Waivers that matched nothing" in everything and "HLJ-W-2025-004" in everything
    selected = CliRunner().invoke(cli.main, [*args, "--select", "HLJ-67"])
    assert "[waived]" in selected.stdout and "HLJ-W-2025-003" in selected.stdout
    assert "HLJ-W-2025-004" not in selected.stdout and "Waivers that matched nothing" not in selected.stdout
    assert selected.exit_code == 0  # the one selected finding is waived


def test_sarif_and_junit_leave_out_rules_not_selected(tmp_path: Path):
    sarif, junit = tmp_path / "out.sarif", tmp_path / "out.xml"
    CliRunner().invoke(cli.main, ["check", str(GAPS), "--select", "HLJ-67", "--output-sarif", str(sarif),
                                  "--output-junit", str(junit)])
    run = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} <= {"HLJ-67-TRAINING-TARGET", "HLJ-67-TRAINING-NOT-REPORTED"}
    assert "TASK-GAP" not in junit.read_text(encoding="utf-8")
