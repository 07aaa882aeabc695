"""Facts of the problems with a report's values (engine.io.problems), each tied to its record.

A problem's subject is its record's subject plus the path to the value (`credit/SX-1/decision_date`,
`report/contact/phone`), so its finding keeps its identity across runs like any other; the
plan clause is that of the task (or metric) the value is in, for rules cited under clause "*".
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator

from .fact_builder import FactBuilder
from .subject_keys import natural_keys
from .io.problems import ValueProblem
from .io.source import parent_pointer


def _owners(pointer: str, by_pointer: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The facts of the records that hold `pointer`, innermost first (the report's fact last)."""
    owners, probe = [], pointer
    while True:
        fact = by_pointer.get(probe)
        if fact is not None:
            owners.append(fact)
        if not probe:
            return owners
        probe = parent_pointer(probe)


def _field(pointer: str) -> str:
    token = pointer.rsplit("/", 1)[-1]
    return token.replace("~1", "/").replace("~0", "~")


def _sentence(text: str, lang: str) -> str:
    """A message or fix as a sentence of its language, whatever punctuation it was built with."""
    if lang == "zh":
        return text if text.endswith(("。", "？", "！")) else text + "。"
    return text if text.endswith((".", "?", "!")) else text + "."


def value_problem_facts(problems: Iterable[ValueProblem], record_facts: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One `value_problem` fact per problem; `record_facts` are the report's facts (engine.facts)."""
    by_pointer = {fact["ptr"]: fact for fact in record_facts}
    placed = []
    for problem in problems:
        owners = _owners(problem.pointer, by_pointer)
        record = owners[0]
        clause = next((fact["clause"] for fact in owners if "clause" in fact), None)
        placed.append((problem, record, clause, record["key"] + problem.pointer[len(record["ptr"]):]))
    keys = natural_keys([key for *_, key in placed])  # two problems of one value stay two findings
    for (problem, record, clause, _), key in zip(placed, keys):
        said = problem.said
        yield (
            FactBuilder("value_problem", key, problem.pointer)
            .set("record", record["key"]).set("clause", clause).set("field", _field(problem.pointer))
            .set("category", problem.category)
            .set("message_zh", _sentence(said.zh, "zh")).set("message_en", _sentence(said.en, "en"))
            .set("fix_zh", _sentence(said.fix_zh, "zh")).set("fix_en", _sentence(said.fix_en, "en"))
            .build()
        )
