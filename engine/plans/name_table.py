"""The table of words a department's name shows its kinds and level by
(rules/common/data/department-names.yaml): its model, and loading it once.

Shaped for a cold start: the bundled table is kept in the disk cache (engine.disk_cache) between
processes, so a `plancheck check` whose catalog is cached too parses no YAML at all."""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Optional

from pydantic import Field, ValidationError, field_validator

from ..model.report import AdminLevel, DepartmentKind
from ..resources import rules_dir
from ..rules.model import Closed
from ..rules.yaml_source import RuleLoadError, load_yaml

TABLE_PATH = Path("common") / "data" / "department-names.yaml"

Words = Annotated[tuple[Annotated[str, Field(min_length=1)], ...], Field(min_length=1)]


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"pattern {pattern!r} does not compile: {exc}") from None
    return pattern


class KindWords(Closed):
    """A department of `kind` shows it by any of `words` (regular expressions)."""

    kind: DepartmentKind
    words: Words

    @field_validator("kind")
    @classmethod
    def _not_other(cls, kind: DepartmentKind) -> DepartmentKind:
        if kind is DepartmentKind.other:
            raise ValueError("`other` is what a name showing no kind gets; it has no words")
        return kind

    @field_validator("words")
    @classmethod
    def _patterns(cls, words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_compiles(w) for w in words)


class RankWords(Closed):
    """An institution whose name states its rank (高级人民法院): `level` wins over its place."""

    words: str
    level: AdminLevel

    @field_validator("words")
    @classmethod
    def _pattern(cls, words: str) -> str:
        return _compiles(words)


class DivisionCorrection(Closed):
    """A name the division list keeps in force by mistake, with the year it really ended."""

    code: Annotated[str, Field(pattern=r"^[0-9]{6}$")]
    name: str
    in_force_until: int
    why: str


class DivisionSettings(Closed):
    in_force_since: Annotated[int, Field(ge=1980)]
    pseudo_names: tuple[str, ...]
    corrections: tuple[DivisionCorrection, ...] = ()


class NameTable(Closed):
    kinds: Annotated[tuple[KindWords, ...], Field(min_length=1)]
    not_government: Words
    no_place_prefixes: Words
    development_zones: Words
    ranks: tuple[RankWords, ...]
    level_only_from_province_place: Words
    branch_words: Words
    divisions: DivisionSettings

    @field_validator("not_government", "level_only_from_province_place")
    @classmethod
    def _patterns(cls, words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_compiles(w) for w in words)

    @field_validator("kinds")
    @classmethod
    def _one_entry_per_kind(cls, kinds: tuple[KindWords, ...]) -> tuple[KindWords, ...]:
        seen = [k.kind for k in kinds]
        doubled = sorted({k.value for k in seen if seen.count(k) > 1})
        if doubled:
            raise ValueError(f"kinds listed twice: {', '.join(doubled)}")
        return kinds


def load_name_table(path: Path) -> NameTable:
    """The table at `path`; any problem is a RuleLoadError naming file:line."""
    doc = load_yaml(path)
    try:
        return NameTable.model_validate(doc.data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        where = ".".join(str(p) for p in loc) or "(top)"
        msg = err["msg"].removeprefix("Value error, ")
        raise RuleLoadError(f"{path}:{doc.line_of(loc)}: department names: {where}: {msg}") from None


@lru_cache(maxsize=1)
def bundled_name_table(root: Optional[Path] = None) -> NameTable:
    """The table shipped with the rules (PLANCHECK_RULES honoured), read once per process and
    kept on disk between processes (engine.disk_cache): parsing its YAML and building its models
    is ~15 ms of a cold check, unpickling it well under one. The key is the file's bytes and
    pydantic's version (a pickled model); a table that does not load raises as always and is
    not cached."""
    from pydantic import VERSION as PYDANTIC_VERSION

    from ..disk_cache import entry_name, load_or_build

    path = (root or rules_dir()) / TABLE_PATH
    try:
        content = path.read_bytes()
    except OSError:  # let load_name_table say so, as it always has
        return load_name_table(path)
    key = hashlib.sha256(f"pydantic {PYDANTIC_VERSION}\0".encode() + content).hexdigest()
    return load_or_build(entry_name("names", str(path)), key, lambda: load_name_table(path), NameTable)
