"""Findings: frozen values built from rule matches, each citing its clause and legal basis.

Shaped for speed (every report has a few findings, each with four texts to fill in): a message
template is split at its placeholders once per rule (_pieces), not searched by a regex again for
every finding."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from .departments import department_identity
from .fact_builder import CST
from .workdays import EPOCH
from .io.source import Location, SourceMap
from .model.report import Report
from .labels import VALUE
from .rules.catalog import SUBJECT_CLAUSE, LoadedRule
from .rules.model import SEVERITY_RANK, LegalBasis, Severity
from .rules.plan_model import Plan
from .rules.semantics import PLACEHOLDER


@dataclass(frozen=True)
class Citation:
    plan: str
    clause: str
    title: str
    text: str


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: Severity
    category: str
    subject: str
    location: Location
    message_zh: str
    message_en: Optional[str]
    remediation_zh: str
    remediation_en: Optional[str]
    title_zh: str
    title_en: Optional[str]
    citation: Optional[Citation]
    legal_basis: tuple[LegalBasis, ...]
    notes: tuple[str, ...]
    fingerprint: str

    def message(self, lang: str) -> str:
        return (self.message_en or self.message_zh) if lang == "en" else self.message_zh

    def remediation(self, lang: str) -> str:
        return (self.remediation_en or self.remediation_zh) if lang == "en" else self.remediation_zh

    def title(self, lang: str) -> str:
        return (self.title_en or self.title_zh) if lang == "en" else self.title_zh

    @property
    def rank(self) -> int:
        return SEVERITY_RANK[self.severity]


def _display(field: str, value: Any, lang: str) -> str:
    """Facts carry dates as numbers and codes as values; messages show them as people read them."""
    if field.endswith("_day") and isinstance(value, int):
        return (EPOCH + dt.timedelta(days=value)).isoformat()
    if field.endswith("_ts") and isinstance(value, int):
        return dt.datetime.fromtimestamp(value, CST).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, str):
        return VALUE[lang].get(value, value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@lru_cache(maxsize=4096)  # the rules' own texts: a few hundred
def _pieces(template: str) -> tuple[str, ...]:
    """A message split once at its placeholders: text, binding, field, text, …, binding, field, text."""
    return tuple(PLACEHOLDER.split(template))


def render(template: Optional[str], bindings: dict[str, dict[str, Any]], lang: str = "zh") -> Optional[str]:
    """`template` with each {binding.field} filled in. Shaped for speed (four texts per finding):
    the template is split at its placeholders once per rule, not searched again per finding."""
    if template is None:
        return None
    pieces = _pieces(template)
    out = [pieces[0]]
    for i in range(1, len(pieces), 3):
        value = bindings.get(pieces[i], {}).get(pieces[i + 1])
        if value is None:  # rules print a field that may be missing to show which one is
            out.append("（未填写）" if lang == "zh" else "(not given)")
        else:
            out.append(_display(pieces[i + 1], value, lang))
        out.append(pieces[i + 2])
    return "".join(out)


def without_subject(template: str, lang: str = "zh") -> str:
    """A message or remediation said of the rule rather than of one finding (a rule's help text):
    its placeholders, which only a finding's facts fill, become a blank to read past."""
    return PLACEHOLDER.sub("〔…〕" if lang == "zh" else "[…]", template)


def fingerprint(rule_id: str, report: Report, subject: str, plan: Optional[Plan] = None,
                identity: Optional[str] = None) -> str:
    """Stable across runs for one problem of one department's report for one period."""
    raw = "\x1f".join([
        rule_id, report.plan, identity or department_identity(plan, report.department.name),
        report.period.start.isoformat(), report.period.end.isoformat(), subject,
    ])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def _citation(item: LoadedRule, plan: Optional[Plan], subject_fact: dict[str, Any]) -> Optional[Citation]:
    if plan is None:
        return None
    clause_id = item.clauses.get(plan.id)
    if clause_id == SUBJECT_CLAUSE:  # the clause the subject belongs to (an evidence item: its task's)
        clause_id = subject_fact.get("clause") or subject_fact.get("task_clause")
    clause = plan.clause(clause_id) if clause_id else None
    if clause is None:
        return None
    return Citation(plan.id, clause.id, clause.title, clause.text)


def build_finding(
    item: LoadedRule, bindings: dict[str, dict[str, Any]], report: Report,
    plan: Optional[Plan], source: SourceMap, identity: Optional[str] = None,
) -> Finding:
    rule = item.rule
    subject_fact = bindings[rule.subject]
    pointer = subject_fact["ptr"]
    if rule.location_field:
        pointer = f"{pointer}/{rule.location_field}"
    notes = sorted({f["calendar_note"] for f in bindings.values() if f.get("calendar_note")})
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        category=rule.category.value,
        subject=subject_fact["key"],
        location=source.locate(pointer),
        message_zh=render(rule.message.zh, bindings) or "",
        message_en=render(rule.message.en, bindings, "en"),
        remediation_zh=render(rule.remediation.zh, bindings) or "",
        remediation_en=render(rule.remediation.en, bindings, "en"),
        title_zh=rule.title.zh,
        title_en=rule.title.en,
        citation=_citation(item, plan, subject_fact),
        legal_basis=tuple(rule.legal_basis),
        notes=tuple(notes),
        fingerprint=fingerprint(rule.id, report, subject_fact["key"], plan, identity),
    )
