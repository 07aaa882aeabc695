"""`plancheck check`: check report files and print findings."""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import Any, Mapping, Optional, Union

import click

from ..check_run import check_loaded_report, failing_findings, today_in_china
from ..checker import CheckResult, Checker
from .settings import (COMMAND_LINE, ConfigError, Settings, read_config, resolve,
                                            show_config_lines)
from .common import build_checker, fail, rules_option, write_stdout
from ..evaluate_types import EvaluationError
from ..exit_codes import HELP as EXIT_HELP
from ..exit_codes import exit_code
from ..inputs import expand, is_stdin, read_stdin
from ..io.read import DEFAULT_MAX_BYTES, read_report, report_from_bytes
from ..io.source import InputError
from ..output import FORMATTERS
from ..output.base import FormatOptions, RunOutcome
from ..output.counts import plural
from ..output.words import OUT
from ..rules.catalog import Catalog
from ..rules.model import Severity
from ..selection import Selection, SelectionError, parse_selectors
from ..waivers import WaiverError, WaiverOutcome, apply_waivers, load_waivers

PROGRESS_FROM = 3  # files; fewer finish before progress would help
FORMATS = tuple(FORMATTERS)


def _output_options(func: Any) -> Any:
    """`--output-<format> FILE` for every formatter: several formats from one run."""
    for name in sorted(FORMATTERS, reverse=True):
        func = click.option(f"--output-{name}", f"output_{name}", type=click.Path(path_type=Path, dir_okay=False),
                            help=f"Also write {name} output to this file.")(func)
    return func


def use_color(color: str, environ: Mapping[str, str], isatty: bool) -> bool:
    """--color=always/never decide; on `auto`, NO_COLOR (https://no-color.org) turns colour off,
    FORCE_COLOR (https://force-color.org, any non-empty value) on, and otherwise only a
    terminal gets colour."""
    if color != "auto":
        return color == "always"
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return isatty


def _selection(settings: Settings, catalog: Catalog) -> Selection:
    """--select/--ignore (or the configuration file's), an unknown selector naming where it was given."""
    rules = [item.rule for item in catalog.rules.values()]
    parsed = {}
    for key in ("select", "ignore"):
        try:
            parsed[key] = parse_selectors(settings[key], rules)
        except SelectionError as exc:
            origin = settings.values[key].origin
            where = f"--{key}" if origin == COMMAND_LINE else f'{origin}: key "{key}"'
            raise fail(f"{where}: {exc}") from None
    return Selection(parsed["select"], parsed["ignore"])


def _selected(result: CheckResult, keep: set[str]) -> CheckResult:
    return dataclasses.replace(result, findings=tuple(f for f in result.findings if f.rule_id in keep))


def _check_one(checker: Checker, path: Path, max_bytes: int, department: Optional[str]) -> CheckResult:
    if is_stdin(path):
        loaded = report_from_bytes(read_stdin(click.get_binary_stream("stdin"), max_bytes), path)
    else:
        loaded = read_report(path, max_bytes)
    return check_loaded_report(checker, loaded, department)


def _check_all(items: tuple[Union[Path, InputError], ...], checker: Checker, keep: set[str],
               department: Optional[str], max_bytes: int, lang: str,
               verbose: bool) -> tuple[list[CheckResult], list[InputError]]:
    """Every input in turn: its findings of the selected rules, or its one-line error on stderr."""
    results, errors = [], []
    progress = len(items) >= PROGRESS_FROM and sys.stderr.isatty() and not verbose
    for i, path in enumerate(items, 1):
        if progress:
            click.echo("\r\033[K" + OUT[lang]["progress"].format(i=i, n=len(items), path=path), err=True, nl=False)
        started = time.perf_counter()
        try:
            if isinstance(path, InputError):  # a directory or pattern with no report in it
                raise path
            results.append(_selected(_check_one(checker, path, max_bytes, department), keep))
            if verbose:
                click.echo(f"plancheck: {path}: {plural(len(results[-1].findings), 'finding')} "
                           f"({time.perf_counter() - started:.2f} s)", err=True)
        except InputError as exc:
            errors.append(exc)
            click.echo(("\r\033[K" if progress else "") + f"plancheck: error: {exc.line(lang)}", err=True)
        except EvaluationError as exc:
            raise fail(f"{path}: {exc}") from None
    if progress:
        click.echo("\r\033[K", err=True, nl=False)
    return results, errors


@click.command(epilog=EXIT_HELP)
@click.argument("files", nargs=-1, type=click.Path(), metavar="FILES...")
@click.option("--format", "output_format", type=click.Choice(list(FORMATTERS)), default="text",
              show_default=True, help="Output format on stdout (concise: file:line:col: RULE severity message; "
                                      "github: GitHub Actions annotations).")
@_output_options
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of messages (English falls back to Chinese where a rule has none).")
@click.option("--fail-level", type=click.Choice([s.value for s in Severity]), default="error",
              show_default=True, help="Lowest severity that makes the run fail (exit 1).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (still 2 on unusable input).")
