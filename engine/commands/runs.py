"""`plancheck runs`: list recorded batch runs, show one, diff two (findings by fingerprint,
departments by plan and canonical name)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from ..batch.diff import diff_runs, finding_records
from ..batch.diff_view import render_diff_text
from ..batch.export import DIFF_CSV_FIELDS, SHOW_CSV_FIELDS, to_csv, to_jsonl
from ..batch.run import DEFAULT_DB
from ..batch.store import Store
from ..batch.summary import limit_departments, render_text, summarise
from .common import fail

_DB = click.option("--db", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=DEFAULT_DB,
                   show_default=True, help="SQLite database of runs.")
_FORMAT = click.option("--format", "output_format", type=click.Choice(["text", "jsonl", "csv"]), default=None,
                       help="text (default): a summary; jsonl / csv: one record per finding.")
_EXCEL = click.option("--excel", is_flag=True,
                      help="CSV for Excel on Chinese Windows: UTF-8 with a byte-order mark, CRLF "
                           "(implies --format csv).")
RUN_COLUMNS = ("id", "status", "started", "finished", "reports", "findings", "fail_level", "rules_version")


@click.group("runs")
def runs_group() -> None:
    """Inspect and compare recorded batch runs."""


def _open(db: Path, *runs: int) -> Store:
    store = Store(db)
    for run in runs:
        if store.run(run) is None:
            raise fail(f"{db}: no run {run}")
    return store


def _format(output_format: Optional[str], excel: bool) -> str:
    if excel and output_format not in (None, "csv"):
        raise click.UsageError(f"--excel writes CSV; it cannot be combined with --format {output_format}")
    return "csv" if excel else output_format or "text"


def _write(data: bytes) -> None:
    # bytes, not text: the bytes must be UTF-8 (with the BOM for --excel) whatever the console's
    # code page is (GBK on a Chinese Windows) when the operator redirects to a file
    stream = click.get_binary_stream("stdout")
    stream.write(data)
    stream.flush()


def _run_row(r) -> tuple:
    return (r["id"], r["status"], r["started"], r["finished"] or "-", r["report_count"], r["finding_count"],
            r["fail_level"], r["rules_version"])


def _table(rows: list[tuple]) -> str:
    return "".join("\t".join(str(v) for v in row) + "\n" for row in [RUN_COLUMNS, *rows])


@runs_group.command("list")
@_DB
def list_runs(db: Path) -> None:
    """List runs under a header row: id, status, start and end, reports, findings, fail level,
    rules version (tab-separated)."""
    store = _open(db)
    click.echo(_table([_run_row(r) for r in store.runs()]), nl=False)


@runs_group.command("show")
@click.argument("run", type=int)
@_DB
@_FORMAT
@_EXCEL
@click.option("--top", type=click.IntRange(min=1), metavar="N",
              help="List only the first N departments of the summary (failing ones come first).")
def show(run: int, db: Path, output_format: Optional[str], excel: bool, top: Optional[int]) -> None:
    """Summary of RUN (its row of `runs list`, then the summary), or its findings as JSON Lines / CSV."""
    output_format = _format(output_format, excel)
    store = _open(db, run)
    if output_format == "text":
        row = next(r for r in store.runs() if r["id"] == run)
        summary = limit_departments(summarise(store, run, store.run(run)["fail_level"]), top)
        click.echo(_table([_run_row(row)]) + render_text(summary), nl=False)
        return
    records = finding_records(store, run)
    _write(to_jsonl(records) if output_format == "jsonl" else to_csv(records, SHOW_CSV_FIELDS, excel))


@runs_group.command("diff")
@click.argument("run_a", type=int)
@click.argument("run_b", type=int)
@_DB
@_FORMAT
@_EXCEL
@click.option("--changed", is_flag=True,
              help="Only what changed: leave out persisting findings and departments with nothing new, "
                   "resolved or unreported.")
def diff(run_a: int, run_b: int, db: Path, output_format: Optional[str], excel: bool, changed: bool) -> None:
    """Findings new in RUN_B, resolved since RUN_A and persisting, per department; departments that
    stopped reporting and new ones (a department is its plan and canonical name). A stopped
    department's findings are `unreported`, not resolved."""
    output_format = _format(output_format, excel)
    store = _open(db, run_a, run_b)
    result = diff_runs(store, run_a, run_b)
    if output_format == "jsonl":
        _write(to_jsonl(result.all_records(changed)))
    elif output_format == "csv":
        _write(to_csv(result.all_records(changed), DIFF_CSV_FIELDS, excel))
    else:
        click.echo(render_diff_text(result, changed), nl=False)
