"""The dated criminal-threshold table (`rules/common/data/*thresholds*.yaml`): its format, and the
check that keeps it one table a date can be looked up in (no day has two figures)."""
from __future__ import annotations

import datetime as dt
from itertools import combinations
from typing import Annotated, Optional

from pydantic import Field, model_validator

from ..model.report import AmountKind, ConductKind, PartyType
from .model import Closed

ALL_PARTIES: tuple[PartyType, ...] = tuple(PartyType)


class Threshold(Closed):
    """One row: conduct of `conduct` by a party of one of `parties` whose `amount_kind` reaches
    `minimum`, with the whole conduct inside [effective_from, effective_until], is a suspected
    crime. A row holds one figure for as long as the figure stayed the same for those parties, so
    a conduct no single row covers spans a change of the figure."""

    conduct: ConductKind
    amount_kind: AmountKind
    minimum: Annotated[float, Field(gt=0)]
    effective_from: dt.date
    effective_until: dt.date
    # The report's party types the figure is for: where a text sets a different figure for a
    # 单位 (法释〔2004〕19号第十五条), its rows name the types it applies to.
    parties: Annotated[list[PartyType], Field(min_length=1)] = list(ALL_PARTIES)
    source: str
    article: str

    @model_validator(mode="after")
    def _period_and_parties(self) -> "Threshold":
        if self.effective_until < self.effective_from:
            raise ValueError(f"effective_until {self.effective_until} is before effective_from {self.effective_from}")
        if len(set(self.parties)) != len(self.parties):
            raise ValueError("a party type is listed twice")
        return self

    def covers(self, day: dt.date) -> bool:
        return self.effective_from <= day <= self.effective_until


class NotEncoded(Closed):
    """A period whose figures the table does not hold (the text is not at hand): conduct that
    touches it is left to a manual check, never judged by a guessed figure. An open end is the
    distant past or future."""

    effective_from: Optional[dt.date] = None
    effective_until: Optional[dt.date] = None
    source: str  # what governs the period, as the finding names it
    reason: str  # why its figures are not in the table

    @model_validator(mode="after")
    def _ordered(self) -> "NotEncoded":
        if self.effective_from and self.effective_until and self.effective_until < self.effective_from:
            raise ValueError(f"effective_until {self.effective_until} is before effective_from {self.effective_from}")
        return self

    @property
    def start(self) -> dt.date:
        return self.effective_from or dt.date.min

    @property
    def end(self) -> dt.date:
        return self.effective_until or dt.date.max


class ThresholdTable(Closed):
    """One file's rows; engine.rules.catalog merges the files and checks the whole with overlap()."""

    thresholds: Annotated[list[Threshold], Field(min_length=1)]
    not_encoded: list[NotEncoded] = []


def overlap(rows: list[Threshold], gaps: list[NotEncoded]) -> Optional[tuple[str, int, int, str]]:
    """The first entry that gives a day a second figure: another row for the same conduct, amount
    kind and a shared party type, or a not_encoded period over a row. Returns (list name, its
    index, index of the row it collides with, what collides)."""
    for (i, a), (j, b) in combinations(enumerate(rows), 2):
        shared = set(a.parties) & set(b.parties)
        if (a.conduct, a.amount_kind) == (b.conduct, b.amount_kind) and shared and _meet(
                a.effective_from, a.effective_until, b.effective_from, b.effective_until):
            parties = ", ".join(sorted(p.value for p in shared))
            return "thresholds", j, i, f"a second figure for {b.conduct.value} {b.amount_kind.value} ({parties})"
    for i, gap in enumerate(gaps):
        for j, row in enumerate(rows):
            if _meet(gap.start, gap.end, row.effective_from, row.effective_until):
                return "not_encoded", i, j, "a period without figures over days a row gives figures for"
    return None


def _meet(start_a: dt.date, end_a: dt.date, start_b: dt.date, end_b: dt.date) -> bool:
    return start_a <= end_b and start_b <= end_a
