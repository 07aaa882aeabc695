"""The rules version: a stable hash of everything a recorded result depends on but the report's
own bytes and path, so that a report recorded with the same content hash and rules version needs
no checking again (a resumed run skips it, a new run reuses it: engine.batch.run).

Every file of the run's packs that the catalog loads (rule files, plan files, data tables:
`*.yaml`) — common, the bundled packs and the packs added with `--rules` — is hashed by its pack
id, its path within the pack and its bytes, in sorted order, so the version changes when any
rule, plan or table changes (an added pack's, or a pack replacing a bundled one) and not when a
directory is moved. A pack's tests (`cases/`, `scenarios/`) decide no result and are left out.
The engine's own code is covered twice: by the package version, and by the code stamps the
on-disk caches key on (engine.disk_cache.code_stamps: the Python version and every engine
module's size and mtime), which change on every install and on every edit in a checkout, where
the package version does not. So are the versions of the packages that can change a result
(RESULT_PACKAGES).
"""
from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path
from typing import Union

from ..disk_cache import code_stamps
from ..rules.packs import TEST_DIRS, PackSet, resolve_packs

# Installed packages whose version can change a result: python-stdnum's national division list
# tells a department's level from its name (engine/plans/divisions.py); chinese-calendar's
# holidays move working-day deadlines (engine/workdays.py); pydantic words an invalid report's
# errors; durable-rules evaluates the rules; lxml and openpyxl read XML and Excel reports.
RESULT_PACKAGES = ("python-stdnum", "chinese-calendar", "pydantic", "durable-rules", "lxml", "openpyxl")


def _version(package: str, otherwise: str) -> str:
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
    digest.update(f"engine code {code_stamps()}\n".encode())
    for package in RESULT_PACKAGES:
        digest.update(f"{package} {_version(package, 'unknown')}\n".encode())
    hash_pack_files(digest, pack_set)
    return digest.hexdigest()[:16]


def hash_pack_files(digest: "hashlib._Hash", pack_set: PackSet) -> None:
    """Add every file of the packs that decides a result (pack id, path in the pack, bytes, in
    sorted order) to `digest`; the catalog cache keys on the same (engine.rules.catalog_cache)."""
    for rel, path in _pack_files(pack_set):
        data = path.read_bytes()
        digest.update(f"{rel}\0{len(data)}\0".encode())
        digest.update(data)
