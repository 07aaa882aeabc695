"""The plan-file format (`rules/<plan>/plan.yaml`) and the dated criminal-threshold table."""
from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Optional

from pydantic import Field, model_validator

from engine.model.report import AdminLevel, AmountKind, ConductKind, DepartmentKind
from engine.rules.model import Closed


class PlanDepartment(Closed):
    """A responsible unit the plan names (责任单位), with the names reports use for it."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,40}$")]
    name: str
    aliases: list[str] = []
    kind: DepartmentKind
    level: Optional[AdminLevel] = None


class Check(str, Enum):
    rules = "rules"
    evidence = "evidence"
    not_checkable = "not-checkable"


class Clause(Closed):
    id: Annotated[str, Field(min_length=1, max_length=20)]
    section: Optional[str] = None
    title: str
    text: Annotated[str, Field(min_length=4)]
    check: Check
    reason: Optional[str] = None
    # Who must report on the clause: the plan's own 责任单位 where it names them (`responsible`,
    # ids from the plan's departments table; `lead` is the 牵头单位 among them), otherwise the
    # pack's assignment by department kind and level.
    responsible: list[str] = []
    lead: Optional[str] = None
    responsible_kinds: list[DepartmentKind] = []
    responsible_levels: list[AdminLevel] = []
    deadline: Optional[dt.date] = None
    target: Optional[str] = None

    @model_validator(mode="after")
    def _reason_when_not_checkable(self) -> "Clause":
        if self.check is Check.not_checkable and not self.reason:
            raise ValueError(f"clause {self.id}: not-checkable needs a reason")
        return self

    @property
    def must_be_reported(self) -> bool:
        return self.check is not Check.not_checkable and bool(self.responsible or self.responsible_kinds)


class RuleUse(Closed):
    """Cite national rules (by id, or by prefix ending in '*') under one of this plan's clauses."""

    clause: str
    rules: Annotated[list[str], Field(min_length=1)]


class PlanPeriod(Closed):
    start: dt.date
    end: dt.date


class Plan(Closed):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9\-]{1,40}$")]
    title: str
    issuer: str
    date: dt.date
    period: PlanPeriod
    seed: str
    departments: list[PlanDepartment] = []
    clauses: Annotated[list[Clause], Field(min_length=1)]
    uses: list[RuleUse] = []

    def clause(self, clause_id: str) -> Optional[Clause]:
        return next((c for c in self.clauses if c.id == clause_id), None)


class Threshold(Closed):
    """One row: conduct of `conduct` whose `amount_kind` reaches `minimum` is a suspected crime."""

    conduct: ConductKind
    amount_kind: AmountKind
    minimum: Annotated[float, Field(gt=0)]
    effective_from: dt.date
    effective_until: dt.date
    source: str
    article: str


class ThresholdTable(Closed):
    thresholds: Annotated[list[Threshold], Field(min_length=1)]
