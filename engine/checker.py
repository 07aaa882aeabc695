"""Check reports: facts in, rule matches through an evaluator, findings out."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Optional

from .clause_order import clause_key
from .compile import NormRule, applies, normalise
from .departments import department_identity
from .evaluate_durable import DurableEvaluator
from .evaluate_reference import ReferenceEvaluator
from .evaluate_types import Match
from .facts import report_facts
from .findings import Finding, build_finding
from .io.read import DEFAULT_MAX_BYTES, LoadedReport, read_report
from .io.source import InputError
from .plan_facts import clause_duty_facts, output_evidence_facts, output_facts
from .problem_facts import value_problem_facts
from .threshold_facts import threshold_facts
from .plans.duty import ClauseDuty, clause_duties, duties_key
from .plans.identity import ResolvedDepartment, UnresolvedDepartment, resolve_department
from .plans.unknown_plan import unknown_plan
from .rules.catalog import Catalog
from .rules.catalog_cache import cached_catalog
from .rules.packs import RulesDirs, resolve_packs
from .rules.model import Scope

EvaluatorName = Literal["durable", "reference"]
_DUTIES_KEPT = 4096


@dataclass(frozen=True)
class Prepared:
    """An accepted report, its department as resolved against the plan, the clauses it answers
    for, and the facts the rules see."""

    loaded: LoadedReport
    department: ResolvedDepartment
    duties: tuple[ClauseDuty, ...]
    facts: list[dict[str, Any]]


@dataclass(frozen=True)
class CheckResult:
    loaded: LoadedReport
    findings: tuple[Finding, ...]
    department: Optional[ResolvedDepartment] = None
    duties: tuple[ClauseDuty, ...] = ()
    # what the rules saw, for the formats that say which rules ran (engine.output.rule_status)
    facts: tuple[dict[str, Any], ...] = ()

    @property
    def path(self) -> str:
        return self.loaded.path


class Checker:
    """Compiles the catalog once; checks any number of reports (one process, one thread)."""

    def __init__(self, catalog: Catalog, evaluator: EvaluatorName = "durable"):
        self.catalog = catalog
        # run-scope rules (reconciliation across reports) are evaluated by engine.batch, never here
        self._items = catalog.scoped(Scope.report)
        self.rules: list[NormRule] = [normalise(item, applicability=False) for item in self._items]
        self._evaluator_class = DurableEvaluator if evaluator == "durable" else ReferenceEvaluator
        # One evaluator per plan and kind of department (its kinds and level), built on its first
        # report, with only the rules that apply to it: the others could never match, and leaving
        # them out keeps the engine's work per fact (and a cold check's compile time) small.
        self._evaluators: dict[tuple, DurableEvaluator | ReferenceEvaluator] = {}
        self._thresholds = threshold_facts(catalog.thresholds)
        # clause duties by engine.plans.duty.duties_key: a plan's 80 clauses are weighed once per
        # kind of department and period, not once per report (bounded: cleared when full)
        self._duties: dict[tuple, tuple[ClauseDuty, ...]] = {}

    @classmethod
    def default(cls, rules: RulesDirs = None, evaluator: EvaluatorName = "durable") -> "Checker":
        """The bundled rules plus `rules` (`--rules`: packs to add, or a complete tree); the
        loaded catalog comes from the on-disk cache when it holds this very one."""
        return cls(cached_catalog(resolve_packs(rules)), evaluator)

    def prepare(self, loaded: LoadedReport, self_check: bool = False) -> Prepared:
        """Accept the report (InputError unless its plan is known and its department can be
        checked against it) and build its facts. `self_check`: a department checking its own
        report before submitting (`check --department`)."""
        report = loaded.report
        if report.plan not in self.catalog.plans:
            en, zh = unknown_plan(self.catalog.plans, report.plan)
            raise InputError(loaded.path, en, loaded.source.locate("/plan"), zh)
        plan = self.catalog.plans[report.plan]
        try:
            department = resolve_department(plan, report.department)
        except UnresolvedDepartment as exc:
            raise InputError(loaded.path, str(exc), loaded.source.locate(exc.pointer), exc.zh) from None
        duties = self._clause_duties(plan, department, report)
        platforms = self.catalog.required_platforms(report.plan)
        records = list(report_facts(report, department, self_check, platforms))
        problems = value_problem_facts(loaded.problems, records)
        facts = [*records, *problems, *clause_duty_facts(duties, (task.clause for task in report.tasks), self_check),
                 *output_facts(plan, department, duties, report), *output_evidence_facts(plan, report),
                 *self._thresholds_for(report)]
        return Prepared(loaded, department, duties, facts)

    def _clause_duties(self, plan: Any, department: ResolvedDepartment, report: Any) -> tuple[ClauseDuty, ...]:
        key = duties_key(plan, department, report)
        duties = self._duties.get(key)
        if duties is None:
            if len(self._duties) >= _DUTIES_KEPT:
                self._duties.clear()
            duties = self._duties[key] = tuple(clause_duties(plan, department, report))
        return duties

    def _thresholds_for(self, report: Any) -> list[dict[str, Any]]:
        """The criminal-threshold table, for the party types of the report's cases only: every
        threshold rule joins a case (and its party type), and the table is large."""
        parties = {case.party.type.value for case in report.cases if case.party and case.party.type}
        return [f for f in self._thresholds if f.get("party_type", next(iter(parties), None)) in parties]

    def facts(self, loaded: LoadedReport, self_check: bool = False) -> list[dict[str, Any]]:
        return self.prepare(loaded, self_check).facts

    def matches(self, facts: list[dict[str, Any]]) -> list[Match]:
        report = next((fact for fact in facts if fact["t"] == "report"), {})
        plan = report.get("plan")
        if plan not in self.catalog.plans:
            return []  # no rule applies to a report of no known plan
        kinds = tuple(sorted(k.removeprefix("kind_") for k, v in report.items() if k.startswith("kind_") and v is True))
        key = (plan, kinds, report.get("dept_level"))
        evaluator = self._evaluators.get(key)
        if evaluator is None:
            chosen = {item.rule.id for item in self._items if applies(item, *key)}
            evaluator = self._evaluator_class([rule for rule in self.rules if rule.id in chosen])
            self._evaluators[key] = evaluator
        return evaluator.evaluate(facts)

    def check_loaded(self, loaded: LoadedReport, self_check: bool = False) -> CheckResult:
        return self.check_prepared(self.prepare(loaded, self_check))

    def check_prepared(self, prepared: Prepared) -> CheckResult:
        """Findings of an accepted report from its facts (as `prepare` made them)."""
        loaded = prepared.loaded
        report = loaded.report
        plan = self.catalog.plans[report.plan]
        identity = department_identity(plan, report.department.name, prepared.department)
        findings: dict[tuple[str, str], Finding] = {}
        for match in self.matches(prepared.facts):
            item = self.catalog.rules[match.rule_id]
            # several fact combinations can prove one problem (e.g. two amounts over the line): the
            # first is the finding, and the others are not built at all (a finding's subject is its
            # subject binding's key)
            key = (match.rule_id, match.bindings[item.rule.subject]["key"])
            if key not in findings:
                findings[key] = build_finding(item, match.bindings, report, plan, loaded.source, identity)
        ordered = sorted(findings.values(), key=_order)
        return CheckResult(loaded, tuple(ordered), prepared.department, prepared.duties, tuple(prepared.facts))

    def check_path(self, path: Path, max_bytes: int = DEFAULT_MAX_BYTES, self_check: bool = False) -> CheckResult:
        return self.check_loaded(read_report(path, max_bytes), self_check)


def _order(finding: Finding) -> tuple:
    clause = finding.citation.clause if finding.citation else ""
    return (clause_key(clause), -finding.rank, finding.rule_id, finding.subject)


