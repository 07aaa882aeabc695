"""`plancheck rules new RULE-ID --plan P --clause C --from SHAPE`: scaffold a rule and its cases in
the plan's pack (engine/rules/scaffold.py), then run the new cases so the author sees them pass."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Optional

import click
import yaml

from .common import fail, rules_option
from .rules_authoring import load_for
from ..exit_codes import ExitCode
from ..model.report import DepartmentKind, PublicationKind
from ..rules.cases import BASES_DIR, find_base
from ..rules.catalog import Catalog, load_packs
from ..rules.model import RULE_ID
from ..rules.packs import CASES_DIR, resolve_packs
from ..rules.plan_model import Clause, Plan
from ..rules.scaffold import Draft, ScaffoldError
from ..rules.scaffold_shapes import SHAPES, case_file_data
from ..rules.scaffold_base import make_base
from ..rules.yaml_source import RuleLoadError


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110, default_flow_style=None)


def _fit(path: Path, plan: Plan, clause: Clause, kinds: list[str]) -> int:
    """How well a base suits the rule: 0 not at all (another plan, no task for the clause); more
    for a department of the rule's kinds, and for the clause's lead (or first) unit."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("plan") != plan.id or not any(t.get("clause") == clause.id for t in data.get("tasks") or []):
        return 0
    department = data.get("department") or {}
    own = {department.get("kind"), *(department.get("kinds") or [])}
    first = clause.lead or next(iter(clause.responsible), None)
    unit = next((u for u in plan.departments if u.id == first), None)
    return 1 + 2 * bool(own & set(kinds)) + bool(unit and department.get("name") == unit.name)


def _choose_base(catalog: Catalog, plan: Plan, clause: Clause, pack: Path, base: Optional[str],
                 unit_id: Optional[str], year: Optional[int], kinds: list[str]) -> tuple[str, dict[str, Any], Optional[Path]]:
    """(name, data, path written or None): the base named, else the pack's base that suits the
    rule best, else a new one for the unit given, or one of the rule's kinds, or the clause's lead
    (or first) unit."""
    from ..rules.pack_tests import base_dirs

    if base is not None:
        found = find_base(base, pack / CASES_DIR, base_dirs(catalog))
        if found is None:
            raise fail(f"base report {base!r} not found in {pack / CASES_DIR / BASES_DIR} or another pack's")
        return base, json.loads(found.read_text(encoding="utf-8")), None
    own = pack / CASES_DIR / BASES_DIR
    fits = sorted(((_fit(p, plan, clause, kinds), p) for p in sorted(own.glob("*.json"))) if unit_id is None else (),
                  key=lambda fit: -fit[0])
    if fits and fits[0][0] and (not kinds or fits[0][0] >= 3):
        path = fits[0][1]
        return path.stem, json.loads(path.read_text(encoding="utf-8")), None
    if kinds and unit_id is None:  # a unit of the rule's kinds that answers for the clause
        unit_id = next((u.id for u in plan.departments if u.id in [*clause.responsible, clause.lead]
                        and set(k.value for k in u.all_kinds) & set(kinds)), None)
    unit_id = unit_id or clause.lead or next(iter(clause.responsible), None)
    unit = next((u for u in plan.departments if u.id == unit_id), None)
    if unit is None:
        raise fail(f"clause {clause.id} names no unit to write a base report for: give --department UNIT-ID "
                   f"(one of {', '.join(u.id for u in plan.departments) or 'none'})")
    dated = clause.schedule.by or clause.schedule.end
    data = make_base(plan, unit, year or (dated.year if dated else plan.period.start.year))
    name = f"{plan.id}-{unit.id.replace('_', '-')}"
    path = own / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return name, data, path


@click.command(name="new")
@click.argument("rule_id")
@click.option("--plan", "plan_id", required=True, help="The plan (pack id).")
@click.option("--clause", "clause_id", required=True, help="The clause the rule enforces, as plan.yaml numbers it.")
@click.option("--from", "shape", required=True, type=click.Choice(list(SHAPES)), help="The rule's shape.")
@click.option("--metric", help="reported/target: the report's metrics[].key for the clause's figure.")
@click.option("--scope", type=click.Choice(["own", "region"]), default="own", show_default=True,
              help="reported/target: the department's own figure, or its region's total.")
