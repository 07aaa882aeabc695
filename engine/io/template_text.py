"""Values a report still holds from its template (engine.template): the placeholder 待填写 where
a name or a title should be. Each is an invalid value (REPORT-INVALID-VALUE) on the value, found
in every report however it was read, so a template sent back unfilled cannot pass.

Task narratives and justifications are not judged here: an untouched 【待填报】 narrative is a
rule of its own (TASK-NARRATIVE-UNFILLED) and a justification that says nothing counts as none
(TASK-NA-NO-JUSTIFICATION), both through engine.facts.
"""
from __future__ import annotations

from functools import cache
from typing import Any, Iterator, Optional

import orjson
from pydantic import BaseModel

from .problems import INVALID_VALUE, ProblemLog, Said
from .xml_layout import fields_of
from ..template_markers import PLACEHOLDER, UNFILLED, is_placeholder

# (model name, field) judged by the rules instead, see the module's docstring.
_JUDGED_BY_RULES = {("TaskProgress", "narrative"), ("TaskProgress", "justification")}
# What to write instead, where the field says more than "the value".
_FIXES = {
    ("Contact", "name"): ("填写本报告联系人的姓名", "write the name of the report's contact person"),
    ("Evidence", "title"): ("填写佐证材料的标题（如文件名称、通知标题、网页标题）",
                            "write the evidence's title (the document's, notice's or web page's)"),
}
_FIX = ("填写实际内容；选填字段没有内容时整项删去", "write the actual value, or leave an optional field out")


def _model_name(model: type[BaseModel]) -> str:
    # a lenient twin (engine.model.lenient) is named Lenient<Model>
    return model.__name__.removeprefix("Lenient")


@cache
def _walked(model: type[BaseModel]) -> tuple[tuple[str, bool, bool], ...]:
    """(field, holds models, is a list) for the fields of `model` that hold free text or models:
    coded values (enums, Literal) and dates cannot be a placeholder, and are not visited."""
    owner, walked = _model_name(model), []
    for name, f in fields_of(model).items():
        if f.model is not None:
            walked.append((name, True, f.is_list))
        elif f.scalar is not None and f.scalar.type is str and not f.scalar.choices \
                and (owner, name) not in _JUDGED_BY_RULES:
            walked.append((name, False, f.is_list))
    return tuple(walked)


def _texts(record: BaseModel, pointer: str) -> Iterator[tuple[str, str, str, str]]:
    """(pointer, model name, field, text) of every free text under `record`."""
    model = type(record)
    for name, holds_models, is_list in _walked(model):
        value = getattr(record, name)
        if value is None:
            continue
        here = f"{pointer}/{name}"
        items = enumerate(value) if is_list else ((None, value),)
        for i, item in items:
            at = here if i is None else f"{here}/{i}"
            if holds_models:
                if item is not None:
                    yield from _texts(item, at)
            elif isinstance(item, str):
                yield at, _model_name(model), name, item


# Every text is_placeholder accepts holds one of these (UTF-8, as orjson writes text unescaped).
_MARKERS = (PLACEHOLDER.encode(), UNFILLED.strip("【】").encode())


def may_hold_template_text(data: Any, compact: Optional[bytes] = None) -> bool:
    """Could the report read as `data` hold a placeholder at all? Shaped for speed: walking every
    text of a large report costs more than reading it, and a filled-in report holds no marker,
    which one C-speed serialisation and substring search show (escapes such as \u5f85 are
    undone by parsing, so the search sees the text itself). Anything orjson cannot write is
    walked, to be sure. `compact`: orjson.dumps of `data`, or of `data` with more in it (the
    fast read path's, `$schema` included: a marker there only costs a walk), made already."""
    if compact is not None:
        return any(marker in compact for marker in _MARKERS)
    try:
        blob = orjson.dumps(data)
    except (TypeError, orjson.JSONEncodeError):
        return True
    return any(marker in blob for marker in _MARKERS)


def log_template_text(report: Any, log: ProblemLog) -> None:
    """Log each value of `report` (strict or lenient) that is still the template's placeholder."""
    for pointer, owner, field, text in _texts(report, ""):
        if not is_placeholder(text):
            continue
        fix_zh, fix_en = _FIXES.get((owner, field), _FIX)
        shown = text.strip()
        log.add(pointer, INVALID_VALUE, Said(
            zh=f"“{shown}”是模板留下的占位文字，不是实际内容", en=f"“{shown}” is the template's placeholder, not a value",
            fix_zh=fix_zh, fix_en=fix_en))
