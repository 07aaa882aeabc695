"""Process exit codes: defined here once, documented in --help and the README.

    0  CLEAN      no finding at or above --fail-level (waived findings do not count), or
                  --exit-zero was given and every report could be read
    1  FINDINGS   at least one unwaived finding at or above --fail-level
    2  BAD_INPUT  a file could not be read as a report (unparseable, not a report object, a
                  broken frame, an invalid header, more than 500 invalid values), its plan or
                  department is unknown (or is not the --department given), the rule files or
                  the waiver file are invalid, an input of `batch` matches no report file
                  (an empty or unmounted directory, a pattern matching nothing), or a
                  command was used wrongly (click's usage errors are 2 as well); an invalid
                  value inside a readable report is a finding, not bad input

Unusable input wins over findings: a run with both exits 2, also with --exit-zero.
"""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    CLEAN = 0  # no finding at or above the fail level
    FINDINGS = 1  # at least one finding at or above the fail level
    BAD_INPUT = 2  # a report could not be read or validated, or the rules are invalid


def exit_code(bad_input: bool, failing: int, exit_zero: bool = False) -> ExitCode:
    if bad_input:
        return ExitCode.BAD_INPUT
    if failing and not exit_zero:
        return ExitCode.FINDINGS
    return ExitCode.CLEAN


HELP = (
    "Exit codes: 0 no unwaived finding at or above --fail-level (always 0 with --exit-zero "
    "when every input is usable); 1 findings at or above it (invalid values inside a readable "
    "report are findings); 2 a file that is not a readable report or has an invalid header, "
    "unknown plan or department, invalid rule or waiver files, a batch input matching no "
    "report file, or wrong usage."
)
