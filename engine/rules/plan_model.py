"""The plan-file format (`rules/<plan>/plan.yaml`)."""
from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Optional

from pydantic import Field, model_validator

from ..model.report import AdminLevel, DepartmentKind, PublicationPlatform
from .model import Closed, Severity


class PlanDepartment(Closed):
    """A responsible unit the plan names (责任单位), with the names reports use for it. `kinds`
    lists what else the unit is besides `kind` (a market regulator that is also the IP office)."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,40}$")]
    name: str
    aliases: list[str] = []
    kind: DepartmentKind
    kinds: list[DepartmentKind] = []
    level: Optional[AdminLevel] = None

    @property
    def all_kinds(self) -> tuple[DepartmentKind, ...]:
        return tuple(dict.fromkeys([self.kind, *self.kinds]))


class Check(str, Enum):
    rules = "rules"
    evidence = "evidence"
    not_checkable = "not-checkable"


class Cadence(str, Enum):
    """How often a clause's work falls due (see Schedule)."""

    ongoing = "ongoing"  # continuing work: reported in every period the plan runs
    annual = "annual"  # once a year: due in a report covering the year end (or a whole year)
    half_yearly = "half_yearly"  # due in a report ending at a half-year end (06-30, 12-31)
    quarterly = "quarterly"  # due in a report ending at a quarter end
    once = "once"  # done once, by the date `by`
    window = "window"  # a dated phase from `start` to `end` (Chengdu 四(一)…(五))


class Schedule(Closed):
    """When a clause's work is due. A clause without one is `ongoing`. `years` limits the years
    in which an annual (half-yearly, quarterly) clause is due, e.g. the years a plan's title names."""

    cadence: Cadence = Cadence.ongoing
    by: Optional[dt.date] = None
    start: Optional[dt.date] = None
    end: Optional[dt.date] = None
    years: list[Annotated[int, Field(ge=1990, le=2100)]] = []

    @model_validator(mode="after")
    def _dates_fit_cadence(self) -> "Schedule":
        if self.cadence is Cadence.once and self.by is None:
            raise ValueError("a `once` schedule needs `by`")
        if self.cadence is Cadence.window:
            if self.start is None or self.end is None:
                raise ValueError("a `window` schedule needs `start` and `end`")
            if self.end < self.start:
                raise ValueError("a window must not end before it starts")
        if self.cadence is not Cadence.once and self.by is not None:
            raise ValueError("`by` belongs to a `once` schedule")
        if self.cadence is not Cadence.window and (self.start or self.end):
            raise ValueError("`start`/`end` belong to a `window` schedule")
        return self


class OutputKind(str, Enum):
    """What a clause names to be produced."""

    document = "document"  # a plan, measure, guideline or rule to issue (印发、制定、出台)
    body = "body"  # a centre, station, base, roster or library to set up (建立、成立、组建、建成)
    platform = "platform"  # an information system or platform to build
    activity = "activity"  # an event or campaign to hold (举办、开展), e.g. a dated publicity node


