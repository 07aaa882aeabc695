"""`plancheck check`: check report files and print findings."""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any, Optional

import click

from engine.checker import CheckResult, Checker
from engine.commands.common import build_checker, fail, write_stdout
from engine.evaluate_types import EvaluationError
from engine.exit_codes import HELP as EXIT_HELP
from engine.exit_codes import exit_code
from engine.fact_builder import CST
from engine.io.read import DEFAULT_MAX_BYTES
from engine.io.source import InputError
from engine.output import FORMATTERS
from engine.output.base import FormatOptions, RunOutcome
from engine.output.summary import at_or_above
from engine.output.words import OUT
from engine.rules.model import Severity
from engine.template import same_department
from engine.waivers import WaiverError, WaiverOutcome, apply_waivers, load_waivers

PROGRESS_FROM = 3  # files; fewer finish before progress would help


def _output_options(func: Any) -> Any:
    """`--output-<format> FILE` for every formatter: several formats from one run."""
    for name in sorted(FORMATTERS, reverse=True):
        func = click.option(f"--output-{name}", f"output_{name}", type=click.Path(path_type=Path, dir_okay=False),
                            help=f"Also write {name} output to this file.")(func)
    return func


def _self_check(result: CheckResult, name: str, checker: Checker) -> CheckResult:
    """Only the findings on clauses this department answers for, is suggested to report or
    reported itself (and those citing no clause)."""
    report = result.loaded.report
    plan = checker.catalog.plans[report.plan]
    if not same_department(plan, report.department.name, name):
        raise InputError(result.path, f"the report is from {report.department.name!r}, not {name!r}",
                         result.loaded.source.locate("/department/name"))
    mine = {duty.clause.id for duty in result.duties} | {task.clause for task in report.tasks}
    kept = tuple(f for f in result.findings if f.citation is None or f.citation.clause in mine)
    return CheckResult(result.loaded, kept, result.department, result.duties, result.facts)


def use_color(no_color: bool, environ: Any, isatty: bool) -> bool:
    """Colour only on a terminal, and never with --no-color or NO_COLOR (https://no-color.org)."""
    return isatty and not no_color and not environ.get("NO_COLOR")


def _today(value: Optional[dt.date]) -> dt.date:
    return value or dt.datetime.now(CST).date()


@click.command(epilog=EXIT_HELP)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATTERS)), default="text",
              show_default=True, help="Output format on stdout.")
@_output_options
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of messages (English falls back to Chinese where a rule has none).")
@click.option("--fail-level", type=click.Choice([s.value for s in Severity]), default="error",
              show_default=True, help="Lowest severity that makes the run fail (exit 1).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (still 2 on unusable input).")
@click.option("--department", "department", metavar="NAME",
              help="Self-check: only the clauses NAME answers for; text output is a to-do list.")
@click.option("--waivers", "waivers_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Waiver file (YAML or JSON, schemas/waivers.schema.json).")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]),
              help="Date for waiver expiry (default: today in China).")
@click.option("--no-color", is_flag=True, help="Plain text output (NO_COLOR is honoured too).")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Rules directory (default: the bundled rules).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Reject report files larger than this before reading them.")
def check(files: tuple[Path, ...], output_format: str, lang: str, fail_level: str, exit_zero: bool,
          department: Optional[str], waivers_file: Optional[Path], today: Optional[dt.datetime], no_color: bool,
          rules_dir: Optional[Path], max_bytes: int, **outputs: Optional[Path]) -> None:
    """Check report FILES (JSON, XML or Excel .xlsx) and print findings."""
    checker = build_checker(rules_dir)
    loaded_waivers = None
    if waivers_file is not None:
        try:
            loaded_waivers = load_waivers(waivers_file, checker.catalog)
        except WaiverError as exc:
            raise fail(str(exc)) from None
    results, errors = [], []
    progress = len(files) >= PROGRESS_FROM and sys.stderr.isatty()
    for i, path in enumerate(files, 1):
        if progress:
            click.echo("\r\033[K" + OUT[lang]["progress"].format(i=i, n=len(files), path=path), err=True, nl=False)
        try:
            result = checker.check_path(path, max_bytes, self_check=department is not None)
            results.append(_self_check(result, department, checker) if department else result)
        except InputError as exc:
            errors.append(exc)
            click.echo(("\r\033[K" if progress else "") + f"plancheck: error: {exc.line()}", err=True)
        except EvaluationError as exc:
            raise fail(f"{path}: {exc}") from None
    if progress:
        click.echo("\r\033[K", err=True, nl=False)
    waivers = WaiverOutcome.empty()
    if loaded_waivers is not None:
        waivers = apply_waivers(results, loaded_waivers.waivers, _today(today.date() if today else None),
                                checker.catalog, loaded_waivers)
    level = Severity(fail_level)
    outcome = RunOutcome(tuple(results), tuple(errors), waivers, checker.catalog, department)
    color = use_color(no_color, os.environ, sys.stdout.isatty())
    rendered = FORMATTERS[output_format](outcome, FormatOptions(lang=lang, color=color, fail_level=level))
    write_stdout(rendered if isinstance(rendered, bytes) else rendered.encode("utf-8"), isinstance(rendered, bytes))
    plain = FormatOptions(lang=lang, color=False, fail_level=level)
    for key, target in outputs.items():
        if target is not None:
            written = FORMATTERS[key.removeprefix("output_")](outcome, plain)
            if isinstance(written, bytes):  # a workbook
                target.write_bytes(written)
            else:
                target.write_text(written, encoding="utf-8")
    failing = sum(at_or_above(outcome.active(r), level) for r in results)
    sys.exit(exit_code(bad_input=bool(errors), failing=failing, exit_zero=exit_zero))
