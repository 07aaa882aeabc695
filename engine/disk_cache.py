"""A small on-disk cache of objects that are costly to build and pure functions of files: the
loaded catalog (engine.rules.catalog_cache) and the place-name index (engine.plans.divisions).

Shaped for speed and for never mattering otherwise: an entry is a pickle of (key, object) in
the user's cache directory; the key names everything the object is built from, and it always
includes the size and mtime of every engine module (the code that builds and reads the object;
they change on every install, and on every edit in a checkout, where the version does not). A
missing, unreadable, corrupt or foreign entry is rebuilt; one that cannot be written is not
written; neither is ever reported, and nothing built from bad input (an exception) is stored.

Where: $PLANCHECK_CACHE_DIR, else $XDG_CACHE_HOME/plancheck, else ~/.cache/plancheck. Entries are
replaced atomically (written aside, then renamed).
"""
from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional, TypeVar

CACHE_ENV = "PLANCHECK_CACHE_DIR"
_ENGINE = Path(__file__).resolve().parent
T = TypeVar("T")


def cache_dir() -> Path:
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "plancheck"


@lru_cache(maxsize=1)
def code_stamps() -> str:
    """The Python version and the size and mtime of every engine module (once per process)."""
    stamps = [f"python {sys.implementation.name} {sys.version}"]
    for folder, dirs, files in os.walk(_ENGINE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                stamps.append(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\n".join(stamps).encode()).hexdigest()


def entry_name(kind: str, identity: str) -> str:
    """One entry per kind and identity (e.g. per rules directory): a later key replaces it."""
    return f"{kind}-{hashlib.sha256(identity.encode()).hexdigest()[:16]}.pickle"


def _read(path: Path, key: str, expected: type) -> Optional[object]:
    # Unpickling makes tens of thousands of long-lived objects: the cyclic GC is kept out of the
    # load (it would walk them again and again as they are made), as it is out of importing a
    # command (engine.cli).
    collecting = gc.isenabled()
    gc.disable()
    try:
        with open(path, "rb") as handle:
            stored_key, value = pickle.load(handle)
    except Exception:  # missing, unreadable, truncated, from an older engine: build it instead
        return None
    finally:
        if collecting:
            gc.enable()
    if stored_key != key or not isinstance(value, expected):
        return None
    return value


def _write(path: Path, key: str, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, aside = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(aside, path)
        except BaseException:
            os.unlink(aside)
            raise
    except Exception:  # a read-only home, a full disk, an unpicklable object: go on without
        pass


def load_or_build(name: str, key: str, build: Callable[[], T], expected: type) -> T:
    """The cached object stored under `name` with this very `key` (code stamps are added to
    it), else `build()`, stored for the next process."""
    path = cache_dir() / name
    full_key = f"{key}\ncode {code_stamps()}"
    value = _read(path, full_key, expected)
    if value is None:
        value = build()
        _write(path, full_key, value)
    return value  # type: ignore[return-value]
