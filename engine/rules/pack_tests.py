"""A pack's own tests (`plancheck rules test`): its per-rule cases through both evaluators, and its
scenarios, each with an outcome and, when it fails, the difference between what was expected and
what came out.

Cases are loaded by engine.rules.cases (the loader tests/test_rule_cases.py uses), scenarios by
engine.rules.scenarios (tests/test_scenarios.py's), so a pack passes here exactly when it passes
in the repository's test suite.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Literal, Optional

from ..checker import Checker
from .cases import BASES_DIR, CaseResult, RuleCase, load_cases, run_case
from .catalog import Catalog
from .packs import CASES_DIR, SCENARIOS_DIR
from .scenarios import Scenario, load_scenarios, scenario_problems

Status = Literal["passed", "failed", "xfailed", "xpassed"]
FAILING: tuple[Status, ...] = ("failed", "xpassed")


@dataclass(frozen=True)
class Outcome:
    pack: str
    name: str  # RULE-ID::test_x, or scenarios/<file>
    where: str  # file:line
    status: Status
    diff: tuple[str, ...] = ()  # "- expected, not found" / "+ found, not expected" lines

    @property
    def failed(self) -> bool:
        return self.status in FAILING


def case_folder(catalog: Catalog, pack: str) -> Optional[Path]:
    folder = catalog.pack_folder(pack)
    return folder / CASES_DIR if folder is not None else None


def base_dirs(catalog: Catalog) -> list[Path]:
    """Every pack's `cases/bases/`: a case finds a base another pack of the run keeps."""
    found = []
    for pack in ["common", *sorted(catalog.plans)]:
        folder = case_folder(catalog, pack)
        if folder is not None and (folder / BASES_DIR).is_dir():
            found.append(folder / BASES_DIR)
    return found


def pack_cases(catalog: Catalog, packs: Iterable[str], bases: Optional[dict[str, Any]] = None) -> list[RuleCase]:
    """The cases of the given packs (a pack without `cases/` has none)."""
    dirs, bases = base_dirs(catalog), {} if bases is None else bases
    found: list[RuleCase] = []
    for pack in packs:
        folder = case_folder(catalog, pack)
        if folder is not None and folder.is_dir():
            found.extend(load_cases(folder, catalog.rules, dirs, bases))
    return found


def case_file(catalog: Catalog, rule_id: str) -> Optional[Path]:
    """Where a rule's case file is (or would be): `cases/<RULE-ID>.yaml` in the rule's pack."""
    item = catalog.rules.get(rule_id)
    return item.path.parent / CASES_DIR / f"{rule_id}.yaml" if item is not None else None


def pack_scenarios(catalog: Catalog, packs: Iterable[str]) -> list[tuple[str, Scenario]]:
    found = []
    for pack in packs:
        folder = catalog.pack_folder(pack)
        if folder is not None:
            found.extend((pack, s) for s in load_scenarios(folder / SCENARIOS_DIR))
    return found


def _wanted(case: RuleCase) -> set[str]:
    return set(case.subjects) if case.expect == "fail" else set()


def case_diff(result: CaseResult) -> tuple[str, ...]:
    """The rule's findings the case expected and did not get (-), and got and did not expect (+)."""
    case, got = result.case, set(result.rule_subjects)
    rule = case.rule_id
    lines = []
    if case.expect == "fail" and not case.subjects and not got:
        lines.append(f"- {rule} (any subject)")
    lines += [f"- {rule} {subject}" for subject in sorted(_wanted(case) - got)]
    if case.expect == "pass" or case.subjects:
        lines += [f"+ {rule} {subject}" for subject in sorted(got - _wanted(case))]
    lines += [f"- {rule}: a message saying {text!r}" for text in result.unsaid]
    others = sorted({r for r, _ in result.findings if r != rule})
    if others:
        lines.append(f"  (other rules' findings on the report: {', '.join(others)})")
    return tuple(lines)


def run_case_both(case: RuleCase, durable: Checker, reference: Checker, pack: str) -> Outcome:
    first, second = run_case(case, durable), run_case(case, reference)
    where = f"{case.path}:{case.line}"
    if set(first.findings) != set(second.findings):
        only_d = sorted(set(first.findings) - set(second.findings))
        only_r = sorted(set(second.findings) - set(first.findings))
        diff = tuple([f"  evaluators disagree: durable only {only_d}, reference only {only_r}"])
        return Outcome(pack, case.id, where, "failed", diff)
    if case.xfail:
        return Outcome(pack, case.id, where, "xpassed" if first.passed else "xfailed",
                       (f"  xfail ({case.xfail}) but the case now passes: remove the xfail",) if first.passed else ())
    return Outcome(pack, case.id, where, "passed" if first.passed else "failed",
                   () if first.passed else case_diff(first))


def _scenario_diff(problems: list[str]) -> tuple[str, ...]:
    lines = []
    for problem in problems:
        if problem.startswith("missing: "):
            lines.append("- " + problem.removeprefix("missing: "))
        elif problem.startswith("not expected: "):
            lines.append("+ " + problem.removeprefix("not expected: "))
        elif problem.startswith(("trap hit", "compliant report has")):
            lines.append("+ " + problem)
        else:
            lines.append("  " + problem)
    return tuple(lines)


def run_scenario(pack: str, scenario: Scenario, checker: Checker) -> Outcome:
    problems = scenario_problems(scenario, checker)
    name = f"{SCENARIOS_DIR}/{scenario.report.name}"
    return Outcome(pack, name, f"{scenario.spec_path}:1", "failed" if problems else "passed", _scenario_diff(problems))


def run_pack_tests(catalog: Catalog, packs: list[str], keyword: Optional[str] = None) -> list[Outcome]:
    """Every case (both evaluators) and scenario of `packs`; `keyword` keeps names containing it."""
    durable, reference = Checker(catalog, "durable"), Checker(catalog, "reference")
    bases: dict[str, Any] = {}
    outcomes: list[Outcome] = []
    for pack in packs:
        for case in pack_cases(catalog, [pack], bases):
            if keyword is None or keyword in case.id:
                outcomes.append(run_case_both(case, durable, reference, pack))
        for _, scenario in pack_scenarios(catalog, [pack]):
            if keyword is None or keyword in scenario.report.name:
                outcomes.append(run_scenario(pack, scenario, durable))
    return outcomes
