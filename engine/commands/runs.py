"""`plancheck runs`: list recorded batch runs, show one, diff two (by finding fingerprint)."""
from __future__ import annotations

from pathlib import Path

import click

from engine.batch.diff import diff_counts, diff_runs, finding_records, to_csv, to_jsonl
from engine.batch.run import DEFAULT_DB
from engine.batch.store import Store
from engine.batch.summary import render_text, summarise
from engine.commands.common import fail

_DB = click.option("--db", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=DEFAULT_DB,
                   show_default=True, help="SQLite database of runs.")
_FORMAT = click.option("--format", "output_format", type=click.Choice(["text", "jsonl", "csv"]), default="text",
                       show_default=True, help="text: a summary; jsonl / csv: one record per finding.")


@click.group("runs")
def runs_group() -> None:
    """Inspect and compare recorded batch runs."""


def _open(db: Path, *runs: int) -> Store:
    store = Store(db)
    for run in runs:
        if store.run(run) is None:
            raise fail(f"{db}: no run {run}")
    return store


@runs_group.command("list")
@_DB
def list_runs(db: Path) -> None:
    """List runs: id, status, start and end, reports, findings, rules version."""
    store = _open(db)
    for r in store.runs():
        click.echo(f"{r['id']}\t{r['status']}\t{r['started']}\t{r['finished'] or '-'}\t"
                   f"{r['report_count']} reports\t{r['finding_count']} findings\trules {r['rules_version']}")


@runs_group.command("show")
@click.argument("run", type=int)
@_DB
@_FORMAT
def show(run: int, db: Path, output_format: str) -> None:
    """Summary of RUN, or its findings as JSON Lines / CSV."""
    store = _open(db, run)
    if output_format == "text":
        click.echo(render_text(summarise(store, run, store.run(run)["fail_level"])), nl=False)
    else:
        records = finding_records(store, run)
        click.echo(to_jsonl(records) if output_format == "jsonl" else to_csv(records), nl=False)


@runs_group.command("diff")
@click.argument("run_a", type=int)
@click.argument("run_b", type=int)
@_DB
@_FORMAT
def diff(run_a: int, run_b: int, db: Path, output_format: str) -> None:
    """Findings new in RUN_B, resolved since RUN_A and persisting, per department."""
    store = _open(db, run_a, run_b)
    records = diff_runs(store, run_a, run_b)
    if output_format == "jsonl":
        click.echo(to_jsonl(records), nl=False)
    elif output_format == "csv":
        click.echo(to_csv(records), nl=False)
    else:
        counts = diff_counts(records)
        total = {c: sum(v[c] for v in counts.values()) for c in ("new", "resolved", "persisting")}
        click.echo(f"run {run_a} → run {run_b}: {total['new']} new, {total['resolved']} resolved, "
                   f"{total['persisting']} persisting")
        for dept, c in counts.items():
            click.echo(f"  {dept}: {c['new']} new, {c['resolved']} resolved, {c['persisting']} persisting")
        for r in records:
            if r["change"] != "persisting":
                click.echo(f"  {r['change']:9} {r['department']} {r['rule_id']} {r['subject']}: {r['message_zh']}")
