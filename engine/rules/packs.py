"""Which plan packs a run uses: the bundled rules tree plus directories of external packs.

`--rules DIR` names either
- a plan pack (a folder holding `plan.yaml`, named after the plan id): it is added;
- a directory of plan packs (its sub-folders): each is added;
- a complete rules tree (it has `common/`): it replaces the bundled tree, as it always did.
Added packs share the tree's `rules/common` (national rules, data tables, the name table). A
pack whose id is a bundled pack's replaces it; the command says so on stderr (`notices`), since
an auditor's office checking against its own copy of a bundled plan must know which one ran.

A pack folder may hold its own tests: `cases/` (per-rule pass/fail cases, `cases/bases/` their
base reports) and `scenarios/` (whole reports with the findings expected). They are not rules:
the catalog never loads them and the rules version does not hash them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence, Union

from ..resources import rules_dir
from .yaml_source import RuleLoadError

COMMON = "common"
PLAN_FILE = "plan.yaml"
CASES_DIR = "cases"
SCENARIOS_DIR = "scenarios"
# folders of a pack (or of the common tree) that hold tests, not rules
TEST_DIRS = (CASES_DIR, SCENARIOS_DIR)

RulesDirs = Union[None, Path, str, Sequence[Union[Path, str]]]


@dataclass(frozen=True)
class Replacement:
    pack: str
    bundled: Path
    external: Path


@dataclass(frozen=True)
class PackSet:
    root: Path  # the tree whose common/ every pack shares
    packs: dict[str, Path]  # plan pack id -> its folder
    external: tuple[Path, ...] = ()  # the directories given, in order
    replaced: tuple[Replacement, ...] = ()

    @property
    def common(self) -> Path:
        return self.root / COMMON

    def folders(self) -> list[tuple[str, Path]]:
        """(pack id, folder) of common first, then of every plan pack in id order."""
        common = [(COMMON, self.common)] if self.common.is_dir() else []
        return common + sorted(self.packs.items())

    def notices(self) -> list[str]:
        return [f"plancheck: notice: pack {r.pack!r} from {r.external} replaces the bundled one ({r.bundled})"
                for r in self.replaced]


def as_dirs(rules: RulesDirs) -> tuple[Path, ...]:
    """`--rules` values (none, one or several) as a tuple of paths."""
    if rules is None:
        return ()
    if isinstance(rules, (str, Path)):
        return (Path(rules),)
    return tuple(Path(r) for r in rules)


def _visible_dirs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def _is_full_tree(folder: Path) -> bool:
    return (folder / COMMON).is_dir()


def pack_folders(folder: Path) -> list[Path]:
    """The plan packs a `--rules` directory adds: itself, or each of its sub-folders."""
    if not folder.is_dir():
        raise RuleLoadError(f"{folder}:1: rules directory not found")
    if (folder / PLAN_FILE).is_file():
        return [folder]
    found = _visible_dirs(folder)
    for sub in found:
        if not (sub / PLAN_FILE).is_file():
            raise RuleLoadError(f"{sub / PLAN_FILE}:1: plan: missing plan.yaml for pack {sub.name!r}")
    if not found:
        raise RuleLoadError(f"{folder}:1: no plan pack here (a pack is a folder with plan.yaml)")
    return found


def resolve_packs(rules: RulesDirs = None, bundled: Optional[Path] = None) -> PackSet:
    """The packs of a run: the bundled tree (or a complete tree given), plus the packs given."""
    dirs = as_dirs(rules)
    full = [d for d in dirs if d.is_dir() and _is_full_tree(d)]
    if len(full) > 1:
        raise RuleLoadError(f"{full[1]}:1: a second complete rules tree (with common/) besides {full[0]}; "
                            "give one tree and add plan packs to it")
    root = full[0] if full else (bundled or rules_dir())
    if not root.is_dir():
        raise RuleLoadError(f"{root}:1: rules directory not found")
    packs = {p.name: p for p in _visible_dirs(root) if p.name != COMMON}
    added: dict[str, Path] = {}
    replaced: list[Replacement] = []
    for folder in (f for d in dirs if d not in full for f in pack_folders(d)):
        pack = folder.name
        if pack == COMMON:
            raise RuleLoadError(f"{folder}:1: an added pack cannot be named {COMMON!r}; national rules are shared")
        if pack in added:
            raise RuleLoadError(f"{folder}:1: pack {pack!r} is given twice (also {added[pack]})")
        if pack in packs and packs[pack].resolve() != folder.resolve():  # a bundled pack named again is itself
            replaced.append(Replacement(pack, packs[pack], folder))
        packs[pack] = added[pack] = folder
    return PackSet(root, packs, dirs, tuple(replaced))
