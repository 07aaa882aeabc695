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
