"""The loaded catalog, cached on disk per rules version (engine.disk_cache), so a cold
`plancheck check` does not parse and cross-check every rule, plan and table again.

Shaped for speed: loading the bundled catalog (YAML parsing, pydantic validation, the
cross-checks) costs a few hundred milliseconds, unpickling it about ten. The cache is only ever a
copy of what `load_catalog` returns for the same inputs, so it can never change a verdict. Its
key is every `*.yaml` under the rules root (hashed as the rules version hashes them,
engine.batch.version), the rules root as given and as an absolute path (rule and plan paths,
spelt as given, are shown in messages), the versions of pydantic (pickled models) and
python-stdnum (its division list), and the engine's own code stamps, which stand for the
package version (an install writes the modules anew; asking importlib.metadata for the version
would cost a scan of sys.path, ~30 ms). Rules that do not load raise RuleLoadError as always,
and nothing is cached for them.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from engine.disk_cache import entry_name, load_or_build
from engine.rules.catalog import Catalog, load_catalog


def _root_identity(root: Path) -> str:
    """The root as given and where it is: rule and plan paths in the catalog are spelt as given."""
    return f"{root}\0{os.path.abspath(root)}"


def cache_key(root: Path) -> str:
    from pydantic import VERSION as PYDANTIC_VERSION
    from stdnum import __version__ as STDNUM_VERSION

    from engine.batch.version import hash_rules_files

    digest = hashlib.sha256()
    for part in (f"root {_root_identity(root)}", f"pydantic {PYDANTIC_VERSION}", f"python-stdnum {STDNUM_VERSION}"):
        digest.update(f"{part}\n".encode())
    hash_rules_files(digest, root)
    return digest.hexdigest()


def cached_catalog(root: Path) -> Catalog:
    """load_catalog(root), from the cache when it holds this very catalog."""
    try:
        key = cache_key(root)
    except OSError:  # the rules cannot be read: let load_catalog say so
        return load_catalog(root)
    return load_or_build(entry_name("catalog", _root_identity(root)), key, lambda: load_catalog(root), Catalog)
