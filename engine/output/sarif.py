"""SARIF 2.1.0: one reportingDescriptor per rule (help text with the clause citation), results
with a physical location (file, line, column) and a logical location (JSON pointer or XPath),
waived findings as accepted external suppressions."""
from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import PurePath
from typing import Any, Optional
from urllib.parse import quote

from ..findings import Finding
from ..io.source import InputError, Location
from .base import FormatOptions, RunOutcome
from .rule_status import RuleStatus, Status, rule_statuses
from .rules_view import basis_lines, clause_citations, help_text
from ..rules.catalog import LoadedRule
from ..waivers import Waiver

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
# Rules that have nothing to do with the reports checked: meant for other kinds or levels of
# department, or compared across the reports of a batch only. A dashboard listing them for every
# report buried the rules that did run (94 descriptors for a court's report, 37 of them relevant).
_IRRELEVANT = frozenset({Status.other_department, Status.run_scope})


def _tool_version() -> str:
    try:
        return version("plancheck")
    except PackageNotFoundError:
        return "0+unknown"


def _uri(path: str) -> str:
    return quote(PurePath(path).as_posix(), safe="/:._-~")


def _descriptor(item: LoadedRule, catalog: Any, plans: set[str]) -> dict[str, Any]:
    """A rule as the plans of this run cite it (not every plan that happens to use it)."""
    rule = item.rule
    return {
        "id": rule.id,
        "name": rule.title.en or rule.id,
        "shortDescription": {"text": rule.title.zh},
        "fullDescription": {"text": "\n".join(clause_citations(item, catalog, plans)) or rule.title.zh},
        "help": {"text": help_text(item, catalog)},
        "defaultConfiguration": {"level": _LEVEL[rule.severity.value]},
        "properties": {
            "category": rule.category.value,
            "clauses": {p: c for p, c in sorted(item.clauses.items()) if p in plans},
            "legalBasis": basis_lines(item),
        },
    }


def _unfound(status: RuleStatus, path: str, index: int, lang: str) -> dict[str, Any]:
    """A rule of the report's plan that ran and found nothing (kind pass), or did not apply to
    the report (kind notApplicable, with why): SARIF's own kinds for results that are not faults."""
    passed = status.status is Status.passed
    text = ("passed" if lang == "en" else "已核查，未发现问题") if passed else status.reason(lang)
    return {
        "ruleId": status.rule_id, "ruleIndex": index, "kind": "pass" if passed else "notApplicable",
        "level": "none", "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(path)}}}],
        "properties": {"status": status.status.value},
    }


def _descriptor_from_finding(f: Finding) -> dict[str, Any]:
    """Without a catalog (never from the CLI) a rule is described by its first finding."""
    return {
        "id": f.rule_id, "shortDescription": {"text": f.title_zh},
        "help": {"text": f.remediation_zh}, "defaultConfiguration": {"level": _LEVEL[f.severity.value]},
    }


def _location(path: str, loc: Location) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(path)}}
    if loc.line is not None:
        region: dict[str, Any] = {"startLine": loc.line}
        if loc.column is not None:
            region["startColumn"] = loc.column
        physical["region"] = region
    logical = [{"fullyQualifiedName": loc.pointer or "/", "kind": "element", "name": "json-pointer"}]
    if loc.xpath:
        logical.append({"fullyQualifiedName": loc.xpath, "kind": "element", "name": "xpath"})
    return {"physicalLocation": physical, "logicalLocations": logical}


def _suppression(w: Waiver) -> dict[str, Any]:
    return {
        "kind": "external", "status": "accepted", "justification": w.justification,
        "properties": {"waiverId": w.id, "approver": w.approver, "approvalNumber": w.approval_number,
                       "expires": w.expires.isoformat(), "scope": w.scope.kind.value},
    }


def _result(f: Finding, path: str, index: int, waiver: Optional[Waiver], lang: str) -> dict[str, Any]:
    return {
        "ruleId": f.rule_id,
        "ruleIndex": index,
        "level": _LEVEL[f.severity.value],
        "kind": "fail",
        "message": {"text": f"{f.message(lang)}\n{f.remediation(lang)}"},
        "locations": [_location(path, f.location)],
        "partialFingerprints": {"plancheck/v1": f.fingerprint},
        "suppressions": [] if waiver is None else [_suppression(waiver)],
        "properties": {
            "category": f.category, "subject": f.subject, "remediation": f.remediation(lang),
            "clause": None if f.citation is None else {"plan": f.citation.plan, "id": f.citation.clause,
                                                         "title": f.citation.title},
            "location": f.location.describe(),
        },
    }


def _notification(error: InputError) -> dict[str, Any]:
    note: dict[str, Any] = {"level": "error", "message": {"text": error.line()}}
    if error.location is not None:
        note["locations"] = [_location(error.path, error.location)]
    else:
        note["locations"] = [{"physicalLocation": {"artifactLocation": {"uri": _uri(error.path)}}}]
    return note


def sarif_document(outcome: RunOutcome, opts: FormatOptions) -> dict[str, Any]:
    catalog = outcome.catalog
    statuses = {id(r): [s for s in rule_statuses(catalog, r) if s.status not in _IRRELEVANT] for r in outcome.results}
    if catalog is not None:
        plans = {r.loaded.report.plan for r in outcome.results}
        relevant = {s.rule_id for found in statuses.values() for s in found}
        relevant |= {f.rule_id for r in outcome.results for f in r.findings}
        descriptors = [_descriptor(item, catalog, plans) for rule_id, item in sorted(catalog.rules.items())
                       if rule_id in relevant]
    else:
        firsts: dict[str, Finding] = {}
        for r in outcome.results:
            for f in r.findings:
                firsts.setdefault(f.rule_id, f)
        descriptors = [_descriptor_from_finding(f) for _, f in sorted(firsts.items())]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    results = [
        _result(f, r.path, index[f.rule_id], outcome.waiver_for(f), opts.lang)
        for r in outcome.results for f in r.findings
    ]
    results += [
        _unfound(status, r.path, index[status.rule_id], opts.lang)
        for r in outcome.results for status in statuses[id(r)] if status.status is not Status.failed
    ]
    paths = [r.path for r in outcome.results] + [e.path for e in outcome.errors]
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "plancheck", "version": _tool_version(), "language": "zh-CN" if opts.lang == "zh" else "en",
            "rules": descriptors,
        }},
        "artifacts": [{"location": {"uri": _uri(p)}} for p in dict.fromkeys(paths)],
        "invocations": [{
            "executionSuccessful": not outcome.errors,
            "toolExecutionNotifications": [_notification(e) for e in outcome.errors],
        }],
        "results": results,
        "properties": {"failLevel": opts.fail_level.value, "departmentFilter": outcome.department},
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(outcome: RunOutcome, opts: FormatOptions) -> str:
    return json.dumps(sarif_document(outcome, opts), ensure_ascii=False, indent=2) + "\n"
