"""The platforms plans and national rules require (data), the rules that read them, and national
rules a plan cites without a clause: bad declarations stop loading, good ones reach the findings."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engine.checker import Checker
from engine.output import FORMATTERS
from engine.output.base import FormatOptions, RunOutcome
from engine.rules.catalog import load_catalog
from engine.rules.plan_model import PublishedDecision
from engine.rules.yaml_source import RuleLoadError
from test_rule_loading import _expectations

BAD = Path(__file__).parent / "fixtures" / "bad_platforms"
# The rules that read engine.publication's fields, per kind of decision.
READERS = {
    PublishedDecision.credit_list: ["CREDIT-NOT-PUBLISHED", "CREDIT-NOT-PUBLISHED-UNCERTAIN", "CREDIT-PUBLICATION-LATE",
                                    "CREDIT-POSTING-OTHER-SITE"],
    PublishedDecision.penalty: ["PENALTY-NOT-PUBLISHED", "PENALTY-NOT-PUBLISHED-UNCERTAIN", "PENALTY-PUBLICATION-LATE",
                                "PENALTY-PUBLICATION-LATE-UNCERTAIN", "PENALTY-POSTING-OTHER-SITE"],
}


@pytest.fixture
def rules_copy(repo: Path, tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(repo / "rules", target)
    return target


@pytest.mark.parametrize("bad", sorted(BAD.glob("national-*.yaml")), ids=lambda p: p.stem)
def test_bad_national_table_is_a_load_error_naming_file_and_line(rules_copy: Path, bad: Path) -> None:
    message, line = _expectations(bad)
    placed = rules_copy / "common" / "data" / "publication_platforms.yaml"
    shutil.copy(bad, placed)
    with pytest.raises(RuleLoadError) as caught:
        load_catalog(rules_copy)
    assert str(caught.value).startswith(f"{placed}:{line}: ") and message in str(caught.value)


@pytest.mark.parametrize("bad", sorted(BAD.glob("plan-*.yaml")), ids=lambda p: p.stem)
def test_plan_platform_needs_an_existing_clause(rules_copy: Path, bad: Path) -> None:
    plan = rules_copy / "heilongjiang-2023" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    fragment = bad.read_text(encoding="utf-8")
    message = next(line.split("expect: ", 1)[1] for line in fragment.splitlines() if "expect: " in line)
    item_line = len(text.splitlines()) + next(i for i, line in enumerate(fragment.splitlines(), 1) if line.startswith("  - "))
    plan.write_text(text + fragment, encoding="utf-8")
    with pytest.raises(RuleLoadError) as caught:
        load_catalog(rules_copy)
    assert str(caught.value).startswith(f"{plan}:{item_line}: plan: ") and message in str(caught.value)


def test_every_declared_platform_can_reach_a_finding(checker: Checker) -> None:
    """A platform declared for department kinds no reading rule applies to would never be checked."""
    catalog = checker.catalog
    for plan_id in catalog.plans:
        for platform in catalog.required_platforms(plan_id):
            for decision in platform.decisions:
                for rule_id in READERS[decision]:
                    item = catalog.rules[rule_id]
                    assert plan_id in item.clauses, (rule_id, plan_id)
                    if not item.rule.applies_to.department_kinds:
                        continue  # for every kind: the platforms' department_kinds decide
                    kinds = item.rule.applies_to.department_kinds
                    if rule_id.endswith(("-NOT-PUBLISHED", "-LATE")) and platform.severity.value == "warning" \
                            and platform.late_severity.value == "warning":
                        continue  # an error rule need not cover platforms that are never errors
                    missing = set(platform.department_kinds) - set(kinds)
                    assert not missing, f"{rule_id} does not apply to {missing} ({plan_id}: {platform.name})"


def test_plan_platforms_quote_their_clause(checker: Checker) -> None:
    """The quote is the clause's own words, so an auditor can find them in the plan."""
    for plan in checker.catalog.plans.values():
        for platform in plan.publication_platforms:
            clause = plan.clause(platform.clause)
            compact = "".join(clause.text.split())
            assert platform.quote in compact, (plan.id, platform.name)
            assert platform.name in platform.quote, (plan.id, platform.name)


def test_national_rules_cited_without_a_clause(checker: Checker) -> None:
    rules = checker.catalog.rules
    assert rules["PENALTY-NOT-PUBLISHED"].clauses["heilongjiang-2023"] is None
    assert rules["PENALTY-NOT-PUBLISHED"].clauses["shanghai-district"] is None
    assert rules["PENALTY-NOT-PUBLISHED"].clauses["chengdu-2023"] == "三(二)"
    assert rules["REG310-TEAM-SIZE"].clauses["heilongjiang-2023"] == "18"


def test_a_finding_of_a_rule_cited_without_a_clause_cites_no_clause(checker: Checker, repo: Path) -> None:
    result = checker.check_path(repo / "samples" / "chengdu-2023" / "amr-2024-gaps.json")
    late = next(f for f in result.findings if f.rule_id == "PENALTY-PUBLICATION-LATE")
    assert late.citation is not None and late.citation.clause == "三(二)"
    result = checker.check_path(repo / "samples" / "heilongjiang-2023" / "market-regulation-2024-compliant.json")
    assert not [f for f in result.findings if f.rule_id.startswith("PENALTY-")]


def test_analogy_is_shown_with_the_basis(checker: Checker, repo: Path) -> None:
    result = checker.check_path(repo / "samples" / "heilongjiang-2023" / "market-regulation-2024-credit-broken.json")
    late = next(f for f in result.findings if f.rule_id == "CREDIT-PUBLICATION-LATE")
    art9 = next(b for b in late.legal_basis if b.article == "第九条")
    assert art9.analogy and art9.citation.endswith("第九条（类推适用）")
    outcome = RunOutcome((result,), (), catalog=checker.catalog)
    assert "第九条（类推适用）" in FORMATTERS["text"](outcome, FormatOptions())
    document = json.loads(FORMATTERS["json"](outcome, FormatOptions()))
    assert any(b.get("analogy") for f in document["reports"][0]["findings"] for b in f["legal_basis"])
