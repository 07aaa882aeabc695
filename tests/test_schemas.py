"""Published schemas are generated from the models and never stale; samples and rule files
validate against them; files that must be rejected are."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from engine import schemas


@pytest.mark.parametrize("name", sorted(schemas.SCHEMAS))
def test_committed_schema_is_current(repo: Path, name: str):
    committed = (repo / "schemas" / name).read_text(encoding="utf-8")
    assert committed == schemas.render(name), f"schemas/{name} is stale: run `python -m engine.schemas`"


@pytest.mark.parametrize("name", sorted(schemas.SCHEMAS))
def test_schema_is_valid_2020_12(name: str):
    jsonschema.Draft202012Validator.check_schema(schemas.generate(name))


def test_every_json_sample_validates(repo: Path):
    validator = jsonschema.Draft202012Validator(schemas.generate("report.schema.json"))
    samples = sorted((repo / "samples").glob("*/*.json"))
    assert samples
    for sample in samples:
        errors = list(validator.iter_errors(json.loads(sample.read_text(encoding="utf-8"))))
        assert not errors, f"{sample}: {errors[0].message}"


def _as_json(value):
    """YAML gives dates as date objects; in JSON (what the schema describes) they are strings."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def test_every_rule_file_validates_against_rule_schema(repo: Path):
    validator = jsonschema.Draft202012Validator(schemas.generate("rule.schema.json"))
    files = [p for p in sorted((repo / "rules").glob("*/*.yaml")) if p.name != "plan.yaml"]
    assert len(files) > 40
    for path in files:
        errors = list(validator.iter_errors(_as_json(yaml.safe_load(path.read_text(encoding="utf-8")))))
        assert not errors, f"{path}: {errors[0].message}"


@pytest.mark.parametrize("bad", [
    {"id": "lower-case", "severity": "error"},
    {"id": "X-1", "title": {"zh": "标题"}, "severity": "fatal", "category": "gap", "when": [],
     "subject": "a", "message": {"zh": "消息"}, "remediation": {"zh": "整改"}},
])
def test_rule_schema_rejects_bad_rules(bad: dict):
    validator = jsonschema.Draft202012Validator(schemas.generate("rule.schema.json"))
    assert list(validator.iter_errors(bad))
