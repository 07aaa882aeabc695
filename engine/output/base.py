"""What every formatter receives, and the table of formatters by name."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from engine.checker import CheckResult
from engine.io.source import InputError
from engine.rules.model import Severity


@dataclass(frozen=True)
class RunOutcome:
    results: tuple[CheckResult, ...]
    errors: tuple[InputError, ...]


@dataclass(frozen=True)
class FormatOptions:
    lang: str = "zh"
    color: bool = False
    fail_level: Severity = Severity.error


Formatter = Callable[[RunOutcome, FormatOptions], str]
