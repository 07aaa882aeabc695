"""Process exit codes: defined here once, documented in --help and the README."""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    CLEAN = 0  # no finding at or above the fail level
    FINDINGS = 1  # at least one finding at or above the fail level
    BAD_INPUT = 2  # a report could not be read or validated, or the rules are invalid


HELP = (
    "Exit codes: 0 no finding at or above --fail-level; 1 findings at or above it; "
    "2 unreadable or invalid input, unknown plan, or invalid rule files."
)
