"""The loaded catalog, cached on disk per rules version (engine.disk_cache), so a cold
`plancheck check` does not parse and cross-check every rule, plan and table again.

Shaped for speed: loading the bundled catalog (YAML parsing, pydantic validation, the
cross-checks) costs a few hundred milliseconds, unpickling it about ten. The cache is only ever a
copy of what `load_catalog` returns for the same inputs, so it can never change a verdict. Its
key is every `*.yaml` of the run's packs (hashed as the rules version hashes them,
engine.batch.version: common, the bundled packs and the packs added with `--rules`), each pack's
folder as given and as an absolute path (rule and plan paths, spelt as given, are shown in
messages), the versions of pydantic (pickled models) and
python-stdnum (its division list), and the engine's own code stamps, which stand for the
package version (an install writes the modules anew; asking importlib.metadata for the version
would cost a scan of sys.path, ~30 ms). Rules that do not load raise RuleLoadError as always,
and nothing is cached for them.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Union

from ..disk_cache import entry_name, load_or_build
from .catalog import Catalog, load_packs
from .packs import PackSet, resolve_packs


def _identity(pack_set: PackSet) -> str:
    """Every pack's folder as given and where it is: rule and plan paths are spelt as given."""
    return "\0".join(f"{pack}\0{folder}\0{os.path.abspath(folder)}"
                      for pack, folder in [("", pack_set.root), *pack_set.folders()])


def cache_key(rules: Union[Path, PackSet]) -> str:
    from pydantic import VERSION as PYDANTIC_VERSION

    from ..batch.version import hash_pack_files
    from ..resources import stdnum_version

    STDNUM_VERSION = stdnum_version()  # not imported: see stdnum_version

    pack_set = _packs(rules)
    digest = hashlib.sha256()
    for part in (f"packs {_identity(pack_set)}", f"pydantic {PYDANTIC_VERSION}", f"python-stdnum {STDNUM_VERSION}"):
        digest.update(f"{part}\n".encode())
    hash_pack_files(digest, pack_set)
    return digest.hexdigest()


def _packs(rules: Union[Path, PackSet]) -> PackSet:
    return rules if isinstance(rules, PackSet) else resolve_packs(None, bundled=rules)


def cached_catalog(rules: Union[Path, PackSet]) -> Catalog:
    """load_packs of the run's packs (or of a rules tree alone), from the cache when it holds this
    very catalog."""
    pack_set = _packs(rules)
    try:
        key = cache_key(pack_set)
    except OSError:  # the rules cannot be read: let load_packs say so
        return load_packs(pack_set)
    return load_or_build(entry_name("catalog", _identity(pack_set)), key, lambda: load_packs(pack_set), Catalog)
