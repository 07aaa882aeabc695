"""Who a report's department is: its unit in the plan's table (if any), its kinds and its level.

A department is known by its canonical name and its other official names (`aliases`); it may be
of several kinds (a market regulator that is also the IP office). Its kinds are everything the
report declares (`kind`, `kinds`), what its names say (engine.plans.names) and, where a name
matches a unit of the plan's table, that unit's kinds. Its level is the one declared, else the
unit's, else the one its name or credit code shows. A department outside the plan's table is
checked by its kinds (the report gets a note saying so); only a plan that names every unit itself
(`departments_closed`) refuses it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..departments import match_department, unknown_department
from ..model.report import AdminLevel, Department, DepartmentKind
from .names import infer_kinds, infer_level
from ..provinces import of_department
from ..rules.plan_model import Plan, PlanDepartment


class UnresolvedDepartment(ValueError):
    """The report's department cannot be checked against the plan; `pointer` says where."""

    def __init__(self, message: str, pointer: str, zh: Optional[str] = None):
        super().__init__(message)
        self.pointer, self.zh = pointer, zh


@dataclass(frozen=True)
class ResolvedDepartment:
    name: str
    aliases: tuple[str, ...]
    kinds: tuple[DepartmentKind, ...]  # never empty; the first is the primary kind
    level: AdminLevel
    unit: Optional[PlanDepartment]  # the plan's unit, when a name matches its table
    in_table: Optional[bool]  # None when the plan has no table of units
    kinds_inferred: bool  # no kind declared or known from the table: read off the names
    level_inferred: bool
    region: Optional[str] = None
    code: Optional[str] = None
    # GB/T 2260 province code: from its credit code, region or name, else the plan's area
    province: Optional[str] = None

    @property
    def kind(self) -> DepartmentKind:
        return self.kinds[0]

    def has_kind(self, kinds: list[DepartmentKind] | tuple[DepartmentKind, ...]) -> bool:
        return any(kind in kinds for kind in self.kinds)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def find_unit(plan: Plan, department: Department) -> Optional[PlanDepartment]:
    """The plan's unit named by the report's name or, failing that, one of its aliases."""
    if not plan.departments:
        return None
    for name in (department.name, *department.aliases):
        unit = match_department(plan, name)
        if unit is not None:
            return unit
    return None


def resolve_department(plan: Plan, department: Department, level_field: str = "department.level") -> ResolvedDepartment:
    unit = find_unit(plan, department)
    if plan.departments and unit is None and plan.departments_closed:
        en, zh = unknown_department(plan, department.name)
        raise UnresolvedDepartment(en, "/department/name", zh)
    declared = [k for k in (department.kind, *department.kinds) if k is not None]
    from_table = list(unit.all_kinds) if unit is not None else []
    from_names = [k for name in (department.name, *department.aliases) for k in infer_kinds(name)]
    kinds = tuple(dict.fromkeys([*declared, *from_table, *from_names]))
    kinds_inferred = not declared and not from_table
    if not kinds:
        kinds = (DepartmentKind.other,)
    level = department.level or (unit.level if unit is not None else None)
    level_inferred = False
    if level is None:
        level = infer_level(department.name, department.code)
        level_inferred = level is not None
    if level is None:
        raise UnresolvedDepartment(
            f"cannot tell the administrative level of {department.name!r} from its name: "
            f"give {level_field} (province, prefecture or county)", "/department",
            f"从单位名称“{department.name}”看不出行政级别：请填写 {level_field}"
            "（province 省级、prefecture 地市级或 county 县级）",
        )
    return ResolvedDepartment(
        name=department.name, aliases=tuple(department.aliases), kinds=kinds, level=level, unit=unit,
        in_table=(unit is not None) if plan.departments else None, kinds_inferred=kinds_inferred,
        level_inferred=level_inferred, region=department.region, code=department.code,
        province=of_department(department.code, department.region, department.name) or plan.province,
    )
