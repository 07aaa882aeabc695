"""Where a listing or a penalty had to be published, and where it was not, or was late.

The platforms come from data (engine.rules.plan_model.RequiredPlatform): the national ones
(rules/common/data/publication_platforms.yaml) and those a plan's clause names (plan.yaml
`publication_platforms`). For one decision this module works out which of them apply to the
reporting department, which have no publication although their window had closed when the report
was submitted, which were published after their window, and which postings name a different site
than the plan's words. Required platforms of one `platform` value (the national 国家企业信用信息
公示系统 and a plan's 国家企业信用信息公示系统(黑龙江)) are one platform in the findings, with
every basis and the strongest severity: a decision missing from three platforms is one finding.

Penalties are first held to 总局令第45号 第二条 (penalty_duty): only a penalty decided under the
ordinary procedure is published, and not one that is only a warning. A plan's own platforms follow
the same line, since the plans ask for publication 依法/依规. Then 第十条: for a party registered
in another province the deciding department pushes the information to the registration-place
regulator, which publishes it (penalty_grade).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable, Iterable, Optional, Sequence

from . import workdays
from .model.report import Penalty, PartyType, PenaltyKind, PenaltyProcedure, Posting, PublicationPlatform
from .rules.model import SEVERITY_RANK, Severity
from .rules.plan_model import PublishedDecision, RequiredPlatform

# 行政处罚法 第五十一条: on the spot (简易程序) only 警告 or a fine of at most 200 yuan for a citizen,
# 3,000 yuan for a legal person or other organisation. Whether a 个体工商户 counts as a citizen
# here is not settled, so it gets the higher limit: the summary procedure is ruled out only where
# it is ruled out on either reading.
SUMMARY_FINE_LIMIT = {PartyType.natural_person: 200.0}
SUMMARY_FINE_LIMIT_DEFAULT = 3000.0
SUMMARY_KINDS = frozenset({PenaltyKind.warning, PenaltyKind.fine})
# The basis findings name for a national penalty platform when the party's province makes 第十条
# the article, or leaves 第九条 and 第十条 both open.
ARTICLE_10_BASIS = "总局令第45号第十条，未见推送记录"
ARTICLE_9_OR_10_BASIS = "总局令第45号第九条或第十条，当事人登记地不明"



@dataclass(frozen=True)
class Grade:
    """How one platform's shortfalls weigh for one decision: the severity of a missing and of a
    late publication, and the basis findings name where it is not the platform's own."""

    missing: Severity
    late: Severity
    basis: Optional[str] = None


class Duty(str, Enum):
    """Whether 总局令第45号 第二条 has the penalty published."""

    required = "required"  # ordinary procedure, and more than a warning
    not_required = "not_required"  # summary procedure, or only a warning
    unknown = "unknown"  # the report does not say the procedure, and it may have been summary


def summary_fine_limit(party_type: Optional[PartyType]) -> float:
    """The higher limit where the party's type is not known: no summary procedure is then
    called impossible that might have been allowed."""
    return SUMMARY_FINE_LIMIT.get(party_type, SUMMARY_FINE_LIMIT_DEFAULT)


def effective_kinds(penalty: Penalty) -> frozenset[PenaltyKind]:
    """The kinds a penalty imposes; a fine amount is a fine even where `kinds` leaves it out."""
    return frozenset(penalty.kinds) | ({PenaltyKind.fine} if penalty.fine else frozenset())


def summary_possible(penalty: Penalty, party_type: Optional[PartyType]) -> bool:
    """Whether 行政处罚法 第五十一条 allows this penalty to have been decided on the spot."""
    if not effective_kinds(penalty) <= SUMMARY_KINDS:
        return False
    return penalty.fine is None or penalty.fine <= summary_fine_limit(party_type)


def warning_only(penalty: Penalty) -> bool:
    return effective_kinds(penalty) == {PenaltyKind.warning}


def penalty_duty(penalty: Penalty, party_type: Optional[PartyType]) -> Duty:
    """A penalty whose procedure the report omits (reports before format 1.1) is taken as
    ordinary when 第五十一条 rules the summary one out, so an old report loses no real finding; where
    it could have been summary the duty is unknown and a missing publication only a warning, so
    an old report gets no false alarm."""
    if warning_only(penalty):
        return Duty.not_required
    possible = summary_possible(penalty, party_type)
    if penalty.procedure is PenaltyProcedure.ordinary or not possible:
        return Duty.required  # a summary procedure 第五十一条 rules out is PENALTY-SUMMARY-NOT-ALLOWED
    if penalty.procedure is PenaltyProcedure.summary:
        return Duty.not_required
    return Duty.unknown


