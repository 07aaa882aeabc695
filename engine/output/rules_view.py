"""What the rule-listing formats (SARIF, JUnit, HTML) share: each rule's clause citation and
help text (which rules ran on a report is engine.output.rule_status)."""
from __future__ import annotations

from typing import Iterable, Optional

from ..findings import without_subject
from ..rules.catalog import SUBJECT_CLAUSE, Catalog, LoadedRule


# How a plan that applies a national rule under none of its clauses cites it (plan.yaml `uses`
# without `clause`).
NATIONAL_ONLY = "不对应计划条款，依国家规定检查"


def clause_citations(item: LoadedRule, catalog: Optional[Catalog], plan_ids: Optional[Iterable[str]] = None) -> list[str]:
    """`heilongjiang-2023 第18项 落实…：原文` for every plan that cites the rule (or only `plan_ids`)."""
    lines = []
    wanted = None if plan_ids is None else set(plan_ids)
    for plan_id, clause_id in sorted(item.clauses.items()):
        if wanted is not None and plan_id not in wanted:
            continue
        plan = catalog.plans.get(plan_id) if catalog is not None else None
        clause = plan.clause(clause_id) if plan is not None and clause_id not in (None, SUBJECT_CLAUSE) else None
        if clause_id is None:
            lines.append(f"{plan_id}：{NATIONAL_ONLY}")
        elif clause is None:
            lines.append(f"{plan_id}：按报告任务所对应的条款")
        else:
            lines.append(f"{plan_id} 第{clause.id}项 {clause.title}：{clause.text}")
    return lines


def basis_lines(item: LoadedRule) -> list[str]:
    return [
        b.citation + (f"：“{b.quote}”" if b.quote else "") + f"（{b.certainty.value}）"
        + (f"；类推：{b.analogy}" if b.analogy else "")
        for b in item.rule.legal_basis
    ]


def help_text(item: LoadedRule, catalog: Optional[Catalog]) -> str:
    rule = item.rule
    parts = [rule.title.zh + (f" / {rule.title.en}" if rule.title.en else "")]
    parts += [f"计划条款：{c}" for c in clause_citations(item, catalog)]
    parts += [f"法律依据：{b}" for b in basis_lines(item)]
    if rule.rationale:
        parts.append(f"说明：{rule.rationale.zh}")
    parts.append(f"整改：{without_subject(rule.remediation.zh)}")  # no finding's facts to fill it with
    return "\n".join(parts)
