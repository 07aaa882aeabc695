"""Read a department's kinds and administrative level off its standard Chinese name, and its
level off its 统一社会信用代码 where the name cannot tell.

Used where a report omits `kind`/`level` and the plan's table does not know the unit
(engine.plans.identity); what a report declares, and the plan's table, always win. The words are
data (rules/common/data/department-names.yaml); the places are the national division list
(engine.plans.divisions).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .. import credit_code
from ..model.report import AdminLevel, DepartmentKind
from .divisions import Division, PlaceIndex, place_index
from .name_table import NameTable, bundled_name_table

_BRACKETED = re.compile(r"[(\[【〔〈《]([^()\[\]【】〔〕〈〉《》]*)[)\]】〕〉》]")
_EDGE_CATEGORIES = ("Z", "Cc", "Cf", "Po", "Pd", "Pc", "Pi", "Pf")


def _is_edge_noise(ch: str) -> bool:
    """Spacing and punctuation around a name; brackets are kept (a name may start with one)."""
    return unicodedata.category(ch).startswith(_EDGE_CATEGORIES)


def _strip_edges(text: str) -> str:
    start, end = 0, len(text)
    while start < end and _is_edge_noise(text[start]):
        start += 1
    while end > start and _is_edge_noise(text[end - 1]):
        end -= 1
    return text[start:end]


def _segments(name: str) -> list[str]:
    """The name outside brackets, then each bracketed name (成都市市场监督管理局(成都市知识产权局)),
    full-width forms made half-width, without spacing or punctuation."""
    text = unicodedata.normalize("NFKC", _strip_edges(name))
    parts = [_BRACKETED.sub("", text), *_BRACKETED.findall(text)]
    return [s for s in ("".join(ch for ch in p if ch.isalnum()) for p in parts) if s]


@dataclass(frozen=True)
class _Compiled:
    """The table's patterns, compiled once."""

    kinds: tuple[tuple[re.Pattern[str], DepartmentKind], ...]
    not_government: re.Pattern[str]
    prefixes: tuple[str, ...]
    zone_after_place: re.Pattern[str]
    zone_alone: re.Pattern[str]
    ranks: tuple[tuple[re.Pattern[str], AdminLevel], ...]
    province_place_only: re.Pattern[str]
    branch_words: tuple[str, ...]


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(f"(?:{w})" for w in words)


@lru_cache(maxsize=4)
def _compiled(table: NameTable) -> _Compiled:
    zones = "|".join(re.escape(z) for z in sorted(table.development_zones, key=len, reverse=True))
    return _Compiled(
        kinds=tuple((re.compile(w), entry.kind) for entry in table.kinds for w in entry.words),
        not_government=re.compile(_alternatives(table.not_government)),
        prefixes=tuple(sorted(table.no_place_prefixes, key=len, reverse=True)),
        zone_after_place=re.compile(rf"^[\u4e00-\u9fff]{{0,4}}?(?:{zones})"),
        zone_alone=re.compile(rf"^[\u4e00-\u9fff]{{2,4}}?(?:{zones})"),
        ranks=tuple((re.compile(r.words), r.level) for r in table.ranks),
        province_place_only=re.compile(_alternatives(table.level_only_from_province_place)),
        branch_words=table.branch_words,
    )


def _table(table: Optional[NameTable]) -> NameTable:
    return table if table is not None else bundled_name_table()


@lru_cache(maxsize=4096)  # a run resolves the same few dozen names over and over
def infer_kinds(name: str, table: Optional[NameTable] = None) -> tuple[DepartmentKind, ...]:
    """Every kind the name shows, in the order the name shows them; empty when it shows none
    (人大, 政协, 发改委, 科技局… are of kind `other`, which the caller gives)."""
    compiled = _compiled(_table(table))
    segments = _segments(name)
    if any(compiled.not_government.search(s) for s in segments):
        return ()
    found: list[tuple[int, int, DepartmentKind]] = []
    for index, segment in enumerate(segments):
        for pattern, kind in compiled.kinds:
            match = pattern.search(segment)
            if match:
                found.append((index, match.start(), kind))
    return tuple(dict.fromkeys(kind for _, _, kind in sorted(found, key=lambda f: (f[0], f[1]))))


