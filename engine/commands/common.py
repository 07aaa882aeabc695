"""Helpers shared by the CLI commands: building the checker, failing with exit code 2."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from engine.checker import Checker
from engine.exit_codes import ExitCode
from engine.rules.yaml_source import RuleLoadError


def fail(message: str) -> click.exceptions.Exit:
    """Print one error line and return the exit to raise (exit code 2)."""
    click.echo(f"plancheck: error: {message}", err=True)
    return click.exceptions.Exit(ExitCode.BAD_INPUT)


def build_checker(rules: Optional[Path]) -> Checker:
    try:
        return Checker.default(rules)
    except RuleLoadError as exc:
        raise fail(str(exc)) from None


def write_stdout(data: bytes, binary: bool) -> None:
    """Write output to stdout; a binary file (an Excel workbook) is refused on a terminal, where it
    would only scramble the screen."""
    if not binary:
        click.echo(data.decode("utf-8"), nl=False)
        return
    stream = click.get_binary_stream("stdout")
    if stream.isatty():
        raise fail("an Excel workbook is not written to a terminal: use --output FILE.xlsx or redirect stdout")
    stream.write(data)
    stream.flush()
