"""What a clause asks a department's report for, read off the pack: the parts of the report its
rules read (which metric, which kind of publication, which referral materials), the outputs it
names, the platforms it names, and the evidence each needs. The template (engine.template) writes
it into every task as a short list, so nothing here is written per clause by hand.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

from ..labels import CHOICES
from ..plan_facts import produces
from .identity import ResolvedDepartment
from ..rules.catalog import Catalog
from ..rules.model import AllOf, AnyOf, Condition, Operator, Rule, Where
from ..rules.plan_model import Clause, OutputKind, Plan, PublishedDecision

# The part of the report a fact type comes from, as a clerk finds it in the template.
_SECTIONS = {
    "case": "cases：本期办理的执法案件（当事人、违法行为及数额、处理结果、处罚决定及公示）",
    "amount": "cases：本期办理的执法案件（当事人、违法行为及数额、处理结果、处罚决定及公示）",
    "penalty_posting": "cases[].penalty.publications：行政处罚决定在各平台的公示日期和网址",
    "referral": "referrals：移送涉嫌犯罪案件的记录（审批、移送时间、接收的公安机关、回执、立案决定、移交）",
    "received_referral": "received_referrals：接受行政执法机关移送的案件及立案决定",
    "credit_entry": "credit_list：列入严重违法失信名单的条目（决定书文号、统一社会信用代码、移出）",
    "credit_posting": "credit_list[].publications：失信名单在各平台的公示日期、网站名称和网址",
    "publication": "publications：发布的白皮书、调查报告、典型案例等",
    "metric": "metrics：本项的数据指标",
}
_ATTACHMENTS = "referrals[].attachments：随案移送的材料，每份写明标题和文号，确无的标注 not_applicable 并写明理由："
_EVIDENCE = ("evidence：每份佐证写明标题（title）和日期（date），有文号、发文单位、网址的一并填写；kind 选 "
             + " / ".join(f"{value} {label}" for value, label in CHOICES["EvidenceKind"][2].items()))
# The evidence kinds that usually show an output of each kind delivered.
_OUTPUT_EVIDENCE = {
    OutputKind.document: ("document", "notice"),
    OutputKind.body: ("document", "notice", "web_page"),
    OutputKind.platform: ("web_page", "document"),
    OutputKind.activity: ("notice", "minutes", "photo", "web_page"),
}
_FAMILY_LIMIT = 6  # more rules than this are named by family (REG310-* 32条), to keep the list short


@dataclass(frozen=True)
class ClauseGuide:
    """What to report under a clause and which evidence it needs, each a short line."""

    report: tuple[str, ...]
    evidence: tuple[str, ...]
    rules: tuple[str, ...]  # the ids (or families) of the rules that check it


def clause_rules(catalog: Optional[Catalog], plan: Plan, clause: Clause, department: ResolvedDepartment) -> list[Rule]:
    """The rules the plan cites under `clause` that apply to the department, by id."""
    if catalog is None:
        return []
    found = []
    for item in sorted(catalog.rules_for_plan(plan.id), key=lambda r: r.rule.id):
        if item.clauses.get(plan.id) != clause.id:
            continue
        applies = item.rule.applies_to
        if applies.department_kinds and not department.has_kind(applies.department_kinds):
            continue
        if applies.levels and department.level not in applies.levels:
            continue
        found.append(item.rule)
    return found


def _conditions(where: Iterable[Where]) -> Iterator[Condition]:
    for item in where:
        if isinstance(item, Condition):
            yield item
        elif isinstance(item, (AnyOf, AllOf)):
            yield from _conditions(item.any if isinstance(item, AnyOf) else item.all)


def _named_values(rule: Rule, fact_type: str, field: str) -> Iterator[str]:
    """The values a rule's patterns on `fact_type` ask `field` to equal. A list (`in`) is a rule
    reading several kinds at once (every white paper's dates), not a demand for each of them."""
    for pattern in rule.when:
        if pattern.fact_type != fact_type:
            continue
        for condition in _conditions(pattern.where):
            if condition.field != field or condition.value is None:
                continue
            if condition.op is Operator.eq:
                yield str(condition.value)


def _report_lines(plan: Plan, clause: Clause, rules: list[Rule]) -> list[str]:
    lines = ["narrative：本项做了什么、何时做、成效如何（删去本说明后填写）"]
    if clause.target:
        lines.append(f"目标：{clause.target}")
    fact_types = {p.fact_type for rule in rules for p in rule.when}
    metrics = [key for rule in rules for key in _named_values(rule, "metric", "metric_key")]
    lines.extend(f"metrics：key 填 {key}，clause 填 {clause.id}，写明数值、单位、统计范围和期间" for key in metrics)
    labels = CHOICES["PublicationKind"][2]
    kinds = [value for rule in rules for value in _named_values(rule, "publication", "kind")]
    lines.extend(f"publications：{labels.get(value, value)}（kind 填 {value}），写明标题、覆盖年度、发布日期和网址"
                 for value in kinds)
    named = {"metric": bool(metrics), "publication": bool(kinds)}  # the general line would say less
    lines.extend(line for fact_type, line in _SECTIONS.items() if fact_type in fact_types and not named.get(fact_type))
    for platform in plan.publication_platforms:
        if platform.clause == clause.id:
            what = "、".join("失信名单" if d is PublishedDecision.credit_list else "行政处罚决定" for d in platform.decisions)
            lines.append(f"{what}在“{platform.name}”的公示（platform 填 {platform.platform.value}，site_name 按原文填写）")
    return lines


def _attachment_line(rules: list[Rule]) -> list[str]:
    """The referral materials (国务院令第310号 第六条) the rules ask for, in the enum's order."""
    named = {value for rule in rules for value in _named_values(rule, "attachment", "kind")}
    labels = CHOICES["AttachmentKind"][2]
    kinds = [f"{label}（kind 填 {value}）" for value, label in labels.items() if value in named]
    return [_ATTACHMENTS + "；".join(kinds)] if kinds else []


def _evidence_lines(clause: Clause, department: ResolvedDepartment, rules: list[Rule]) -> list[str]:
    lines = _attachment_line(rules)
    if any(True for rule in rules for _ in _named_values(rule, "metric", "metric_key")):
        lines.append("metrics 的数值：附统计表等佐证（kind 填 statistics，在 id 中编号，由 metrics 的 evidence_refs 引用）")
    for output in clause.outputs:
        if not produces(output, department):
            continue
        yearly = "，每年一份" if output.yearly else ""
        kinds = " / ".join(_OUTPUT_EVIDENCE[output.kind])
        lines.append(f"{output.title}{yearly}：佐证标题写明“{output.keywords[0]}”，或 output 填 {output.id}"
                     f"（kind 宜选 {kinds}）")
    lines.append(_EVIDENCE)
    return lines


def _rule_names(rules: list[Rule]) -> list[str]:
    ids = [rule.id for rule in rules]
    if len(ids) <= _FAMILY_LIMIT:
        return ids
    families: dict[str, int] = {}
    for rule_id in ids:
        family = rule_id.split("-", 1)[0]
        families[family] = families.get(family, 0) + 1
    return [f"{family}-*（{count}条）" for family, count in families.items()]


def clause_guide(catalog: Optional[Catalog], plan: Plan, clause: Clause, department: ResolvedDepartment) -> ClauseGuide:
    rules = clause_rules(catalog, plan, clause, department)
    return ClauseGuide(
        report=tuple(dict.fromkeys(_report_lines(plan, clause, rules))),
        evidence=tuple(dict.fromkeys(_evidence_lines(clause, department, rules))),
        rules=tuple(_rule_names(rules)),
    )
