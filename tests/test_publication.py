"""Where a listing or a penalty had to be published (engine.publication) and which province a
party or a department is in (engine.provinces): the law's distinctions, one at a time."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from engine import provinces, publication
from engine.model.report import (
    PartyType, Penalty, PenaltyKind, PenaltyProcedure, Posting, PublicationPlatform,
)
from engine.publication import Duty, Grade
from engine.rules.catalog import load_catalog
from engine.rules.model import Severity
from engine.rules.plan_model import PublishedDecision

REPO = Path(__file__).resolve().parent.parent
CATALOG = load_catalog(REPO / "rules")
NATIONAL_PENALTY, NATIONAL_LISTING = CATALOG.national_platforms
HLJ = CATALOG.required_platforms("heilongjiang-2023")
TIANJIN = CATALOG.required_platforms("tianjin-2021")
D = dt.date


def penalty(procedure=None, kinds=(), fine=None) -> Penalty:
    return Penalty(decision_date=D(2024, 8, 30), procedure=procedure, kinds=list(kinds), fine=fine)


def post(platform: str, day: dt.date, site: str | None = None) -> Posting:
    return Posting(platform=PublicationPlatform(platform), site_name=site, date=day)


# ---- 总局令第45号 第二条 and 行政处罚法 第五十一条 ---------------------------------------------------

@pytest.mark.parametrize("given, party, duty", [
    (penalty(PenaltyProcedure.ordinary, [PenaltyKind.warning]), PartyType.company, Duty.not_required),
    (penalty(None, [PenaltyKind.warning]), PartyType.company, Duty.not_required),
    (penalty(PenaltyProcedure.ordinary, [PenaltyKind.warning], fine=100), PartyType.company, Duty.required),
    (penalty(PenaltyProcedure.ordinary, [PenaltyKind.fine], fine=100), PartyType.company, Duty.required),
    (penalty(PenaltyProcedure.summary, [PenaltyKind.fine], fine=3000), PartyType.company, Duty.not_required),
    (penalty(PenaltyProcedure.summary, [PenaltyKind.fine], fine=3000.5), PartyType.company, Duty.required),
    (penalty(None, [PenaltyKind.fine], fine=3000), PartyType.company, Duty.unknown),
    (penalty(None, [], fine=3000), PartyType.company, Duty.unknown),
    (penalty(None, [PenaltyKind.fine], fine=3001), PartyType.company, Duty.required),
    (penalty(None, [PenaltyKind.fine], fine=200), PartyType.natural_person, Duty.unknown),
    (penalty(None, [PenaltyKind.fine], fine=201), PartyType.natural_person, Duty.required),
    (penalty(None, [PenaltyKind.fine], fine=3000), PartyType.individual_business, Duty.unknown),
    (penalty(None, [PenaltyKind.confiscation]), PartyType.company, Duty.required),
    (penalty(None, [PenaltyKind.other]), PartyType.company, Duty.required),
    (penalty(None), PartyType.company, Duty.unknown),
], ids=lambda v: getattr(v, "value", None) or str(v)[:40])
def test_penalty_duty(given: Penalty, party: PartyType, duty: Duty) -> None:
    assert publication.penalty_duty(given, party) is duty


def test_a_fine_amount_is_a_fine_even_where_kinds_leave_it_out() -> None:
    assert publication.effective_kinds(penalty(None, [PenaltyKind.warning], fine=50)) == {PenaltyKind.warning, PenaltyKind.fine}
    assert not publication.warning_only(penalty(None, [PenaltyKind.warning], fine=50))


# ---- 第九条 and 第十条 ------------------------------------------------------------------------------

def test_a_push_hands_the_national_publication_to_the_registration_place() -> None:
    assert publication.penalty_grade(NATIONAL_PENALTY, Duty.required, False, pushed=True) is None
    assert publication.penalty_grade(NATIONAL_PENALTY, Duty.required, None, pushed=True) is None
    assert publication.penalty_grade(NATIONAL_PENALTY, Duty.required, True, pushed=True) is None


def test_same_province_is_article_9() -> None:
    assert publication.penalty_grade(NATIONAL_PENALTY, Duty.required, True, pushed=False) == Grade(
        Severity.error, Severity.error)


def test_another_province_without_a_push_is_a_warning_at_most() -> None:
    grade = publication.penalty_grade(NATIONAL_PENALTY, Duty.required, False, pushed=False)
    assert (grade.missing, grade.late) == (Severity.warning, Severity.warning)
    assert "第十条" in grade.basis


def test_unknown_province_missing_is_a_gap_either_way_late_is_not_certain() -> None:
    grade = publication.penalty_grade(NATIONAL_PENALTY, Duty.required, None, pushed=False)
    assert (grade.missing, grade.late) == (Severity.error, Severity.warning)
    assert "第九条或第十条" in grade.basis


def test_unknown_duty_caps_every_platform_at_warning() -> None:
    grade = publication.penalty_grade(NATIONAL_PENALTY, Duty.unknown, True, pushed=False)
    assert (grade.missing, grade.late) == (Severity.warning, Severity.warning)


def test_not_published_penalties_have_no_platform() -> None:
    for platform in TIANJIN:
        assert publication.penalty_grade(platform, Duty.not_required, True, pushed=False) is None


def test_a_plan_platform_ignores_the_push() -> None:
    sharing = next(p for p in TIANJIN if p.name == "全国信用信息共享平台(天津)")
    assert publication.penalty_grade(sharing, Duty.required, False, pushed=True) == Grade(Severity.warning, Severity.warning)


# ---- assessing one decision ---------------------------------------------------------------------

def _listing(postings, decided=D(2024, 9, 26), submitted=D(2025, 1, 10), platforms=HLJ):
    required = publication.applicable(platforms, PublishedDecision.credit_list, ["market_regulation"])
    return publication.assess(required, postings, decided, submitted, publication.listing_grade)


def test_one_platform_of_several_bases_is_one_platform_with_the_strongest_severity() -> None:
    fields = _listing([post("credit_china", D(2024, 10, 15), "信用中国(黑龙江)")]).fields()
    assert fields["unpublished_count"] == 1 and fields["unpublished_error_count"] == 1
    assert fields["unpublished"] == "国家企业信用信息公示系统(黑龙江)（总局令第44号，二手资料；推进计划第33项）"


def test_names_no_prefix_joins_are_both_kept() -> None:
    fields = _listing([post("credit_china", D(2023, 10, 24), "信用中国(天津)")], decided=D(2023, 10, 19),
                      submitted=D(2024, 1, 12), platforms=TIANJIN).fields()
    assert fields["unpublished"].startswith("国家企业信用信息公示系统／天津市市场主体信用信息公示系统（")
    assert fields["unpublished_error_count"] == 0


@pytest.mark.parametrize("decided, closed", [(D(2024, 12, 12), False), (D(2024, 12, 11), True)])
def test_window_counts_working_days_to_submission(decided: dt.date, closed: bool) -> None:
    assert bool(_listing([], decided=decided).unpublished) is closed


def test_a_posting_named_differently_counts_and_says_what_the_plan_names() -> None:
    assessment = _listing([post("credit_china", D(2024, 10, 15), "信用中国"), post("gsxt", D(2024, 10, 14))])
    assert not assessment.unpublished
    assert [p.name for p in assessment.expected_sites[0]] == ["信用中国(黑龙江)"]
    assert 1 not in assessment.expected_sites


def test_another_site_beside_the_plans_is_no_question() -> None:
    assessment = _listing([post("credit_china", D(2024, 10, 15), "信用中国(哈尔滨)"),
                           post("credit_china", D(2024, 10, 15), "信用中国（黑龙江）"), post("gsxt", D(2024, 10, 14))])
    assert not assessment.expected_sites and not assessment.unpublished


def test_other_counts_only_under_the_plans_name() -> None:
    named = _listing([post("other", D(2024, 10, 15), "信用中国(黑龙江)"), post("gsxt", D(2024, 10, 14))])
    unnamed = _listing([post("other", D(2024, 10, 15), "黑龙江省市场监督管理局网站"), post("gsxt", D(2024, 10, 14))])
    assert not named.unpublished
    assert [s.required.name for s in unnamed.unpublished] == ["信用中国(黑龙江)"] and not unnamed.expected_sites


def test_late_is_judged_on_the_first_publication_of_each_platform() -> None:
    late = _listing([post("credit_china", D(2024, 10, 30), "信用中国(黑龙江)"), post("gsxt", D(2024, 10, 14)),
                     post("credit_china", D(2024, 10, 29), "信用中国(黑龙江)")])
    assert not late.late
    late = _listing([post("credit_china", D(2024, 10, 30), "信用中国(黑龙江)"), post("gsxt", D(2024, 10, 30))])
    fields = late.fields()
    assert fields["late_count"] == 2 and fields["late_error_count"] == 0
    assert "第21个工作日" in fields["late"]


def test_department_kinds_select_the_platforms() -> None:
    assert publication.applicable(HLJ, PublishedDecision.penalty, ["ip_office"]) == ()
    assert publication.applicable(HLJ, PublishedDecision.penalty, ["market_regulation"]) == (NATIONAL_PENALTY,)


def test_site_names_compare_without_spaces_quotes_or_bracket_widths() -> None:
    assert publication.normalise_site(" “信用中国（黑龙江）” ") == publication.normalise_site("信用中国(黑龙江)")


@pytest.mark.parametrize("listed, anniversary", [
    (D(2023, 3, 15), D(2024, 3, 15)), (D(2024, 2, 29), D(2025, 2, 28)), (D(2023, 12, 31), D(2024, 12, 31)),
])
def test_one_year_on(listed: dt.date, anniversary: dt.date) -> None:
    assert publication.one_year_on(listed) == anniversary


# ---- provinces ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, province", [
    ("黑龙江省", "23"), ("江西省九江市瑞昌市", "36"), ("天津市市场监督管理委员会", "12"), ("天津市滨海新区", "12"),
    ("内蒙古自治区市场监督管理局", "15"), ("广西壮族自治区知识产权局", "45"), (" 四川省 成都市", "51"),
    ("大庆市市场监督管理局", None), ("五常市", None), ("中共成都市委宣传部", None), ("", None), (None, None),
])
def test_province_of_a_region_or_name(text, province) -> None:
    assert provinces.of_text(text) == province


def test_department_province_from_code_then_region_then_name() -> None:
    assert provinces.of_department("11230000MB1A235173", "天津市", "天津市市场监督管理委员会") == "23"
    assert provinces.of_department("11230000MB1A235174", "天津市", "黑龙江省市场监督管理局") == "12"  # bad check char
    assert provinces.of_department(None, None, "黑龙江省市场监督管理局") == "23"
    assert provinces.of_department(None, "大庆市", "大庆市市场监督管理局") is None


def test_same_province_is_known_only_when_both_are() -> None:
    assert provinces.same_province("23", "23") is True
    assert provinces.same_province("11", "23") is False
    assert provinces.same_province(None, "23") is None
