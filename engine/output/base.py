"""What every formatter receives, and the table of formatters by name."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional, Union

from ..checker import CheckResult
from ..findings import Finding
from ..io.source import InputError
from ..rules.catalog import Catalog
from ..rules.model import Severity
from ..waivers import Waiver, WaiverOutcome


@dataclass(frozen=True)
class RunOutcome:
    results: tuple[CheckResult, ...]
    errors: tuple[InputError, ...]
    waivers: WaiverOutcome = field(default_factory=WaiverOutcome.empty)
    catalog: Optional[Catalog] = None  # for formats that list every rule (SARIF, JUnit, HTML)
    department: Optional[str] = None  # `--department`: a department's self-check (to-do list)

    def waiver_for(self, finding: Finding) -> Optional[Waiver]:
        return self.waivers.waiver_for(finding)

    def active(self, result: CheckResult) -> list[Finding]:
        """The findings of one report that are not waived."""
        return [f for f in result.findings if self.waiver_for(f) is None]


@dataclass(frozen=True)
class FormatOptions:
    lang: str = "zh"
    color: bool = False
    fail_level: Severity = Severity.error
    quiet: bool = False  # -q: text and concise print the verdict / count lines only


# Text formats return str; a binary format (xlsx) returns bytes.
Formatter = Callable[[RunOutcome, FormatOptions], Union[str, bytes]]
