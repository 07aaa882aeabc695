"""Where things are in an input file, and the one error type for unusable input."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Optional, Protocol

# Control characters (a newline in a file name would split the one-line error) and lone
# surrogates (undecodable bytes of a file name) are shown escaped.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` on one line, with control characters and lone surrogates as escapes."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)


def clipped(text: str, size: int) -> str:
    """At most `size` characters, the middle left out: a 10 MB key must not make a 10 MB message."""
    return text if len(text) <= size else f"{text[: size // 2]}…{text[-(size // 2):]}"


@dataclass(frozen=True)
class Location:
    pointer: str  # JSON pointer into the report model (same for JSON and XML inputs)
    line: Optional[int] = None  # 1-based
    column: Optional[int] = None  # 1-based
    xpath: Optional[str] = None  # XML inputs only
    cell: Optional[str] = None  # Excel inputs only: `案件!B7`

    def position(self) -> str:
        if self.line is None:
            return ""
        return f"{self.line}:{self.column}" if self.column is not None else str(self.line)

    def describe(self) -> str:
        """`12:5 /cases/0`, `12 /r:report/r:cases/r:case[1]` or `案件!B7`."""
        where = self.cell or self.xpath or self.pointer or "/"
        pos = self.position()
        return f"{pos} {where}" if pos else where


class SourceMap(Protocol):
    def locate(self, pointer: str) -> Location:
        """Location of the value at `pointer`, or of its nearest existing ancestor."""


class InputError(Exception):
    """Input that cannot be checked. str() is one line: `file:line:col: where: what`, in English;
    `line("zh")` says it in Chinese where the error has a Chinese message (`zh`), the language
    of clerks (the others are still English)."""

    def __init__(self, path: str, message: str, location: Optional[Location] = None, zh: Optional[str] = None):
        self.path, self.message, self.location = path, clipped(message, 600), location
        self.zh = clipped(zh, 600) if zh is not None else None
        super().__init__(self.line())

    def text(self, lang: str = "en") -> str:
        """The message (without file and position) in `lang`, English where there is no Chinese."""
        return self.zh if lang == "zh" and self.zh is not None else self.message

    def line(self, lang: str = "en") -> str:
        loc, message = self.location, self.text(lang)
        if loc is None:
            return printable(f"{self.path}: {message}")
        pos = loc.position()
        where = clipped(loc.cell or loc.xpath or loc.pointer or "/", 300)
        head = f"{self.path}:{pos}" if pos else self.path
        return printable(f"{head}: {where}: {message}")


def pointer_from_loc(loc: tuple) -> str:
    """pydantic error location -> JSON pointer (RFC 6901 escaping)."""
    parts = [str(p).replace("~", "~0").replace("/", "~1") for p in loc]
    return "/" + "/".join(parts) if parts else ""


def parent_pointer(pointer: str) -> str:
    return pointer.rsplit("/", 1)[0] if pointer else ""


def nearest_recorded(index: dict[str, Any], pointer: str) -> tuple[str, Any]:
    """(pointer, what `index` holds for it) of `pointer` or its nearest ancestor a reader recorded
    (a value left out of a record is located at the record); ("", None) when none is."""
    probe = pointer
    while True:
        hit = index.get(probe)
        if hit is not None or not probe:
            return probe, hit
        probe = parent_pointer(probe)
