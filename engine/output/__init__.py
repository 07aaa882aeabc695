"""Output formats: one formatter per format, chosen by name from FORMATTERS.

Each formatter's module is imported when it first renders, not with this package: a check prints
one format (text, unless asked), and importing all of them (html's escaping and templates,
sarif, junit, ...) is ~5 ms of a cold `plancheck check`. openpyxl (xlsx) is likewise loaded only
when a workbook is asked for.
"""
from __future__ import annotations

import importlib

from .base import FormatOptions, Formatter, RunOutcome


def _on_first_use(module: str, name: str) -> Formatter:
    """The formatter `name` of `module` (relative to this package), imported when it is called."""

    def render(outcome: RunOutcome, opts: FormatOptions):  # type: ignore[no-untyped-def]
        return getattr(importlib.import_module(module, __package__), name)(outcome, opts)

    render.__name__ = render.__qualname__ = name
    return render


FORMATTERS: dict[str, Formatter] = {
    "text": _on_first_use(".text", "render_text"),
    "concise": _on_first_use(".concise", "render_concise"),
    "github": _on_first_use(".github", "render_github"),
    "json": _on_first_use(".json_format", "render_json"),
    "sarif": _on_first_use(".sarif", "render_sarif"),
    "junit": _on_first_use(".junit", "render_junit"),
    "html": _on_first_use(".html", "render_html"),
    "xlsx": _on_first_use(".xlsx", "render_xlsx"),  # returns bytes: a workbook
}
