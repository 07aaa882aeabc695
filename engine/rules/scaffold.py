"""`plancheck rules new`: a rule of one of the common shapes for one plan clause, with its case
file — written so that it loads, lints clean and its cases pass at once (the fail case fails and
the pass case passes against the clause), for the author to read, correct and extend.

Shapes (SHAPES): `reported` (the figure a clause counts is reported for the year), `evidence`
(an item reported completed has evidence dated in the year), `target` (a figure meets the
clause's number: 不少于/达到 N is at least N, 超过 N more than N), `annual-publication` (the
yearly publication the clause names, by the body it names), `by-date` (the document or body a
clause names is shown delivered by its date), `phase` (a dated phase's deliverable within its
window). Severity follows the text: a soft word (力争, 适时, 视情, 鼓励) in the words the rule
enforces makes it a warning, and the rationale says so either way.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from engine.model.report import PublicationKind
from engine.rules.plan_model import Cadence, Clause, Plan
from engine.rules.scaffold_base import working_day_on_or_after, working_day_on_or_before
from engine.rules.soft_words import soft_words_in

PUBLICATION_NAMES = {
    PublicationKind.ip_protection_white_paper: "知识产权保护状况白皮书",
    PublicationKind.court_judicial_protection_white_paper: "法院知识产权司法保护状况白皮书",
    PublicationKind.court_ip_trial_white_paper: "知识产权审判工作白皮书",
    PublicationKind.satisfaction_survey: "知识产权保护社会满意度调查报告",
    PublicationKind.protection_level_assessment: "知识产权保护水平评估",
    PublicationKind.typical_cases: "典型案例",
}
# the plan's words for a minimum (at least) and for more than
_TARGET = re.compile(r"(不少于|不低于|至少|达到|超过|多于|高于)\s*(\d+(?:\.\d+)?)\s*(%|[\u4e00-\u9fff]{1,2})?")
_MORE_THAN = ("超过", "多于", "高于")
_INNER_QUOTES = str.maketrans({"“": "‘", "”": "’"})


class ScaffoldError(ValueError):
    """The clause does not fit the shape (no number for a target, no date for by-date…)."""


@dataclass(frozen=True)
class Target:
    words: str  # 不少于30件
    limit: float
    unit: str
    more_than: bool

    @property
    def miss_op(self) -> str:
        """The operator of a miss: below the minimum, or not above the figure."""
        return "le" if self.more_than else "lt"

    def limit_value(self) -> Any:
        return int(self.limit) if self.limit == int(self.limit) else self.limit


def find_target(text: str) -> Optional[Target]:
    match = _TARGET.search(text)
    if match is None:
        return None
    word, number, unit = match.group(1), match.group(2), match.group(3) or ""
    return Target(match.group(0), float(number), unit, word in _MORE_THAN)


@dataclass
class Draft:
    """What a shape needs: the clause, the base report's data and options from the command."""

    rule_id: str
    plan: Plan
    clause: Clause
    base_name: str
    base: dict[str, Any]
    metric: Optional[str] = None
    scope: str = "own"
    publication: PublicationKind = PublicationKind.ip_protection_white_paper
    kinds: list[str] = field(default_factory=list)  # applies_to department kinds, where given

    @property
    def year(self) -> int:
        return dt.date.fromisoformat(self.base["period"]["end"]).year

    @property
    def period(self) -> tuple[str, str]:
        return self.base["period"]["start"], self.base["period"]["end"]

    def set_list(self, member: str, items: list[Any]) -> dict[str, Any]:
        """A patch setting a top-level list of the report, whether the base has it or not."""
        return {"op": "replace" if member in self.base else "add", "path": f"/{member}", "value": items}

    def task_index(self) -> int:
        for i, task in enumerate(self.base.get("tasks", [])):
            if task["clause"] == self.clause.id:
                return i
        raise ScaffoldError(f"base report {self.base_name} has no task for clause {self.clause.id}: "
                            "give --base a report of a unit that answers for it")


def _quote(clause: Clause, words: Optional[str] = None) -> str:
    """The sentence of the clause holding `words` (or its first sentence): what the rule cites."""
    found = next((s.strip() for s in re.split(r"[。；;]", clause.text) if s.strip() and (words is None or words in s)),
                 clause.text)
    return found.translate(_INNER_QUOTES)  # quoted inside “…”, the plan's “铁拳” becomes ‘铁拳’


def _severity(clause: Clause, quote: str) -> tuple[str, str]:
    soft = soft_words_in(quote)
    if soft:
        word = "、".join(soft)
        return "warning", f"原文用“{word}”，是努力方向而非硬性要求，未做到只作警告。"
    return "error", "原文措辞确定，没有“力争”“适时”“视情”“鼓励”之类的措辞，未做到为错误。"


