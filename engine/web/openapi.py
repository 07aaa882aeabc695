"""The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. The findings document
is schemas/findings.schema.json itself (the same file `--format json` is tested against)."""
from __future__ import annotations

import json
from typing import Any

from ..model.report import AdminLevel, DepartmentKind
from ..resources import schemas_dir
from ..rules.model import Severity

_ERROR = {"$ref": "#/components/schemas/Error"}


def _error(text: str) -> dict[str, Any]:
    return {"description": text, "content": {"application/json": {"schema": _ERROR}}}


def _query(name: str, text: str, schema: dict[str, Any], required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": required, "description": text, "schema": schema}


def _path(name: str, text: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "description": text, "schema": {"type": "string"}}


def _embedded(schema: Any) -> Any:
    """The findings schema as a component: its `#/$defs/...` references re-rooted where it sits
    in this document (OpenAPI tools do not all honour an embedded `$id`)."""
    if isinstance(schema, dict):
        schema = {k: _embedded(v) for k, v in schema.items() if k not in ("$schema", "$id")}
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            schema["$ref"] = "#/components/schemas/Findings/$defs/" + ref.removeprefix("#/$defs/")
        return schema
    if isinstance(schema, list):
        return [_embedded(v) for v in schema]
    return schema


def openapi_document(services: Any) -> dict[str, Any]:
    findings = _embedded(json.loads((schemas_dir() / "findings.schema.json").read_text(encoding="utf-8")))
    limit = services.settings.max_bytes
    lang = _query("lang", "Language of messages: zh (default) or en.", {"type": "string", "enum": ["zh", "en"]})
    report_media = {media: {"schema": {"type": "string", "format": "binary"}}
                    for media in ("application/json", "application/xml",
                                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")}
    report_media["multipart/form-data"] = {"schema": {"type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary", "description": "One report file: JSON, XML or XLSX."}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "plancheck", "version": "1",
                 "description": "Checks Chinese departments' IP-protection plan reports against the plans' rules: "
                                "the same engine and findings as `plancheck check --format json`."},
        "paths": {
            "/api/v1/check": {"post": {
                "summary": "Check one report",
                "description": f"The report is the request body (its format is told from `filename`'s suffix, "
                               f"else from its bytes) or the form field `file`. At most {limit} bytes.",
                "parameters": [
                    _query("plan", "The plan the report must be for (refused as 422 when it names another).",
                           {"type": "string"}),
                    _query("department", "A self-check by this department: only the clauses it answers for.",
                           {"type": "string"}),
                    _query("filename", "The report's file name, for its format and in findings (raw body only).",
                           {"type": "string"}),
                    _query("fail_level", "Lowest severity that fails the report (`passed` in the document).",
                           {"type": "string", "enum": [s.value for s in Severity], "default": "error"}),
                    _query("format", "Findings format: json (default, the findings document), sarif, html, xlsx.",
                           {"type": "string", "default": "json"}),
                    lang,
                ],
                "requestBody": {"required": True, "content": report_media},
                "responses": {
                    "200": {"description": "The findings document (also when the report has errors).",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Findings"}}}},
                    "400": _error("A bad request: no report, several files, an unknown parameter value or plan."),
                    "413": _error(f"The upload is over {limit} bytes."),
                    "422": _error("The report cannot be checked: `error` is the line `plancheck check` prints."),
                    "503": _error("Every worker is busy, or the check did not finish in time: retry."),
                },
            }},
            "/api/v1/plans": {"get": {
                "summary": "The plans", "responses": {"200": {"description": "Every plan, with its counts.",
                                                              "content": {"application/json": {}}}}}},
            "/api/v1/plans/{plan_id}": {"get": {
                "summary": "A plan: its departments and clauses, each with its classification and rules",
                "parameters": [_path("plan_id", "e.g. heilongjiang-2023")],
                "responses": {"200": {"description": "The plan.", "content": {"application/json": {}}},
                              "404": _error("Unknown plan.")}}},
            "/api/v1/plans/{plan_id}/departments": {"get": {
                "summary": "The plan's department names closest to what was typed",
                "parameters": [_path("plan_id", "e.g. heilongjiang-2023"),
                               _query("q", "What was typed so far.", {"type": "string"})],
                "responses": {"200": {"description": "Up to 8 names.", "content": {"application/json": {
                    "schema": {"type": "array", "items": {"type": "string"}}}}},
                              "404": _error("Unknown plan.")}}},
            "/api/v1/rules/{rule_id}": {"get": {
                "summary": "A rule, with `explain`'s text",
                "parameters": [_path("rule_id", "e.g. TASK-GAP"), lang],
                "responses": {"200": {"description": "The rule.", "content": {"application/json": {}}},
                              "404": _error("Unknown rule.")}}},
            "/api/v1/template": {"get": {
                "summary": "A blank report for a department, as `plancheck template` writes it",
                "parameters": [
                    _query("plan", "Plan id.", {"type": "string"}, required=True),
                    _query("department", "The department's name.", {"type": "string"}, required=True),
                    _query("year", "Reporting year (default: this year).", {"type": "integer"}),
                    _query("kind", "Kind of department, where the plan does not say.",
                           {"type": "string", "enum": [k.value for k in DepartmentKind]}),
                    _query("level", "Administrative level, where the plan does not say.",
                           {"type": "string", "enum": [lv.value for lv in AdminLevel]}),
                    _query("format", "json (default), xml or xlsx.", {"type": "string", "default": "json"}),
                ],
                "responses": {"200": {"description": "The template file (an attachment)."},
                              "400": _error("Unknown plan, department, kind, level, year or format.")}}},
            "/api/v1/schemas/{name}": {"get": {
                "summary": "The report's JSON Schema or XSD, which downloaded templates name for editors",
                "parameters": [{"name": "name", "in": "path", "required": True,
                                "schema": {"type": "string", "enum": ["report.schema.json", "report.xsd"]}}],
                "responses": {"200": {"description": "The schema file."},
                              "404": _error("Any other name.")}}},
            "/api/v1/openapi.json": {"get": {
                "summary": "This description", "responses": {"200": {"description": "OpenAPI 3.1.",
                                                                     "content": {"application/json": {}}}}}},
        },
        "components": {"schemas": {
            "Findings": findings,
            "Error": {"type": "object", "required": ["error"], "properties": {
                "error": {"type": "string", "description": "One line saying what is wrong (and where)."},
                "errors": {"type": "array", "items": {"type": "object"},
                           "description": "422: each unusable report as the findings document lists it."}}},
        }},
    }