def _at_most_warning(severity: Severity) -> Severity:
    return severity if SEVERITY_RANK[severity] <= SEVERITY_RANK[Severity.warning] else Severity.warning


def penalty_grade(required: RequiredPlatform, duty: Duty, same_province: Optional[bool], pushed: bool) -> Optional[Grade]:
    """Severities of a missing and a late publication of one penalty on one platform; None when
    the department need not publish it there."""
    if duty is Duty.not_required:
        return None
    missing, late, basis = required.severity, required.late_severity, None
    if required.registration_place_push:
        if pushed:
            return None  # 第十条: the registration-place regulator publishes what it was pushed
        if same_province is False:
            basis = ARTICLE_10_BASIS
            # 第十条 puts the publication on the registration-place regulator; what this department
            # owed is the push, which the report does not show. A credit code keeps the region of
            # the authority that first issued it, so "another province" is itself not certain.
            missing, late = _at_most_warning(missing), _at_most_warning(late)
        elif same_province is None:
            # Under 第九条 the department publishes; under 第十条 it pushes. A missing publication
            # without a push is a gap either way; a late one may be the registration-place
            # regulator's 10 + 10 working days.
            basis = ARTICLE_9_OR_10_BASIS
            late = _at_most_warning(late)
    if duty is Duty.unknown:
        missing, late = _at_most_warning(missing), _at_most_warning(late)
    return Grade(missing, late, basis)


def listing_grade(required: RequiredPlatform) -> Grade:
    return Grade(required.severity, required.late_severity)


def applicable(platforms: Iterable[RequiredPlatform], decision: PublishedDecision,
               department_kinds: Iterable[Any]) -> tuple[RequiredPlatform, ...]:
    kinds = set(department_kinds)
    return tuple(p for p in platforms if decision in p.decisions and kinds.intersection(p.department_kinds))


_SAME_CHARACTER = str.maketrans({"（": "(", "）": ")", "“": "", "”": "", "\"": "", "《": "", "》": "", "「": "", "」": ""})


def normalise_site(name: str) -> str:
    """信用中国（黑龙江） and “信用中国(黑龙江)” are one site."""
    return "".join(name.split()).translate(_SAME_CHARACTER)


def _named(required: RequiredPlatform, posting: Posting) -> bool:
    return posting.site_name is not None and normalise_site(posting.site_name) in {normalise_site(n) for n in required.names}


def _is_on(required: RequiredPlatform, posting: Posting) -> bool:
    """A posting on the platform: its platform value, under one of the plan's names or none; or a
    posting recorded as `other` under one of the plan's names."""
    if posting.platform is required.platform:
        return not required.names or posting.site_name is None or _named(required, posting)
    return bool(required.names) and posting.platform is PublicationPlatform.other and _named(required, posting)


def _renamed(required: RequiredPlatform, posting: Posting) -> bool:
    """The platform's value under a site name the plan does not use."""
    return bool(required.names) and posting.platform is required.platform and posting.site_name is not None \
        and not _named(required, posting)


@dataclass(frozen=True)
class Shortfall:
    """One required platform a decision is missing from, or was published on late."""

    required: RequiredPlatform
    severity: Severity
    basis: str
    posted: Optional[dt.date] = None  # late: the first publication on it
    delay_wd: Optional[int] = None


@dataclass(frozen=True)
class Assessment:
    unpublished: tuple[Shortfall, ...] = ()
    late: tuple[Shortfall, ...] = ()
    # posting index -> the plan platforms it was taken as, under another site name
    expected_sites: dict[int, tuple[RequiredPlatform, ...]] = field(default_factory=dict)

    def fields(self, prefix: str = "") -> dict[str, Any]:
        """Fact fields: texts naming the platforms, counts, and how many are errors."""
        out: dict[str, Any] = {}
        for what, items, render in (("unpublished", self.unpublished, _unpublished_text),
                                    ("late", self.late, _late_text)):
            groups = _grouped(items)
            out[f"{prefix}{what}_count"] = len(groups)
            out[f"{prefix}{what}_error_count"] = sum(1 for g in groups if _strongest(g) is Severity.error)
            if groups:
                out[f"{prefix}{what}"] = render(groups, "zh")
                out[f"{prefix}{what}_en"] = render(groups, "en")
        return out


