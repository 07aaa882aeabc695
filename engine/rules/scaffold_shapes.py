"""`plancheck rules new`: the common rule shapes, each for one plan clause, with its case
file — written so that it loads, lints clean and its cases pass at once (the fail case fails and
the pass case passes against the clause), for the author to read, correct and extend.

Shapes (SHAPES): `reported` (the figure a clause counts is reported for the year), `evidence`
(an item reported completed has evidence dated in the year), `target` (a figure meets the
clause's number: 不少于/达到 N is at least N, 超过 N more than N), `annual-publication` (the
yearly publication the clause names, by the body it names), `by-date` (the document or body a
clause names is shown delivered by its date), `phase` (a dated phase's deliverable within its
window). The parts they share are engine/rules/scaffold.py.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from .plan_model import Cadence
from .scaffold import (PUBLICATION_NAMES, YEAR_END, Draft, ScaffoldError, clause_quote, duty_pattern,
                                   find_target, metric_data, metric_key, metric_subject, rule_data)
from .scaffold_base import working_day_on_or_after, working_day_on_or_before


def shape_reported(draft: Draft) -> tuple[dict, dict]:
    target = find_target(draft.clause.text)
    quote = clause_quote(draft.clause, target.words if target else None)
    key = metric_key(draft)
    rule = rule_data(
        draft, title=f"第{draft.clause.id}项的全年数字未报告", category="missing_evidence", quote=quote,
        reading=f"覆盖年末的报告应在metrics中报告该项全年数字（key为{key}）。",
        when=[YEAR_END, duty_pattern(draft), {"absent": "metric", "where": [
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
            draft.set_list("metrics", [metric_data(draft, value, unit)])], "expect": "pass"},
        "test_fail_figure_missing": {"description": "覆盖年末的报告没有该项全年数字", "patch": [
            draft.set_list("metrics", [])], "expect": "fail", "subject": f"clause/{draft.clause.id}"},
    }
    return rule, cases


def shape_evidence(draft: Draft) -> tuple[dict, dict]:
    quote = clause_quote(draft.clause)
    index = draft.task_index()
    rule = rule_data(
        draft, title=f"第{draft.clause.id}项报告已完成但没有本年度的佐证", category="missing_evidence", quote=quote,
        reading="报告为已完成的，应有日期在本年度内的佐证材料。",
        when=[YEAR_END, {"bind": "task", "fact": "task", "where": [
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
    quote = clause_quote(draft.clause, target.words)
    key, limit = metric_key(draft), target.limit_value()
    reading = (f"“{target.words}”即多于{limit}，恰好{limit}未达到。" if target.more_than
               else f"“{target.words}”即至少{limit}，恰好{limit}即达到。")
    rule = rule_data(
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
                draft.set_list("metrics", [metric_data(draft, met, target.unit)])], "expect": "pass"},
        f"test_fail_{missed}".replace(".", "_"): {
            "description": f"{missed}{target.unit}未达到“{target.words}”", "patch": [
                draft.set_list("metrics", [metric_data(draft, missed, target.unit)])],
            "expect": "fail", "subject": metric_subject(draft)},
    }
    return rule, cases


def shape_annual_publication(draft: Draft) -> tuple[dict, dict]:
    kind = draft.publication
    name = PUBLICATION_NAMES[kind]
    quote = clause_quote(draft.clause, next((w for w in ("白皮书", "报告", "案例", "发布") if w in draft.clause.text), None))
    rule = rule_data(
        draft, title=f"未发布第{draft.clause.id}项的年度{name}", category="gap", quote=quote,
        reading=f"每年一版：覆盖年末的报告应有本年度发布的{name}的记录（publications中kind为{kind.value}）。",
        when=[{"bind": "rep", "fact": "report"}, duty_pattern(draft),
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
    quote = clause_quote(draft.clause, output.keywords[0])
    index = draft.task_index()
    rule = rule_data(
        draft, title=f"第{draft.clause.id}项的{output.title}未在{by.isoformat()}前完成", category="deadline", quote=quote,
        reading=f"以标明该成果（{output.title}）的佐证日期判定，{by.isoformat()}当日仍在期限内。",
        when=[{"bind": "rep", "fact": "report"}, duty_pattern(draft, "ends_in_period"),
              {"absent": "output_evidence", "where": [{"field": "output_id", "op": "eq", "value": output.id},
                                                      {"field": "date_day", "op": "le", "value": by}]}],
        subject="clause", location="tasks",
        message=f"没有{by.isoformat()}前完成{output.title}的佐证；方案第{draft.clause.id}项要求“{quote}”。",
        remediation=f"补报{output.title}的佐证（文件、文号或挂牌照片，注明日期）；逾期完成的，说明原因。")
    late = working_day_on_or_after(by + dt.timedelta(days=1))
    return rule, _evidence_date_cases(draft, index, ("test_pass_on_the_day", by, f"{by.isoformat()}当日完成"),
                                      ("test_fail_next_working_day", late,
                                       f"{late.isoformat()}（期限后的第一个工作日）才完成"))


def shape_phase(draft: Draft) -> tuple[dict, dict]:
    schedule = draft.clause.schedule
    if schedule.cadence is not Cadence.window:
        raise ScaffoldError(f"clause {draft.clause.id} is not a dated phase (schedule: window with start and end)")
    start, end = schedule.start, schedule.end
    quote = clause_quote(draft.clause)
    index = draft.task_index()
    rule = rule_data(
        draft, title=f"第{draft.clause.id}阶段没有期内完成的佐证", category="deadline", quote=quote,
        reading=f"阶段为{start.isoformat()}至{end.isoformat()}：阶段截止日在报告期内的，应有日期在阶段内的佐证。",
        when=[{"bind": "rep", "fact": "report"}, duty_pattern(draft, "ends_in_period"),
              {"absent": "evidence", "where": [{"field": "task_clause", "op": "eq", "value": draft.clause.id},
                                               {"field": "date_day", "op": "ge", "value": start},
                                               {"field": "date_day", "op": "le", "value": end}]}],
        subject="clause", location="tasks",
        message=f"第{draft.clause.id}阶段（{start.isoformat()}至{end.isoformat()}）没有期内完成的佐证；方案要求“{quote}”。",
        remediation="补报阶段内形成的成果材料（注明日期）；逾期完成的，说明原因。")
    late = working_day_on_or_after(end + dt.timedelta(days=1))
    return rule, _evidence_date_cases(draft, index, ("test_pass_on_the_last_day", end, f"{end.isoformat()}阶段最后一天完成"),
                                      ("test_fail_after_the_window", late, f"{late.isoformat()}阶段结束后才完成"))


def _evidence_date_cases(draft: Draft, index: int, passing: tuple[str, dt.date, str],
                         failing: tuple[str, dt.date, str]) -> dict:
    """The boundary pair of a dated rule: the task's first evidence dated on the last day allowed
    (passes) and on the next working day after it (fails, on the clause)."""
    path = f"/tasks/{index}/evidence/0/date"
    cases = {}
    for (name, day, description), expect in ((passing, "pass"), (failing, "fail")):
        case = {"description": description, "patch": [{"op": "replace", "path": path, "value": day.isoformat()}],
                "expect": expect}
        if expect == "fail":
            case["subject"] = f"clause/{draft.clause.id}"
        cases[name] = case
    return cases


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
