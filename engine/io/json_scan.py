"""Positions in JSON text: where a value is (source map) and where a problem is (error path).

`json.loads` is fast but reports hook failures (duplicate keys, NaN, numbers out of range) with
no position and fails on deep nesting with a RecursionError. The functions here scan the text
iteratively, never recursively, so a hostile document costs time proportional to its size and
no stack: `find_problem` walks the whole text once (only after a parse failed), and
`JsonPositions` walks only along the containers a pointer passes through, caching what it saw.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from json.decoder import scanstring
from typing import Optional, Union

from .limits import MAX_DEPTH, MAX_MEMBERS, MAX_VALUES

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_LITERALS = ("true", "false", "null")
_CONSTANTS = ("NaN", "Infinity", "-Infinity")
# Characters XML 1.0 cannot carry (so the two forms of a report could not say the same thing):
# C0 controls but tab, newline and return; surrogates (only lone ones survive decoding); U+FFFE/F.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A string up to its closing quote, or to the end of an unterminated one: always linear.
_STRINGISH = re.compile(r'"[^"\\]*(?:\\.?[^"\\]*)*"?')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_TOKENS = re.compile(r'"[^"\\]*(?:\\.?[^"\\]*)*"?|[\[\]{}]')
_SCALAR = re.compile(r"[^,\]}\s]*")
# Characters before a JSON value or key: at most one per value, so their count bounds the values.
_VALUE_LEADS = re.compile(r"[\[{,:]")


@dataclass(frozen=True)
class JsonProblem:
    message: str
    pointer: str
    offset: int
    syntax: bool = False  # json.loads words syntax errors better; the others only the scan finds
    zh: Optional[str] = None  # the message in Chinese, the language of clerks (syntax errors: see json_syntax)


def escape_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def number_problem(token: str) -> Optional[str]:
    """Why a JSON number token cannot be a report value, or None."""
    if math.isinf(float(token)):
        return f"number {clip(token)} is beyond the range of a float"
    return None


def number_problem_zh(token: str) -> str:
    return f"数值 {clip(token)} 超出可表示的范围：请核对位数"


def clip(text: str, size: int = 24) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def string_problem(value: str) -> Optional[tuple[str, str]]:
    """Why a string cannot be in a report, in English and Chinese, or None."""
    found = _NOT_XML.search(value)
    if found is None:
        return None
    code = ord(found.group())
    if 0xD800 <= code <= 0xDFFF:
        return (f"lone surrogate \\u{code:04x} is not a character (invalid \\u escape)",
                f"\\u{code:04x} 是单独的代理码位，不是字符（\\u 转义写错）：删去或改正该转义")
    return (f"character U+{code:04X} is not allowed in a report (XML cannot carry it)",
            f"报告中不能有字符 U+{code:04X}（多由复制粘贴带入）：删去该字符")


def too_many_values(text: str) -> Optional[JsonProblem]:
    """More than MAX_VALUES values and keys, counted by the characters that open them (cheap)."""
    if sum(text.count(ch) for ch in "[{,:") <= MAX_VALUES:
        return None
    for n, found in enumerate(_VALUE_LEADS.finditer(text), 1):
        if n > MAX_VALUES:
            return JsonProblem(f"more than {MAX_VALUES} values and keys: too large to check", "", found.start(),
                               zh=f"值和键超过 {MAX_VALUES} 个，文件过大，无法核查")
    return None


def maybe_too_deep(text: str) -> bool:
    """True when brackets nest deeper than MAX_DEPTH (or do not balance); strings are ignored.

    Innermost pairs are peeled off MAX_DEPTH times with C-speed string operations, so this costs
    a few passes over the text rather than a Python loop per character.
    """
    brackets = _NOT_BRACKET.sub("", _STRINGISH.sub("", text))
    for _ in range(MAX_DEPTH):
        if not brackets:
            return False
        brackets = brackets.replace("[]", "").replace("{}", "")
    return bool(brackets)


def find_problem(text: str) -> Optional[JsonProblem]:
    """The first thing, in text order, that makes `text` unusable as a report document.

    Finds what `json.loads` with the reader's hooks rejects without a position, and syntax errors
    (marked `syntax`). None when the text is fine.
    """
    n = len(text)
    # frame: [is_object, pointer, keys seen (objects) or current index (arrays)]
    stack: list[list] = []
    pointer = ""
    pos = _WS.match(text, 0).end()
    state = "value"
    while True:
        if state == "value":
            char = text[pos] if pos < n else ""
            if char in ("{", "["):
                if len(stack) >= MAX_DEPTH:
                    return JsonProblem(f"nested deeper than {MAX_DEPTH} levels", pointer, pos,
                                       zh=f"嵌套超过 {MAX_DEPTH} 层，不是报告的结构")
                is_object = char == "{"
                stack.append([is_object, pointer, set() if is_object else 0])
                pos = _WS.match(text, pos + 1).end()
                if pos < n and text[pos] == ("}" if is_object else "]"):
                    stack.pop()
                    pos = _WS.match(text, pos + 1).end()
                    state = "after"
                elif is_object:
                    state = "key"
                else:
                    pointer = f"{pointer}/0"
                continue
            if char == '"':
                try:
                    value, end = scanstring(text, pos + 1)
                except ValueError:
                    return JsonProblem("syntax error: bad string", pointer, pos, syntax=True)
                problem = string_problem(value)
                if problem:
                    return JsonProblem(problem[0], pointer, pos, zh=problem[1])
                pos = end
            elif text.startswith(_CONSTANTS, pos):
                name = next(c for c in _CONSTANTS if text.startswith(c, pos))
                return JsonProblem(f"{name} is not a valid JSON number", pointer, pos,
                                   zh=f"{name} 不是有效的 JSON 数值：填写数字，没有数值时删去该字段")
            elif text.startswith(_LITERALS, pos):
                pos += next(len(word) for word in _LITERALS if text.startswith(word, pos))
            else:
                number = _NUMBER.match(text, pos)
                if number is None:
                    return JsonProblem("syntax error: expecting a value", pointer, pos, syntax=True)
                problem = number_problem(number.group())
                if problem:
                    return JsonProblem(problem, pointer, pos, zh=number_problem_zh(number.group()))
                pos = number.end()
            pos = _WS.match(text, pos).end()
            state = "after"
        elif state == "key":
            frame = stack[-1]
            if pos >= n or text[pos] != '"':
                return JsonProblem("syntax error: expecting a key", frame[1], pos, syntax=True)
            try:
                key, end = scanstring(text, pos + 1)
            except ValueError:
                return JsonProblem("syntax error: bad string", frame[1], pos, syntax=True)
            problem = string_problem(key)
            if problem:  # the key cannot be part of a pointer that is printed
                return JsonProblem(problem[0], frame[1], pos, zh=problem[1])
            pointer = f"{frame[1]}/{escape_token(key)}"
            if key in frame[2]:
                return JsonProblem(f"duplicate key {key!r}: a report must not be ambiguous", pointer, pos,
                                   zh=f"字段“{key}”重复出现：同一对象中每个字段只能写一次，删去或合并重复的一处")
            frame[2].add(key)
            if len(frame[2]) > MAX_MEMBERS:
                return JsonProblem(f"object has more than {MAX_MEMBERS} members", pointer, pos,
                                   zh=f"对象的字段超过 {MAX_MEMBERS} 个，不是报告的结构")
            pos = _WS.match(text, end).end()
            if pos >= n or text[pos] != ":":
                return JsonProblem("syntax error: expecting ':'", pointer, pos, syntax=True)
            pos = _WS.match(text, pos + 1).end()
            state = "value"
        else:  # after a value
            if not stack:
                if pos < n:
                    return JsonProblem("syntax error: extra data", "", pos, syntax=True)
                return None
            frame = stack[-1]
            char = text[pos] if pos < n else ""
            if char == ",":
                pos = _WS.match(text, pos + 1).end()
                if frame[0]:
                    state = "key"
                else:
                    frame[2] += 1
                    pointer = f"{frame[1]}/{frame[2]}"
                    state = "value"
            elif char == ("}" if frame[0] else "]"):
                stack.pop()
                pos = _WS.match(text, pos + 1).end()
            else:
                return JsonProblem("syntax error: expecting ',' or a closing bracket", frame[1], pos,
                                   syntax=True)


class JsonPositions:
    """Offsets and line:col of values by JSON pointer, for text that already parsed cleanly."""

    def __init__(self, text: str):
        self._text = text
        self._children: dict[int, Union[dict[str, int], list[int], None]] = {}
        self._newlines: Optional[list[int]] = None

    def value_offset(self, pointer: str) -> tuple[str, int]:
        """(pointer, offset) of the value at `pointer` or of its nearest existing ancestor."""
        offset = _WS.match(self._text, 0).end()
        found = ""
        for token in pointer.split("/")[1:] if pointer else ():
            children = self._members(offset)
            key = token.replace("~1", "/").replace("~0", "~")
            if isinstance(children, dict):
                child = children.get(key)
            elif isinstance(children, list) and token.isdigit() and int(token) < len(children):
                child = children[int(token)]
            else:
                child = None
            if child is None:
                break
            offset, found = child, f"{found}/{token}"
        return found, offset

    def line_col(self, offset: int) -> tuple[int, int]:
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self._text)]
        line = bisect.bisect_left(self._newlines, offset)
        start = self._newlines[line - 1] + 1 if line else 0
        return line + 1, offset - start + 1

    def _members(self, offset: int) -> Union[dict[str, int], list[int], None]:
        if offset not in self._children:
            self._children[offset] = self._scan_container(offset)
        return self._children[offset]

    def _scan_container(self, offset: int) -> Union[dict[str, int], list[int], None]:
        text = self._text
        opener = text[offset:offset + 1]
        if opener not in ("{", "["):
            return None
        closer = "}" if opener == "{" else "]"
        members: dict[str, int] = {}
        items: list[int] = []
        pos = _WS.match(text, offset + 1).end()
        while pos < len(text) and text[pos] != closer:
            if opener == "{":
                key, end = scanstring(text, pos + 1)
                pos = _WS.match(text, end).end() + 1  # past ':'
                pos = _WS.match(text, pos).end()
                members.setdefault(key, pos)
            else:
                pos = _WS.match(text, pos).end()
                items.append(pos)
            pos = _WS.match(text, self._skip_value(pos)).end()
            if pos < len(text) and text[pos] == ",":
                pos = _WS.match(text, pos + 1).end()
        return members if opener == "{" else items

    def _skip_value(self, pos: int) -> int:
        """Offset just past the value starting at `pos` (iterative bracket matching)."""
        text = self._text
        if text[pos] == '"':
            return scanstring(text, pos + 1)[1]
        if text[pos] not in "[{":
            return _SCALAR.match(text, pos).end()
        depth = 0
        for token in _TOKENS.finditer(text, pos):
            char = token.group()[0]
            if char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
                if depth == 0:
                    return token.end()
        return len(text)