@lru_cache(maxsize=4096)
def infer_level(name: str, code: Optional[str] = None, table: Optional[NameTable] = None) -> Optional[AdminLevel]:
    """The level the name shows; where it shows none, the level of the registering authority in
    a valid credit code; None when neither tells (a relative name such as 市市场监管局 names no
    place, and no level is guessed for it)."""
    chosen = _table(table)
    for segment in _segments(name):
        level = _segment_level(segment, _compiled(chosen), place_index(chosen.divisions))
        if level is not None:
            # the name wins over the code: the code records where the unit was registered, which
            # for a branch or a zone's bureau may be its parent government
            return level
    return level_from_code(code, chosen) if code else None


def level_from_code(code: str, table: Optional[NameTable] = None) -> Optional[AdminLevel]:
    """Characters 3-8 of a valid 统一社会信用代码 are the registering authority's division code."""
    if not isinstance(code, str) or not credit_code.is_valid(code):
        return None
    return place_index(_table(table).divisions).level_of_code(code[2:8])


def _segment_level(text: str, compiled: _Compiled, places: PlaceIndex) -> Optional[AdminLevel]:
    for pattern, level in compiled.ranks:
        if pattern.search(text):
            return level
    text, after_prefix = _without_prefixes(text, compiled.prefixes)
    chain, rest = _place_chain(text, places, county_short=after_prefix)
    zone = compiled.zone_after_place if chain else compiled.zone_alone
    if zone.match(rest):
        return AdminLevel.county
    if not chain:
        return None
    level = _one_level(chain[-1])
    if level is not AdminLevel.county and _county_branch(rest, chain[-1], compiled.branch_words, places):
        level = AdminLevel.county
    if level is not AdminLevel.province and compiled.province_place_only.search(text):
        return None
    return level


def _without_prefixes(text: str, prefixes: tuple[str, ...]) -> tuple[str, bool]:
    stripped = False
    while True:
        prefix = next((p for p in prefixes if text.startswith(p)), None)
        if prefix is None:
            return text, stripped
        text, stripped = text[len(prefix):], True


def _place_chain(text: str, places: PlaceIndex, county_short: bool) -> tuple[list[frozenset[Division]], str]:
    """The places a name starts with, each inside the one before (黑龙江省 哈尔滨市 道里区), and the
    rest of the name. A short form (成都, 天津) is read for a province or prefecture; for a county
    only straight after a prefix that names no place (人民银行瑞昌支行)."""
    chain: list[frozenset[Division]] = []
    at = 0
    while True:
        inside = chain[-1] if chain else None
        length, found = places.match(text, at, inside, county_short=county_short and at == 0)
        if not length:
            return chain, text[at:]
        if text.startswith("市场", at + length - 1):
            # 阿克苏市场监督管理局 reads as 阿克苏市 + 场… and as 阿克苏 + 市场监督管理局: both stand,
            # and where they mean places of two levels (the city, the 地区) the name cannot tell
            shorter, other = places.match(text[:at + length - 1], at, inside, county_short=county_short and at == 0)
            if shorter:
                length, found = shorter, found | other
        chain.append(found)
        at += length


def _one_level(divisions: frozenset[Division]) -> Optional[AdminLevel]:
    """The level a place name means; None when it may mean places of two levels (吉林: the
    province or the city)."""
    levels = {d.level for d in divisions}
    return levels.pop() if len(levels) == 1 else None


def _county_branch(rest: str, parents: frozenset[Division], branch_words: tuple[str, ...], places: PlaceIndex) -> bool:
    """成都市公安局锦江区分局: a county of the unit's city named before a branch word."""
    for at in range(len(rest)):
        length, found = places.match(rest, at, parents, county_short=True)
        if length and _one_level(found) is AdminLevel.county and rest.startswith(branch_words, at + length):
            return True
    return False
