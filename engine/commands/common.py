"""Helpers shared by the CLI commands: building the checker, failing with exit code 2."""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence, Union

import click

from ..checker import Checker
from ..exit_codes import ExitCode
from ..rules.packs import PackSet
from ..rules.yaml_source import RuleLoadError

# One `--rules` for every command (the configuration file's rules key feeds it too).
rules_option = click.option(
    "--rules", "rules_dir", multiple=True, type=click.Path(path_type=Path, file_okay=False), metavar="DIR",
    help="Add the plan packs in DIR (one pack, or a folder of packs) to the bundled ones; a pack with a "
         "bundled pack's id replaces it. A DIR with common/ is a complete rules tree used instead. Repeatable.")


def fail(message: str) -> click.exceptions.Exit:
    """Print one error line and return the exit to raise (exit code 2)."""
    click.echo(f"plancheck: error: {message}", err=True)
    return click.exceptions.Exit(ExitCode.BAD_INPUT)


def say_replaced(pack_set: Optional[PackSet]) -> None:
    """On stderr, every bundled pack an added one replaces."""
    for notice in pack_set.notices() if pack_set else ():
        click.echo(notice, err=True)


def build_checker(rules: Union[None, Path, Sequence[Path]]) -> Checker:
    try:
        checker = Checker.default(rules)
    except RuleLoadError as exc:
        raise fail(str(exc)) from None
    say_replaced(checker.catalog.pack_set)
    return checker


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
