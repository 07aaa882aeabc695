"""GitHub Actions annotations: `::error file=F,line=L,col=C,title=RULE::message`, one per
unwaived finding (info as `notice`), escaped as GitHub's workflow commands require (`%`, CR and
LF in the message; also `:` and `,` in the properties)."""
from __future__ import annotations

from .base import FormatOptions, RunOutcome
from .counts import finding_counts
from .positions import line_col

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(outcome: RunOutcome, opts: FormatOptions) -> str:
    lines = []
    shown = []
    for result in outcome.results:
        for f in outcome.active(result):
            shown.append(f)
            line, col = line_col(f.location, result.loaded.content)
            props = ",".join(f"{k}={escape_property(str(v))}" for k, v in (
                ("file", result.path), ("line", line), ("col", col), ("title", f.rule_id)))
            message = f"{f.message(opts.lang)}\n{f.remediation(opts.lang)}"
            lines.append(f"::{_COMMAND[f.severity.value]} {props}::{escape_data(message)}")
    for error in outcome.errors:
        where = {"file": error.path}
        if error.location is not None and error.location.line is not None:
            where["line"] = str(error.location.line)
            if error.location.column is not None:
                where["col"] = str(error.location.column)
        props = ",".join(f"{k}={escape_property(v)}" for k, v in where.items())
        lines.append(f"::error {props},title=plancheck::{escape_data(error.line())}")
    if not opts.quiet:
        lines.append(finding_counts(shown, opts.lang, len(outcome.results)))
    return "\n".join(lines) + "\n"
