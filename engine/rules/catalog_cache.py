"""The loaded catalog, cached on disk per rules version, so a cold `plancheck check` does not parse
and cross-check every rule, plan and table again.

Shaped for speed: loading the bundled catalog (YAML parsing, pydantic validation, the
cross-checks) costs a few hundred milliseconds, unpickling it about ten. The cache is only ever a
copy of what `load_catalog` returns for the same inputs, so it can never change a verdict:

- its key is every `*.yaml` under the rules root (hashed as the rules version hashes them,
  engine.batch.version), the rules root as given and as an absolute path (rule and plan paths,
  spelt as given, are shown in messages), the versions of Python, pydantic (pickled models) and
  python-stdnum (its division list), and the size and mtime of every engine module. The
  modules' stamps stand for the package version: an install writes them anew, and in a source
  checkout or an editable install the code changes while the version does not. (Asking
  importlib.metadata for the version costs a scan of sys.path, ~30 ms of the ~300 saved.)
- a cache file that is missing, unreadable, corrupt, from another key or of the wrong type is
  ignored and the catalog is loaded from the rules; one that cannot be written is not written.
  Neither is ever reported: the cache is an optimisation, not a feature.
- Rules that do not load raise RuleLoadError as always, and nothing is cached for them.

Where: $PLANCHECK_CACHE_DIR, else $XDG_CACHE_HOME/plancheck, else ~/.cache/plancheck; one file
per rules root, replaced atomically (written aside, then renamed).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Optional

from engine.rules.catalog import Catalog, load_catalog

CACHE_ENV = "PLANCHECK_CACHE_DIR"
_ENGINE = Path(__file__).resolve().parent.parent
FORMAT = 1  # bump when what is pickled changes shape


def cache_dir() -> Path:
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "plancheck"


def _code_stamps() -> str:
    """Size and mtime of every engine module."""
    stamps = []
    for folder, dirs, files in os.walk(_ENGINE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                stamps.append(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(stamps).encode()).hexdigest()


def cache_key(root: Path) -> str:
    from pydantic import VERSION as PYDANTIC_VERSION
    from stdnum import __version__ as STDNUM_VERSION

    from engine.batch.version import hash_rules_files

    digest = hashlib.sha256()
    for part in (f"format {FORMAT}", f"root {_root_identity(root)}",
                 f"python {sys.implementation.name} {sys.version}", f"pydantic {PYDANTIC_VERSION}",
                 f"python-stdnum {STDNUM_VERSION}", f"code {_code_stamps()}"):
        digest.update(f"{part}\n".encode())
    hash_rules_files(digest, root)
    return digest.hexdigest()


def _root_identity(root: Path) -> str:
    """The root as given and where it is: rule and plan paths in the catalog are spelt as given."""
    return f"{root}\0{os.path.abspath(root)}"


def _cache_file(root: Path) -> Path:
    name = hashlib.sha256(_root_identity(root).encode()).hexdigest()[:16]
    return cache_dir() / f"catalog-{name}.pickle"


def _read(path: Path, key: str) -> Optional[Catalog]:
    try:
        with open(path, "rb") as handle:
            stored_key, catalog = pickle.load(handle)
    except Exception:  # missing, unreadable, truncated, from an older engine: load the rules instead
        return None
    if stored_key != key or not isinstance(catalog, Catalog):
        return None
    return catalog


def _write(path: Path, key: str, catalog: Catalog) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, aside = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((key, catalog), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(aside, path)
        except BaseException:
            os.unlink(aside)
            raise
    except Exception:  # a read-only home, a full disk, an unpicklable object: run without a cache
        pass


def cached_catalog(root: Path) -> Catalog:
    """load_catalog(root), from the cache when it holds this very catalog."""
    try:
        key = cache_key(root)
    except OSError:  # the rules cannot be read: let load_catalog say so
        return load_catalog(root)
    path = _cache_file(root)
    catalog = _read(path, key)
    if catalog is None:
        catalog = load_catalog(root)
        _write(path, key, catalog)
    return catalog
