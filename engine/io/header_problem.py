"""What is wrong with a report's header (format version, plan, department, period), said as any
other invalid value is (engine.io.value_messages: what to write instead, a date in another form
rewritten), in Chinese and English: an invalid header refuses the whole file, so its one line
must tell the clerk how to mend it.

A required header field that is missing beside an unknown one close to its name (`peroid` for
`period`) is said as the misspelling it is, at the misspelt name.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from pydantic import BaseModel

from ..close_matches import close_matches
from . import value_messages as say
from .problems import Said
from .source import pointer_from_loc
from .xml_layout import FieldLayout, fields_of
from ..model.report import Report
from ..model.values import InvalidValue


@dataclass(frozen=True)
class HeaderProblem:
    pointer: str
    said: Said

    @property
    def en(self) -> str:
        return f"{self.said.en}; {self.said.fix_en}"

    @property
    def zh(self) -> str:
        return f"{self.said.zh}。{self.said.fix_zh}"


def _walk(data: Any, loc: tuple) -> tuple[type[BaseModel], Optional[FieldLayout], Any, Any]:
    """(model holding the last field, that field's layout, the object holding it, its value)."""
    model: type[BaseModel] = Report
    layout: Optional[FieldLayout] = None
    holder: Any = None
    value: Any = data
    for part in loc:
        if isinstance(part, int):  # an item of a list field: the field's layout still says what it holds
            value = value[part] if isinstance(value, list) and part < len(value) else None
            continue
        if layout is not None and layout.model is not None:
            model = layout.model
        layout = fields_of(model).get(str(part))
        holder = value
        value = value.get(part) if isinstance(value, dict) else None
    return model, layout, holder, value


def _misspelt(missing: str, model: type[BaseModel], holder: Any, pointer: str) -> Optional[HeaderProblem]:
    """The unknown key of `holder` that is a misspelling of the missing field, if there is one."""
    if not isinstance(holder, dict):
        return None
    valid = fields_of(model)
    others = [key for key in holder if isinstance(key, str) and key not in valid]
    near = close_matches(missing, others, limit=1)
    if not near:
        return None
    written = near[0]
    parent = pointer.rsplit("/", 1)[0]
    escaped = written.replace("~", "~0").replace("/", "~1")
    return HeaderProblem(f"{parent}/{escaped}", Said(
        f"未知字段 {say.shown(written)}，缺少必填字段 {missing}", f"unknown field {say.shown(written)!r} "
        f"and required field {missing!r} is missing", f"字段名应为 {missing}", f"the name is {missing!r}"))


def _unknown(written: str, allowed: dict[str, FieldLayout]) -> Said:
    """An unknown field in a header object: the file is refused, so no "its content was not
    checked" (engine.io.value_messages.unknown), but the name meant, when one is close."""
    near = close_matches(written, list(allowed), limit=1)
    names_zh, names_en = "、".join(allowed), ", ".join(allowed)
    if near:
        return Said(f"未知字段 {say.shown(written)}（是否应为 {near[0]}？）", f"unknown field {say.shown(written)!r} "
                    f"(did you mean {near[0]!r}?)", f"改为 {near[0]}", f"rename it {near[0]!r}")
    return Said(f"未知字段 {say.shown(written)}", f"unknown field {say.shown(written)!r}",
                f"删去该字段，或改用此处允许的字段名：{names_zh}", f"remove it, or use one of the names allowed here: {names_en}")


def header_problem(error: dict[str, Any], data: dict) -> HeaderProblem:
    """The problem of the header's first validation error (`error` from
    ValidationError.errors(include_url=False, include_input=False), its ctx kept); `data` is the
    report as read, unknown keys included."""
    loc = tuple(error["loc"])
    pointer = pointer_from_loc(loc)
    model, layout, holder, value = _walk(data, loc)
    name = layout.name if layout is not None else str(loc[-1]) if loc else ""
    kind, cause = error["type"], (error.get("ctx") or {}).get("error")
    if kind == "missing" and layout is not None:
        return _misspelt(name, model, holder, pointer) or HeaderProblem(pointer, say.missing(name, layout))
    if kind == "extra_forbidden":
        return HeaderProblem(pointer, _unknown(name, fields_of(model)))
    if isinstance(cause, InvalidValue):  # a check across fields (a period that ends before it starts)
        return HeaderProblem(pointer, say.inconsistent(cause))
    if layout is not None and layout.scalar is not None:
        return HeaderProblem(pointer, say.invalid(name, layout.scalar, error, value))
    if layout is not None and layout.kind == "model":
        what_zh, what_en = "对象（含下级字段）", "an object of fields"
    elif layout is not None:
        what_zh, what_en = "列表", "a list"
    else:
        what_zh, what_en = "单个值", "a single value"
    return HeaderProblem(pointer, Said(f"{name}应为{what_zh}", f"{name} must be {what_en}",
                                       f"按格式填写 {name}", f"write {name} as the format has it"))
