"""`plancheck check`: check report files and print findings."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import click

from engine.commands.common import build_checker, fail
from engine.evaluate_types import EvaluationError
from engine.exit_codes import HELP as EXIT_HELP
from engine.exit_codes import ExitCode
from engine.io.read import DEFAULT_MAX_BYTES
from engine.io.source import InputError
from engine.output import FORMATTERS
from engine.output.base import FormatOptions, RunOutcome
from engine.output.summary import at_or_above
from engine.rules.model import Severity


@click.command(epilog=EXIT_HELP)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATTERS)), default="text",
              show_default=True, help="Output format.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of messages (English falls back to Chinese where a rule has none).")
@click.option("--fail-level", type=click.Choice([s.value for s in Severity]), default="error",
              show_default=True, help="Lowest severity that makes the run fail (exit 1).")
@click.option("--no-color", is_flag=True, help="Plain text output (NO_COLOR is honoured too).")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Rules directory (default: the bundled rules).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Reject report files larger than this before reading them.")
def check(files: tuple[Path, ...], output_format: str, lang: str, fail_level: str, no_color: bool,
          rules_dir: Optional[Path], max_bytes: int) -> None:
    """Check report FILES (JSON or XML) and print findings."""
    checker = build_checker(rules_dir)
    results, errors = [], []
    for path in files:
        try:
            results.append(checker.check_path(path, max_bytes))
        except InputError as exc:
            errors.append(exc)
            click.echo(f"plancheck: error: {exc.line()}", err=True)
        except EvaluationError as exc:
            raise fail(f"{path}: {exc}") from None
    level = Severity(fail_level)
    color = not no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty()
    options = FormatOptions(lang=lang, color=color, fail_level=level)
    outcome = RunOutcome(tuple(results), tuple(errors))
    click.echo(FORMATTERS[output_format](outcome, options), nl=False)
    if errors:
        sys.exit(ExitCode.BAD_INPUT)
    failing = sum(at_or_above(r.findings, level) for r in results)
    sys.exit(ExitCode.FINDINGS if failing else ExitCode.CLEAN)
