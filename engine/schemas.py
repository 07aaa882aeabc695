"""Generate the published JSON Schemas from the pydantic models (the models are the source).

`python -m engine.schemas` rewrites schemas/*.schema.json; a test fails when they are stale.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from engine.model.report import Report
from engine.plans.name_table import NameTable
from engine.rules.model import Rule
from engine.rules.plan_model import Plan, RequiredPlatformTable
from engine.rules.threshold_model import ThresholdTable
from engine.waivers import WaiverFile

DIALECT = "https://json-schema.org/draft/2020-12/schema"

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "report.schema.json": (Report, "A department's report on one IP-protection plan for one period (format v1)."),
    "rule.schema.json": (Rule, "One plancheck rule file (rules/<pack>/<RULE-ID>.yaml)."),
    "plan.schema.json": (Plan, "One plan file (rules/<plan>/plan.yaml): the plan's metadata and clauses."),
    "thresholds.schema.json": (ThresholdTable, "Dated criminal-threshold table (rules/common/data/)."),
    "publication_platforms.schema.json": (
        RequiredPlatformTable, "Platforms national rules require decisions to be published on (rules/common/data/publication_platforms.yaml)."),
    "department-names.schema.json": (
        NameTable, "The words a department's name shows its kinds and level by (rules/common/data/department-names.yaml)."
    ),
    "waivers.schema.json": (WaiverFile, "A waiver file for `plancheck check --waivers FILE` (YAML or JSON)."),
}


def generate(name: str) -> dict[str, Any]:
    model, description = SCHEMAS[name]
    schema = model.model_json_schema(mode="validation")
    return {
        "$schema": DIALECT,
        "$id": f"urn:plancheck:schema:{name}",
        "description": description,
        **schema,
    }


def render(name: str) -> str:
    return json.dumps(generate(name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_all(folder: Path) -> list[Path]:
    written = []
    for name in SCHEMAS:
        path = folder / name
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "schemas"
    for written in write_all(target):
        print(written)
