"""Locate the bundled rules and schemas, in a source checkout or after a non-editable install,
and python-stdnum's files, without importing it (stdnum_dir: a cold check does not pay for
stdnum.util's imports to read a data file and a version)."""
from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path
from typing import Optional

_HERE = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def rules_dir() -> Path:
    override = os.environ.get("PLANCHECK_RULES")
    if override:
        return Path(override)
    # installed: engine/bundled_rules (setup.cfg maps rules/ there); checkout: ../rules
    return _first_existing(_HERE / "bundled_rules", _HERE.parent / "rules")


def schemas_dir() -> Path:
    return _first_existing(_HERE / "bundled_schemas", _HERE.parent / "schemas")



def stdnum_dir() -> Optional[Path]:
    """python-stdnum's package folder (its division list is cn/loc.dat), found without importing
    it: `import stdnum` imports stdnum.util and with it ssl, pydoc and pkgutil, ~10 ms of a cold
    `plancheck check` that wants only that file and the version. None when it is not installed."""
    spec = importlib.util.find_spec("stdnum")
    return Path(spec.origin).parent if spec is not None and spec.origin else None


def stdnum_version() -> str:
    """python-stdnum's __version__, read from its __init__.py (see stdnum_dir); imported only if
    that file ever stops saying it in one line."""
    folder = stdnum_dir()
    try:
        source = (folder / "__init__.py").read_text(encoding="utf-8") if folder else ""
    except OSError:
        source = ""
    found = re.search(r"""^__version__ = ['"]([^'"]+)['"]$""", source, re.M)
    if found:
        return found.group(1)
    from stdnum import __version__

    return __version__
