"""Output formats: one formatter per format, chosen by name from FORMATTERS."""
from __future__ import annotations

from .base import FormatOptions, Formatter, RunOutcome
from .concise import render_concise
from .github import render_github
from .html import render_html
from .json_format import render_json
from .junit import render_junit
from .sarif import render_sarif
from .text import render_text


def render_xlsx(outcome: RunOutcome, opts: FormatOptions) -> bytes:
    from .xlsx import render_xlsx as render  # openpyxl is loaded only when asked for

    return render(outcome, opts)


FORMATTERS: dict[str, Formatter] = {
    "text": render_text,
    "concise": render_concise,
    "github": render_github,
    "json": render_json,
    "sarif": render_sarif,
    "junit": render_junit,
    "html": render_html,
    "xlsx": render_xlsx,  # returns bytes: a workbook
}