@click.option("--select", multiple=True, metavar="SELECTOR",
              help="Report only these rules: a rule id or id prefix (HLJ-67, DATE-*), a category (gap, "
                   "missing_evidence, deadline, threshold, inconsistency, invalid_value) or a severity. Repeatable.")
@click.option("--ignore", multiple=True, metavar="SELECTOR", help="Leave these rules out (as --select). Repeatable.")
@click.option("--department", "department", metavar="NAME",
              help="Self-check: only the clauses NAME answers for; text output is a to-do list.")
@click.option("--waivers", "waivers_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Waiver file (YAML or JSON, schemas/waivers.schema.json).")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]),
              help="Date for waiver expiry (default: today in China).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour: auto is a terminal only, off with NO_COLOR, on with FORCE_COLOR.")
@click.option("--no-color", is_flag=True, help="Same as --color=never.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the verdict of each report (text) or the count (concise).")
@click.option("-v", "--verbose", is_flag=True, help="Also say on stderr which configuration is used and each file's time.")
@rules_option
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Reject report files larger than this before reading them.")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Configuration file (default: .plancheck.toml, .plancheck.yaml or pyproject.toml "
                   "[tool.plancheck], the nearest upward from the working directory).")
@click.option("--show-config", is_flag=True, help="Print the settings in force and where each comes from, and exit.")
@click.pass_context
def check(ctx: click.Context, files: tuple[str, ...], department: Optional[str], today: Optional[dt.datetime],
          quiet: bool, verbose: bool, max_bytes: int, config_file: Optional[Path], show_config: bool,
          **_: Any) -> None:
    """Check report FILES (JSON, XML or Excel .xlsx; directories and glob patterns are searched for
    .json, .xml and .xlsx files; - reads standard input) and print findings.

    Each setting comes from the command line, else the configuration file, else the default
    shown below; --show-config says which."""
    try:
        settings = resolve(ctx, read_config(config_file, FORMATS), FORMATS)
    except ConfigError as exc:
        raise fail(str(exc)) from None
    if show_config:
        click.echo("\n".join(show_config_lines(settings, Path.cwd())))
        return
    if not files:
        raise click.UsageError("Missing argument 'FILES...'.")
    if verbose:
        click.echo(f"plancheck: configuration: {settings.config.path if settings.config else 'none'}", err=True)
    lang, level = settings["lang"], Severity(settings["fail-level"])
    checker = build_checker(settings["rules"])
    selection = _selection(settings, checker.catalog)
    keep = {rid for rid, item in checker.catalog.rules.items() if selection.keeps(item.rule)}
    if verbose and not selection.everything:
        click.echo(f"plancheck: {selection.describe()}: {plural(len(keep), 'rule')} of {len(checker.catalog.rules)}",
                   err=True)
    loaded_waivers = None
    if settings["waivers"] is not None:
        try:
            loaded_waivers = load_waivers(settings["waivers"], checker.catalog)
        except WaiverError as exc:
            raise fail(str(exc)) from None
    results, errors = _check_all(expand(files).items, checker, keep, department, max_bytes, lang, verbose)
    waivers = WaiverOutcome.empty()
    if loaded_waivers is not None:
        waivers = apply_waivers(results, loaded_waivers.waivers, today_in_china(today.date() if today else None),
                                checker.catalog, loaded_waivers)
        # a waiver of a rule left out by --select/--ignore is neither unused nor worth an expiry
        # notice in this run: its rule did not run
        waivers = dataclasses.replace(waivers, unused=tuple(w for w in waivers.unused if w.rule in keep),
                                      expired=tuple(e for e in waivers.expired if e.waiver.rule in keep))
    catalog = checker.catalog if selection.everything else dataclasses.replace(
        checker.catalog, rules={rid: item for rid, item in checker.catalog.rules.items() if rid in keep})
    outcome = RunOutcome(tuple(results), tuple(errors), waivers, catalog, department)
    color = use_color(settings["color"], os.environ, sys.stdout.isatty())
    output_format = settings["format"]
    rendered = FORMATTERS[output_format](outcome, FormatOptions(lang=lang, color=color, fail_level=level, quiet=quiet))
    if isinstance(rendered, bytes):  # a workbook
        write_stdout(rendered, True)
    else:
        click.echo(rendered, nl=False, color=color)
    plain = FormatOptions(lang=lang, color=False, fail_level=level)
    for name, target in settings.outputs().items():
        try:
            written = FORMATTERS[name](outcome, plain)
            if isinstance(written, bytes):  # a workbook
                target.write_bytes(written)
            else:
                target.write_text(written, encoding="utf-8")
        except OSError as exc:
            raise fail(f"{target}: cannot write {name} output: {exc.strerror or exc}") from None
    failing = failing_findings(outcome, level)
    sys.exit(exit_code(bad_input=bool(errors), failing=failing, exit_zero=settings["exit-zero"]))
