"""The rules version: a stable hash of everything a result depends on in the rules directory.

Every file under the rules root that the catalog loads (rule files, plan files, data tables:
`*.yaml`) is hashed by its path relative to the root and its bytes, in sorted order, so the
version changes when any rule, plan or table changes and not when the directory is moved.
The engine's own code is versioned by the package version, which is hashed in as well, and so
is python-stdnum's: its national division list tells a department's level from its name
(engine/plans/divisions.py), so a newer list can change a result.
"""
from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path


def _version(package: str, otherwise: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return otherwise


def _tool_version() -> str:
    return _version("plancheck", "source")


def rules_version(root: Path) -> str:
    digest = hashlib.sha256()
    digest.update(f"plancheck {_tool_version()}\n".encode())
    digest.update(f"python-stdnum {_version('python-stdnum', 'unknown')}\n".encode())
    hash_rules_files(digest, root)
    return digest.hexdigest()[:16]


def hash_rules_files(digest: "hashlib._Hash", root: Path) -> None:
    """Add every `*.yaml` under `root` (relative path and bytes, in sorted order) to `digest`."""
    for path in sorted(p for p in root.rglob("*.yaml") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        data = path.read_bytes()
        digest.update(f"{rel}\0{len(data)}\0".encode())
        digest.update(data)