class Output(Closed):
    """A concrete output a clause names. A report shows it delivered by an evidence item of the
    clause's task whose title names it (any of `keywords`, the words a department would use: 专家库,
    智库), or by any evidence item tagged with its id (`evidence[].output`). `firm` is false where
    the words make it an aim (探索、积极争取、鼓励、适时、推进): a miss is then a warning. `yearly`:
    one is due every year (年度活动方案), shown in the report covering the year end. `units`/`kinds`:
    which of the clause's departments produce it, where the clause names several (a 人大
    inspection is not the market regulator's output); `levels`: the levels that produce it, where
    it is one body's for the whole region (a province's roster, a city's 行政禁令制度): a district
    unit taking part in the clause is not asked for the city's output."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9\-]{1,48}$")]
    title: Annotated[str, Field(min_length=2)]
    keywords: Annotated[list[Annotated[str, Field(min_length=2)]], Field(min_length=1)]
    kind: OutputKind
    firm: bool = True
    yearly: bool = False
    units: list[str] = []
    kinds: list[DepartmentKind] = []
    levels: list[AdminLevel] = []
    # dated occasions ("03-15" for 3·15): evidence of the task dated within a week of one shows
    # the output too (a 4·26 press conference held on 4月23日)
    dates: list[Annotated[str, Field(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")]] = []


class Clause(Closed):
    id: Annotated[str, Field(min_length=1, max_length=20)]
    section: Optional[str] = None
    title: str
    text: Annotated[str, Field(min_length=4)]
    check: Check
    reason: Optional[str] = None
    # Written by `plancheck pack init`: `check` (and target/schedule/outputs) are its guess from the
    # words, `reason` the words it rests on; a person confirms and removes the flag. It loads, so
    # a draft pack can be tried at once; `plancheck rules lint` reports every draft left.
    draft: bool = False
    # Who answers for the clause. A duty only where the plan names the unit (`responsible`: ids
    # from the departments table; `lead` is the 牵头单位 among them), where the pack's `own_items`
    # say the clause is plainly a department's own by the plan's words, or where the department
    # declares a role in its report. `suggested_kinds`/`suggested_levels` is the pack's reading of
    # who usually does the work: it fills templates and to-do lists, and is never a finding alone.
    responsible: list[str] = []
    lead: Optional[str] = None
    suggested_kinds: list[DepartmentKind] = []
    suggested_levels: list[AdminLevel] = []
    schedule: Schedule = Schedule()
    deadline: Optional[dt.date] = None
    target: Optional[str] = None
    outputs: list[Output] = []

    @model_validator(mode="after")
    def _reason_when_not_checkable(self) -> "Clause":
        if self.check is Check.not_checkable and not self.reason:
            raise ValueError(f"clause {self.id}: not-checkable needs a reason")
        return self

    @property
    def reportable(self) -> bool:
        """A clause a department reports on as a task (not-checkable ones are not)."""
        return self.check is not Check.not_checkable


class RuleUse(Closed):
    """Cite national rules (by id, or by prefix ending in '*') under one of this plan's clauses, or
    with no `clause`: the rules then apply in this plan on their national basis alone, for a plan
    none of whose clauses speaks of what they check (a finding is not filed under a clause about
    something else)."""

    clause: Optional[str] = None
    rules: Annotated[list[str], Field(min_length=1)]


class PublishedDecision(str, Enum):
    """What a platform requirement is about."""

    credit_list = "credit_list"  # 列入严重违法失信名单 (a report's credit_list entries)
    penalty = "penalty"  # 行政处罚决定 (a report's cases' penalties)


class RequiredPlatform(Closed):
    """A platform on which a department must publish its decisions of some kind: named by a plan
    clause (`publication_platforms` in plan.yaml, with `clause` and the clause's words in `quote`)
    or by a national rule (rules/common/data/publication_platforms.yaml, with the article). The
    engine works out, per listing and per penalty, which required platforms have no publication
    or a late one (engine.publication); one rule per family reads that, so a decision missing from
    three platforms is one finding naming all three."""

    decisions: Annotated[list[PublishedDecision], Field(min_length=1)]
    name: Annotated[str, Field(min_length=2)]  # the platform as the text names it; shown in findings
    platform: PublicationPlatform  # the report's `platform` value for a publication on it
    # Site names (a posting's site_name) that are this platform, spaces and bracket widths aside.
    # Empty: any site of `platform`. A posting of `platform` whose site_name is not among them is
    # taken as this platform named differently (a warning naming the plan's words); a posting
    # recorded as `other` counts only under one of these names.
    names: list[str] = []
    department_kinds: Annotated[list[DepartmentKind], Field(min_length=1)]
    severity: Severity  # of a decision never published there once `within_working_days` have passed
    late_severity: Severity = Severity.warning  # of a publication after `within_working_days`
    within_working_days: Annotated[int, Field(ge=1, le=250)] = 20
    # 总局令第45号 第十条: a party registered in another province is published by its
    # registration-place regulator after the deciding department's push (penalty.registration_place_push).
    registration_place_push: bool = False
    clause: Optional[str] = None  # plan.yaml: the clause whose text names the platform
    basis: Annotated[str, Field(min_length=2)]  # short citation shown in findings: 总局令第45号第九条, 计划第33项
    quote: Annotated[str, Field(min_length=4)]  # the words of the clause or article
    reason: Optional[str] = None  # why this reading and this severity, where not plain from the quote

    @model_validator(mode="after")
    def _late_severity_for_penalties(self) -> "RequiredPlatform":
        # CREDIT-PUBLICATION-LATE is a warning on every platform (no time limit for listings is
        # confirmed): a listing platform's late_severity would be read by nothing
        if PublishedDecision.penalty not in self.decisions and self.late_severity is not Severity.warning:
            raise ValueError("late_severity is read for penalties only; a late listing is always a warning "
                             "(CREDIT-PUBLICATION-LATE)")
        return self


class RequiredPlatformTable(Closed):
    """rules/common/data/publication_platforms.yaml: the platforms national rules require."""

    platforms: Annotated[list[RequiredPlatform], Field(min_length=1)]


class PlanPeriod(Closed):
    start: dt.date
    end: dt.date


class OwnItem(Closed):
    """A clause that is plainly some department's own by the plan's words (Heilongjiang 78's
    white paper is the provincial IP office's), though the plan names no unit: such a department
    must report it like a named unit. Few, each with the reason read in the text."""

    clause: str
    kinds: Annotated[list[DepartmentKind], Field(min_length=1)]
    levels: list[AdminLevel] = []
    reason: Annotated[str, Field(min_length=4)]


class Plan(Closed):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9\-]{1,40}$")]
    title: str
    issuer: str
    date: dt.date
    period: PlanPeriod
    seed: str
    departments: list[PlanDepartment] = []
    # True only where the plan itself names every unit it addresses (Ruichang's 责任单位 lists):
    # a report from a unit outside the table is then refused. Elsewhere the table is the pack's
    # and a department outside it is checked by its kinds, with a note.
    departments_closed: bool = False
    # GB/T 2260 province code of the plan's area (23 黑龙江, 12 天津, ...): every unit reporting on
    # the plan lies in it, so it places a department whose own code, region and name do not (a
    # 哈尔滨市 unit reporting without a credit code) for 总局令第45号 第九条/第十条 (engine.provinces).
    province: Optional[Annotated[str, Field(pattern=r"^[1-8][0-9]$")]] = None
    own_items: list[OwnItem] = []
    clauses: Annotated[list[Clause], Field(min_length=1)]
    uses: list[RuleUse] = []
    # Platforms the plan's own words name for publishing credit-list entries or penalties.
    publication_platforms: list[RequiredPlatform] = []

    def clause(self, clause_id: str) -> Optional[Clause]:
        return next((c for c in self.clauses if c.id == clause_id), None)
