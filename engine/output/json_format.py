"""Machine-readable findings (versioned; see schemas/findings.schema.json when published)."""
from __future__ import annotations

import json
from typing import Any

from engine.checker import CheckResult
from engine.findings import Finding
from engine.io.source import InputError
from engine.output.base import FormatOptions, RunOutcome
from engine.output.summary import Summary, at_or_above

FORMAT_VERSION = "1.0"


def finding_dict(f: Finding, lang: str) -> dict[str, Any]:
    loc = f.location
    return {
        "rule_id": f.rule_id,
        "severity": f.severity.value,
        "category": f.category,
        "subject": f.subject,
        "title": f.title(lang),
        "message": f.message(lang),
        "remediation": f.remediation(lang),
        "location": {"pointer": loc.pointer, "line": loc.line, "column": loc.column, "xpath": loc.xpath},
        "clause": None if f.citation is None else {
            "plan": f.citation.plan, "id": f.citation.clause,
            "title": f.citation.title, "text": f.citation.text,
        },
        "legal_basis": [b.model_dump(mode="json", exclude_none=True) for b in f.legal_basis],
        "notes": list(f.notes),
        "fingerprint": f.fingerprint,
    }


def _summary_dict(summary: Summary) -> dict[str, Any]:
    return {"total": summary.total, "by_severity": summary.by_severity, "by_category": summary.by_category}


def _report_dict(result: CheckResult, opts: FormatOptions) -> dict[str, Any]:
    report = result.loaded.report
    return {
        "path": result.path,
        "format": result.loaded.format,
        "plan": report.plan,
        "department": {"name": report.department.name, "kind": report.department.kind.value,
                       "level": report.department.level.value},
        "period": {"start": report.period.start.isoformat(), "end": report.period.end.isoformat()},
        "passed": at_or_above(result.findings, opts.fail_level) == 0,
        "summary": _summary_dict(Summary.of(result.findings)),
        "findings": [finding_dict(f, opts.lang) for f in result.findings],
    }


def _error_dict(error: InputError) -> dict[str, Any]:
    loc = error.location
    return {
        "path": error.path, "message": error.message,
        "pointer": loc.pointer if loc else None, "line": loc.line if loc else None,
        "column": loc.column if loc else None, "xpath": loc.xpath if loc else None,
    }


def render_json(outcome: RunOutcome, opts: FormatOptions) -> str:
    all_findings = [f for r in outcome.results for f in r.findings]
    document = {
        "format_version": FORMAT_VERSION,
        "tool": "plancheck",
        "fail_level": opts.fail_level.value,
        "lang": opts.lang,
        "reports": [_report_dict(r, opts) for r in outcome.results],
        "errors": [_error_dict(e) for e in outcome.errors],
        "summary": _summary_dict(Summary.of(all_findings)),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
