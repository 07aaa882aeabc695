"""Bad rule files stop loading with `file:line: rule ID: what is wrong`, never a silent skip."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from engine.rules.catalog import load_catalog
from engine.rules.yaml_source import RuleLoadError

BAD = Path(__file__).parent / "fixtures" / "bad_rules"


def _expectations(path: Path) -> tuple[str, int]:
    text = path.read_text(encoding="utf-8")
    message = re.search(r"^# expect: (.+)$", text, re.M).group(1)
    line = int(re.search(r"^# expect-line: (\d+)$", text, re.M).group(1))
    return message, line


@pytest.fixture
def rules_copy(repo: Path, tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(repo / "rules", target)
    return target


def test_bundled_rules_load(repo: Path):
    catalog = load_catalog(repo / "rules")
    assert catalog.rules and "heilongjiang-2023" in catalog.plans


@pytest.mark.parametrize("bad", sorted(BAD.glob("*.yaml")), ids=lambda p: p.stem)
def test_bad_rule_file_is_a_load_error_naming_file_and_line(rules_copy: Path, bad: Path):
    message, line = _expectations(bad)
    placed = rules_copy / "common" / bad.name
    shutil.copy(bad, placed)
    with pytest.raises(RuleLoadError) as caught:
        load_catalog(rules_copy)
    text = str(caught.value)
    assert "\n" not in text
    assert text.startswith(f"{placed}:{line}: ") or f"{placed}:{line}: " in text, text
    assert message in text


def test_plan_rule_citing_a_missing_clause(rules_copy: Path):
    rule = (rules_copy / "heilongjiang-2023" / "HLJ-79-TYPICAL-CASES.yaml")
    rule.write_text(rule.read_text(encoding="utf-8").replace('clause: "79"', 'clause: "81"'), encoding="utf-8")
    with pytest.raises(RuleLoadError, match=r"HLJ-79-TYPICAL-CASES.yaml:\d+: rule HLJ-79-TYPICAL-CASES: clause '81' does not exist"):
        load_catalog(rules_copy)


def test_plan_use_matching_no_rule(rules_copy: Path):
    plan = rules_copy / "heilongjiang-2023" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace('"CREDIT-*"', '"CREDTI-*"'), encoding="utf-8")
    with pytest.raises(RuleLoadError, match=r"plan.yaml:\d+: plan: 'CREDTI-\*' matches no national rule"):
        load_catalog(rules_copy)


def test_plan_clause_listed_twice(rules_copy: Path):
    plan = rules_copy / "heilongjiang-2023" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace('- id: "79"', '- id: "78"'), encoding="utf-8")
    with pytest.raises(RuleLoadError, match="clause 78 listed twice"):
        load_catalog(rules_copy)


def test_missing_rules_directory(tmp_path: Path):
    with pytest.raises(RuleLoadError, match="rules directory not found"):
        load_catalog(tmp_path / "nope")


def test_bad_threshold_table(rules_copy: Path):
    table = rules_copy / "common" / "data" / "criminal-thresholds.yaml"
    table.write_text(table.read_text(encoding="utf-8").replace("minimum: 50000", "minimum: -1", 1), encoding="utf-8")
    with pytest.raises(RuleLoadError, match=r"criminal-thresholds.yaml:\d+: threshold table: thresholds.0.minimum"):
        load_catalog(rules_copy)
