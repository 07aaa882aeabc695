"""Read a JSON report into plain data plus a source map (pointer -> line:col)."""
from __future__ import annotations

import json
from typing import Any

from json_source_map import calculate

from engine.io.source import InputError, Location, parent_pointer


class JsonSourceMap:
    def __init__(self, text: str):
        self._text = text
        self._entries: dict | None = None

    def _map(self) -> dict:
        if self._entries is None:  # computed only when a location is asked for
            self._entries = calculate(self._text)
        return self._entries

    def locate(self, pointer: str) -> Location:
        entries = self._map()
        probe = pointer
        while True:
            entry = entries.get(probe)
            if entry is not None:
                start = entry.value_start
                return Location(pointer=probe, line=start.line + 1, column=start.column + 1)
            if not probe:
                return Location(pointer="")
            probe = parent_pointer(probe)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}: a report must not be ambiguous")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a valid JSON number")


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def parse_json(text: str, path: str) -> tuple[Any, JsonSourceMap]:
    """Parse JSON text; every problem becomes one InputError with line:col."""
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"invalid JSON: {exc.msg}", Location("", exc.lineno, exc.colno)) from None
    except ValueError as exc:
        # raised from a hook: find the position by re-scanning is costly; report the document
        raise InputError(path, f"invalid JSON: {exc}", Location("", 1, 1)) from None
    except RecursionError:
        raise InputError(path, "invalid JSON: nested too deeply", Location("", 1, 1)) from None
    return data, JsonSourceMap(text)
