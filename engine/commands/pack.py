"""`plancheck pack`: start a rule pack from a plan document (`init`) and measure a draft against
a written pack (`compare`)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

import click
from pydantic import ValidationError

from ..authoring.compare import compare
from ..authoring.draft import NoClausesFound, draft_pack
from ..authoring.source import PlanSourceError, read_plan_text
from ..authoring.writer import PLAN_FILE, render
from .common import fail
from ..exit_codes import ExitCode
from ..resources import rules_dir
from ..rules.catalog import load_plan_file
from ..rules.plan_model import Plan
from ..rules.yaml_source import RuleLoadError, load_yaml

_PLAN_ID = re.compile(r"^[a-z0-9][a-z0-9\-]{1,40}$")
_MESSAGES = {
    "zh": {"wrote": "已写出草稿 {path}：{clauses} 条条款，{units} 个责任单位，{drafts} 条待确认（draft: true）。",
           "check": "请先核对：{note}"},
    "en": {"wrote": "wrote draft {path}: {clauses} clauses, {units} responsible units, {drafts} to confirm (draft: true).",
           "check": "check first: {note}"},
}


@click.group("pack")
def pack_group() -> None:
    """Start a rule pack from a plan document."""


@pack_group.command("init")
@click.argument("plan_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--id", "plan_id", required=True, help="The new pack's id, e.g. heilongjiang-2024.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="The pack folder to write (named after --id, as the loader wants), or the folder "
                   "to write it in (default: ./<id>).")
@click.option("--force", is_flag=True, help="Overwrite an existing plan.yaml.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def init_command(plan_file: Path, plan_id: str, out_dir: Optional[Path], force: bool, lang: str) -> None:
    """Read PLAN_FILE (.txt or .docx) and write a draft pack: plan.yaml with every clause, the units
    it names and a draft classification of each, marked `draft: true` for a person to confirm."""
    if not _PLAN_ID.match(plan_id):
        raise fail(f"--id {plan_id!r}: lower-case letters, digits and '-', 2 to 41 characters (heilongjiang-2024)")
    out_dir = out_dir or Path(plan_id)
    if out_dir.name != plan_id:  # a pack's folder is its id (engine/rules/catalog.py)
        out_dir = out_dir / plan_id
    target = out_dir / PLAN_FILE
    if target.exists() and not force:
        raise fail(f"{target}: exists; give --force to overwrite it")
    try:
        draft = draft_pack(read_plan_text(plan_file), plan_id, plan_file.name)
    except PlanSourceError as exc:
        raise fail(str(exc)) from None
    except NoClausesFound as exc:
        raise fail(f"{plan_file}: {exc}") from None
    out_dir.mkdir(parents=True, exist_ok=True)
    target.write_text(render(draft, plan_file.name), encoding="utf-8")
    try:  # the draft must load as a pack; a failure here is a bug of pack init, said plainly
        load_plan_file(target)
    except RuleLoadError as exc:
        raise fail(f"{exc} (the draft pack init wrote from {plan_file} does not load: please report it)") from None
    words = _MESSAGES[lang]
    clauses = draft.plan["clauses"]
    click.echo(words["wrote"].format(path=target, clauses=len(clauses), units=len(draft.plan.get("departments", [])),
                                     drafts=sum(1 for c in clauses if c.get("draft"))))
    for note in draft.notes:
        click.echo(words["check"].format(note=note[lang]))


@pack_group.command("compare")
@click.argument("plan_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--plan", "plan_id", required=True, help="The written pack to compare with (its id).")
@click.option("--rules", "rules_root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Rules directory holding the pack (default: the bundled rules).")
@click.option("-v", "--verbose", is_flag=True, help="List every clause that differs.")
def compare_command(plan_file: Path, plan_id: str, rules_root: Optional[Path], verbose: bool) -> None:
    """Draft PLAN_FILE as `init` would and compare it with the pack PLAN: clause ids found, texts
    identical (whitespace and full/half-width , : ; ( ) ! ? aside), units identical."""
    path = (rules_root or rules_dir()) / plan_id / PLAN_FILE
    if not path.is_file():
        raise fail(f"{path}: no such pack")
    try:
        doc = load_yaml(path)
        pack = Plan.model_validate(doc.data)
    except RuleLoadError as exc:
        raise fail(str(exc)) from None
    except ValidationError as exc:
        raise fail(f"{path}: not a valid plan: {exc.errors()[0]['msg']}") from None
    try:
        draft = draft_pack(read_plan_text(plan_file), plan_id, plan_file.name)
    except (PlanSourceError, NoClausesFound) as exc:
        raise fail(f"{plan_file}: {exc}" if isinstance(exc, NoClausesFound) else str(exc)) from None
    agreement = compare(draft.plan, pack)
    click.echo(agreement.row())
    if verbose:
        click.echo(agreement.classification_row())
        for problem in agreement.problems:
            click.echo(f"  {problem}")
    if not agreement.full:
        raise click.exceptions.Exit(ExitCode.FINDINGS)
