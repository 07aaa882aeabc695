"""Write a draft pack directory: plan.yaml in the bundled packs' layout, a comment on top saying
what is a draft and what to check first."""
from __future__ import annotations

from pathlib import Path

import yaml

from .draft import DraftPack

PLAN_FILE = "plan.yaml"


class _Dumper(yaml.SafeDumper):
    """Block style for the plan, flow style for short lists (responsible: [amr, court]); the plan's
    date written twice, not as an anchor and alias."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def render(draft: DraftPack, source_name: str) -> str:
    lines = [
        f"# Draft pack written by `plancheck pack init` from {source_name}.",
        "# Every clause is `draft: true`: its `check`, `target`, `schedule` and `outputs` are guesses from",
        "# the words quoted in its `reason`. Confirm or correct each, then delete `draft: true`.",
        "# Texts are the plan's own words (the closing （责任单位：…） list moved to `responsible`).",
    ]
    lines += [f"# To check first: {note['en']}" for note in draft.notes]
    body = yaml.dump(draft.plan, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096,
                     default_flow_style=None)
    return "\n".join(lines) + "\n" + body


def write_pack(draft: DraftPack, out_dir: Path, source_name: str) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / PLAN_FILE
    path.write_text(render(draft, source_name), encoding="utf-8")
    return path
