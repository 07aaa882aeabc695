"""Facts that come from the rule packs rather than the report: the clauses this department
answers for (required_clause: basis named, declared or own) or is suggested to report
(suggested_clause), each with whether it is due in this report (engine.plans.duty); and the
outputs the plan's clauses name (plan_output, output_evidence). The dated criminal-threshold table
is engine.threshold_facts."""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, Iterator, Optional

from .fact_builder import FactBuilder
from .subject_keys import item_keys
from .model.report import Report
from .plans.duty import ClauseDuty
from .plans.identity import ResolvedDepartment
from .rules.plan_model import Output, Plan


def clause_duty_facts(duties: Iterable[ClauseDuty], reported: Iterable[Optional[str]] = (),
                      self_check: bool = False) -> Iterator[dict[str, Any]]:
    """A required_clause fact for every clause the department answers for; a suggested_clause
    fact only where a rule can use it: in a self-check (TASK-SUGGESTED lists the unreported ones),
    or for a clause the report has a task for. In an ordinary check an unreported suggestion is
    no finding (issue 11 §1), and a plan of 80 items would otherwise give most reports some 70
    facts no rule can match. `reported`: the clause of each task, in order; a finding about a
    clause the report has a task for points at that task, else at the task list."""
    tasks: dict[str, int] = {}
    for i, clause_id in enumerate(reported):
        if clause_id is not None:
            tasks.setdefault(clause_id, i)
    for duty in duties:
        if not duty.held and not self_check and duty.clause.id not in tasks:
            continue
        clause, schedule = duty.clause, duty.clause.schedule
        where = f"/tasks/{tasks[clause.id]}" if clause.id in tasks else "/tasks"
        yield (
            FactBuilder("required_clause" if duty.held else "suggested_clause", f"clause/{clause.id}", where)
            .set("clause", clause.id).set("title", clause.title).set("text", clause.text)
            .set("basis", duty.basis.value).set("basis_text", duty.why_zh)
            .set("basis_text_en", duty.why_en)
            .set("cadence", schedule.cadence.value).set("due", duty.due)
            .set("ends_in_period", duty.ends_in_period)
            .set("window_start", schedule.start).set("window_end", schedule.end).set("by", schedule.by)
            .build()
        )


def produces(output: Output, department: ResolvedDepartment) -> bool:
    """Is this department one of those the output is asked of (its units, kinds and levels, if
    given)?"""
    if output.units and (department.unit is None or department.unit.id not in output.units):
        return False
    if output.levels and department.level not in output.levels:
        return False
    return not output.kinds or department.has_kind(output.kinds)


def _strength(duty: ClauseDuty, output: Output) -> str:
    """firm: a duty in firm words (a miss is an error); aim: a duty in an aim's words (探索、积极争取:
    a warning); suggested: a clause the pack only suggests (a note: a suggestion is never a finding
    by itself, and reports that do the work rarely name every output it lists)."""
    if not duty.held:
        return "suggested"
    return "firm" if output.firm else "aim"


def output_facts(plan: Plan, department: ResolvedDepartment, duties: Iterable[ClauseDuty],
                 report: Report) -> Iterator[dict[str, Any]]:
    """Every output the plan names; with a strength where this department answers for the clause
    (or is suggested to report it) and produces that output."""
    by_clause = {duty.clause.id: duty for duty in duties}
    tasks = {task.clause: i for i, task in enumerate(report.tasks)}
    for clause in plan.clauses:
        duty = by_clause.get(clause.id)
        for output in clause.outputs:
            builder = (
                FactBuilder("plan_output", f"output/{output.id}",
                            f"/tasks/{tasks[clause.id]}" if clause.id in tasks else "/tasks")
                .set("output_id", output.id).set("clause", clause.id).set("title", output.title)
                .set("kind", output.kind.value).set("yearly", output.yearly)
                .set("year_from", _year_from(output, plan, report))
            )
            if duty is not None and produces(output, department):
                year_end = (report.period.end.month, report.period.end.day) == (12, 31)
                # a yearly output is shown in the report covering the year end, like an annual clause
                builder.set("strength", _strength(duty, output)).set("due", duty.due and (year_end or not output.yearly))
            yield builder.build()


NEAR_DAYS = 7  # an event "on" a dated occasion is often held in the days around it


def _near(day: Optional[dt.date], occasions: list[str]) -> bool:
    if day is None:
        return False
    for occasion in occasions:
        month, dom = (int(part) for part in occasion.split("-"))
        if abs((day - dt.date(day.year, month, dom)).days) <= NEAR_DAYS:
            return True
    return False


def _year_from(output: Output, plan: Plan, report: Report) -> int:
    return report.period.end.year if output.yearly else plan.period.start.year


def output_evidence_facts(plan: Plan, report: Report) -> Iterator[dict[str, Any]]:
    """The evidence items that show a plan output: tagged with its id anywhere, or, in the task of
    the output's clause, titled with one of its keywords, dated within a week of one of its dated
    occasions, or any of that task's evidence when the task's narrative names the output."""
    by_clause = {clause.id: clause.outputs for clause in plan.clauses if clause.outputs}
    every = {o.id: o for outputs in by_clause.values() for o in outputs}
    keys = item_keys([task.clause for task in report.tasks])  # as engine.facts keys the tasks
    for i, task in enumerate(report.tasks):
        outputs = by_clause.get(task.clause, [])
        # a narrative that names the output is backed by the task's evidence as a whole: the
        # 管理办法 that set up a 名录库 need not repeat the 名录库's name in its title
        told = [o.id for o in outputs if task.narrative and any(word in task.narrative for word in o.keywords)]
        for j, item in enumerate(task.evidence):
            shown = [o.id for o in outputs
                     if o.id in told or (item.title and any(word in item.title for word in o.keywords))
                     or _near(item.date, o.dates)]
            if item.output is not None and item.output not in shown:
                shown.append(item.output)
            for output_id in shown:
                output = every.get(output_id)
                in_years = None if item.date is None or output is None else item.date.year >= _year_from(output, plan, report)
                yield (
                    FactBuilder("output_evidence", f"task/{keys[i]}/evidence/{j}/{output_id}",
                                f"/tasks/{i}/evidence/{j}")
                    .set("output_id", output_id).set("task_clause", task.clause).set("title", item.title)
                    .set("doc_number", item.doc_number).set("url", item.url).set("date", item.date)
                    .set("date_year", item.date and item.date.year).set("tagged", item.output == output_id)
                    .set("in_years", in_years).set("yearly", output and output.yearly)
                    .build()
                )