def assess(required: Sequence[RequiredPlatform], postings: Sequence[Posting], decided: Optional[dt.date],
           submitted: Optional[dt.date], grade: Callable[[RequiredPlatform], Optional[Grade]]) -> Assessment:
    """Where the decision was not published, or late. A date a salvaged report left out (None)
    leaves what needs it unjudged: no decision date, nothing; a posting without a date is a
    publication whose timing is unknown."""
    if decided is None:
        return Assessment()
    unpublished: list[Shortfall] = []
    late: list[Shortfall] = []
    expected: dict[int, list[RequiredPlatform]] = {}
    for platform in required:
        weight = grade(platform)
        if weight is None:
            continue
        basis = weight.basis or platform.basis
        used = [i for i, p in enumerate(postings) if _is_on(platform, p)]
        if not used:
            used = [i for i, p in enumerate(postings) if _renamed(platform, p)]
            for i in used:
                expected.setdefault(i, []).append(platform)
        if used:
            dates = [postings[i].date for i in used]
            if None in dates:
                continue  # one of them may have been in time
            first = min(dates)
            delay = workdays.delay(decided, first)
            if delay is not None and delay > platform.within_working_days:
                late.append(Shortfall(platform, weight.late, basis, first, delay))
            continue
        elapsed = workdays.delay(decided, submitted)
        if elapsed is not None and elapsed > platform.within_working_days:
            unpublished.append(Shortfall(platform, weight.missing, basis))
    return Assessment(tuple(unpublished), tuple(late), {i: tuple(v) for i, v in expected.items()})


def _grouped(items: Sequence[Shortfall]) -> list[list[Shortfall]]:
    """One group per platform value, in the order the platforms are declared (national first)."""
    groups: dict[PublicationPlatform, list[Shortfall]] = {}
    for item in items:
        groups.setdefault(item.required.platform, []).append(item)
    return list(groups.values())


def _strongest(group: Sequence[Shortfall]) -> Severity:
    return max((item.severity for item in group), key=SEVERITY_RANK.__getitem__)


def _label(group: Sequence[Shortfall]) -> str:
    """国家企业信用信息公示系统(黑龙江)（总局令第44号；推进计划第33项）: a name another one extends
    (国家企业信用信息公示系统 → …(黑龙江)) is left out; different names are kept (…／天津市市场主体
    信用信息公示系统), since the reading that they are one system is the pack's."""
    names = list(dict.fromkeys(item.required.name for item in group))
    kept = [n for n in names if not any(other != n and other.startswith(n) for other in names)]
    bases = list(dict.fromkeys(item.basis for item in group))
    return f"{'／'.join(kept)}（{'；'.join(bases)}）"


def _unpublished_text(groups: list[list[Shortfall]], lang: str) -> str:
    return ("、" if lang == "zh" else "; ").join(_label(g) for g in groups)


def _late_text(groups: list[list[Shortfall]], lang: str) -> str:
    parts = []
    for group in groups:
        worst = max(group, key=lambda item: (SEVERITY_RANK[item.severity], item.delay_wd or 0))
        limit = worst.required.within_working_days
        # a national rule sets the limit; a plan that names a platform sets none, so its limit is
        # the pack's analogy with 总局令第45号 第九条 and the finding says so
        by_law = any(item.required.clause is None for item in group)
        if lang == "zh":
            rule = f"应在{limit}个工作日内" if by_law else f"方案未定期限，参照{limit}个工作日"
            parts.append(f"{_label(group)}于{worst.posted}公示，为决定后第{worst.delay_wd}个工作日（{rule}）")
        else:
            rule = f"limit {limit}" if by_law else f"the plan sets no limit; {limit} by analogy"
            parts.append(f"{_label(group)} on {worst.posted}, working day {worst.delay_wd} after the decision ({rule})")
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


def expected_site_text(platforms: Sequence[RequiredPlatform]) -> str:
    """“全国信用信息共享平台(天津)”（也可写作“信用中国(天津)”）: the plan's name, and the other site
    names taken as the same platform."""
    parts = []
    for platform in platforms:
        others = [n for n in platform.names if normalise_site(n) != normalise_site(platform.name)]
        also = f"（也可写作{'、'.join(f'“{n}”' for n in others)}）" if others else ""
        parts.append(f"“{platform.name}”{also}")
    return "、".join(dict.fromkeys(parts))


def one_year_on(day: dt.date) -> dt.date:
    """The same day a year later (29 February → 28 February): a listing has lasted a year on it."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)
