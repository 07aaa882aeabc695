"""Find the report files of a batch: directories (recursively), glob patterns and plain files."""
from __future__ import annotations

import glob
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

SUFFIXES = (".json", ".xml", ".xlsx")
# Excel keeps a lock file "~$报告.xlsx" beside a workbook it has open: not a report.
_LOCK_PREFIX = "~$"
_GLOB_CHARS = set("*?[")
# the content hash of a file over the size limit (rejected unread) starts so: not a hash of bytes
OVERSIZE_PREFIX = "oversize:"


def _is_report_name(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES and not path.name.startswith(_LOCK_PREFIX)


@dataclass(frozen=True)
class Unmatched:
    """An input that contributed no report file, and why (for the operator's log)."""

    input: str
    reason: str

    def line(self) -> str:
        return f"{self.input}: {self.reason}"


@dataclass(frozen=True)
class Discovery:
    paths: list[str]
    unmatched: list[Unmatched] = field(default_factory=list)


class NothingToCheck(Exception):
    """No input matched a report file: the run would be empty, which must not look like success
    (an unmounted share is an empty directory)."""

    def __init__(self, unmatched: list[Unmatched]):
        self.unmatched = unmatched
        super().__init__("no report file matches the inputs: "
                         + "; ".join(u.line() for u in unmatched))


def find_reports(inputs: Iterable[str]) -> Discovery:
    """Report paths, sorted and without repeats, and the inputs that matched none.

    A directory contributes every `.json`/`.xml`/`.xlsx` file below it; a glob pattern (`*`, `?`,
    `[`, `**` recursive) contributes the report files it matches; any other argument
    named `.json`/`.xml`/`.xlsx`, or existing, is taken as a file as given, so a missing or unreadable
    one is recorded as an error for that file instead of vanishing from the run. A directory
    without report files, a pattern matching none and a missing path not named like a report
    (a directory, most likely) are unmatched.
    """
    found: set[str] = set()
    unmatched: list[Unmatched] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            below = [str(Path(root) / f) for root, _, files in os.walk(path)
                     for f in files if _is_report_name(Path(f))]
            found.update(below)
            if not below:
                unmatched.append(Unmatched(raw, "directory holds no .json or .xml file "
                                                "(is the share mounted?)"))
        elif _GLOB_CHARS & set(raw):
            matches = [m for m in glob.glob(raw, recursive=True)
                       if _is_report_name(Path(m)) and not Path(m).is_dir()]
            found.update(matches)
            if not matches:
                unmatched.append(Unmatched(raw, "pattern matches no .json or .xml file"))
        elif _is_report_name(path) or os.path.lexists(path):
            found.add(str(path))
        else:
            unmatched.append(Unmatched(raw, "no such file or directory"))
    return Discovery(sorted({os.path.abspath(p) for p in found}), unmatched)


def discover(inputs: Iterable[str]) -> list[str]:
    """Report paths of the inputs, sorted and without repeats (see find_reports)."""
    return find_reports(inputs).paths


def inputs_key(inputs: Iterable[str]) -> str:
    """Identity of a batch's inputs as given (absolute, sorted): resuming needs the same key."""
    parts = sorted({os.path.abspath(i) if not (_GLOB_CHARS & set(i)) else os.path.join(os.getcwd(), i)
                    for i in inputs})
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def bytes_hash(data: bytes) -> str:
    """The content hash of a report's bytes (a worker hashes the bytes it has read and checked)."""
    return hashlib.sha256(data).hexdigest()


def content_hash(path: str, max_bytes: int) -> Optional[str]:
    """sha256 of a report file's bytes; for a file over the size limit, of its size and mtime
    (it is rejected unread); None when it cannot be read at all."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return None
        if info.st_size > max_bytes:
            return f"{OVERSIZE_PREFIX}{info.st_size}:{info.st_mtime_ns}"
        with open(path, "rb") as handle:
            return bytes_hash(handle.read())
    except OSError:
        return None
