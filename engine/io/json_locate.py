"""Offsets and line:col of values by JSON pointer: the fast twin of json_scan.JsonPositions.

Shaped for speed: every finding is located, so this runs for every report. The exact locator
steps through a container's contents token by token in Python to skip a value; here a value is
skipped by one call into the C JSON scanner (`json.scanner.c_make_scanner`, the code behind
`json.loads`), so the Python loop runs once per member of the containers a pointer passes through
and never inside a value, and only up to the member the pointer names. line:col is counted with
`str.count`/`str.rfind` at the offset instead of building a table of every newline first, and
each count starts at the nearest offset already counted (a report's findings are located in no
particular order, and counting every one from the top of a large file again was a sixth of the
time spent locating). The answers are those of JsonPositions for every pointer
(tests/test_fast_read.py holds the two side by side over the benchmark corpus); the switch in
engine.io.exact selects JsonPositions instead.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from json.decoder import scanstring
from typing import Optional, Union

from .exact import exact_read
from .json_scan import JsonPositions

_WS = re.compile(r"[ \t\n\r]*")
# The C scanner of json.loads, with json.loads' own settings (scanner.py falls back to the Python
# one where the C extension is missing). It is only given text that already parsed cleanly.
_scan_value = (json.scanner.c_make_scanner or json.scanner.py_make_scanner)(json.JSONDecoder())


class _Container:
    """What has been read of one object or array: its members up to `pos`, where reading resumes."""

    __slots__ = ("is_object", "members", "pos", "done")

    def __init__(self, is_object: bool, pos: int):
        self.is_object, self.pos, self.done = is_object, pos, False
        self.members: Union[dict[str, int], list[int]] = {} if is_object else []


class FastJsonPositions:
    """Offsets and line:col of values by JSON pointer, for text that already parsed cleanly.

    A container is read only as far as a pointer needs (to the key or index it names; to its end
    only for one that is not there), and later pointers resume where the last one stopped: most
    findings point into the first items of a report's lists, and the lists after them (cases,
    referrals) are then never skipped over at all.
    """

    def __init__(self, text: str):
        self._text = text
        self._containers: dict[int, Optional[_Container]] = {}
        # offsets whose line is known, ascending, and the newlines before each
        self._counted: list[int] = [0]
        self._newlines_before: list[int] = [0]

    def value_offset(self, pointer: str) -> tuple[str, int]:
        """(pointer, offset) of the value at `pointer` or of its nearest existing ancestor."""
        offset = _WS.match(self._text, 0).end()
        found = ""
        for token in pointer.split("/")[1:] if pointer else ():
            container = self._containers.get(offset, False)
            if container is False:
                container = self._containers[offset] = self._open(offset)
            if container is None:
                child = None
            elif container.is_object:
                child = self._member(container, token.replace("~1", "/").replace("~0", "~"))
            else:
                child = self._item(container, int(token)) if token.isdigit() else None
            if child is None:
                break
            offset, found = child, f"{found}/{token}"
        return found, offset

    def line_col(self, offset: int) -> tuple[int, int]:
        text, counted, before = self._text, self._counted, self._newlines_before
        nearest = max(bisect_right(counted, offset) - 1, 0)
        newlines = before[nearest] + text.count("\n", counted[nearest], offset)
        if offset > counted[nearest]:
            counted.insert(nearest + 1, offset)
            before.insert(nearest + 1, newlines)
        return newlines + 1, offset - text.rfind("\n", 0, offset)

    def _open(self, offset: int) -> Optional[_Container]:
        opener = self._text[offset:offset + 1]
        if opener not in ("{", "["):
            return None
        return _Container(opener == "{", _WS.match(self._text, offset + 1).end())

    def _member(self, container: _Container, key: str) -> Optional[int]:
        members = container.members
        while key not in members and not container.done:
            self._advance(container)
        return members.get(key)

    def _item(self, container: _Container, index: int) -> Optional[int]:
        items = container.members
        while len(items) <= index and not container.done:
            self._advance(container)
        return items[index] if index < len(items) else None

    def _advance(self, container: _Container) -> None:
        """Read one more member of `container` (or find that there is none)."""
        text, pos, ws = self._text, container.pos, _WS.match
        if pos >= len(text) or text[pos] == ("}" if container.is_object else "]"):
            container.done = True
            return
        if container.is_object:
            key, end = scanstring(text, pos + 1)
            pos = ws(text, ws(text, end).end() + 1).end()  # past ':'
            container.members.setdefault(key, pos)  # the first of two equal keys, as JsonPositions
        else:
            container.members.append(pos)
        pos = ws(text, _scan_value(text, pos)[1]).end()
        if pos < len(text) and text[pos] == ",":
            pos = ws(text, pos + 1).end()
        container.pos = pos


def json_positions(text: str) -> Union[FastJsonPositions, JsonPositions]:
    """The locator for `text`: this one, or the exact one when the exact path is switched on."""
    return JsonPositions(text) if exact_read() else FastJsonPositions(text)