def _rule(draft: Draft, *, title: str, category: str, quote: str, reading: str, when: list[dict], subject: str,
          location: str, message: str, remediation: str) -> dict[str, Any]:
    severity, why = _severity(draft.clause, quote)
    rule: dict[str, Any] = {
        "id": draft.rule_id, "title": {"zh": title}, "severity": severity, "category": category,
        "clause": draft.clause.id,
        "rationale": {"zh": f"方案要求：第{draft.clause.id}项“{quote}”。{reading}{why}"},
    }
    if draft.kinds:
        rule["applies_to"] = {"department_kinds": list(draft.kinds)}
    rule.update({"when": when, "subject": subject, "location_field": location,
                 "message": {"zh": message}, "remediation": {"zh": remediation}})
    return rule


def _duty(draft: Draft, flag: str = "due") -> dict[str, Any]:
    return {"bind": "clause", "fact": "required_clause",
            "where": [{"field": "clause", "op": "eq", "value": draft.clause.id}, {"field": flag, "op": "eq", "value": True}]}


_YEAR_END = {"bind": "rep", "fact": "report", "where": [{"field": "period_covers_year_end", "op": "eq", "value": True}]}


def _metric_key(draft: Draft) -> str:
    if not draft.metric:
        raise ScaffoldError("this shape needs --metric KEY (the report's metrics[].key for the figure)")
    return draft.metric


def _metric(draft: Draft, value: Any, unit: str) -> dict[str, Any]:
    start, end = draft.period
    return {"key": _metric_key(draft), "value": value, "unit": unit or "项", "scope": draft.scope,
            "period": {"start": start, "end": end}, "clause": draft.clause.id}


def _metric_subject(draft: Draft) -> str:
    start, end = draft.period
    return f"metric/{_metric_key(draft)}/{start}/{end}/{draft.scope}"


def shape_reported(draft: Draft) -> tuple[dict, dict]:
    target = find_target(draft.clause.text)
    quote = _quote(draft.clause, target.words if target else None)
    key = _metric_key(draft)
    rule = _rule(
        draft, title=f"第{draft.clause.id}项的全年数字未报告", category="missing_evidence", quote=quote,
        reading=f"覆盖年末的报告应在metrics中报告该项全年数字（key为{key}）。",
        when=[_YEAR_END, _duty(draft), {"absent": "metric", "where": [
            {"field": "metric_key", "op": "eq", "value": key}, {"field": "scope", "op": "eq", "value": draft.scope},
            {"field": "full_calendar_year", "op": "eq", "value": True},
            {"field": "period_year", "op": "eq", "ref": "rep.period_year"}]}],
        subject="clause", location="metrics",
        message=f"报告期覆盖{{rep.period_year}}年末，但没有第{draft.clause.id}项的全年数字（{key}）；方案第{draft.clause.id}项要求“{quote}”。",
        remediation=f"在metrics中补报{{rep.period_year}}年全年的{key}（数值、单位、口径和统计期间），并附统计依据。")
    unit = target.unit if target else "项"
    value = target.limit_value() + (1 if target and target.more_than else 0) if target else 1
    cases = {
        "test_pass_figure_reported": {"description": "报告了全年数字", "patch": [
            draft.set_list("metrics", [_metric(draft, value, unit)])], "expect": "pass"},
        "test_fail_figure_missing": {"description": "覆盖年末的报告没有该项全年数字", "patch": [
            draft.set_list("metrics", [])], "expect": "fail", "subject": f"clause/{draft.clause.id}"},
    }
    return rule, cases


def shape_evidence(draft: Draft) -> tuple[dict, dict]:
    quote = _quote(draft.clause)
    index = draft.task_index()
    rule = _rule(
        draft, title=f"第{draft.clause.id}项报告已完成但没有本年度的佐证", category="missing_evidence", quote=quote,
        reading="报告为已完成的，应有日期在本年度内的佐证材料。",
        when=[_YEAR_END, {"bind": "task", "fact": "task", "where": [
            {"field": "clause", "op": "eq", "value": draft.clause.id}, {"field": "status", "op": "eq", "value": "completed"}]},
            {"absent": "evidence", "where": [{"field": "task_clause", "op": "eq", "value": draft.clause.id},
                                             {"field": "date_year", "op": "eq", "ref": "rep.period_year"}]}],
        subject="task", location="evidence",
        message=f"第{draft.clause.id}项报告为已完成，但没有日期在{{rep.period_year}}年内的佐证；方案第{draft.clause.id}项要求“{quote}”。",
        remediation="补报本年度的佐证材料（文件、通知、纪要或网页，注明日期）；尚未完成的，改报推进中并说明进度。")
    last_year = working_day_on_or_before(dt.date(draft.year - 1, 12, 31)).isoformat()
    cases = {
        "test_pass_evidence_in_the_year": {"description": "佐证日期在本年度内", "expect": "pass"},
        "test_fail_evidence_of_last_year": {"description": "唯一的佐证是上一年的", "patch": [
            {"op": "replace", "path": f"/tasks/{index}/evidence/0/date", "value": last_year}],
            "expect": "fail", "subject": f"task/{draft.clause.id}"},
    }
    return rule, cases


