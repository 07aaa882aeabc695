"""Find the report files of a batch: directories (recursively), glob patterns and plain files."""
from __future__ import annotations

import glob
import hashlib
import os
import stat
from pathlib import Path
from typing import Iterable, Optional

SUFFIXES = (".json", ".xml", ".xlsx")
# Excel keeps a lock file "~$报告.xlsx" beside a workbook it has open: not a report.
_LOCK_PREFIX = "~$"
_GLOB_CHARS = set("*?[")


def _is_report_name(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES and not path.name.startswith(_LOCK_PREFIX)


def discover(inputs: Iterable[str]) -> list[str]:
    """Report paths, sorted and without repeats.

    A directory contributes every `.json`/`.xml`/`.xlsx` file below it; a glob pattern (`*`, `?`,
    `[`, `**` recursive) contributes the report files it matches; any other argument is
    taken as a file as given, so a missing or unreadable one is recorded as an error for that
    file instead of vanishing from the run.
    """
    found: set[str] = set()
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                found.update(str(Path(root) / f) for f in files if _is_report_name(Path(f)))
        elif _GLOB_CHARS & set(raw):
            found.update(m for m in glob.glob(raw, recursive=True)
                         if _is_report_name(Path(m)) and not Path(m).is_dir())
        else:
            found.add(str(path))
    return sorted(os.path.abspath(p) for p in found)


def inputs_key(inputs: Iterable[str]) -> str:
    """Identity of a batch's inputs as given (absolute, sorted): resuming needs the same key."""
    parts = sorted({os.path.abspath(i) if not (_GLOB_CHARS & set(i)) else os.path.join(os.getcwd(), i)
                    for i in inputs})
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def content_hash(path: str, max_bytes: int) -> Optional[str]:
    """sha256 of a report file's bytes; for a file over the size limit, of its size and mtime
    (it is rejected unread); None when it cannot be read at all."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return None
        if info.st_size > max_bytes:
            return f"oversize:{info.st_size}:{info.st_mtime_ns}"
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None
