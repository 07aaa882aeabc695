"""The numbering of a plan's clauses: find the labels (一、 （一） 1. （1） ① and ⎯⎯ list dashes) in
the text and nest them the way Chinese official documents do (GB/T 9704: 一、 above （一） above
1. above （1）), accepting a label only where it continues or starts a sequence."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

_DIGITS = "零一二三四五六七八九"
_CN = "[一二三四五六七八九十]{1,3}"
# style -> rank (a lower rank nests the higher ones); every style of the seeds and of GB/T 9704
RANKS = {"top": 0, "paren": 1, "arabic": 2, "paren_arabic": 3, "circled": 4, "dash": 5}
_LABEL = re.compile(
    rf"(?P<top>{_CN})、"
    rf"|[(（](?P<paren>{_CN})[)）]"
    # 1. 1．1、 and the scrapes' "2 ." and "5," (seed 000); a digit after it only at a line's
    # start ("7.2024年6月30日前…"), never 1.5 inside a sentence (see find_nodes)
    r"|(?<![\d.．])(?P<arabic>\d{1,3})[ \t]?[.．、,，]"
    r"|[(（](?P<paren_arabic>\d{1,2})[)）]"
    r"|(?P<circled>[①-⑳])"
    r"|(?<=\n)(?P<dash>(?:⎯|—|─|-){2,})"
)
# what may stand right before a label: a break, the end of a sentence or of a bracketed unit list
_BOUNDARY = "\n。；;：:！？!?）)」”"
BREAK = "\n"


def chinese_number(text: str) -> int:
    """一 … 九十九 as written in clause labels."""
    if text == "十":
        return 10
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_DIGITS.index(tens) if tens else 1) * 10 + (_DIGITS.index(units) if units else 0)
    return _DIGITS.index(text)


@dataclass
class Node:
    """One numbered part of the plan: its label, the words up to the next label, its parts."""

    style: str
    value: int
    start: int  # where the label begins in the text
    end: int  # where its words begin
    at_line_start: bool
    parent: Optional["Node"] = None
    children: list["Node"] = field(default_factory=list)
    content: str = ""

    @property
    def rank(self) -> int:
        return RANKS[self.style]

    @property
    def label(self) -> str:
        """The label as clause ids write it: 一, (一), 1, (1), ①; a dash item its position."""
        if self.style == "top":
            return _cn(self.value)
        if self.style == "paren":
            return f"({_cn(self.value)})"
        if self.style == "paren_arabic":
            return f"({self.value})"
        if self.style == "circled":
            return chr(0x2460 + self.value - 1)
        return str(self.value)

    def ancestors(self) -> list["Node"]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


def _cn(value: int) -> str:
    if value < 10:
        return _DIGITS[value]
    tens, units = divmod(value, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[units] if units else "")


def normalise_breaks(text: str) -> str:
    """One break between paragraphs. A scrape writes a line break as spaces between Chinese
    characters (seed 002: "（一）加强本区知识产权工作体系建设 进一步转变"); spaces between ASCII
    characters stay (the scrapes' "2 ." labels, English words)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").replace("\xa0", " ")
    text = re.sub(r"(?<=[^\x00-\x7f])[ \t]+|[ \t]+(?=[^\x00-\x7f])", BREAK, text)
    lines = [line.strip() for line in text.split("\n")]
    return BREAK.join(line for line in lines if line)


def _value(match: re.Match[str], style: str, dashes: dict[int, int], parent: Optional[Node]) -> int:
    raw = match.group(style)
    if style in ("top", "paren"):
        return chinese_number(raw)
    if style == "circled":
        return ord(raw) - 0x2460 + 1
    if style == "dash":
        key = id(parent)
        dashes[key] = dashes.get(key, 0) + 1
        return dashes[key]
    return int(raw)


def find_nodes(text: str) -> list[Node]:
    """Every accepted label in order, nested. A label is accepted at a boundary (or right after
    a heading still running, as in the one-line seeds: "（一）深入推进知识产权严保护1.严厉…") when
    its number is 1 or follows the last of its style: numbers run on across sections (Tianjin's
    （一）…（十六）, Heilongjiang's 1…80) or restart (Chengdu's （一） under each part)."""
    nodes: list[Node] = []
    stack: list[Node] = []
    last: dict[str, int] = {}
    dashes: dict[int, int] = {}
    for match in _LABEL.finditer(text):
        style = next(name for name, value in match.groupdict().items() if value is not None)
        start = match.start()
        at_line_start = start == 0 or text[start - 1] == BREAK
        running_heading = bool(stack) and _is_heading_so_far(text[stack[-1].end:start])
        if not (start == 0 or text[start - 1] in _BOUNDARY or running_heading):
            continue
        if style == "arabic" and text[match.end():match.end() + 1].isdigit() and not at_line_start:
            continue
        parent_stack = [n for n in stack if n.rank < RANKS[style]]
        parent = parent_stack[-1] if parent_stack else None
        if style == "dash":
            if not at_line_start:
                continue
            value = _value(match, style, dashes, parent)
        else:
            value = _value(match, style, dashes, parent)
            if value != 1 and value != last.get(style, 0) + 1:
                continue
        node = Node(style, value, start, match.end(), at_line_start, parent)
        if stack:
            stack[-1].content = text[stack[-1].end:start]
        stack = parent_stack + [node]
        if parent is not None:
            parent.children.append(node)
        last[style] = value
        nodes.append(node)
    if nodes:
        nodes[-1].content = text[nodes[-1].end:]
    return nodes


def _is_heading_so_far(words: str) -> bool:
    """Words after a label with no sentence ended yet and no comma: a run-in heading (seed 000);
    "提高了3.5倍,二、三等奖" is a sentence going on."""
    return 0 < len(words.strip()) <= 30 and not any(ch in words for ch in "。；;,，、\n")
