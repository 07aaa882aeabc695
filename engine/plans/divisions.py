"""China's administrative divisions (GB/T 2260) as python-stdnum ships them: the place names a
department's name begins with, and the level of a six-digit division code.

python-stdnum (already needed for the credit-code check) ships the national list as
stdnum/cn/loc.dat since 2.2, compiled from the published code lists with the years each name was
in force: a province line `23 province="黑龙江省"`, then one line per code below it,
`  0184 county="[1996-]五常市"`, several names comma-separated when a code was renamed.

Shaped for a cold start: the list is read where python-stdnum is installed without importing it
(engine.resources.stdnum_dir), the index is kept in the disk cache, and a Division hashes cheaply
because unpickling the index hashes every one of them again.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from ..model.report import AdminLevel
from ..resources import stdnum_dir
from .name_table import DivisionSettings

_PROVINCE_LINE = re.compile(r'^(\d{2}) province="([^"]*)"$')
_CODE_LINE = re.compile(r'^\s+(\d{4}) county="([^"]*)"$')
_NAME = re.compile(r"^(?:\[(\d{4})?-(\d{4})?\])?(.+)$")


class DivisionListError(RuntimeError):
    """stdnum's division list is missing or not in the format read here."""


@dataclass(frozen=True)
class Division:
    code: str  # six digits
    name: str
    level: AdminLevel

    def __hash__(self) -> int:
        # code and name decide the level, so equal divisions still hash alike; the generated hash
        # would also hash `level`, an Enum, whose __hash__ is Python code: unpickling the cached
        # place index re-hashes every division of every set, and that call was half of it
        return hash((self.code, self.name))

    def contains(self, other: "Division") -> bool:
        """`other` lies strictly inside this division."""
        if other.code == self.code or self.level is AdminLevel.county:
            return False
        width = 2 if self.level is AdminLevel.province else 4
        return other.code[:width] == self.code[:width]


def code_level(code: str, municipalities: frozenset[str]) -> AdminLevel:
    """xx0000 a province; xxyy00 a prefecture, except in a 直辖市, where xx0100 (市辖区) and
    500200 (县) group the city's own districts and counties; any other code a county-level unit,
    county-level cities included (瑞昌市 360481, and 延吉市 222401 inside an autonomous prefecture)."""
    if code[2:] == "0000":
        return AdminLevel.province
    if code[4:] == "00":
        return AdminLevel.province if code[:2] in municipalities else AdminLevel.prefecture
    return AdminLevel.county


def short_forms(name: str) -> list[str]:
    """How a name is written without its administrative suffix: 成都 for 成都市, 广西 for
    广西壮族自治区, 凉山州 for 凉山彝族自治州, 瑞昌 for 瑞昌市. Where the place ends and the
    ethnic groups begin is not marked, so every cut of 2 to 4 characters before the first 族 is
    given: a wrong cut (黔东州) is a string no name contains, and so never matches."""
    forms: list[str] = []
    if name.endswith(("自治区", "自治县", "自治旗")):
        forms = [name[:k] for k in (2, 3) if "族" not in name[:k] and k < len(name) - 3]
    elif name.endswith("自治州"):
        forms = [name[:k] + "州" for k in (2, 3, 4) if "族" not in name[:k] and k < len(name) - 3]
    elif name.endswith(("地区", "林区")):
        forms = [name[:-2]]
    elif name.endswith(("省", "市", "盟", "县", "区", "旗")):
        forms = [name[:-1]]
    return [f for f in forms if len(f) >= 2 and f != name]


def _entries(text: str) -> Iterable[tuple[str, str, Optional[int]]]:
    """(code, name, last year in force or None) for every name of every code."""
    province = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        top = _PROVINCE_LINE.match(line)
        below = _CODE_LINE.match(line)
        if top:
            province = top.group(1)
            yield f"{province}0000", top.group(2), None
        elif below and province is not None:
            for part in below.group(2).split(","):
                _, until, name = _NAME.match(part).groups()  # type: ignore[union-attr]
                yield province + below.group(1), name, int(until) if until else None
        else:
            raise DivisionListError(
                f"stdnum/cn/loc.dat:{number}: not the division list read here (python-stdnum >= 2.2 "
                f"is needed): {line[:60]!r}"
            )


class PlaceIndex:
    """Every name in force, full and short, with the divisions it may mean."""

    def __init__(self, text: str, settings: DivisionSettings):
        rows = list(_entries(text))
        self.provinces = frozenset(code[:2] for code, _, _ in rows if code[2:] == "0000")
        # the four 直辖市 are the provinces whose own name is a 市
        self.municipalities = frozenset(
            code[:2] for code, name, _ in rows if code[2:] == "0000" and name.endswith("市")
        )
        ended = {(c.code, c.name): c.in_force_until for c in settings.corrections}
        pseudo = set(settings.pseudo_names)
        self.full: dict[str, set[Division]] = {}
        self.short_upper: dict[str, set[Division]] = {}  # provinces and prefectures
        self.short_county: dict[str, set[Division]] = {}
        for code, name, until in rows:
            until = ended.get((code, name), until)
            if name in pseudo or (until is not None and until < settings.in_force_since):
                continue
            division = Division(code, name, code_level(code, self.municipalities))
            self.full.setdefault(name, set()).add(division)
            shorts = self.short_county if division.level is AdminLevel.county else self.short_upper
            for form in short_forms(name):
                shorts.setdefault(form, set()).add(division)
        self.longest = max(len(n) for table in (self.full, self.short_upper, self.short_county) for n in table)

    def level_of_code(self, code: str) -> Optional[AdminLevel]:
        """The level of a six-digit division code, None unless it is in a province of the list."""
        if len(code) != 6 or not code.isdigit() or code[:2] not in self.provinces:
            return None
        return code_level(code, self.municipalities)

    def match(
        self, text: str, at: int, inside: Optional[frozenset[Division]], county_short: bool
    ) -> tuple[int, frozenset[Division]]:
        """The longest place name starting at `at` (and inside one of `inside`, when given):
        its length and the divisions it may mean; (0, empty) when none."""
        for length in range(min(self.longest, len(text) - at), 1, -1):
            piece = text[at:at + length]
            found = self.full.get(piece, set()) | self.short_upper.get(piece, set())
            if county_short:
                found = found | self.short_county.get(piece, set())
            if inside is not None:
                found = {d for d in found if any(p.contains(d) for p in inside)}
            if found:
                return length, frozenset(found)
        return 0, frozenset()


def read_division_list() -> str:
    # read where python-stdnum is installed, without importing it (engine.resources.stdnum_dir)
    folder = stdnum_dir()
    try:
        if folder is None:
            raise ModuleNotFoundError("No module named 'stdnum'")
        return (folder / "cn" / "loc.dat").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise DivisionListError(f"python-stdnum's division list stdnum/cn/loc.dat is missing: {exc}") from None


@lru_cache(maxsize=4)
def place_index(settings: DivisionSettings) -> PlaceIndex:
    """Built once per process (about 7,000 lines): only when a name has to be read for its level;
    kept on disk between processes (engine.disk_cache), as building it is a tenth of a cold check,
    under a key of the division list's text and the settings."""
    from ..disk_cache import entry_name, load_or_build

    text = read_division_list()
    # every field's value, as model_dump_json gives them, without building the settings model's
    # serializer (~1 ms of a cold check) for a cache key
    settings_text = repr(settings)
    key = hashlib.sha256(f"{settings_text}\0{text}".encode()).hexdigest()
    return load_or_build(entry_name("places", settings_text), key, lambda: PlaceIndex(text, settings), PlaceIndex)
