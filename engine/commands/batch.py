"""`plancheck batch`: check many reports in parallel, record results in SQLite, resume, summarise."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Optional

import click

from ..batch.discover import NothingToCheck
from ..batch.pool import PoolError
from ..batch.progress import DEFAULT_EVERY_REPORTS, DEFAULT_EVERY_SECONDS, ProgressLines
from ..batch.run import DEFAULT_DB, DEFAULT_TIMEOUT, BatchOptions, run_batch
from ..batch.store import Store
from ..batch.summary import limit_departments, render_text, summarise
from .common import fail, rules_option, say_replaced
from ..exit_codes import HELP as EXIT_HELP
from ..exit_codes import ExitCode
from ..io.read import DEFAULT_MAX_BYTES
from ..output.counts import plural
from ..rules.model import Severity
from ..rules.packs import resolve_packs
from ..rules.yaml_source import RuleLoadError


class _Progress:
    """A rich progress bar on a terminal (ProgressLines writes a log's progress)."""

    def __init__(self, enabled: bool):
        self._bar = None
        if enabled:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                       TimeRemainingColumn)

            class _Rate(TextColumn):
                def render(self, task):  # reports per second
                    speed = task.finished_speed or task.speed
                    return super().render(task) if speed is None else f"{speed:,.0f}/s"

            self._bar = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(),
                                 _Rate(""), TimeRemainingColumn(), transient=True)
            self._task = None

    def __enter__(self) -> "_Progress":
        if self._bar is not None:
            self._bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            return
        if self._task is None:
            self._task = self._bar.add_task("batch", total=total, completed=done)
        else:
            self._bar.update(self._task, completed=done, total=total)


def _progress(wanted: Optional[bool], quiet: bool, every_reports: int, every_seconds: float):
    """A bar on a terminal, log lines when stderr is a file or pipe, nothing under -q or
    --no-progress."""
    if quiet or wanted is False:
        return _Progress(False)
    if sys.stderr.isatty():
        return _Progress(True)
    return ProgressLines(sys.stderr, every_reports, every_seconds)


@click.command(epilog=EXIT_HELP)
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", type=click.Path(path_type=Path, dir_okay=False), default=DEFAULT_DB, show_default=True,
              help="SQLite database of runs (created if missing).")
@click.option("--workers", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="CPU count",
              help="Worker processes.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds one report may take before it is recorded as an error.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Reject report files larger than this before reading them.")
@rules_option
@click.option("--fail-level", type=click.Choice([s.value for s in Severity]), default="error",
              show_default=True, help="Lowest severity that makes the run fail (exit 1).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Format of the summary.")
@click.option("--progress/--no-progress", default=None,
              help="Progress on stderr: a bar on a terminal, else a line every --progress-every reports "
                   "or --progress-seconds seconds (default: on).")
@click.option("--progress-every", type=click.IntRange(min=1), default=DEFAULT_EVERY_REPORTS, show_default=True,
              metavar="N", help="When stderr is not a terminal: a progress line at least every N reports.")
@click.option("--progress-seconds", type=click.FloatRange(min=1), default=DEFAULT_EVERY_SECONDS,
              show_default=True, metavar="T",
              help="When stderr is not a terminal: a progress line at least every T seconds.")
@click.option("--top", type=click.IntRange(min=1), metavar="N",
              help="List only the first N departments of the summary (failing ones come first).")
@click.option("--recheck-all", is_flag=True,
              help="Check every report, even one recorded unchanged (same content hash and rules version) "
                   "in an earlier run, whose result is otherwise reused.")
@click.option("-q", "--quiet", is_flag=True, help="No progress; the summary's first line only.")
def batch(inputs: tuple[str, ...], db: Path, workers: int, timeout: float, max_bytes: int,
          rules_dir: tuple[Path, ...], fail_level: str, output_format: str, progress: Optional[bool],
          progress_every: int, progress_seconds: float, top: Optional[int], recheck_all: bool,
          quiet: bool) -> None:
    """Check every report under INPUTS (directories, globs, files; .json/.xml/.xlsx) in parallel.

    Results go to the SQLite database; a run that was interrupted is resumed when started again
    with the same INPUTS (reports already recorded with the same content and rules are skipped).
    A report unchanged since an earlier run (same path, content hash and rules version, which
    covers the rules, the engine and its dependencies) gets that run's result, not a new check:
    the night after a full run, only changed reports are checked (--recheck-all: every report).
    An input that matches no report file (an empty or unmounted directory, a pattern matching
    nothing) is an error: exit 2, and no run at all when no input matches.
    """
    store = Store(db)
    options = BatchOptions(list(inputs), db, workers, timeout, max_bytes, rules_dir, fail_level,
                           reuse=not recheck_all)
    try:
        say_replaced(resolve_packs(rules_dir))
        with _progress(progress, quiet, progress_every, progress_seconds) as bar:
            outcome = run_batch(options, store, bar)
    except (RuleLoadError, PoolError, NothingToCheck) as exc:
        store.close()
        raise fail(str(exc)) from None
    summary = summarise(store, outcome.run_id, fail_level)
    summary.update(resumed=outcome.resumed, skipped=outcome.skipped, checked_now=outcome.checked_now,
                   unmatched_inputs=[{"input": u.input, "reason": u.reason} for u in outcome.unmatched])
    summary = limit_departments(summary, top)
    store.close()
    if output_format == "json":
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    elif quiet:
        click.echo(render_text(summary).splitlines()[0])
    else:
        if outcome.resumed:
            reused = f", {outcome.reused} reused from earlier runs" if outcome.reused else ""
            click.echo(f"resumed run {outcome.run_id}: {plural(outcome.skipped, 'report')} already recorded"
                       f"{reused}, {outcome.checked_now} checked now")
        click.echo(render_text(summary), nl=False)
    for error in summary["errors"]:
        click.echo(f"plancheck: error: {error['message']}", err=True)
    for unmatched in outcome.unmatched:
        click.echo(f"plancheck: error: {unmatched.line()}", err=True)
    if summary["unreadable"] or outcome.unmatched:
        sys.exit(ExitCode.BAD_INPUT)
    sys.exit(ExitCode.FINDINGS if summary["failing"] else ExitCode.CLEAN)
