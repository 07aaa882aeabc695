"""Locate the bundled rules and schemas, in a source checkout or after a non-editable install."""
from __future__ import annotations

import os
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def rules_dir() -> Path:
    override = os.environ.get("PLANCHECK_RULES")
    if override:
        return Path(override)
    # installed: engine/bundled_rules (setup.cfg maps rules/ there); checkout: ../rules
    return _first_existing(_HERE / "bundled_rules", _HERE.parent / "rules")


def schemas_dir() -> Path:
    return _first_existing(_HERE / "bundled_schemas", _HERE.parent / "schemas")


def cases_dir() -> Path:
    """Per-rule pass/fail cases (`explain` shows them): installed as engine/bundled_cases
    (setup.cfg maps tests/rule_cases there); in a checkout tests/rule_cases."""
    return _first_existing(_HERE / "bundled_cases", _HERE.parent / "tests" / "rule_cases")
