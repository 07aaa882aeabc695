"""`plancheck rules lint`: what a pack must hold beyond loading — each check a small function with
an id, over one pack, yielding findings with file:line and what to fix.

The checks (CHECKS, in the order they run): a clause left as pack init's draft; a clause whose
classification its rules contradict (engine/coverage.py); a rule without a legal basis, a plan
clause it enforces or the words "plan requirement"; a message, remediation or rationale not in
Chinese; a rule without a passing and a failing case (run-scope rules excepted: a case checks one
report); a case file that does not load; an error on clause words a soft word governs whose
rationale does not say why (engine/rules/soft_words.py); a responsible unit the name table places
elsewhere or nowhere. A unit of kind `other` the name table cannot place is a note: the product
has no kind for it (a 发改委, a 政协 committee), and a report from it is checked by clause alone.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator, Literal, Optional

from ..model.report import DepartmentKind
from ..plans.names import infer_kinds
from .cases import CaseError
from .catalog import PLAN_FILE, Catalog, LoadedRule
from .model import Scope, Severity
from ..coverage import plan_coverage
from .pack_tests import case_file, pack_cases
from .soft_words import governing_soft_words, says_word
from .yaml_source import RuleLoadError, load_yaml

Level = Literal["error", "note"]
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
PLAN_REQUIREMENT = ("plan requirement", "方案要求", "计划要求", "方案规定", "计划规定")


@dataclass(frozen=True)
class LintFinding:
    path: Path
    line: int
    check: str
    text: dict[str, str]  # lang -> what is wrong and what to fix
    level: Level = "error"

    def line_text(self, lang: str) -> str:
        note = "note: " if self.level == "note" else ""
        return f"{self.path}:{self.line}: {self.check}: {note}{self.text[lang]}"


@lru_cache(maxsize=None)
def _doc(path: Path):
    return load_yaml(path)


def _line(path: Path, *loc: object) -> int:
    try:
        return _doc(path).line_of(tuple(loc))
    except RuleLoadError:
        return 1


def _rules_of(catalog: Catalog, pack: str) -> list[LoadedRule]:
    return sorted((r for r in catalog.rules.values() if r.pack == pack), key=lambda r: r.rule.id)


def _texts(item: LoadedRule) -> list[str]:
    rule = item.rule
    return [rule.title.zh, rule.message.zh, rule.rationale.zh if rule.rationale else ""]


def check_drafts(catalog: Catalog, pack: str) -> Iterator[LintFinding]:
    plan = catalog.plans.get(pack)
    for i, clause in enumerate(plan.clauses if plan else ()):
        if clause.draft:
            path = catalog.pack_folder(pack) / PLAN_FILE
            yield LintFinding(path, _line(path, "clauses", i, "draft"), "clause-draft", {
                "zh": f"条款 {clause.id} 仍是 pack init 的草稿：核对 check、target、schedule、outputs 和 reason 后删除 draft: true",
                "en": f"clause {clause.id} is still pack init's draft: confirm check, target, schedule, outputs and reason, then delete draft: true"})


def check_coverage(catalog: Catalog, pack: str) -> Iterator[LintFinding]:
    plan = catalog.plans.get(pack)
    if plan is None:
        return
    path = catalog.pack_folder(pack) / PLAN_FILE
    for i, row in enumerate(plan_coverage(catalog, plan).rows):
        if row.problem is None:
            continue
        if row.rule_ids:
            named = ", ".join(row.rule_ids[:3]) + (f" …{len(row.rule_ids)}" if len(row.rule_ids) > 3 else "")
            zh = f"条款 {row.clause.id} 归为 {row.clause.check.value}，却有规则核查它（{named}）：改为 check: rules"
            en = f"clause {row.clause.id} is {row.clause.check.value!r} but rules check it ({named}): make it check: rules"
        else:
            zh = f"条款 {row.clause.id} 归为 rules，但没有规则核查它：用 plancheck rules new 写规则，或改为 evidence（并写 reason）"
            en = f"clause {row.clause.id} is 'rules' but no rule checks it: write one (plancheck rules new) or make it evidence with a reason"
        yield LintFinding(path, _line(path, "clauses", i, "check"), "clause-classified", {"zh": zh, "en": en})


def check_basis(catalog: Catalog, pack: str) -> Iterator[LintFinding]:
    for item in _rules_of(catalog, pack):
        rule = item.rule
        cites = any(clause is not None for clause in item.clauses.values())
        says = rule.rationale is not None and any(w in f"{rule.rationale.zh} {rule.rationale.en or ''}"
                                                  for w in PLAN_REQUIREMENT)
        if not (rule.legal_basis or cites or says):
            yield LintFinding(item.path, _line(item.path, "id"), "rule-basis", {
                "zh": f"规则 {rule.id} 没有法律依据（legal_basis），不在任何方案条款下（clause 或 plan.yaml 的 uses），"
                      "rationale 也未写明“方案要求”：补上依据条文和原文引语",
                "en": f"rule {rule.id} has no legal_basis, enforces no plan clause (clause, or a plan's uses) and its "
                      "rationale does not say 'plan requirement': add the article and quote its words"})


def check_chinese(catalog: Catalog, pack: str) -> Iterator[LintFinding]:
    for item in _rules_of(catalog, pack):
        rule = item.rule
        fields = [("message", rule.message.zh), ("remediation", rule.remediation.zh)]
        fields += [("rationale", rule.rationale.zh)] if rule.rationale else []
        for name, text in fields:
            literal = _PLACEHOLDER.sub("", text)  # a message filled from a fact is the fact's words
            if literal.strip() and not _CJK.search(literal):
                yield LintFinding(item.path, _line(item.path, name, "zh"), "rule-chinese", {
                    "zh": f"规则 {rule.id} 的 {name}.zh 不是中文：写给经办人看的中文（英文放在 {name}.en）",
                    "en": f"rule {rule.id}: {name}.zh is not Chinese: write it in Chinese for the clerks (English goes in {name}.en)"})


def check_cases(catalog: Catalog, pack: str) -> Iterator[LintFinding]:
    try:
        cases = pack_cases(catalog, [pack])
    except CaseError as exc:
        where, _, what = str(exc).partition(": ")
        file, _, line = where.rpartition(":")
        yield LintFinding(Path(file), int(line) if line.isdigit() else 1, "case-file", {"zh": what, "en": what})
        return
    plain = Counter((case.rule_id, case.expect) for case in cases if case.xfail is None)
    for item in _rules_of(catalog, pack):
        if item.rule.scope is Scope.run:
            continue
        lacking = [expect for expect in ("pass", "fail") if not plain[(item.rule.id, expect)]]
        if lacking:
            want = " 和 ".join(f"test_{e}_*" for e in lacking)
            yield LintFinding(item.path, _line(item.path, "id"), "rule-cases", {
                "zh": f"规则 {item.rule.id} 缺少 {want} 案例：在 {case_file(catalog, item.rule.id)} 中补上（恰在界限上的通过与不通过）",
                "en": f"rule {item.rule.id} lacks {' and '.join(f'test_{e}_*' for e in lacking)} cases: add them to "
                      f"{case_file(catalog, item.rule.id)} (at the boundary)"})


def check_soft_words(catalog: Catalog, pack: str) -> Iterator[LintFinding]:
    plan = catalog.plans.get(pack)
    for item in _rules_of(catalog, pack) if plan else ():
        clause = plan.clause(item.rule.clause) if item.rule.clause else None
        if clause is None or item.rule.severity is not Severity.error:
            continue
        rationale = item.rule.rationale.zh if item.rule.rationale else ""
        unexplained = [w for w in governing_soft_words(clause.text, _texts(item)) if not says_word(rationale, w)]
        if unexplained:
            words = "、".join(unexplained)
            yield LintFinding(item.path, _line(item.path, "severity"), "rule-soft-word", {
                "zh": f"规则 {item.rule.id} 是 error，但条款 {clause.id} 所引句子含软性措辞“{words}”：改为 warning，"
                      f"或在 rationale 中说明为何该要求不受“{words}”限定",
                "en": f"rule {item.rule.id} is an error, but the words of clause {clause.id} it enforces carry "
                      f"{', '.join(unexplained)}: make it a warning, or say in its rationale why the requirement is firm"})


def _unit_kinds(names: list[str]) -> set[DepartmentKind]:
    return {kind for name in names for kind in infer_kinds(name)}


def check_units(catalog: Catalog, pack: str) -> Iterator[LintFinding]:
    plan = catalog.plans.get(pack)
    path = catalog.pack_folder(pack) / PLAN_FILE if plan else None
    for i, unit in enumerate(plan.departments if plan else ()):
        placed = _unit_kinds([unit.name, *unit.aliases])
        declared = set(unit.all_kinds) - {DepartmentKind.other}
        line = _line(path, "departments", i)
        if placed and not declared & placed:
            shown = ", ".join(sorted(k.value for k in placed))
            yield LintFinding(path, line, "unit-kind", {
                "zh": f"责任单位 {unit.name} 写作 {unit.kind.value}，名称表却认作 {shown}：改正 kind，或修正名称表的用词",
                "en": f"unit {unit.name} is given kind {unit.kind.value} but the name table reads {shown}: correct the kind or the table"})
        elif not placed and declared:
            yield LintFinding(path, line, "unit-unplaced", {
                "zh": f"名称表无法从 {unit.name} 的名称看出 {unit.kind.value}：补一个名称表能识别的别名（aliases），"
                      "或在 rules/common/data/department-names.yaml 中加词",
                "en": f"the name table cannot tell {unit.kind.value} from the name {unit.name}: add an alias it reads, "
                      "or words to rules/common/data/department-names.yaml"})
        elif not placed:
            yield LintFinding(path, line, "unit-other", {
                "zh": f"责任单位 {unit.name} 不属于名称表的任何类别（kind: other）：其报告只按方案列明的条款核查",
                "en": f"unit {unit.name} is of no kind the name table knows (kind: other): its reports are checked by the clauses naming it"},
                "note")


Check = Callable[[Catalog, str], Iterator[LintFinding]]
CHECKS: dict[str, Check] = {
    "clause-draft": check_drafts,
    "clause-classified": check_coverage,
    "rule-basis": check_basis,
    "rule-chinese": check_chinese,
    "rule-cases": check_cases,
    "rule-soft-word": check_soft_words,
    "unit": check_units,
}


def lint_packs(catalog: Catalog, packs: list[str], only: Optional[set[str]] = None) -> list[LintFinding]:
    """Every finding of every check on `packs` (COMMON included when listed), pack by pack."""
    _doc.cache_clear()
    found = []
    for pack in packs:
        for name, check in CHECKS.items():
            if only is None or name in only:
                found.extend(check(catalog, pack))
    return found


def case_counts(catalog: Catalog, pack: str) -> tuple[int, int]:
    """(case files, cases) of a pack, for the summary."""
    folder = catalog.pack_folder(pack)
    files = sorted((folder / "cases").glob("*.yaml")) if folder else []
    try:
        return len(files), len(pack_cases(catalog, [pack]))
    except CaseError:
        return len(files), 0

