"""A line and a column for every finding, for the formats editors and CI jump to (concise, github).

JSON findings carry both. lxml gives an XML element's line only; the column is then that of the
element's start tag on that line (or of the attribute the XPath ends in), found in the file's
text, and the line's first non-blank character when the tag cannot be found there.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..io.source import Location


@lru_cache(maxsize=64)
def _lines(content: bytes) -> tuple[str, ...]:
    return tuple(content.decode("utf-8", errors="replace").splitlines())


def _last_step(xpath: str) -> str:
    step = re.sub(r"\[[^\]]*\]", "", xpath).rstrip("/").rsplit("/", 1)[-1]
    return step.split(":", 1)[-1] if not step.startswith("@") else step


def line_col(location: Location, content: bytes) -> tuple[int, int]:
    line = location.line or 1
    if location.column is not None:
        return line, location.column
    lines = _lines(content)
    if not 1 <= line <= len(lines):
        return line, 1
    text = lines[line - 1]
    if location.xpath:
        step = _last_step(location.xpath)
        pattern = (rf"\b{re.escape(step[1:])}\s*=" if step.startswith("@")
                   else rf"<(?:[\w.-]+:)?{re.escape(step)}(?=[\s/>])")
        found = re.search(pattern, text)
        if found:
            return line, found.start() + 1
    stripped = len(text) - len(text.lstrip())
    return line, stripped + 1
