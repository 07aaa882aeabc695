"""The rules version: a stable hash of everything a result depends on in the rules packs.

Every file of the run's packs that the catalog loads (rule files, plan files, data tables:
`*.yaml`) — common, the bundled packs and the packs added with `--rules` — is hashed by its pack
id, its path within the pack and its bytes, in sorted order, so the version changes when any
rule, plan or table changes (an added pack's, or a pack replacing a bundled one) and not when a
directory is moved. A pack's tests (`cases/`, `scenarios/`) decide no result and are left out.
The engine's own code is versioned by the package version, which is hashed in as well, and so
is python-stdnum's: its national division list tells a department's level from its name
(engine/plans/divisions.py), so a newer list can change a result.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Union

from ..rules.packs import TEST_DIRS, PackSet, resolve_packs


def _version(package: str, otherwise: str) -> str:
    # imported here: a cold `plancheck check` hashes the pack files for its catalog cache key but
    # asks no version, and importlib.metadata (email, zipfile, ...) is 8-17 ms of its start
    from importlib import metadata

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return otherwise


def _tool_version() -> str:
    return _version("plancheck", "source")


def _pack_files(pack_set: PackSet) -> list[tuple[str, Path]]:
    files = []
    for pack, folder in pack_set.folders():
        if not folder.is_dir():
            continue
        # the tests are left out before they are walked, not after: they are three files in four,
        # and walking them was most of a cold check's cache key; otherwise what folder.rglob finds
        for top in folder.iterdir():
            if top.name in TEST_DIRS:
                continue
            found = [top] if top.match("*.yaml") else []
            if top.is_dir() and not top.is_symlink():  # rglob does not enter a linked folder either
                found += top.rglob("*.yaml")
            files += [(f"{pack}/{path.relative_to(folder).as_posix()}", path) for path in found if path.is_file()]
    return sorted(files)


def rules_version(rules: Union[Path, PackSet]) -> str:
    """`rules`: the packs of the run, or a rules tree alone."""
    pack_set = rules if isinstance(rules, PackSet) else resolve_packs(None, bundled=rules)
    digest = hashlib.sha256()
    digest.update(f"plancheck {_tool_version()}\n".encode())
    digest.update(f"python-stdnum {_version('python-stdnum', 'unknown')}\n".encode())
    hash_pack_files(digest, pack_set)
    return digest.hexdigest()[:16]


def hash_pack_files(digest: "hashlib._Hash", pack_set: PackSet) -> None:
    """Add every file of the packs that decides a result (pack id, path in the pack, bytes, in
    sorted order) to `digest`; the catalog cache keys on the same (engine.rules.catalog_cache)."""
    for rel, path in _pack_files(pack_set):
        data = path.read_bytes()
        digest.update(f"{rel}\0{len(data)}\0".encode())
        digest.update(data)
