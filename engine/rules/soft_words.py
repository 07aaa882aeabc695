"""The soft words of a plan's text (力争, 适时, 视情, 鼓励) that make a miss a warning, and the
words of a clause a rule quotes.

A soft word counts only where it is the plan's own wording: not inside a quoted title or
quotation (《鼓励外商投资产业目录》, “鼓励类”), and only in the sentences of the clause the rule
enforces — the sentences holding the words the rule quotes from the clause (its title, message
and rationale quote them in “…”). Heilongjiang 67 shows why: “鼓励各地加大……培训力度，年度知识产权
培训不少于5000人次” asks for the 5,000 in the same sentence as the encouragement, so the rule must
say why the figure is firm, while Shanghai 二(三)'s 鼓励 sits in other sentences than the pilot
selection the rule checks.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

SOFT_WORDS = ("力争", "适时", "视情", "鼓励")
# quoted spans whose words are a name or a quotation, not the plan's own wording; bounded, so an
# opening mark the scraped text never closes does not swallow the rest of a clause
_QUOTED = re.compile(r"《[^《》]{0,60}》|“[^“”]{0,60}”|‘[^‘’]{0,60}’|「[^「」]{0,60}」|\"[^\"]{0,60}\"")
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_QUOTE_MARKS = re.compile(r"[“”‘’\"'「」『』]")
_ELLIPSIS = re.compile(r"…+|\.\.\.+")
MIN_FRAGMENT = 4  # characters; shorter quoted words (“力争”) are not a citation of the clause


def unquoted(text: str) -> str:
    """The text with its quoted spans blanked out (same length, so positions still line up)."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def soft_words_in(text: str) -> tuple[str, ...]:
    """The soft words of `text` outside its quoted spans, in SOFT_WORDS order."""
    plain = unquoted(text)
    return tuple(word for word in SOFT_WORDS if word in plain)


def _bare(text: str) -> str:
    """For finding a quote in the clause: no spaces or quote marks, punctuation of one width
    (NFKC: a quote's “，” is the scraped text's “,”)."""
    return _QUOTE_MARKS.sub("", re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)))


def quoted_fragments(texts: Iterable[str]) -> list[str]:
    """What the texts quote in “…” (or 「…」), cut at ellipses, bare of quote marks."""
    found = []
    for text in texts:
        for quote in re.findall(r"“([^“”]+)”|「([^「」]+)」", text or ""):
            for piece in _ELLIPSIS.split("".join(quote)):
                piece = _bare(piece)
                if len(piece) >= MIN_FRAGMENT:
                    found.append(piece)
    return found


def cited_sentences(clause_text: str, rule_texts: Iterable[str]) -> list[str]:
    """The clause's sentences holding words the rule quotes; [] when it quotes none of them."""
    fragments = quoted_fragments(rule_texts)
    return [s for s in sentences(clause_text) if any(f in _bare(s) for f in fragments)]


def governing_soft_words(clause_text: str, rule_texts: Iterable[str]) -> tuple[str, ...]:
    """The soft words of the clause sentences the rule enforces (all of the clause when the rule
    quotes none of its words: then no sentence can be told apart)."""
    cited = cited_sentences(clause_text, list(rule_texts))
    scope = cited or [clause_text]
    return tuple(w for w in SOFT_WORDS if any(w in soft_words_in(s) for s in scope))


_LONG_QUOTE = re.compile(r"“[^“”]{5,}”|「[^「」]{5,}」")


def says_word(rationale: str, word: str) -> bool:
    """Whether a rationale speaks of `word` itself: quoting the clause's sentence that holds it is
    not saying why the sentence is firm, naming the word (“力争”是…) is."""
    return word in _LONG_QUOTE.sub("", rationale)
