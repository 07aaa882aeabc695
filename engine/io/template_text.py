"""Values a report still holds from its template (engine.template): the placeholder 待填写 where
a name or a title should be. Each is an invalid value (REPORT-INVALID-VALUE) on the value, found
in every report however it was read, so a template sent back unfilled cannot pass.

Task narratives and justifications are not judged here: an untouched 【待填报】 narrative is a
rule of its own (TASK-NARRATIVE-UNFILLED) and a justification that says nothing counts as none
(TASK-NA-NO-JUSTIFICATION), both through engine.facts.
"""
from __future__ import annotations

from enum import Enum
from typing import Any, Iterator

from pydantic import BaseModel

from engine.io.problems import INVALID_VALUE, ProblemLog, Said
from engine.template_markers import is_placeholder

# (model name, field) judged by the rules instead, see the module's docstring.
_JUDGED_BY_RULES = {("TaskProgress", "narrative"), ("TaskProgress", "justification")}
# What to write instead, where the field says more than "the value".
_FIXES = {
    ("Contact", "name"): ("填写本报告联系人的姓名", "write the name of the report's contact person"),
    ("Evidence", "title"): ("填写佐证材料的标题（如文件名称、通知标题、网页标题）",
                            "write the evidence's title (the document's, notice's or web page's)"),
}
_FIX = ("填写实际内容；选填字段没有内容时整项删去", "write the actual value, or leave an optional field out")


def _model_name(model: BaseModel) -> str:
    # a lenient twin (engine.model.lenient) is named Lenient<Model>
    return type(model).__name__.removeprefix("Lenient")


def _strings(value: Any, pointer: str, owner: str, field: str) -> Iterator[tuple[str, str, str, str]]:
    """(pointer, model name, field, text) of every text value under `value`."""
    if isinstance(value, BaseModel):
        name = _model_name(value)
        for key in type(value).model_fields:
            yield from _strings(getattr(value, key), f"{pointer}/{key}", name, key)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _strings(item, f"{pointer}/{i}", owner, field)
    elif isinstance(value, str) and not isinstance(value, Enum):
        yield pointer, owner, field, value


def log_template_text(report: Any, log: ProblemLog) -> None:
    """Log each value of `report` (strict or lenient) that is still the template's placeholder."""
    for pointer, owner, field, text in _strings(report, "", "Report", ""):
        if (owner, field) in _JUDGED_BY_RULES or not is_placeholder(text):
            continue
        fix_zh, fix_en = _FIXES.get((owner, field), _FIX)
        shown = text.strip()
        log.add(pointer, INVALID_VALUE, Said(
            zh=f"“{shown}”是模板留下的占位文字，不是实际内容", en=f"“{shown}” is the template's placeholder, not a value",
            fix_zh=fix_zh, fix_en=fix_en))
