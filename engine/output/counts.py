"""Counts as a reader reads them: "1 warning", "2 warnings" in English; Chinese has no plural.

Every count in English output goes through `plural`, so none says "1 warnings".
"""
from __future__ import annotations

from typing import Iterable, Mapping

from ..findings import Finding
from .summary import Summary

# nouns whose plural is not singular + "s"; "info" is a mass noun ("2 info", as ruff and eslint say)
_IRREGULAR = {"info": "info", "info finding": "info findings"}


def plural(n: int, noun: str) -> str:
    """`1 warning`, `2 warnings`, `0 reports`."""
    if n == 1:
        return f"{n} {noun}"
    return f"{n} {_IRREGULAR.get(noun, noun + 's')}"


def severity_counts(by_severity: Mapping[str, int], lang: str) -> str:
    """`错误 1，警告 2，提示 0` or `1 error, 2 warnings, 0 info`."""
    if lang == "zh":
        return f"错误 {by_severity['error']}，警告 {by_severity['warning']}，提示 {by_severity['info']}"
    return ", ".join(plural(by_severity[s], s) for s in ("error", "warning", "info"))


def finding_counts(findings: Iterable[Finding], lang: str, reports: int) -> str:
    """The closing line of the one-line-per-finding formats."""
    summary = Summary.of(findings)
    if lang == "zh":
        return f"共 {summary.total} 项问题（{severity_counts(summary.by_severity, lang)}），检查报告 {reports} 份。"
    return (f"Found {plural(summary.total, 'finding')} ({severity_counts(summary.by_severity, lang)}) "
            f"in {plural(reports, 'report')}.")
