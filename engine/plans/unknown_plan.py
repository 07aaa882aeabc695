"""What to say of a plan id no pack has (a report's `plan`, a command's `--plan`): the close
matches among the plans' ids and titles (a clerk may write the plan's title), and the ids known."""
from __future__ import annotations

from typing import Mapping

from ..close_matches import close_matches
from ..rules.plan_model import Plan


def unknown_plan(plans: Mapping[str, Plan], written: str) -> tuple[str, str]:
    """(en, zh): `unknown plan 'x'; did you mean 'y'? (known: …)`."""
    names = {plan_id: plan_id for plan_id in plans}
    names.update({plan.title: plan.id for plan in plans.values()})
    # stricter than for field names: plan ids share their year suffixes (ruichang-2024 is no
    # near miss for chengdu-2023)
    near = close_matches(written, names, limit=2, cutoff=0.7)
    known = sorted(plans)
    hint_en = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
    hint_zh = f"；是否应为 {' 或 '.join(near)}？" if near else ""
    return (f"unknown plan {written!r}{hint_en} (known: {', '.join(known)})",
            f"未知的方案“{written}”{hint_zh}（已有的方案编号：{'、'.join(known)}）")
