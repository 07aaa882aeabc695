"""Concise output: one line per finding, `file:line:col: RULE-ID severity message`, the form
compilers use, so editors and CI logs make each line a link (ruff's `--output-format concise`).

Waived findings are left out (they do not fail the run); a last line counts what was shown.
With -q only that line is printed. Unreadable inputs are on stderr as usual, not here.
"""
from __future__ import annotations

import click

from .base import FormatOptions, RunOutcome
from .counts import finding_counts
from .positions import line_col

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render_concise(outcome: RunOutcome, opts: FormatOptions) -> str:
    lines = []
    shown = []
    for result in outcome.results:
        for f in outcome.active(result):
            shown.append(f)
            if opts.quiet:
                continue
            line, col = line_col(f.location, result.loaded.content)
            where = click.style(f"{result.path}:{line}:{col}:", bold=True) if opts.color else f"{result.path}:{line}:{col}:"
            rule = click.style(f.rule_id, fg=_COLOURS[f.severity.value], bold=True) if opts.color else f.rule_id
            lines.append(f"{where} {rule} {f.severity.value} {_one_line(f.message(opts.lang))}")
    lines.append(finding_counts(shown, opts.lang, len(outcome.results)))
    return "\n".join(lines) + "\n"
