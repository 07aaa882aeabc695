"""Find, load and cross-check every rule, plan and data file under a rules directory.

Layout: `rules/common/*.yaml` are national rules (no plan clause of their own), with data
tables under `rules/common/data/`; `rules/<plan>/plan.yaml` describes a plan and its clauses,
and the other `rules/<plan>/*.yaml` are that plan's own rules. Files are found by glob and never
imported; any problem stops loading with `file:line: rule ID: what is wrong`.
"""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from pydantic import ValidationError

from ..departments import normalise_name
from .model import Rule, Scope
from .packs import COMMON, PLAN_FILE, PackSet, RulesDirs, resolve_packs
from .plan_model import Plan, PublishedDecision, RequiredPlatform, RequiredPlatformTable
from .threshold_model import NotEncoded, Threshold, ThresholdTable, overlap
from .yaml_source import RuleLoadError, YamlDocument, load_yaml

DATA_DIR = "data"
# In a plan's `uses`, cite the clause named by the finding's subject (generic task checks).
SUBJECT_CLAUSE = "*"
PLATFORMS_FILE = "publication_platforms.yaml"


@dataclass(frozen=True)
class LoadedRule:
    rule: Rule
    path: Path
    pack: str
    line: int
    # plan id -> the plan clause this rule enforces for that plan; None: the plan applies the rule
    # on its national basis alone, under no clause of its own
    clauses: dict[str, Optional[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Catalog:
    root: Path
    rules: dict[str, LoadedRule]
    plans: dict[str, Plan]
    thresholds: ThresholdTable
    # platforms national rules require (rules/common/data/publication_platforms.yaml)
    national_platforms: tuple[RequiredPlatform, ...] = ()
    # where each pack came from (bundled or added with --rules; engine.rules.packs)
    pack_set: Optional[PackSet] = None

    def pack_folder(self, pack: str) -> Optional[Path]:
        if self.pack_set is None:
            folder = self.root / pack
            return folder if folder.is_dir() else None
        return self.pack_set.common if pack == COMMON else self.pack_set.packs.get(pack)

    def required_platforms(self, plan_id: str) -> tuple[RequiredPlatform, ...]:
        """The national platforms, then those the plan's clauses name."""
        plan = self.plans.get(plan_id)
        return self.national_platforms + (tuple(plan.publication_platforms) if plan else ())

    def rules_for_plan(self, plan_id: str) -> list[LoadedRule]:
        return [r for r in self.rules.values() if plan_id in r.clauses]

    def scoped(self, scope: Scope) -> list[LoadedRule]:
        """Rules evaluated per report (Scope.report) or over a whole batch run (Scope.run)."""
        return [r for r in self.rules.values() if r.rule.scope is scope]


def _pydantic_error(doc: YamlDocument, exc: ValidationError, what: str) -> RuleLoadError:
    err = exc.errors()[0]
    loc = tuple(err["loc"])
    where = ".".join(str(p) for p in loc) or "(top)"
    msg = err["msg"].removeprefix("Value error, ")
    return RuleLoadError(f"{doc.path}:{doc.line_of(loc)}: {what}: {where}: {msg}")


def _rule_label(doc: YamlDocument) -> str:
    rid = doc.data.get("id") if isinstance(doc.data, dict) else None
    return f"rule {rid}" if isinstance(rid, str) else "rule ?"


def _load_rule(path: Path, pack: str) -> LoadedRule:
    from .semantics import rule_problems  # only when rules are loaded, not from the disk cache

    doc = load_yaml(path)
    label = _rule_label(doc)
    if not isinstance(doc.data, dict):
        raise RuleLoadError(f"{path}:1: {label}: a rule file must be a mapping")
    try:
        rule = Rule.model_validate(doc.data)
    except ValidationError as exc:
        raise _pydantic_error(doc, exc, label) from None
    for loc, message in rule_problems(rule):
        raise RuleLoadError(f"{path}:{doc.line_of(loc)}: {label}: {message}")
    if pack == COMMON and rule.clause is not None:
        raise RuleLoadError(
            f"{path}:{doc.line_of(('clause',))}: {label}: national rules cite plan clauses "
            "through the plans' `uses`, not a clause of their own"
        )
    if pack != COMMON and rule.clause is None:
        raise RuleLoadError(f"{path}:1: {label}: a plan rule needs the clause it enforces")
    return LoadedRule(rule, path, pack, doc.line_of(()))


def _load_plan(path: Path) -> tuple[Plan, YamlDocument]:
    doc = load_yaml(path)
    try:
        plan = Plan.model_validate(doc.data)
    except ValidationError as exc:
        raise _pydantic_error(doc, exc, "plan") from None
    if plan.id != path.parent.name:
        raise RuleLoadError(f"{path}:{doc.line_of(('id',))}: plan: id {plan.id!r} differs from its folder")
    seen: set[str] = set()
    units = {unit.id for unit in plan.departments}
    for i, clause in enumerate(plan.clauses):
        line = doc.line_of(("clauses", i))
        if clause.id in seen:
            raise RuleLoadError(f"{path}:{line}: plan: clause {clause.id} listed twice")
        seen.add(clause.id)
        for unit in [*clause.responsible, *([clause.lead] if clause.lead else [])]:
            if unit not in units:
                raise RuleLoadError(f"{path}:{line}: plan: clause {clause.id} names unknown department {unit!r}")
    _check_aliases(plan, doc)
    _check_outputs(plan, doc)
    for i, required in enumerate(plan.publication_platforms):
        line = doc.line_of(("publication_platforms", i))
        if required.clause is None or plan.clause(required.clause) is None:
            raise RuleLoadError(f"{path}:{line}: plan: publication platform {required.name!r} needs the clause whose text names it")
        _check_platform(required, f"{path}:{line}: plan")
    return plan, doc


def load_plan_file(path: Path) -> Plan:
    """One plan.yaml with every check the catalog makes of it alone (`plancheck pack init` checks
    its draft with this before saying it is written)."""
    return _load_plan(path)[0]


def _check_outputs(plan: Plan, doc: YamlDocument) -> None:
    """Output ids are what evidence in reports names: one id, one output; units must exist."""
    seen: dict[str, str] = {}
    units = {unit.id for unit in plan.departments}
    for i, clause in enumerate(plan.clauses):
        for j, output in enumerate(clause.outputs):
            line = doc.line_of(("clauses", i, "outputs", j))
            if output.id in seen:
                raise RuleLoadError(f"{doc.path}:{line}: plan: output id {output.id!r} is used by clauses "
                                    f"{seen[output.id]} and {clause.id}")
            seen[output.id] = clause.id
            for unit in output.units:
                if unit not in units:
                    raise RuleLoadError(f"{doc.path}:{line}: plan: output {output.id} names unknown department {unit!r}")


def _check_platform(required: RequiredPlatform, where: str) -> None:
    if required.registration_place_push and required.decisions != [PublishedDecision.penalty]:
        raise RuleLoadError(f"{where}: publication platform {required.name!r}: registration_place_push "
                            "(总局令第45号 第十条) is about penalties only")


def _load_national_platforms(root: Path) -> tuple[RequiredPlatform, ...]:
    path = root / COMMON / DATA_DIR / PLATFORMS_FILE
    if not path.is_file():
        return ()
    doc = load_yaml(path)
    try:
        table = RequiredPlatformTable.model_validate(doc.data)
    except ValidationError as exc:
        raise _pydantic_error(doc, exc, "publication platforms") from None
    for i, required in enumerate(table.platforms):
        where = f"{path}:{doc.line_of(('platforms', i))}: publication platforms"
        if required.clause is not None:
            raise RuleLoadError(f"{where}: a national platform cites no plan clause")
        _check_platform(required, where)
    return tuple(table.platforms)


def _check_aliases(plan: Plan, doc: YamlDocument) -> None:
    """One name must mean one unit, or matching a report's department would be a guess."""
    owner: dict[str, str] = {}
    for i, unit in enumerate(plan.departments):
        for name in [unit.name, *unit.aliases]:
            key = normalise_name(name)
            if key in owner and owner[key] != unit.id:
                raise RuleLoadError(
                    f"{doc.path}:{doc.line_of(('departments', i))}: plan: name {name!r} is used by "
                    f"departments {owner[key]!r} and {unit.id!r}"
                )
            owner[key] = unit.id


def _load_thresholds(root: Path) -> ThresholdTable:
    """Every `*thresholds*.yaml` under rules/common/data as one table, checked as a whole so
    that no day gets two figures, within a file or across two."""
    rows: list[tuple[Threshold, YamlDocument, int]] = []
    gaps: list[tuple[NotEncoded, YamlDocument, int]] = []
    for path in sorted((root / COMMON / DATA_DIR).glob("*thresholds*.yaml")):
        doc = load_yaml(path)
        try:
            table = ThresholdTable.model_validate(doc.data)
        except ValidationError as exc:
            raise _pydantic_error(doc, exc, "threshold table") from None
        rows.extend((row, doc, i) for i, row in enumerate(table.thresholds))
        gaps.extend((gap, doc, i) for i, gap in enumerate(table.not_encoded))
    found = overlap([row for row, _, _ in rows], [gap for gap, _, _ in gaps])
    if found:
        name, index, other, what = found
        _, doc, i = (rows if name == "thresholds" else gaps)[index]
        _, other_doc, j = rows[other]
        raise RuleLoadError(f"{doc.path}:{doc.line_of((name, i))}: threshold table: {name}.{i}: {what}, "
                            f"on days the row at {other_doc.path.name}:{other_doc.line_of(('thresholds', j))} covers")
    if not rows:  # a rules tree without tables: no threshold facts, nothing to check
        return ThresholdTable.model_construct(thresholds=[], not_encoded=[])
    return ThresholdTable(thresholds=[row for row, _, _ in rows], not_encoded=[gap for gap, _, _ in gaps])


def _rule_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if p.name != PLAN_FILE)


def load_catalog(root: Path, added: RulesDirs = None) -> Catalog:
    """The rules tree at `root`, plus the plan packs `added` (see engine.rules.packs)."""
    return load_packs(resolve_packs(added, bundled=root))


def load_packs(pack_set: PackSet) -> Catalog:
    root = pack_set.root
    loaded: dict[str, LoadedRule] = {}
    plans: dict[str, tuple[Plan, YamlDocument]] = {}
    for pack, folder in pack_set.folders():
        if pack != COMMON:
            plan_path = folder / PLAN_FILE
            if not plan_path.is_file():
                raise RuleLoadError(f"{plan_path}:1: plan: missing plan.yaml for pack {pack!r}")
            plans[pack] = _load_plan(plan_path)
        for path in _rule_files(folder):
            item = _load_rule(path, pack)
            other = loaded.get(item.rule.id)
            if other is not None:
                raise RuleLoadError(
                    f"{path}:{item.line}: rule {item.rule.id}: id already used in {other.path}:{other.line}"
                )
            loaded[item.rule.id] = item
    _bind_clauses(loaded, plans)
    return Catalog(root, loaded, {k: v[0] for k, v in plans.items()}, _load_thresholds(root),
                   _load_national_platforms(root), pack_set)


def _bind_clauses(loaded: dict[str, LoadedRule], plans: dict[str, tuple[Plan, YamlDocument]]) -> None:
    """Attach to each rule the clause it enforces in each plan; reject dangling citations."""
    for item in loaded.values():
        if item.pack != COMMON:
            plan, _ = plans[item.pack]
            if plan.clause(item.rule.clause) is None:  # type: ignore[arg-type]
                raise RuleLoadError(
                    f"{item.path}:{item.line}: rule {item.rule.id}: clause {item.rule.clause!r} "
                    f"does not exist in plan {plan.id}"
                )
            item.clauses[plan.id] = item.rule.clause  # type: ignore[assignment]
    common = sorted(rid for rid, item in loaded.items() if item.pack == COMMON)
    for plan, doc in plans.values():
        for i, use in enumerate(plan.uses):
            line = doc.line_of(("uses", i))
            if use.clause not in (None, SUBJECT_CLAUSE) and plan.clause(use.clause) is None:
                raise RuleLoadError(f"{doc.path}:{line}: plan: uses clause {use.clause!r}, which does not exist")
            for pattern in use.rules:
                matched = fnmatch.filter(common, pattern)
                if not matched:
                    raise RuleLoadError(f"{doc.path}:{line}: plan: {pattern!r} matches no national rule")
                for rid in matched:
                    loaded[rid].clauses.setdefault(plan.id, use.clause)


def find_rule(catalog: Catalog, rule_id: str) -> Optional[LoadedRule]:
    return catalog.rules.get(rule_id)