@click.option("--publication", type=click.Choice([k.value for k in PublicationKind]),
              default=PublicationKind.ip_protection_white_paper.value, show_default=True,
              help="annual-publication: the kind of publication.")
@click.option("--kinds", help="Comma-separated department kinds the rule applies to (default: whoever answers for the clause).")
@click.option("--base", help="Base report for the cases (a name in the pack's cases/bases/).")
@click.option("--department", "unit_id", metavar="UNIT-ID", help="The unit (plan.yaml departments id) a new base report is for.")
@click.option("--year", type=click.IntRange(1990, 2100), help="The year of a new base report.")
@rules_option
def new_command(rule_id: str, plan_id: str, clause_id: str, shape: str, metric: Optional[str], scope: str,
                publication: str, kinds: Optional[str], base: Optional[str], unit_id: Optional[str],
                year: Optional[int], rules_dir: tuple[Path, ...]) -> None:
    """Write RULE-ID from a common shape, with its case file, into the plan's pack."""
    if not re.match(RULE_ID, rule_id):
        raise fail(f"rule id {rule_id!r} is not of the form PACK-CLAUSE-WHAT (capitals, digits, hyphens)")
    catalog, _ = load_for(None, rules_dir)
    plan = catalog.plans.get(plan_id)
    if plan is None:
        raise fail(f"unknown plan {plan_id!r} (known: {', '.join(sorted(catalog.plans))}); add its pack with --rules DIR")
    clause = plan.clause(clause_id)
    if clause is None:
        raise fail(f"plan {plan_id} has no clause {clause_id!r} (its clauses: {', '.join(c.id for c in plan.clauses)})")
    if rule_id in catalog.rules:
        raise fail(f"rule {rule_id} already exists: {catalog.rules[rule_id].path}")
    chosen_kinds = [k.strip() for k in kinds.split(",")] if kinds else []
    unknown = [k for k in chosen_kinds if k not in {d.value for d in DepartmentKind}]
    if unknown:
        raise fail(f"unknown department kind {unknown[0]!r}")
    pack = catalog.pack_folder(plan_id)
    rule_path, case_path = pack / f"{rule_id}.yaml", pack / CASES_DIR / f"{rule_id}.yaml"
    base_name, base_data, base_written = _choose_base(catalog, plan, clause, pack, base, unit_id, year, chosen_kinds)
    draft = Draft(rule_id, plan, clause, base_name, base_data, metric, scope, PublicationKind(publication), chosen_kinds)
    try:
        rule, cases = SHAPES[shape](draft)
    except ScaffoldError as exc:
        raise fail(str(exc)) from None
    rule_path.write_text(_dump(rule), encoding="utf-8")
    case_path.parent.mkdir(parents=True, exist_ok=True)
    case_path.write_text(_dump(case_file_data(draft, cases)), encoding="utf-8")
    click.echo(f"wrote {rule_path}")
    click.echo(f"wrote {case_path} ({len(cases)} cases on base {base_name})")
    if base_written is not None:
        click.echo(f"wrote {base_written} (a base report for {base_data['department']['name']}: "
                   "every item it answers for completed, with dated evidence — make its texts real)")
    _run_new_cases(rules_dir, rule_id)


def _run_new_cases(rules_dir: tuple[Path, ...], rule_id: str) -> None:
    from ..checker import Checker
    from ..rules.pack_tests import base_dirs, case_file, run_case_both
    from ..rules.cases import load_case_file

    try:
        catalog = load_packs(resolve_packs(rules_dir))
        cases = load_case_file(case_file(catalog, rule_id), catalog.rules, base_dirs=base_dirs(catalog))
    except RuleLoadError as exc:
        raise fail(f"the new files do not load: {exc}") from None
    durable, reference = Checker(catalog, "durable"), Checker(catalog, "reference")
    outcomes = [run_case_both(case, durable, reference, catalog.rules[rule_id].pack) for case in cases]
    for outcome in outcomes:
        click.echo(f"  {outcome.status:<7} {outcome.name}")
        for line in outcome.diff:
            click.echo(f"      {line}")
    failed = sum(o.failed for o in outcomes)
    click.echo(f"cases: {len(outcomes) - failed} passed, {failed} failed. Next: read the rule (rationale, message), "
               "then `plancheck rules lint` and `plancheck rules test` on the pack.")
    if failed:
        raise click.exceptions.Exit(ExitCode.FINDINGS)
