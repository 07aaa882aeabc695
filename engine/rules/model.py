"""The rule-file format: pydantic models (the source of schemas/rule.schema.json).

A rule is a list of fact patterns. A positive pattern binds a name to one fact of a type that
satisfies its conditions; an `absent` pattern holds when no fact of its type satisfies its
conditions. Conditions compare a field with a literal (`value`) or with a field of an earlier
binding (`ref`, optionally `add`ed to). The operator set is closed (see OPERATORS).
"""
from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..model.report import AdminLevel, DepartmentKind

# Dates are allowed as values of *_day fields and become day numbers when rules are compiled.
Scalar = Union[bool, int, float, str, dt.date]

RULE_ID = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"
BINDING = r"^[a-z][a-z0-9_]{0,30}$"


class Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Operator(str, Enum):
    eq = "eq"
    ne = "ne"
    lt = "lt"
    le = "le"
    gt = "gt"
    ge = "ge"
    in_ = "in"
    not_in = "not_in"
    exists = "exists"
    missing = "missing"


COMPARISONS = {Operator.eq, Operator.ne, Operator.lt, Operator.le, Operator.gt, Operator.ge}
ORDERINGS = {Operator.lt, Operator.le, Operator.gt, Operator.ge}
PRESENCE = {Operator.exists, Operator.missing}
MEMBERSHIP = {Operator.in_, Operator.not_in}


class Condition(Closed):
    """`field op value`, or `field op ref(+add)`, or `field exists|missing`."""

    field: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    op: Operator
    value: Optional[Union[Scalar, list[Scalar]]] = None
    ref: Optional[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")]] = None
    add: Optional[Union[int, float]] = None

    @model_validator(mode="after")
    def _operands(self) -> "Condition":
        op = self.op
        if op in PRESENCE:
            if self.value is not None or self.ref is not None:
                raise ValueError(f"operator {op.value!r} takes no value or ref")
        elif op in MEMBERSHIP:
            if not isinstance(self.value, list) or not self.value or self.ref is not None:
                raise ValueError(f"operator {op.value!r} needs a non-empty list as value")
        else:
            if (self.value is None) == (self.ref is None):
                raise ValueError(f"operator {op.value!r} needs exactly one of value or ref")
            if isinstance(self.value, list):
                raise ValueError(f"operator {op.value!r} compares with one value, not a list")
        if self.add is not None and (self.ref is None or op not in COMPARISONS):
            raise ValueError("add is only allowed with ref in a comparison")
        return self

    @property
    def ref_binding(self) -> Optional[str]:
        return self.ref.split(".", 1)[0] if self.ref else None

    @property
    def ref_field(self) -> Optional[str]:
        return self.ref.split(".", 1)[1] if self.ref else None


class AnyOf(Closed):
    any: Annotated[list["Where"], Field(min_length=1)]


class AllOf(Closed):
    all: Annotated[list["Where"], Field(min_length=1)]


Where = Union[Condition, AnyOf, AllOf]
# No AnyOf/AllOf.model_rebuild() here: pydantic resolves "Where" when a rule is first validated.
# An explicit rebuild builds their whole validator at import (~5 ms), which a cold check whose
# catalog comes from the disk cache never uses.


class Pattern(Closed):
    """`bind: NAME` + `fact: TYPE` (positive) or `absent: TYPE` (no such fact)."""

    bind: Optional[Annotated[str, Field(pattern=BINDING)]] = None
    fact: Optional[str] = None
    absent: Optional[str] = None
    where: list[Where] = []

    @model_validator(mode="after")
    def _shape(self) -> "Pattern":
        if self.absent is not None:
            if self.bind is not None or self.fact is not None:
                raise ValueError("an absent pattern has no bind or fact")
        elif self.bind is None or self.fact is None:
            raise ValueError("a pattern needs bind and fact, or absent")
        return self

    @property
    def fact_type(self) -> str:
        return self.absent if self.absent is not None else self.fact  # type: ignore[return-value]

    @property
    def is_absent(self) -> bool:
        return self.absent is not None


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


SEVERITY_RANK = {Severity.info: 1, Severity.warning: 2, Severity.error: 3}


class Category(str, Enum):
    gap = "gap"
    missing_evidence = "missing_evidence"
    deadline = "deadline"
    threshold = "threshold"
    inconsistency = "inconsistency"
    invalid_value = "invalid_value"


class Certainty(str, Enum):
    confirmed = "confirmed"  # read in the primary text ([C])
    secondary = "secondary"  # confirmed only by a secondary source ([C2])
    unconfirmed = "unconfirmed"  # believed, not confirmed ([U]); such rules must be warnings


class LegalBasis(Closed):
    source: Annotated[str, Field(min_length=2)]
    article: Optional[str] = None
    quote: Optional[str] = None
    certainty: Certainty = Certainty.confirmed
    # Set when the rule applies the article to something it does not speak of (a penalty
    # publication deadline used for listings): what the article governs and what the rule applies
    # it to. Findings show the basis as applied by analogy (类推适用).
    analogy: Optional[Annotated[str, Field(min_length=4)]] = None

    @property
    def citation(self) -> str:
        """How findings name the basis: 《…》第九条（类推适用）."""
        return f"{self.source}{self.article or ''}" + ("（类推适用）" if self.analogy else "")


class Text(Closed):
    zh: Annotated[str, Field(min_length=2)]
    en: Optional[str] = None


class Scope(str, Enum):
    """Where a rule is evaluated: within one report (the default), or over every report of a
    batch run at once (reconciliation between departments' reports; see docs/rules.md)."""

    report = "report"
    run = "run"


class AppliesTo(Closed):
    department_kinds: Optional[list[DepartmentKind]] = None
    levels: Optional[list[AdminLevel]] = None


class Rule(Closed):
    id: Annotated[str, Field(pattern=RULE_ID)]
    title: Text
    severity: Severity
    category: Category
    clause: Optional[str] = None
    legal_basis: list[LegalBasis] = []
    rationale: Optional[Text] = None
    applies_to: AppliesTo = AppliesTo()
    scope: Scope = Scope.report
    # run scope only: report fields (RUN_FIELDS) every bound and absent fact shares with the
    # first, so the run's facts can be split into groups that are evaluated one at a time
    partition_by: list[str] = []
    when: Annotated[list[Pattern], Field(min_length=1)]
    subject: Annotated[str, Field(pattern=BINDING)]
    location_field: Optional[str] = None
    message: Text
    remediation: Text

    @model_validator(mode="after")
    def _uncertain_is_not_error(self) -> "Rule":
        if self.severity is Severity.error and any(
            basis.certainty is Certainty.unconfirmed for basis in self.legal_basis
        ):
            raise ValueError("a rule resting on an unconfirmed legal basis must not be an error")
        return self
