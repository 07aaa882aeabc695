"""Check reports: facts in, rule matches through an evaluator, findings out."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Optional

from engine.clause_order import clause_key
from engine.compile import NormRule, normalise
from engine.departments import department_identity
from engine.evaluate_durable import DurableEvaluator
from engine.evaluate_reference import ReferenceEvaluator
from engine.evaluate_types import Match
from engine.facts import report_facts
from engine.findings import Finding, build_finding
from engine.io.read import DEFAULT_MAX_BYTES, LoadedReport, read_report
from engine.io.source import InputError
from engine.plan_facts import clause_duty_facts, threshold_facts
from engine.problem_facts import value_problem_facts
from engine.plans.duty import ClauseDuty, clause_duties
from engine.plans.identity import ResolvedDepartment, UnresolvedDepartment, resolve_department
from engine.resources import rules_dir
from engine.rules.catalog import Catalog, load_catalog
from engine.rules.model import Scope

EvaluatorName = Literal["durable", "reference"]


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

    @property
    def path(self) -> str:
        return self.loaded.path


class Checker:
    """Compiles the catalog once; checks any number of reports (one process, one thread)."""

    def __init__(self, catalog: Catalog, evaluator: EvaluatorName = "durable"):
        self.catalog = catalog
        # run-scope rules (reconciliation across reports) are evaluated by engine.batch, never here
        self.rules: list[NormRule] = [normalise(item) for item in catalog.scoped(Scope.report)]
        self._evaluator_class = DurableEvaluator if evaluator == "durable" else ReferenceEvaluator
        # One evaluator per plan, built on the plan's first report: every rule is conditioned on
        # the plan citing it, so the others could never match; leaving them out keeps the
        # engine's work per fact (and a cold check's compile time) to one plan's rules.
        self._evaluators: dict[str, DurableEvaluator | ReferenceEvaluator] = {}
        self._thresholds = threshold_facts(catalog)

    @classmethod
    def default(cls, rules_root: Optional[Path] = None, evaluator: EvaluatorName = "durable") -> "Checker":
        return cls(load_catalog(rules_root or rules_dir()), evaluator)

    def prepare(self, loaded: LoadedReport, self_check: bool = False) -> Prepared:
        """Accept the report (InputError unless its plan is known and its department can be
        checked against it) and build its facts. `self_check`: a department checking its own
        report before submitting (`check --department`)."""
        report = loaded.report
        if report.plan not in self.catalog.plans:
            known = ", ".join(sorted(self.catalog.plans))
            raise InputError(loaded.path, f"unknown plan {report.plan!r} (known: {known})", loaded.source.locate("/plan"))
        plan = self.catalog.plans[report.plan]
        try:
            department = resolve_department(plan, report.department)
        except UnresolvedDepartment as exc:
            raise InputError(loaded.path, str(exc), loaded.source.locate(exc.pointer)) from None
        duties = tuple(clause_duties(plan, department, report))
        records = list(report_facts(report, department, self_check))
        problems = value_problem_facts(loaded.problems, records)
        facts = [*records, *problems, *clause_duty_facts(duties), *self._thresholds]
        return Prepared(loaded, department, duties, facts)

    def facts(self, loaded: LoadedReport, self_check: bool = False) -> list[dict[str, Any]]:
        return self.prepare(loaded, self_check).facts

    def matches(self, facts: list[dict[str, Any]]) -> list[Match]:
        plan = next((fact.get("plan") for fact in facts if fact["t"] == "report"), None)
        if plan not in self.catalog.plans:
            return []  # no rule applies to a report of no known plan
        evaluator = self._evaluators.get(plan)
        if evaluator is None:
            cited = {item.rule.id for item in self.catalog.rules_for_plan(plan)}
            evaluator = self._evaluator_class([rule for rule in self.rules if rule.id in cited])
            self._evaluators[plan] = evaluator
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
            finding = build_finding(item, match.bindings, report, plan, loaded.source, identity)
            # several fact combinations can prove one problem (e.g. two amounts over the line)
            findings.setdefault((finding.rule_id, finding.subject), finding)
        ordered = sorted(findings.values(), key=_order)
        return CheckResult(loaded, tuple(ordered), prepared.department, prepared.duties)

    def check_path(self, path: Path, max_bytes: int = DEFAULT_MAX_BYTES, self_check: bool = False) -> CheckResult:
        return self.check_loaded(read_report(path, max_bytes), self_check)


def _order(finding: Finding) -> tuple:
    clause = finding.citation.clause if finding.citation else ""
    return (clause_key(clause), -finding.rank, finding.rule_id, finding.subject)


