"""The dated criminal-threshold table: every figure as the texts in ../shared/legal give it on each
side of each change, the changes and uncovered periods derived from it, and a table that would
give one day two figures refused at load."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Optional

import pytest

from engine.model.report import AmountKind, ConductKind, PartyType
from engine.threshold_facts import threshold_facts
from engine.rules.catalog import load_catalog
from engine.rules.threshold_model import Threshold
from engine.rules.yaml_source import RuleLoadError

REPO = Path(__file__).resolve().parent.parent
TABLE = load_catalog(REPO / "rules").thresholds
FACTS = threshold_facts(TABLE)

FIRST_DAY, LAST_DAY = dt.date(2004, 12, 22), dt.date(2025, 4, 25)
D = dt.date
C = ConductKind
K = AmountKind
PERSON, BUSINESS, UNIT = PartyType.natural_person, PartyType.individual_business, PartyType.company


def figure(conduct: ConductKind, kind: AmountKind, party: PartyType, day: dt.date) -> Optional[float]:
    rows = [r for r in TABLE.thresholds
            if r.conduct is conduct and r.amount_kind is kind and party in r.parties and r.covers(day)]
    assert len(rows) <= 1
    return rows[0].minimum if rows else None


# (conduct, amount kind, party, day, figure, where the texts say so)
EXPECTED = [
    (C.counterfeit_trademark, K.illegal_business_volume, PERSON, D(2004, 12, 22), 50000, "2004 第一条第一款第（一）项"),
    (C.counterfeit_trademark, K.illegal_gains, BUSINESS, D(2025, 4, 25), 30000, "2004 第一条第一款第（一）项"),
    (C.counterfeit_trademark, K.illegal_business_volume, UNIT, D(2007, 4, 4), 150000, "2004 第十五条: 三倍"),
    (C.counterfeit_trademark, K.illegal_business_volume, UNIT, D(2007, 4, 5), 50000, "（二）第六条: 个人标准"),
    (C.sell_counterfeit_trademark_goods, K.sales_amount, PERSON, D(2015, 6, 1), 50000, "2004 第二条第一款"),
    (C.sell_counterfeit_trademark_goods, K.sales_amount, UNIT, D(2007, 4, 4), 150000, "2004 第十五条"),
    (C.illegal_trademark_marks, K.counterfeit_marks, PERSON, D(2015, 6, 1), 20000, "2004 第三条第一款第（一）项"),
    (C.illegal_trademark_marks, K.counterfeit_marks, UNIT, D(2007, 4, 4), 60000, "2004 第十五条"),
    (C.illegal_trademark_marks, K.counterfeit_marks, UNIT, D(2007, 4, 5), 20000, "（二）第六条"),
    (C.counterfeit_patent, K.illegal_business_volume, PERSON, D(2015, 6, 1), 200000, "2004 第四条第（一）项"),
    (C.counterfeit_patent, K.illegal_gains, PERSON, D(2015, 6, 1), 100000, "2004 第四条第（一）项"),
    (C.counterfeit_patent, K.rights_holder_loss, PERSON, D(2015, 6, 1), 500000, "2004 第四条第（二）项"),
    (C.counterfeit_patent, K.rights_holder_loss, UNIT, D(2007, 4, 4), 1500000, "2004 第十五条"),
    (C.copyright_infringement, K.illegal_gains, PERSON, D(2015, 6, 1), 30000, "2004 第五条第一款"),
    (C.copyright_infringement, K.illegal_business_volume, PERSON, D(2015, 6, 1), 50000, "2004 第五条第一款第（一）项"),
    (C.copyright_infringement, K.infringing_copies, PERSON, D(2007, 4, 4), 1000, "2004 第五条第一款第（二）项"),
    (C.copyright_infringement, K.infringing_copies, BUSINESS, D(2007, 4, 5), 500, "（二）第一条"),
    (C.copyright_infringement, K.infringing_copies, UNIT, D(2007, 4, 4), 3000, "2004 第十五条"),
    (C.copyright_infringement, K.infringing_copies, UNIT, D(2007, 4, 5), 500, "（二）第一条、第六条"),
    (C.sell_infringing_copies, K.illegal_gains, PERSON, D(2015, 6, 1), 100000, "2004 第六条"),
    (C.sell_infringing_copies, K.illegal_gains, UNIT, D(2007, 4, 4), 300000, "2004 第十五条"),
    (C.trade_secret_infringement, K.rights_holder_loss, PERSON, D(2020, 9, 13), 500000, "2004 第七条第一款"),
    (C.trade_secret_infringement, K.rights_holder_loss, UNIT, D(2007, 4, 4), 1500000, "2004 第十五条"),
    (C.trade_secret_infringement, K.rights_holder_loss, UNIT, D(2020, 9, 13), 500000, "（二）第六条"),
    (C.trade_secret_infringement, K.rights_holder_loss, UNIT, D(2020, 9, 14), 300000, "（三）第四条第一款第（一）项"),
    (C.trade_secret_infringement, K.illegal_gains, PERSON, D(2020, 9, 14), 300000, "（三）第四条第一款第（一）项"),
    (C.trade_secret_infringement, K.illegal_gains, PERSON, D(2020, 9, 13), None, "2004 第七条: 损失数额 only"),
    # units: three times the individual figure until 2007-04-04 (2004 第十五条), the individual one
    # from 2007-04-05 （二）第六条
    (C.counterfeit_trademark, K.illegal_gains, UNIT, D(2007, 4, 4), 90000, "2004 第一条第一款第（一）项、第十五条"),
    (C.counterfeit_trademark, K.illegal_gains, UNIT, D(2007, 4, 5), 30000, "（二）第六条"),
    (C.sell_counterfeit_trademark_goods, K.sales_amount, UNIT, D(2025, 4, 25), 50000, "（二）第六条"),
    (C.illegal_trademark_marks, K.illegal_business_volume, PERSON, D(2010, 3, 1), 50000, "2004 第三条第一款第（一）项"),
    (C.illegal_trademark_marks, K.illegal_gains, BUSINESS, D(2010, 3, 1), 30000, "2004 第三条第一款第（一）项"),
    (C.illegal_trademark_marks, K.illegal_business_volume, UNIT, D(2005, 3, 1), 150000, "2004 第十五条"),
    (C.illegal_trademark_marks, K.illegal_gains, UNIT, D(2005, 3, 1), 90000, "2004 第十五条"),
    (C.illegal_trademark_marks, K.illegal_business_volume, UNIT, D(2010, 3, 1), 50000, "（二）第六条"),
    (C.illegal_trademark_marks, K.illegal_gains, UNIT, D(2010, 3, 1), 30000, "（二）第六条"),
    (C.counterfeit_patent, K.illegal_business_volume, UNIT, D(2007, 4, 4), 600000, "2004 第四条第（一）项、第十五条"),
    (C.counterfeit_patent, K.illegal_gains, UNIT, D(2007, 4, 4), 300000, "2004 第四条第（一）项、第十五条"),
    (C.counterfeit_patent, K.illegal_business_volume, UNIT, D(2007, 4, 5), 200000, "（二）第六条"),
    (C.counterfeit_patent, K.illegal_gains, UNIT, D(2007, 4, 5), 100000, "（二）第六条"),
    (C.counterfeit_patent, K.rights_holder_loss, UNIT, D(2007, 4, 5), 500000, "（二）第六条"),
    (C.copyright_infringement, K.illegal_gains, UNIT, D(2007, 4, 4), 90000, "2004 第五条第一款、第十五条"),
    (C.copyright_infringement, K.illegal_business_volume, UNIT, D(2007, 4, 4), 150000, "2004 第五条第一款第（一）项、第十五条"),
    (C.copyright_infringement, K.illegal_gains, UNIT, D(2007, 4, 5), 30000, "（二）第六条"),
    (C.copyright_infringement, K.illegal_business_volume, UNIT, D(2007, 4, 5), 50000, "（二）第六条"),
    (C.sell_infringing_copies, K.illegal_gains, UNIT, D(2007, 4, 5), 100000, "（二）第六条"),
    (C.counterfeit_patent, K.illegal_business_volume, PERSON, D(2025, 4, 26), None, "法释〔2025〕5号: not encoded"),
    (C.counterfeit_patent, K.illegal_business_volume, UNIT, D(2004, 12, 21), None, "before the 2004 text"),
]


@pytest.mark.parametrize("conduct, kind, party, day, expected, where", EXPECTED,
                         ids=[f"{c.value}-{k.value}-{p.value}-{d}" for c, k, p, d, _, _ in EXPECTED])
def test_figure_as_the_texts_give_it(conduct, kind, party, day, expected, where):
    assert figure(conduct, kind, party, day) == expected, where


@pytest.mark.parametrize("conduct", [c for c in ConductKind if c is not ConductKind.other])
@pytest.mark.parametrize("party", list(PartyType))
def test_every_conduct_and_party_has_a_figure_on_every_day_of_the_encoded_texts(conduct, party):
    rows = sorted((r for r in TABLE.thresholds if r.conduct is conduct and party in r.parties),
                  key=lambda r: r.effective_from)
    covered_until = FIRST_DAY - dt.timedelta(days=1)
    for row in rows:
        assert row.effective_from <= covered_until + dt.timedelta(days=1), f"a day without figures before {row}"
        covered_until = max(covered_until, row.effective_until)
    assert rows[0].effective_from == FIRST_DAY and covered_until == LAST_DAY


def test_the_days_outside_the_encoded_texts_are_not_encoded_periods():
    gaps = sorted(TABLE.not_encoded, key=lambda g: g.start)
    assert [(g.effective_from, g.effective_until) for g in gaps] == [
        (None, FIRST_DAY - dt.timedelta(days=1)), (LAST_DAY + dt.timedelta(days=1), None)]
    assert "法释〔2025〕5号" in gaps[1].source


def _changes(**match) -> list[dict]:
    return [f for f in FACTS if f["t"] == "threshold_change" and all(f[k] == v for k, v in match.items())]


def test_a_unit_figure_changes_on_2007_04_05_and_an_individual_one_does_not():
    (change,) = _changes(conduct="counterfeit_trademark", amount_kind="illegal_business_volume", party_type="company")
    assert (change["before_minimum"], change["after_minimum"], change["lower_minimum"]) == (150000, 50000, 50000)
    assert change["change_day"] == (D(2007, 4, 5) - D(1970, 1, 1)).days
    assert not _changes(conduct="counterfeit_trademark", party_type="natural_person")
    assert not _changes(conduct="counterfeit_trademark", party_type="individual_business")


def test_copies_change_for_everyone_on_2007_04_05():
    for party, before in (("natural_person", 1000), ("individual_business", 1000), ("company", 3000)):
        (change,) = _changes(conduct="copyright_infringement", amount_kind="infringing_copies", party_type=party)
        assert (change["before_minimum"], change["after_minimum"]) == (before, 500)


def test_trade_secret_gains_get_a_figure_where_there_was_none():
    (change,) = _changes(conduct="trade_secret_infringement", amount_kind="illegal_gains", party_type="natural_person")
    assert "before_minimum" not in change and change["lower_minimum"] == 300000
    assert change["before"] == "无此项标准" and change["after"].startswith("300000（法释〔2020〕10号第四条第一款第（一）项")
    unit_loss = _changes(conduct="trade_secret_infringement", amount_kind="rights_holder_loss", party_type="company")
    assert [(c["before_minimum"], c["after_minimum"]) for c in unit_loss] == [(1500000, 500000), (500000, 300000)]


def test_the_start_and_end_of_the_table_are_not_changes():
    starts_or_ends = {(FIRST_DAY - D(1970, 1, 1)).days, (LAST_DAY - D(1970, 1, 1)).days + 1}
    assert not [f for f in FACTS if f["t"] == "threshold_change" and f["change_day"] in starts_or_ends]


def test_a_row_holds_for_the_party_types_it_names_and_by_default_for_all():
    row = Threshold(conduct=C.counterfeit_patent, amount_kind=K.illegal_gains, minimum=1, effective_from=FIRST_DAY,
                    effective_until=LAST_DAY, source="s", article="a")
    assert row.parties == list(PartyType)
    facts = [f for f in FACTS if f["t"] == "threshold" and f["conduct"] == "copyright_infringement"
             and f["amount_kind"] == "infringing_copies" and f["minimum"] == 500]
    assert sorted(f["party_type"] for f in facts) == sorted(p.value for p in PartyType)


@pytest.fixture
def table_copy(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(REPO / "rules", target)
    return target / "common" / "data" / "criminal-thresholds.yaml"


def test_two_figures_for_one_day_is_a_load_error_naming_the_row(table_copy: Path):
    text = table_copy.read_text(encoding="utf-8")
    # the individuals' 1000-copies row running on past 2007-04-04 meets the 500 row for everyone
    bad = text.replace("""minimum: 1000,
     parties: [natural_person, individual_business], effective_from: 2004-12-22, effective_until: 2007-04-04""",
                       """minimum: 1000,
     parties: [natural_person, individual_business], effective_from: 2004-12-22, effective_until: 2007-04-05""")
    assert bad != text
    table_copy.write_text(bad, encoding="utf-8")
    with pytest.raises(RuleLoadError, match=r"criminal-thresholds.yaml:\d+: threshold table: thresholds\.\d+: a second "
                                            r"figure for copyright_infringement infringing_copies \(individual_business, "
                                            r"natural_person\), on days the row at criminal-thresholds.yaml:\d+ covers"):
        load_catalog(table_copy.parent.parent.parent)


def test_a_not_encoded_period_over_a_row_is_a_load_error(table_copy: Path):
    text = table_copy.read_text(encoding="utf-8")
    table_copy.write_text(text.replace("effective_from: 2025-04-26", "effective_from: 2025-04-25"), encoding="utf-8")
    with pytest.raises(RuleLoadError, match=r"criminal-thresholds.yaml:\d+: threshold table: not_encoded\.1: a period "
                                            r"without figures over days"):
        load_catalog(table_copy.parent.parent.parent)


def test_a_row_ending_before_it_starts_is_a_load_error(table_copy: Path):
    text = table_copy.read_text(encoding="utf-8")
    table_copy.write_text(text.replace("effective_until: 2007-04-04", "effective_until: 2003-04-04", 1), encoding="utf-8")
    with pytest.raises(RuleLoadError, match=r"threshold table: thresholds\.2: effective_until 2003-04-04 is before"):
        load_catalog(table_copy.parent.parent.parent)


def test_a_party_type_listed_twice_is_a_load_error(table_copy: Path):
    text = table_copy.read_text(encoding="utf-8")
    table_copy.write_text(text.replace("parties: [company]", "parties: [company, company]", 1), encoding="utf-8")
    with pytest.raises(RuleLoadError, match=r"threshold table: thresholds\.2: a party type is listed twice"):
        load_catalog(table_copy.parent.parent.parent)


# ---- mutation check of the table --------------------------------------------------------------
# Each row's figure, dates and party types changed one at a time must be noticed, by a figure of
# EXPECTED or by a day the change leaves without a figure (or with two): so no row is unpinned.


def _disagreements(rows: list[Threshold]) -> list[str]:
    """What the table `rows` gets wrong: figures of EXPECTED and days without exactly one figure."""
    wrong = []
    for conduct, kind, party, day, expected, where in EXPECTED:
        found = [r.minimum for r in rows if r.conduct is conduct and r.amount_kind is kind and party in r.parties
                 and r.covers(day)]
        if found != ([] if expected is None else [expected]):
            wrong.append(f"{conduct.value} {kind.value} {party.value} {day}: {found} ({where})")
    # every amount kind a text gives a conduct holds for every party type, from the day the first
    # text gave it to the last day of the encoded texts, one figure a day; and a row starts and
    # ends where a text changes the table
    for conduct, kind in {(r.conduct, r.amount_kind) for r in rows}:
        first = min(r.effective_from for r in rows if r.conduct is conduct and r.amount_kind is kind)
        for party in PartyType:
            spans = sorted((r.effective_from, r.effective_until) for r in rows
                           if r.conduct is conduct and r.amount_kind is kind and party in r.parties)
            starts = [first] + [end + dt.timedelta(days=1) for _, end in spans]
            if [start for start, _ in spans] != starts[:-1] or starts[-1] != LAST_DAY + dt.timedelta(days=1):
                wrong.append(f"{conduct.value} {kind.value} {party.value}: {spans} do not run from {first} to {LAST_DAY}")
    for r in rows:
        if r.effective_from not in BOUNDARIES or r.effective_until + dt.timedelta(days=1) not in BOUNDARIES:
            wrong.append(f"{r.conduct.value} {r.amount_kind.value}: {r.effective_from}..{r.effective_until} is not between changes")
    return wrong


# The days the texts change the table (2004 text, （二）, （三）) and the day after the last one
BOUNDARIES = {FIRST_DAY, D(2007, 4, 5), D(2020, 9, 14), LAST_DAY + dt.timedelta(days=1)}


def _row_mutants(row: Threshold) -> list[tuple[str, Threshold]]:
    found = [("figure doubled", row.model_copy(update={"minimum": row.minimum * 2})),
             ("figure halved", row.model_copy(update={"minimum": row.minimum / 2}))]
    if row.effective_from < row.effective_until:
        found += [("starts a day later", row.model_copy(update={"effective_from": row.effective_from + dt.timedelta(days=1)})),
                  ("ends a day earlier", row.model_copy(update={"effective_until": row.effective_until - dt.timedelta(days=1)}))]
    found += [(f"without {party.value}", row.model_copy(update={"parties": [p for p in row.parties if p is not party]}))
              for party in row.parties if len(row.parties) > 1]
    return found


def test_the_table_as_it_stands_has_no_disagreement():
    assert _disagreements(list(TABLE.thresholds)) == []


@pytest.mark.parametrize("index", range(len(TABLE.thresholds)),
                         ids=[f"{r.conduct.value}-{r.amount_kind.value}-{r.effective_from}" for r in TABLE.thresholds])
def test_every_change_to_a_row_is_noticed(index: int):
    rows = list(TABLE.thresholds)
    unnoticed = [label for label, mutant in _row_mutants(rows[index])
                 if not _disagreements(rows[:index] + [mutant] + rows[index + 1:])]
    assert not unnoticed, f"row {index} ({rows[index].article}): no figure of EXPECTED notices it {unnoticed}"
