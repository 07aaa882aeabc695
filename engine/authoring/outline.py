"""From the numbered parts of a plan to its clauses: where the plan body begins and ends, which
words of a part are its heading and which its text, and each clause's id."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .numbering import BREAK, Node, find_nodes, normalise_breaks

# Where the body ends: the attachments list and a signature block after the last clause.
_BODY_END = re.compile(r"\n(?:附件|附表)[:：\s]|\n附[:：]")
_SENTENCE_END = "。；;！？!?"
# In a one-line scrape a heading runs into its text ("（一）加强组织领导全面加强党对…"). The text
# begins with one of the words plan texts open a sentence with and headings rarely hold after
# their first words: a heading is taken to end before the first of these after its 4th character.
RUN_IN_OPENERS = ("力争", "要", "全面", "建立健全", "建立", "积极", "坚持", "各级", "各有关", "按照", "根据", "围绕")
_MAX_HEADING = 60


@dataclass(frozen=True)
class OutlineClause:
    id: str
    section: Optional[str]  # the headings above it, "二、工作任务 (一)深入推进知识产权严保护"
    heading: Optional[str]  # its own heading, when it has one apart from its text
    words: str  # its text as the plan writes it (paragraphs joined by one space)
    label: str


@dataclass(frozen=True)
class Outline:
    preamble: str  # the words before the first clause: notice, title, issuer, date
    clauses: tuple[OutlineClause, ...]


def outline(text: str) -> Outline:
    text = normalise_breaks(text)
    nodes = _body(find_nodes(text))
    if not nodes:
        return Outline(text, ())
    end = _BODY_END.search(text, nodes[0].start)
    if end is not None:  # the attachments list numbers its own items: read the body alone
        text = text[:end.start()]
        nodes = _body(find_nodes(text))
    parts = {id(n): _split(n) for n in nodes}
    ids = _ids(nodes)
    clauses = []
    for node in nodes:
        heading, words = parts[id(node)]
        if not words:
            continue
        section = " ".join(f"{_written_label(a)}{parts[id(a)][0] or ''}".strip() for a in reversed(node.ancestors()))
        clauses.append(OutlineClause(ids[id(node)], section or None, heading, words, node.label))
    return Outline(text[:nodes[0].start], tuple(clauses))


def _body(nodes: list[Node]) -> list[Node]:
    """From the first label of the highest rank the plan uses with number 1: a notice before the
    plan may number its own points (Chengdu's （一）电子邮箱 before the plan's 一、)."""
    if not nodes:
        return []
    top = min(n.rank for n in nodes)
    first = next(i for i, n in enumerate(nodes) if n.rank == top and n.value == 1)
    body = nodes[first:]
    for node in body:
        if node.parent is not None and node.parent not in body:
            node.parent = None
    return body


def _written_label(node: Node) -> str:
    if node.style == "top":
        return node.label + "、"
    if node.style == "arabic":
        return node.label + "."
    return node.label


def _split(node: Node) -> tuple[Optional[str], str]:
    """(heading, text). A first paragraph not ending a sentence is a heading; a first sentence
    ending with 。 is part of the text (Chengdu's "完善知识产权协同保护体系。围绕…")."""
    content = node.content.strip(BREAK + " ")
    paragraphs = [p.strip() for p in content.split(BREAK) if p.strip()]
    if not paragraphs:
        return None, ""
    first = paragraphs[0]
    if len(paragraphs) > 1 and first[-1] not in _SENTENCE_END + "：:" and len(first) <= _MAX_HEADING:
        return first, " ".join(paragraphs[1:])
    if len(paragraphs) == 1 and not any(ch in first for ch in _SENTENCE_END) and len(first) <= _MAX_HEADING:
        return first, ""  # a heading with nothing of its own (二、工作任务)
    if len(paragraphs) == 1 and not node.at_line_start:
        cut = _run_in_heading(first)
        if cut:
            return first[:cut], first[cut:]
    return None, " ".join(paragraphs)


def _run_in_heading(paragraph: str) -> int:
    stop = paragraph.find("。") if "。" in paragraph else len(paragraph)
    for at in range(4, min(17, stop)):
        if paragraph.startswith(RUN_IN_OPENERS, at):
            head, sentence = paragraph[:at], paragraph[at:stop]
            if not re.search(r"[,，、；;：:“”《》()（）]", head) and re.search(r"[,，、]", sentence):
                return at
    return 0


def _ids(nodes: list[Node]) -> dict[int, str]:
    """A part's own label; where a style's labels repeat in the plan, all parts of that style are
    prefixed with their ancestors' labels, nearest first, as few as make them unique: Chengdu's
    三(一)…五(四), while its 一、二、 stay as they are. A dash item is its parent's: 二-1."""
    ids: dict[int, str] = {}
    for style in dict.fromkeys(n.style for n in nodes if n.style != "dash"):
        same = [n for n in nodes if n.style == style]
        depth = 0
        while depth < 4:
            labels = [_qualified(n, depth) for n in same]
            if len(set(labels)) == len(labels):
                break
            depth += 1
        ids.update((id(n), _qualified(n, depth)) for n in same)
    for node in nodes:
        if node.style == "dash":
            parent = node.parent
            ids[id(node)] = f"{ids[id(parent)] if parent is not None else ''}-{node.label}"
    return ids


def _qualified(node: Node, depth: int) -> str:
    return "".join(a.label for a in reversed(node.ancestors()[:depth])) + node.label
