"""What the rule-listing formats (SARIF, JUnit, HTML) share: which rules were checked on a
report, each rule's clause citation and help text."""
from __future__ import annotations

from typing import Optional

from engine.checker import CheckResult
from engine.rules.catalog import NO_CLAUSE, SUBJECT_CLAUSE, Catalog, LoadedRule


def applicable_rules(catalog: Optional[Catalog], result: CheckResult) -> list[LoadedRule]:
    """Rules the plan cites whose applies_to admits the report's department (sorted by id)."""
    if catalog is None:
        return []
    department = result.department
    chosen = []
    for item in catalog.rules_for_plan(result.loaded.report.plan):
        applies = item.rule.applies_to
        if department is None:
            continue
        if applies.department_kinds and not department.has_kind(applies.department_kinds):
            continue
        if applies.levels and department.level not in applies.levels:
            continue
        chosen.append(item)
    return sorted(chosen, key=lambda r: r.rule.id)


def clause_citations(item: LoadedRule, catalog: Optional[Catalog]) -> list[str]:
    """`heilongjiang-2023 第18项 落实…：原文` for every plan that cites the rule."""
    lines = []
    for plan_id, clause_id in sorted(item.clauses.items()):
        plan = catalog.plans.get(plan_id) if catalog is not None else None
        clause = plan.clause(clause_id) if plan is not None and clause_id != SUBJECT_CLAUSE else None
        if clause_id == NO_CLAUSE:
            lines.append(f"{plan_id}：国家规则，不对应计划条款")
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
    parts.append(f"整改：{rule.remediation.zh}")
    return "\n".join(parts)