def shape_target(draft: Draft) -> tuple[dict, dict]:
    target = find_target(draft.clause.text)
    if target is None:
        raise ScaffoldError(f"clause {draft.clause.id} states no figure (不少于/超过/达到 N): use another shape")
    quote = _quote(draft.clause, target.words)
    key, limit = _metric_key(draft), target.limit_value()
    reading = (f"“{target.words}”即多于{limit}，恰好{limit}未达到。" if target.more_than
               else f"“{target.words}”即至少{limit}，恰好{limit}即达到。")
    rule = _rule(
        draft, title=f"第{draft.clause.id}项全年数字未达到{target.words}", category="threshold", quote=quote,
        reading=f"按报告的全年数字（metrics中key为{key}、口径{draft.scope}）判定；{reading}",
        when=[{"bind": "metric", "fact": "metric", "where": [
            {"field": "metric_key", "op": "eq", "value": key}, {"field": "scope", "op": "eq", "value": draft.scope},
            {"field": "full_calendar_year", "op": "eq", "value": True},
            {"field": "value", "op": target.miss_op, "value": limit}]}],
        subject="metric", location="value",
        message=f"{{metric.period_year}}年第{draft.clause.id}项报告的全年数字为{{metric.value}}{target.unit}，未达到方案第{draft.clause.id}项“{target.words}”的要求。",
        remediation="核实统计口径是否完整；确未达到的，说明原因和补足措施。")
    met, missed = (limit + 1, limit) if target.more_than else (limit, limit - 1)
    cases = {
        f"test_pass_{'above' if target.more_than else 'exactly'}_{met}".replace(".", "_"): {
            "description": f"{met}{target.unit}达到“{target.words}”", "patch": [
                draft.set_list("metrics", [_metric(draft, met, target.unit)])], "expect": "pass"},
        f"test_fail_{missed}".replace(".", "_"): {
            "description": f"{missed}{target.unit}未达到“{target.words}”", "patch": [
                draft.set_list("metrics", [_metric(draft, missed, target.unit)])],
            "expect": "fail", "subject": _metric_subject(draft)},
    }
    return rule, cases


def shape_annual_publication(draft: Draft) -> tuple[dict, dict]:
    kind = draft.publication
    name = PUBLICATION_NAMES[kind]
    quote = _quote(draft.clause, next((w for w in ("白皮书", "报告", "案例", "发布") if w in draft.clause.text), None))
    rule = _rule(
        draft, title=f"未发布第{draft.clause.id}项的年度{name}", category="gap", quote=quote,
        reading=f"每年一版：覆盖年末的报告应有本年度发布的{name}的记录（publications中kind为{kind.value}）。",
        when=[{"bind": "rep", "fact": "report"}, _duty(draft),
              {"absent": "publication", "where": [{"field": "kind", "op": "eq", "value": kind.value},
                                                  {"field": "published_year", "op": "eq", "ref": "rep.period_year"}]}],
        subject="rep", location="publications",
        message=f"报告期覆盖{{rep.period_year}}年末，但没有本年度发布的{name}的记录；方案第{draft.clause.id}项要求“{quote}”。",
        remediation=f"补报本年度发布的{name}：标题、所涉年度、发布单位、发布日期和官方网址。")
    day = working_day_on_or_before(dt.date(draft.year, 4, 24))
    publisher = draft.base["department"]["name"]
    record = {"id": f"PUB-{draft.year}-01", "kind": kind.value, "title": f"{draft.year - 1}年{name}",
              "year_covered": draft.year - 1, "publisher": publisher, "published": day.isoformat()}
    cases = {
        "test_pass_published_this_year": {"description": f"{day.isoformat()}发布上一年度的{name}", "patch": [
            draft.set_list("publications", [record])], "expect": "pass"},
        "test_fail_not_published": {"description": f"没有本年度发布的{name}", "patch": [
            draft.set_list("publications", [])], "expect": "fail", "subject": "report"},
    }
    return rule, cases


