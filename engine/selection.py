"""`--select` / `--ignore`: which rules a check reports, chosen by rule id, category or severity.

A selector is one of
- a severity (`error`, `warning`, `info`, or 错误/警告/提示);
- a category, the project's own names (`gap`, `missing_evidence` or `missing-evidence`,
  `deadline`, `threshold`, `inconsistency`, `invalid_value`, or their Chinese labels: 缺项 ...);
- a rule id, whole (`HLJ-67-TRAINING-TARGET`) or a prefix ending at a hyphen (`HLJ-67` is every
  rule whose id starts `HLJ-67-`, `HLJ` every Heilongjiang rule), as ruff selects by prefix;
- a glob over rule ids (`DATE-*`, `*-EVIDENCE`).
Case does not matter. A rule is reported when it matches some `--select` (every rule when there
is none) and no `--ignore`; ignoring wins. A selector that matches no rule at all is an error
with the close matches, so a typo cannot silently select nothing.
"""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Iterable, Optional

from .close_matches import did_you_mean
from .labels import CATEGORY, SEVERITY
from .rules.model import Category, Rule, Severity


class SelectionError(ValueError):
    """A selector that names nothing; str() is one line."""


def _folded_names(enum: type, labels: dict[str, dict[str, str]]) -> dict[str, str]:
    """Every spelling of each value -> the value: `missing_evidence`, `missing-evidence`, 缺少佐证."""
    names: dict[str, str] = {}
    for member in enum:
        names[member.value] = member.value
        names[member.value.replace("_", "-")] = member.value
        for lang in labels:
            names[labels[lang][member.value].casefold()] = member.value
    return names


_SEVERITIES = _folded_names(Severity, SEVERITY)
_CATEGORIES = _folded_names(Category, CATEGORY)
_GLOB = set("*?[")


@dataclass(frozen=True)
class Selector:
    text: str  # as the user wrote it
    kind: str  # "severity", "category" or "rule"
    value: str  # the severity or category value, or the rule pattern (upper case)

    def matches(self, rule: Rule) -> bool:
        if self.kind == "severity":
            return rule.severity.value == self.value
        if self.kind == "category":
            return rule.category.value == self.value
        rule_id = rule.id.upper()
        if _GLOB & set(self.value):
            return fnmatch.fnmatchcase(rule_id, self.value)
        return rule_id == self.value or rule_id.startswith(self.value.rstrip("-") + "-")


def parse_selector(text: str, rules: Iterable[Rule]) -> Selector:
    folded = text.strip().casefold()
    if folded in _SEVERITIES:
        return Selector(text, "severity", _SEVERITIES[folded])
    if folded in _CATEGORIES:
        return Selector(text, "category", _CATEGORIES[folded])
    selector = Selector(text, "rule", text.strip().upper())
    rules = list(rules)
    if not text.strip() or not any(selector.matches(r) for r in rules):
        names = sorted(_prefixes(r.id for r in rules) | {s.value for s in Severity} | {c.value for c in Category})
        raise SelectionError(f"{text!r} is not a rule id, category or severity{did_you_mean(text, names)[1]}")
    return selector


def parse_selectors(values: Iterable[str], rules: Iterable[Rule]) -> tuple[Selector, ...]:
    """`--select a,b --select c` and a configuration list alike (commas separate selectors)."""
    rules = list(rules)
    return tuple(parse_selector(s, rules) for s in _split(values))


@dataclass(frozen=True)
class Selection:
    select: tuple[Selector, ...] = ()
    ignore: tuple[Selector, ...] = ()

    @classmethod
    def parse(cls, select: Iterable[str], ignore: Iterable[str], rules: Iterable[Rule]) -> "Selection":
        rules = list(rules)
        return cls(parse_selectors(select, rules), parse_selectors(ignore, rules))

    @property
    def everything(self) -> bool:
        return not self.select and not self.ignore

    def keeps(self, rule: Rule) -> bool:
        chosen = not self.select or any(s.matches(rule) for s in self.select)
        return chosen and not any(s.matches(rule) for s in self.ignore)

    def describe(self) -> Optional[str]:
        if self.everything:
            return None
        parts = []
        if self.select:
            parts.append("select " + ",".join(s.text for s in self.select))
        if self.ignore:
            parts.append("ignore " + ",".join(s.text for s in self.ignore))
        return "; ".join(parts)


def _prefixes(rule_ids: Iterable[str]) -> set[str]:
    """Every id and every prefix of it ending before a hyphen: `HLJ-76` is close to `HLJ-67`."""
    found = set()
    for rule_id in rule_ids:
        parts = rule_id.split("-")
        found.update("-".join(parts[:n]) for n in range(1, len(parts) + 1))
    return found


def _split(values: Iterable[str]) -> list[str]:
    return [part for value in values for part in str(value).split(",") if part.strip()]
