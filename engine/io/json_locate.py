"""Offsets and line:col of values by JSON pointer: the fast twin of json_scan.JsonPositions.

Shaped for speed: every finding is located, so this runs for every report. The exact locator
steps through a container's contents token by token in Python to skip a value; here a value is
skipped by one call into the C JSON scanner (`json.scanner.c_make_scanner`, the code behind
`json.loads`), so the Python loop runs once per member of the containers a pointer passes through
and never inside a value. line:col is counted with `str.count`/`str.rfind` at the offset instead
of building a table of every newline first. The answers are those of JsonPositions for every
pointer (tests/test_fast_read.py holds the two side by side over the benchmark corpus); the
environment switch in engine.io.json_fast selects JsonPositions instead.
"""
from __future__ import annotations

import json
import re
from json.decoder import scanstring
from typing import Union

from engine.io.exact import exact_read
from engine.io.json_scan import JsonPositions

_WS = re.compile(r"[ \t\n\r]*")
# The C scanner of json.loads, with json.loads' own settings (scanner.py falls back to the Python
# one where the C extension is missing). It is only given text that already parsed cleanly.
_scan_value = (json.scanner.c_make_scanner or json.scanner.py_make_scanner)(json.JSONDecoder())

Children = Union[dict[str, int], list[int], None]


class FastJsonPositions:
    """Offsets and line:col of values by JSON pointer, for text that already parsed cleanly."""

    def __init__(self, text: str):
        self._text = text
        self._children: dict[int, Children] = {}

    def value_offset(self, pointer: str) -> tuple[str, int]:
        """(pointer, offset) of the value at `pointer` or of its nearest existing ancestor."""
        offset = _WS.match(self._text, 0).end()
        found = ""
        for token in pointer.split("/")[1:] if pointer else ():
            children = self._children.get(offset, False)
            if children is False:
                children = self._children[offset] = self._scan_container(offset)
            if isinstance(children, dict):
                child = children.get(token.replace("~1", "/").replace("~0", "~"))
            elif isinstance(children, list) and token.isdigit() and int(token) < len(children):
                child = children[int(token)]
            else:
                child = None
            if child is None:
                break
            offset, found = child, f"{found}/{token}"
        return found, offset

    def line_col(self, offset: int) -> tuple[int, int]:
        text = self._text
        return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)

    def _scan_container(self, offset: int) -> Children:
        text = self._text
        opener = text[offset:offset + 1]
        if opener not in ("{", "["):
            return None
        size = len(text)
        ws = _WS.match
        if opener == "{":
            members: dict[str, int] = {}
            pos = ws(text, offset + 1).end()
            while pos < size and text[pos] != "}":
                key, end = scanstring(text, pos + 1)
                pos = ws(text, ws(text, end).end() + 1).end()  # past ':'
                members.setdefault(key, pos)
                pos = ws(text, _scan_value(text, pos)[1]).end()
                if pos < size and text[pos] == ",":
                    pos = ws(text, pos + 1).end()
            return members
        items: list[int] = []
        pos = ws(text, offset + 1).end()
        while pos < size and text[pos] != "]":
            items.append(pos)
            pos = ws(text, _scan_value(text, pos)[1]).end()
            if pos < size and text[pos] == ",":
                pos = ws(text, pos + 1).end()
        return items


def json_positions(text: str) -> Union[FastJsonPositions, JsonPositions]:
    """The locator for `text`: this one, or the exact one when the exact path is switched on."""
    return JsonPositions(text) if exact_read() else FastJsonPositions(text)