def _clause_day(draft: Draft) -> dt.date:
    schedule = draft.clause.schedule
    if schedule.cadence is Cadence.once and schedule.by:
        return schedule.by
    if schedule.cadence is Cadence.window and schedule.end:
        return schedule.end
    raise ScaffoldError(f"clause {draft.clause.id} has no date (schedule: once with by, or window): set it in plan.yaml first")


def shape_by_date(draft: Draft) -> tuple[dict, dict]:
    by = _clause_day(draft)
    if not draft.clause.outputs:
        raise ScaffoldError(f"clause {draft.clause.id} names no output (plan.yaml outputs): add the document or body first")
    output = draft.clause.outputs[0]
    quote = _quote(draft.clause, output.keywords[0])
    index = draft.task_index()
    rule = _rule(
        draft, title=f"第{draft.clause.id}项的{output.title}未在{by.isoformat()}前完成", category="deadline", quote=quote,
        reading=f"以标明该成果（{output.title}）的佐证日期判定，{by.isoformat()}当日仍在期限内。",
        when=[{"bind": "rep", "fact": "report"}, _duty(draft, "ends_in_period"),
              {"absent": "output_evidence", "where": [{"field": "output_id", "op": "eq", "value": output.id},
                                                      {"field": "date_day", "op": "le", "value": by}]}],
        subject="clause", location="tasks",
        message=f"没有{by.isoformat()}前完成{output.title}的佐证；方案第{draft.clause.id}项要求“{quote}”。",
        remediation=f"补报{output.title}的佐证（文件、文号或挂牌照片，注明日期）；逾期完成的，说明原因。")
    late = working_day_on_or_after(by + dt.timedelta(days=1))
    path = f"/tasks/{index}/evidence/0/date"
    cases = {
        "test_pass_on_the_day": {"description": f"{by.isoformat()}当日完成", "patch": [
            {"op": "replace", "path": path, "value": by.isoformat()}], "expect": "pass"},
        "test_fail_next_working_day": {"description": f"{late.isoformat()}（期限后的第一个工作日）才完成", "patch": [
            {"op": "replace", "path": path, "value": late.isoformat()}], "expect": "fail",
            "subject": f"clause/{draft.clause.id}"},
    }
    return rule, cases


def shape_phase(draft: Draft) -> tuple[dict, dict]:
    schedule = draft.clause.schedule
    if schedule.cadence is not Cadence.window:
        raise ScaffoldError(f"clause {draft.clause.id} is not a dated phase (schedule: window with start and end)")
    start, end = schedule.start, schedule.end
    quote = _quote(draft.clause)
    index = draft.task_index()
    rule = _rule(
        draft, title=f"第{draft.clause.id}阶段没有期内完成的佐证", category="deadline", quote=quote,
        reading=f"阶段为{start.isoformat()}至{end.isoformat()}：阶段截止日在报告期内的，应有日期在阶段内的佐证。",
        when=[{"bind": "rep", "fact": "report"}, _duty(draft, "ends_in_period"),
              {"absent": "evidence", "where": [{"field": "task_clause", "op": "eq", "value": draft.clause.id},
                                               {"field": "date_day", "op": "ge", "value": start},
                                               {"field": "date_day", "op": "le", "value": end}]}],
        subject="clause", location="tasks",
        message=f"第{draft.clause.id}阶段（{start.isoformat()}至{end.isoformat()}）没有期内完成的佐证；方案要求“{quote}”。",
        remediation="补报阶段内形成的成果材料（注明日期）；逾期完成的，说明原因。")
    late = working_day_on_or_after(end + dt.timedelta(days=1))
    path = f"/tasks/{index}/evidence/0/date"
    cases = {
        "test_pass_on_the_last_day": {"description": f"{end.isoformat()}阶段最后一天完成", "patch": [
            {"op": "replace", "path": path, "value": end.isoformat()}], "expect": "pass"},
        "test_fail_after_the_window": {"description": f"{late.isoformat()}阶段结束后才完成", "patch": [
            {"op": "replace", "path": path, "value": late.isoformat()}], "expect": "fail",
            "subject": f"clause/{draft.clause.id}"},
    }
    return rule, cases


SHAPES: dict[str, Callable[[Draft], tuple[dict, dict]]] = {
    "reported": shape_reported,
    "evidence": shape_evidence,
    "target": shape_target,
    "annual-publication": shape_annual_publication,
    "by-date": shape_by_date,
    "phase": shape_phase,
}


def case_file_data(draft: Draft, cases: dict[str, Any]) -> dict[str, Any]:
    return {"rule": draft.rule_id, "base": draft.base_name, "cases": cases}
