"""The dated criminal-threshold table as facts: `threshold` per row and party type,
`threshold_change` per day a figure changed while the table ran on, `threshold_not_encoded` per
period the table holds no figures for (rules/common/data/criminal-thresholds.yaml)."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any, Iterator, Optional

from .fact_builder import FactBuilder
from .model.report import AmountKind, ConductKind, PartyType
from .rules.threshold_model import Threshold, ThresholdTable

ONE_DAY = dt.timedelta(days=1)


def threshold_facts(table: ThresholdTable) -> list[dict[str, Any]]:
    """The table as facts: one `threshold` per row and party type it holds for (a rule joins a
    case on its party type), one `threshold_change` per day a figure changed while the table ran
    on, and one `threshold_not_encoded` per period the table holds no figures for."""
    rows = [(i, row, party) for i, row in enumerate(table.thresholds) for party in row.parties]
    facts = [
        FactBuilder("threshold", f"threshold/{i}/{party.value}", "")
        .set("conduct", row.conduct).set("amount_kind", row.amount_kind).set("party_type", party)
        .set("minimum", row.minimum)
        .set("effective_from", row.effective_from).set("effective_until", row.effective_until)
        .set("source", row.source).set("article", row.article)
        .build()
        for i, row, party in rows
    ]
    facts.extend(_change_facts([(row, party) for _, row, party in rows]))
    facts.extend(
        FactBuilder("threshold_not_encoded", f"threshold_not_encoded/{i}", "")
        .set("effective_from", gap.start).set("effective_until", gap.end)
        .set("source", gap.source).set("reason", gap.reason)
        .build()
        for i, gap in enumerate(table.not_encoded)
    )
    return facts


def _change_facts(rows: list[tuple[Threshold, PartyType]]) -> Iterator[dict[str, Any]]:
    """A change is a day D on which the table, in force for a conduct and party type the day
    before, gives an amount kind another figure than on D-1 (or a figure where it gave none, as
    法释〔2020〕10号 did for trade-secret gains). Conduct running across D is judged by neither
    figure alone (REG310-THRESHOLD-SPANS-CHANGE)."""
    groups: dict[tuple[ConductKind, PartyType], list[Threshold]] = defaultdict(list)
    for row, party in rows:
        groups[(row.conduct, party)].append(row)
    for (conduct, party), group in sorted(groups.items(), key=lambda item: (item[0][0].value, item[0][1].value)):
        days = {row.effective_from for row in group} | {row.effective_until + ONE_DAY for row in group}
        kinds = sorted({row.amount_kind for row in group}, key=lambda kind: kind.value)
        for day in sorted(days):
            if not any(row.covers(day - ONE_DAY) for row in group) or not any(row.covers(day) for row in group):
                continue  # the table starts or ends here: not a change (see threshold_not_encoded)
            for kind in kinds:
                before = _row_on(group, kind, day - ONE_DAY)
                after = _row_on(group, kind, day)
                if before is not after:
                    yield _change_fact(conduct, kind, party, day, before, after)


def _row_on(group: list[Threshold], kind: AmountKind, day: dt.date) -> Optional[Threshold]:
    return next((row for row in group if row.amount_kind is kind and row.covers(day)), None)


def _change_fact(conduct: ConductKind, kind: AmountKind, party: PartyType, day: dt.date,
                 before: Optional[Threshold], after: Optional[Threshold]) -> dict[str, Any]:
    figures = [row.minimum for row in (before, after) if row is not None]
    return (
        FactBuilder("threshold_change", f"threshold_change/{conduct.value}/{kind.value}/{party.value}/{day}", "")
        .set("conduct", conduct).set("amount_kind", kind).set("party_type", party).set("change", day)
        .set("before_minimum", before and before.minimum).set("after_minimum", after and after.minimum)
        .set("lower_minimum", min(figures))
        .set("before", _figure_zh(before)).set("before_en", _figure_en(before))
        .set("after", _figure_zh(after)).set("after_en", _figure_en(after))
        .build()
    )


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def _figure_zh(row: Optional[Threshold]) -> str:
    return "无此项标准" if row is None else f"{_number(row.minimum)}（{row.source}{row.article}）"


def _figure_en(row: Optional[Threshold]) -> str:
    return "no figure for this amount" if row is None else f"{_number(row.minimum)} ({row.source} {row.article})"
