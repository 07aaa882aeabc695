"""A rule's condition in a clerk's words (issue 13): every fact type and field a bundled rule
names has words (engine/describe_words.py), and no description shows the engine's own names."""
from __future__ import annotations

import re

import pytest

from engine.checker import Checker
from engine.describe import describe
from engine.describe_words import FACTS, has_words
from engine.fact_fields import FACT_FIELDS
from engine.rules.model import AllOf, AnyOf, Condition


def _conditions(items):
    for item in items:
        if isinstance(item, Condition):
            yield item
        elif isinstance(item, AnyOf):
            yield from _conditions(item.any)
        elif isinstance(item, AllOf):
            yield from _conditions(item.all)


@pytest.fixture(scope="module")
def rules(checker: Checker) -> list:
    return [item.rule for _, item in sorted(checker.catalog.rules.items())]


def test_every_fact_type_and_field_of_a_rule_has_words(rules: list):
    missing = set()
    for rule in rules:
        for pattern in rule.when:
            if pattern.fact_type not in FACTS:
                missing.add(f"{rule.id}: fact {pattern.fact_type}")
            for cond in _conditions(pattern.where):
                if not has_words(cond.field):
                    missing.add(f"{rule.id}: field {cond.field}")
                if cond.ref is not None and not has_words(cond.ref.partition(".")[2]):
                    missing.add(f"{rule.id}: field {cond.ref}")
    assert not missing, sorted(missing)


# the engine's names a clerk never sees in a report: fact types, and the fields made up from them
_ENGINE_NAMES = sorted(set(FACT_FIELDS) | {f for fields in FACT_FIELDS.values() for f in fields if "_" in f},
                       key=len, reverse=True)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_description_shows_an_engine_name(rules: list, lang: str):
    shown = []
    for rule in rules:
        values = {str(v) for p in rule.when for c in _conditions(p.where)
                  for v in (c.value if isinstance(c.value, list) else [c.value])}
        for line in describe(rule, lang):
            words = set(re.findall(r"[a-z][a-z0-9_]*_[a-z0-9_]+", line)) - values  # a report value may be code
            leaked = [w for w in words if w in _ENGINE_NAMES]
            if leaked or re.search(r"\b(rep|clause|case|referral|entry)\.", line):
                shown.append((rule.id, line))
    assert not shown, shown[:5]


def test_dates_compare_as_earlier_and_later(checker: Checker):
    (line,) = describe(checker.catalog.rules["DATE-AFTER-SUBMISSION"].rule, "zh")
    assert line == "有报告中填写的日期：日期晚于本报告的报送日期"
    (line,) = describe(checker.catalog.rules["DATE-AFTER-SUBMISSION"].rule, "en")
    assert line == "there is a date stated in the report where date is after the submission date of this report"


def test_a_missing_record_reads_as_there_being_none(checker: Checker):
    lines = describe(checker.catalog.rules["TASK-GAP"].rule, "zh")
    assert lines[0] == "有本部门应报告的条款：本报告期到期：是"
    assert lines[1] == "没有这样的任务（条款落实情况）：条款为该条款，且（状态不为待填报，或状态未填写）"


def test_clause_ids_and_cadences_read_as_in_findings(checker: Checker):
    lines = describe(checker.catalog.rules["CD-2-COMPLETION-DUE"].rule, "zh")
    assert lines[1] == "没有这样的任务（条款落实情况）：条款为第二项，且状态为已完成"
    (head, _) = describe(checker.catalog.rules["TASK-PHASE-NOT-COMPLETED-SUGGESTED"].rule, "zh")
    assert "完成周期为分阶段（有起止日期）" in head


def test_a_delay_in_working_days_is_a_number_not_a_date(checker: Checker):
    (line,) = describe(checker.catalog.rules["REG310-DECISION-LATE"].rule, "zh")
    assert line == "有移送涉嫌犯罪案件：作出移送审批决定用时（工作日）大于3"
    (line,) = describe(checker.catalog.rules["PENALTY-PUSH-LATE"].rule, "en")
    assert line == "there is a case where working days to push to the registration-place regulator is more than 10"


def test_offsets_are_said_in_words(checker: Checker):
    lines = describe(checker.catalog.rules["HLJ-78-SURVEY"].rule, "zh")
    assert any("所涉年度为本报告的报告年度减1" in line for line in lines)
    english = describe(checker.catalog.rules["HLJ-78-SURVEY"].rule, "en")
    assert any("year covered is the reporting year of this report minus 1" in line for line in english)
