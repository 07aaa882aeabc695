"""`plancheck rules test`, `rules lint` and `rules new`: packs treated as code.

DIR (optional) is a pack, a folder of packs or a complete rules tree; it is added to the bundled
packs (engine.rules.packs) and only its packs are tested or linted. Without DIR: the bundled
packs and rules/common. Exit codes: 0 all passed / clean, 1 a failing case or a lint problem,
2 the rules, a case file or a scenario cannot be loaded.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

import click

from .common import fail, rules_option, say_replaced
from ..exit_codes import ExitCode
from ..rules.catalog import COMMON, Catalog, load_packs
from ..rules.packs import PackSet, pack_folders, resolve_packs
from ..rules.yaml_source import RuleLoadError

WIDTH = 78


def load_for(pack_dir: Optional[Path], rules: tuple[Path, ...]) -> tuple[Catalog, list[str]]:
    """The catalog with DIR added, and the packs DIR names (all, without DIR)."""
    dirs = tuple(rules) + ((pack_dir,) if pack_dir is not None else ())
    try:
        pack_set = resolve_packs(dirs)
        catalog = load_packs(pack_set)
    except RuleLoadError as exc:
        raise fail(str(exc)) from None
    say_replaced(pack_set)
    return catalog, _named_packs(pack_set, pack_dir)


def _named_packs(pack_set: PackSet, pack_dir: Optional[Path]) -> list[str]:
    everything = [COMMON, *sorted(pack_set.packs)]
    if pack_dir is None or pack_dir.resolve() == pack_set.root.resolve():
        return everything
    if pack_dir.resolve() == pack_set.common.resolve():
        return [COMMON]
    return [folder.name for folder in pack_folders(pack_dir)]


def _pack_dir_argument(func):
    return click.argument("pack_dir", required=False, metavar="[DIR]",
                          type=click.Path(path_type=Path, file_okay=False, exists=True))(func)


@click.command(name="test")
@_pack_dir_argument
@click.option("-k", "keyword", metavar="TEXT", help="Only cases and scenarios whose name contains TEXT.")
@rules_option
def test_command(pack_dir: Optional[Path], keyword: Optional[str], rules_dir: tuple[Path, ...]) -> None:
    """Run a pack's pass/fail cases (through both evaluators) and its scenarios."""
    from ..rules.pack_tests import run_pack_tests

    started = time.monotonic()
    catalog, packs = load_for(pack_dir, rules_dir)
    try:
        outcomes = run_pack_tests(catalog, packs, keyword)
    except RuleLoadError as exc:  # a case file or scenario that cannot be used
        raise fail(str(exc)) from None
    click.echo(f"rules test: {len(outcomes)} cases and scenarios in {', '.join(packs)}")
    marks = {"passed": ".", "failed": "F", "xfailed": "x", "xpassed": "X"}
    for pack in packs:
        line = "".join(marks[o.status] for o in outcomes if o.pack == pack)
        for i in range(0, max(len(line), 1), WIDTH - 20):
            click.echo(f"{pack if i == 0 else '':<18}  {line[i:i + WIDTH - 20] or '(no cases)'}")
    failed = [o for o in outcomes if o.failed]
    if failed:
        click.echo(" FAILURES ".center(WIDTH, "="))
        for outcome in failed:
            click.echo(f" {outcome.pack}: {outcome.name} ".center(WIDTH, "_"))
            click.echo(outcome.where)
            click.echo("expected (-) and got (+):")
            for line in outcome.diff:
                click.echo(f"  {line}")
        click.echo(" short test summary ".center(WIDTH, "="))
        for outcome in failed:
            click.echo(f"FAILED {outcome.pack}::{outcome.name}" + (" (XPASS)" if outcome.status == "xpassed" else ""))
    counts = {s: sum(o.status == s for o in outcomes) for s in ("failed", "passed", "xfailed", "xpassed")}
    summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "no tests"
    click.echo(f" {summary} in {time.monotonic() - started:.1f}s ".center(WIDTH, "="))
    raise click.exceptions.Exit(ExitCode.FINDINGS if failed or not outcomes else ExitCode.CLEAN)


@click.command(name="lint")
@_pack_dir_argument
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@rules_option
def lint_command(pack_dir: Optional[Path], lang: str, rules_dir: tuple[Path, ...]) -> None:
    """Check a pack is complete: clauses classified, rules cited, in Chinese, with cases, severity
    following the text, units the name table places; then its coverage."""
    from ..coverage import plan_coverage
    from ..rules.lint import case_counts, lint_packs

    catalog, packs = load_for(pack_dir, rules_dir)
    found = lint_packs(catalog, packs)
    for finding in found:
        click.echo(finding.line_text(lang))
    zh = lang == "zh"
    click.echo("覆盖情况：" if zh else "coverage:")
    for pack in packs:
        files, cases = case_counts(catalog, pack)
        rules = sum(1 for r in catalog.rules.values() if r.pack == pack)
        if pack == COMMON:
            click.echo(f"  {pack:<18} " + (f"全国性规则 {rules} 条，案例文件 {files} 个，案例 {cases} 个" if zh
                                          else f"{rules} national rules, {files} case files, {cases} cases"))
            continue
        totals = plan_coverage(catalog, catalog.plans[pack]).totals()
        click.echo(f"  {pack:<18} " + (
            f"条款 {totals['clauses']} 项：由规则核查 {totals['with_rules']}，按佐证核查 {totals['evidence_only']}，"
            f"不可核查 {totals['not_checkable']}；点名成果 {totals['outputs']} 项；本包规则 {rules} 条，案例 {cases} 个"
            if zh else
            f"{totals['clauses']} clauses: {totals['with_rules']} checked by rules, {totals['evidence_only']} by evidence, "
            f"{totals['not_checkable']} not checkable; {totals['outputs']} named outputs; {rules} rules, {cases} cases"))
    problems = sum(f.level == "error" for f in found)
    notes = len(found) - problems
    plural = lambda n, word: f"{n} {word}" + ("" if n == 1 else "s")  # noqa: E731
    click.echo(f"结果：{problems} 个问题，{notes} 条提示" if zh else f"result: {plural(problems, 'problem')}, {plural(notes, 'note')}")
    raise click.exceptions.Exit(ExitCode.FINDINGS if problems else ExitCode.CLEAN)
