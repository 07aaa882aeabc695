"""Waivers: an approved, dated exemption from one rule for a department, a report or one subject.

A waiver file (YAML or JSON; `schemas/waivers.schema.json`) lists waivers. A waived finding is
still reported, marked waived with its justification, and does not fail the run. A waiver past
its expiry date no longer applies and is reported as expired; a waiver that matched no finding
is reported as unused. "Today" is always passed in (the CLI passes the date in China), never
read from the clock here.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Iterable, Literal, Optional

from pydantic import Field, ValidationError, model_validator

from .close_matches import did_you_mean
from .departments import match_department, normalise_name
from .plans.unknown_plan import unknown_plan
from .rules.model import RULE_ID, Closed
from .rules.yaml_source import RuleLoadError, load_yaml

if TYPE_CHECKING:  # keep `python -m engine.schemas` free of the evaluator
    from .checker import CheckResult
    from .findings import Finding
    from .rules.catalog import Catalog

WAIVERS_VERSION = "1.0"
NonBlank = Annotated[str, Field(min_length=1, max_length=2000, pattern=r"\S")]


class WaiverError(ValueError):
    """A waiver file that cannot be used. str() is one line: `file:line: what is wrong`."""


class ScopeKind(str, Enum):
    department = "department"  # every report of the department
    report = "report"  # the department's report for one period
    subject = "subject"  # one subject (e.g. a referral, a clause) of that report


class WaiverPeriod(Closed):
    start: dt.date
    end: dt.date


class Scope(Closed):
    kind: ScopeKind
    department: NonBlank = Field(description="The department as it names itself (aliases of the plan's units match).")
    plan: Optional[str] = Field(default=None, description="Only reports on this plan.")
    period: Optional[WaiverPeriod] = Field(default=None, description="The report's period (report and subject scopes).")
    subject: Optional[NonBlank] = Field(default=None, description="The finding's subject, e.g. clause/78 (subject scope).")

    @model_validator(mode="after")
    def _fields_for_kind(self) -> "Scope":
        if self.kind is not ScopeKind.department and self.period is None:
            raise ValueError(f"a {self.kind.value} scope needs the report's period")
        if (self.kind is ScopeKind.subject) != (self.subject is not None):
            raise ValueError("subject is required for, and only allowed in, a subject scope")
        return self


class Waiver(Closed):
    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")]
    rule: Annotated[str, Field(pattern=RULE_ID)]
    scope: Scope
    justification: NonBlank
    approver: NonBlank
    approval_number: NonBlank = Field(description="文号 of the approval document, e.g. 黑知保办〔2024〕12号.")
    expires: dt.date = Field(description="Last day on which the waiver applies.")


class WaiverFile(Closed):
    version: Literal["1.0"] = WAIVERS_VERSION
    waivers: list[Waiver] = []

    @model_validator(mode="after")
    def _unique_ids(self) -> "WaiverFile":
        seen: set[str] = set()
        for waiver in self.waivers:
            if waiver.id in seen:
                raise ValueError(f"waiver id {waiver.id!r} is used twice")
            seen.add(waiver.id)
        return self


@dataclass(frozen=True)
class LoadedWaivers:
    path: str
    waivers: tuple[Waiver, ...]
    lines: dict[str, int]  # waiver id -> line in the file

    def where(self, waiver: Waiver) -> str:
        return f"{self.path}:{self.lines.get(waiver.id, 1)}"


def load_waivers(path: Path, catalog: "Optional[Catalog]" = None) -> LoadedWaivers:
    try:
        doc = load_yaml(path)
    except RuleLoadError as exc:
        raise WaiverError(str(exc)) from None
    try:
        spec = WaiverFile.model_validate(doc.data if doc.data is not None else {})
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        where = ".".join(str(p) for p in loc) or "/"
        msg = err["msg"].removeprefix("Value error, ")
        raise WaiverError(f"{path}:{doc.line_of(loc)}: {where}: {msg}") from None
    lines = {w.id: doc.line_of(("waivers", i)) for i, w in enumerate(spec.waivers)}
    loaded = LoadedWaivers(str(path), tuple(spec.waivers), lines)
    if catalog is not None:
        for waiver in spec.waivers:
            if waiver.rule not in catalog.rules:
                hint = did_you_mean(waiver.rule, list(catalog.rules))[1]
                raise WaiverError(f"{loaded.where(waiver)}: waiver {waiver.id}: unknown rule {waiver.rule!r}{hint}")
            if waiver.scope.plan is not None and waiver.scope.plan not in catalog.plans:
                raise WaiverError(f"{loaded.where(waiver)}: waiver {waiver.id}: "
                                  f"{unknown_plan(catalog.plans, waiver.scope.plan)[0]}")
    return loaded


@dataclass(frozen=True)
class ExpiredWaiver:
    waiver: Waiver
    findings: tuple[str, ...]  # fingerprints of findings it would have waived


@dataclass(frozen=True)
class WaiverOutcome:
    applied: dict[str, Waiver]  # finding fingerprint -> the waiver that waives it
    expired: tuple[ExpiredWaiver, ...]
    unused: tuple[Waiver, ...]
    source: Optional[LoadedWaivers] = None

    def waiver_for(self, finding: "Finding") -> Optional[Waiver]:
        return self.applied.get(finding.fingerprint)

    @classmethod
    def empty(cls) -> "WaiverOutcome":
        return cls({}, (), ())


def _same_department(scope: Scope, result: "CheckResult", catalog: "Optional[Catalog]") -> bool:
    report = result.loaded.report
    if normalise_name(scope.department) == normalise_name(report.department.name):
        return True
    plan = catalog.plans.get(report.plan) if catalog is not None else None
    if plan is None or not plan.departments:
        return False
    unit = match_department(plan, report.department.name)
    return unit is not None and unit is match_department(plan, scope.department)


def matches(waiver: Waiver, finding: "Finding", result: "CheckResult", catalog: "Optional[Catalog]" = None) -> bool:
    """Does the waiver cover this finding (ignoring expiry)?"""
    scope, report = waiver.scope, result.loaded.report
    if waiver.rule != finding.rule_id:
        return False
    if scope.plan is not None and scope.plan != report.plan:
        return False
    if not _same_department(scope, result, catalog):
        return False
    if scope.period is not None and (scope.period.start, scope.period.end) != (report.period.start, report.period.end):
        return False
    return scope.subject is None or scope.subject == finding.subject


def apply_waivers(
    results: "Iterable[CheckResult]", waivers: Iterable[Waiver], today: dt.date,
    catalog: "Optional[Catalog]" = None, source: Optional[LoadedWaivers] = None,
) -> WaiverOutcome:
    """Which findings are waived on `today`, which waivers have expired, which matched nothing.

    A waiver applies up to and including its `expires` day. Where two waivers cover one finding
    the narrower scope (subject, then report, then department) wins.
    """
    waivers = list(waivers)
    narrow = {ScopeKind.subject: 0, ScopeKind.report: 1, ScopeKind.department: 2}
    ordered = sorted(waivers, key=lambda w: narrow[w.scope.kind])
    applied: dict[str, Waiver] = {}
    hits: dict[str, list[str]] = {w.id: [] for w in waivers}
    for result in results:
        for finding in result.findings:
            for waiver in ordered:
                if not matches(waiver, finding, result, catalog):
                    continue
                hits[waiver.id].append(finding.fingerprint)
                if today <= waiver.expires:
                    applied.setdefault(finding.fingerprint, waiver)
    expired = tuple(ExpiredWaiver(w, tuple(hits[w.id])) for w in waivers if today > w.expires)
    unused = tuple(w for w in waivers if today <= w.expires and not hits[w.id])
    return WaiverOutcome(applied, expired, unused, source)
