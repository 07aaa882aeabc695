"""The words a blank report leaves for a department to replace, defined once: the template writer
(engine.template) writes them and the check finds them left in a submitted report (engine.facts
for task narratives and justifications, engine.io.template_text for other values)."""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

# Opens every task narrative the template writes: a narrative that still holds it was not written.
UNFILLED = "【待填报】"
# Stands where a value is to be written (the contact's name, an evidence title copied from a hint).
PLACEHOLDER = "待填写"

# What a clerk writes in a justification when there is nothing to say. Such a justification is no
# justification: TASK-NA-NO-JUSTIFICATION treats it as left out.
_SAYS_NOTHING = frozenset({
    "无", "没有", "暂无", "不适用", "不涉及", "无理由", "略", "同上", PLACEHOLDER, "待填报",
    "na", "n/a", "none", "nil", "null", "tbd",
})
# Punctuation and dashes (after NFKC, which makes full-width ones ASCII) that alone say nothing
# either ("/", "-", "——", "…"), and that around a word add nothing to it ("（无）", "无。").
_MARKS = r"\s/\\\-—–_.。,、;:!?…·*()\[\]【】「」“”\"'"
_ONLY_MARKS = re.compile(f"^[{_MARKS}]*$")
_EDGE_MARKS = re.compile(f"^[{_MARKS}]+|[{_MARKS}]+$")


def says_nothing(text: Optional[str]) -> bool:
    """Is `text` empty of meaning: blank, only dashes or slashes, or a word such as 无 or 不适用?"""
    if text is None:
        return True
    plain = unicodedata.normalize("NFKC", text)
    if _ONLY_MARKS.match(plain):
        return True
    return _EDGE_MARKS.sub("", plain).lower() in _SAYS_NOTHING


def is_placeholder(text: Optional[str]) -> bool:
    """Is `text` the template's placeholder (or its task marker) and nothing else?"""
    if text is None:
        return False
    bare = text.strip()
    return bare in (PLACEHOLDER, UNFILLED, UNFILLED.strip("【】"))


def unfilled_narrative(text: Optional[str]) -> bool:
    """Does a task's narrative still hold the template's instructions?"""
    return text is not None and UNFILLED in text
