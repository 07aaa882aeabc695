"""A JSON syntax error said so that a clerk can mend it, in Chinese and English.

Most syntax errors in a hand-edited report are punctuation typed with a Chinese input method:
a full-width comma, colon or quotation mark where JSON has ASCII. Inside a string full-width
text is of course fine; only where `json` stopped (or, for a full-width quotation mark that
swallowed the text up to the next ASCII one, earlier on the same line, where it stands as JSON's
quote would) is one blamed, with its
code point and the ASCII character to type instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

# full-width character -> (its name in Chinese, in English, the ASCII character meant)
FULL_WIDTH: dict[str, tuple[str, str, str]] = {
    "\uff0c": ("全角逗号", "full-width comma", ","),
    "\u3001": ("顿号", "enumeration comma", ","),
    "\uff1a": ("全角冒号", "full-width colon", ":"),
    "\uff1b": ("全角分号", "full-width semicolon", ","),
    "\u201c": ("中文左双引号", "left double quotation mark", '"'),
    "\u201d": ("中文右双引号", "right double quotation mark", '"'),
    "\uff02": ("全角双引号", "full-width quotation mark", '"'),
    "\u2018": ("中文左单引号", "left single quotation mark", '"'),
    "\u2019": ("中文右单引号", "right single quotation mark", '"'),
    "\uff5b": ("全角左花括号", "full-width left brace", "{"),
    "\uff5d": ("全角右花括号", "full-width right brace", "}"),
    "\uff3b": ("全角左方括号", "full-width left bracket", "["),
    "\uff3d": ("全角右方括号", "full-width right bracket", "]"),
    "\u3010": ("中文左方头括号", "left black lenticular bracket", "["),
    "\u3011": ("中文右方头括号", "right black lenticular bracket", "]"),
    "\u3000": ("全角空格", "ideographic (full-width) space", " "),
    "\uff0e": ("全角句点", "full-width full stop", "."),
    "\uff0d": ("全角减号", "full-width hyphen-minus", "-"),
    **{chr(0xFF10 + d): ("全角数字", "full-width digit", str(d)) for d in range(10)},
}
_QUOTES = "\u201c\u201d\uff02\u2018\u2019"
# A full-width quotation mark standing where JSON syntax has a quote: right after { [ , : or
# right before : , ] }. Inside a narrative (开展“昆仑2024”专项行动) it stands between words.
_QUOTE_AS_SYNTAX = re.compile(rf"(?<=[{{\[,:])[ \t]*([{_QUOTES}])|([{_QUOTES}])(?=[ \t]*[:,\]}}])")

# The start of `json`'s message -> what it means in Chinese.
_MEANINGS = (
    ("Expecting value", "此处应为一个值（字符串须用半角双引号括起）"),
    ("Expecting ',' delimiter", "此处缺少半角逗号 , 或右括号"),
    ("Expecting ':' delimiter", "字段名后应为半角冒号 :"),
    ("Expecting property name enclosed in double quotes", "此处应为用半角双引号括起的字段名（最后一项后不能有逗号）"),
    ("Extra data", "JSON 已结束，其后还有多余内容"),
    ("Unterminated string", "字符串缺少结尾的半角双引号"),
    ("Invalid control character", "字符串中有控制字符（如换行）：换行应写作 \\n"),
    ("Invalid \\escape", "无效的转义：反斜杠 \\ 应写作 \\\\"),
    ("Invalid \\uXXXX escape", "无效的 \\u 转义：应为 \\u 加4位十六进制数"),
)


@dataclass(frozen=True)
class SyntaxProblem:
    offset: int  # where to point: the full-width character, else where json stopped
    en: str
    zh: str


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _full_width_at(text: str, offset: int) -> Optional[int]:
    """Offset of the full-width character to blame for an error at `offset`, if any."""
    if offset < len(text) and text[offset] in FULL_WIDTH:
        return offset
    found = _QUOTE_AS_SYNTAX.search(text, _line_start(text, offset), offset)
    if found is None:
        return None
    return found.start(1) if found.group(1) else found.start(2)


def syntax_problem(text: str, message: str, offset: int) -> SyntaxProblem:
    """What `json` said (`message` at `offset`), said for a clerk."""
    at = _full_width_at(text, offset)
    if at is not None:
        char = text[at]
        name_zh, name_en, meant = FULL_WIDTH[char]
        code = f"U+{ord(char):04X}"
        typed_zh, typed_en = ("半角空格或删去", "an ASCII space, or remove it") if meant == " " else \
            (f"半角 {meant}", repr(meant))
        return SyntaxProblem(
            at, f"invalid JSON: {name_en} {char} ({code}) where JSON has ASCII: type {typed_en} "
                f"(full-width text inside quoted strings is fine)",
            f"JSON 语法错误：此处是{name_zh} {char}（{code}），JSON 的标点和空格须为半角：改为{typed_zh}"
            f"（引号内的文字可用全角）")
    meaning = next((zh for start, zh in _MEANINGS if message.startswith(start)), "")
    return SyntaxProblem(offset, f"invalid JSON: {message}",
                         f"JSON 语法错误：{meaning or message}")
