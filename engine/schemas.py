"""Generate the published JSON Schemas from the pydantic models (the models are the source).

`python -m engine.schemas` rewrites schemas/*.schema.json; a test fails when they are stale.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel

from .labels import CHOICES, choices_help
from .model.report import Report
from .plans.name_table import NameTable
from .rules.model import Rule
from .rules.plan_model import Plan, RequiredPlatformTable
from .rules.threshold_model import ThresholdTable
from .waivers import WaiverFile

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


# Schemas departments fill in by hand in an editor: every field carries its help (engine.model.base.about).
HELPED = {"report.schema.json"}


def _ref(prop: dict[str, Any]) -> Optional[str]:
    """The $defs name a property refers to, directly or as the non-null option."""
    for option in [prop, *prop.get("anyOf", [])]:
        if "$ref" in option:
            return option["$ref"].rsplit("/", 1)[-1]
    return None


def _example(defs: dict[str, Any], prop: dict[str, Any]) -> Any:
    """A property's example: its own, else one built from the model it holds (its required
    fields, or all where none is required), so an editor can offer a whole object to fill in."""
    if "examples" in prop:
        return prop["examples"][0]
    if prop.get("type") == "array":
        item = _ref(prop["items"])
        return [_example(defs, {"$ref": f"#/$defs/{item}"})] if item else []
    target = defs[_ref(prop)]
    if "enum" in target:
        return target["enum"][0]
    fields = target["properties"]
    return {key: _example(defs, fields[key]) for key in target.get("required") or list(fields)}


def _add_help(schema: dict[str, Any]) -> None:
    defs = schema.get("$defs", {})
    for name, definition in defs.items():
        if "enum" in definition and name in CHOICES:
            definition["description"] = choices_help(name, [str(v) for v in definition["enum"]])
    for definition in [schema, *defs.values()]:
        for prop in definition.get("properties", {}).values():
            if "examples" not in prop and "description" in prop:
                prop["examples"] = [_example(defs, prop)]


def generate(name: str) -> dict[str, Any]:
    model, description = SCHEMAS[name]
    schema = model.model_json_schema(mode="validation")
    if name in HELPED:
        _add_help(schema)
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
