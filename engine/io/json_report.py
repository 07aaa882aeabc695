"""Read a JSON report into plain data plus a source map (pointer -> line:col).

Strict on purpose: duplicate keys, NaN/Infinity, numbers beyond float range, lone surrogates and
nesting deeper than any report are input errors, each located at its line:col and pointer.
Size and depth are bounded before `json.loads` runs, so a hostile file is rejected in time and
memory proportional to its size and never reaches Python's recursion limit.

This is the exact path, and the reference: engine.io.json_fast reads a report nothing is wrong
with in a fraction of the time and sends everything else here.
"""
from __future__ import annotations

import json
import re
from typing import Any, Optional

from .json_scan import (
    JsonPositions, JsonProblem, find_problem, maybe_too_deep, number_problem, too_many_values,
)
from .json_locate import json_positions
from .json_syntax import syntax_problem
from .limits import MAX_MEMBERS
from .source import InputError, Location

# What can put a character XML cannot carry into a parsed string: a \u escape of a C0 control
# (raw ones are invalid JSON), of a surrogate (pairs decode to one character), or U+FFFE/U+FFFF.
_NOT_XML_HINT = re.compile("\\\\u(?:00(?:0[0-8bBcCeEfF]|1[0-9a-fA-F])|[dD][89a-fA-F]|[fF]{3}[eEfF])|[\ufffe\uffff]")


class JsonSourceMap:
    def __init__(self, text: str, positions: Optional[JsonPositions] = None):
        self._positions = positions or json_positions(text)

    def locate(self, pointer: str) -> Location:
        found, offset = self._positions.value_offset(pointer)
        line, column = self._positions.line_col(offset)
        return Location(pointer=found, line=line, column=column)


class _Rejected(ValueError):
    """Raised from a json.loads hook; the position is found afterwards by find_problem."""


def _members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    if len(pairs) > MAX_MEMBERS:
        raise _Rejected(f"object has more than {MAX_MEMBERS} members")
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Rejected(f"duplicate key {key!r}: a report must not be ambiguous")
            seen.add(key)
    return out


def _no_constant(name: str) -> Any:
    raise _Rejected(f"{name} is not a valid JSON number")


def _number(token: str, convert: Any) -> Any:
    problem = number_problem(token)
    if problem:
        raise _Rejected(problem)
    return convert(token)


def _error(path: str, problem: JsonProblem, positions: JsonPositions) -> InputError:
    line, column = positions.line_col(problem.offset)
    zh = f"JSON 格式错误：{problem.zh}" if problem.zh else None
    return InputError(path, f"invalid JSON: {problem.message}", Location(problem.pointer, line, column), zh)


def parse_json(text: str, path: str) -> tuple[Any, JsonSourceMap]:
    """Parse JSON text; every problem becomes one InputError with line:col."""
    positions = json_positions(text)
    bound = too_many_values(text)
    if bound is not None:
        raise _error(path, bound, positions)
    if maybe_too_deep(text):  # before json.loads, which would recurse that deep
        problem = find_problem(text)
        if problem is not None and not problem.syntax:
            raise _error(path, problem, positions)
        # else the brackets merely fail to balance: json.loads says where, below
    try:
        data = json.loads(text, object_pairs_hook=_members, parse_constant=_no_constant,
                          parse_float=lambda s: _number(s, float), parse_int=lambda s: _number(s, int))
    except json.JSONDecodeError as exc:
        said = syntax_problem(text, exc.msg, exc.pos)
        line, column = positions.line_col(said.offset)
        raise InputError(path, said.en, Location("", line, column), said.zh) from None
    except (ValueError, RecursionError) as exc:
        problem = find_problem(text)
        if problem is None:  # not expected: the scan rejects all the hooks reject
            reason = str(exc) if isinstance(exc, ValueError) else "nested too deeply"
            raise InputError(path, f"invalid JSON: {reason}", Location("", 1, 1)) from None
        raise _error(path, problem, positions) from None
    if _NOT_XML_HINT.search(text):
        problem = find_problem(text)
        if problem is not None:
            raise _error(path, problem, positions)
    return data, JsonSourceMap(text, positions)
