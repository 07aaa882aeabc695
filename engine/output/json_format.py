"""Machine-readable findings, versioned and documented by schemas/findings.schema.json."""
from __future__ import annotations

import json
from typing import Any, Optional

from ..checker import CheckResult
from ..findings import Finding
from ..io.source import InputError
from .base import FormatOptions, RunOutcome
from .summary import Summary, at_or_above
from ..waivers import Waiver

# 1.1: waivers (per finding, expired and unused), `location.display`, `department_filter`.
# 1.2: the department as resolved: `kinds` (all of them) and `unit` (the plan's unit it matched).
FORMAT_VERSION = "1.2"


def waiver_dict(w: Waiver) -> dict[str, Any]:
    return w.model_dump(mode="json", exclude_none=True)


def finding_dict(f: Finding, lang: str, waiver: Optional[Waiver] = None) -> dict[str, Any]:
    loc = f.location
    return {
        "rule_id": f.rule_id,
        "severity": f.severity.value,
        "category": f.category,
        "subject": f.subject,
        "title": f.title(lang),
        "message": f.message(lang),
        "remediation": f.remediation(lang),
        "location": {"pointer": loc.pointer, "line": loc.line, "column": loc.column, "xpath": loc.xpath,
                     "display": loc.describe()},
        "clause": None if f.citation is None else {
            "plan": f.citation.plan, "id": f.citation.clause,
            "title": f.citation.title, "text": f.citation.text,
        },
        "legal_basis": [b.model_dump(mode="json", exclude_none=True) for b in f.legal_basis],
        "notes": list(f.notes),
        "fingerprint": f.fingerprint,
        "waived": waiver is not None,
        "waiver": None if waiver is None else waiver_dict(waiver),
    }


def _summary_dict(summary: Summary) -> dict[str, Any]:
    return {"total": summary.total, "by_severity": summary.by_severity, "by_category": summary.by_category}


def _department(result: CheckResult) -> dict[str, Any]:
    """The department as the check understood it: kinds and level as resolved (declared, from the
    plan's table or read off its name), and the plan's unit it was matched to."""
    written, resolved = result.loaded.report.department, result.department
    if resolved is None:
        return {"name": written.name, "kind": written.kind and written.kind.value, "kinds": [],
                "level": written.level and written.level.value, "unit": None}
    return {
        "name": written.name,
        "kind": resolved.kind.value,
        "kinds": [kind.value for kind in resolved.kinds],
        "level": resolved.level.value,
        "unit": resolved.unit.name if resolved.unit is not None else None,
    }


def _report_dict(result: CheckResult, outcome: RunOutcome, opts: FormatOptions) -> dict[str, Any]:
    report = result.loaded.report
    active = outcome.active(result)
    return {
        "path": result.path,
        "format": result.loaded.format,
        "plan": report.plan,
        "department": _department(result),
        "period": {"start": report.period.start.isoformat(), "end": report.period.end.isoformat()},
        "passed": at_or_above(active, opts.fail_level) == 0,
        "summary": _summary_dict(Summary.of(active)),
        "waived": len(result.findings) - len(active),
        "findings": [finding_dict(f, opts.lang, outcome.waiver_for(f)) for f in result.findings],
    }


def _error_dict(error: InputError) -> dict[str, Any]:
    loc = error.location
    return {
        "path": error.path, "message": error.message,
        "pointer": loc.pointer if loc else None, "line": loc.line if loc else None,
        "column": loc.column if loc else None, "xpath": loc.xpath if loc else None,
    }


def render_json(outcome: RunOutcome, opts: FormatOptions) -> str:
    active = [f for r in outcome.results for f in outcome.active(r)]
    waivers = outcome.waivers
    document = {
        "format_version": FORMAT_VERSION,
        "tool": "plancheck",
        "fail_level": opts.fail_level.value,
        "lang": opts.lang,
        "department_filter": outcome.department,
        "reports": [_report_dict(r, outcome, opts) for r in outcome.results],
        "errors": [_error_dict(e) for e in outcome.errors],
        "waivers": {
            "file": waivers.source.path if waivers.source else None,
            "expired": [{**waiver_dict(e.waiver), "would_match": list(e.findings)} for e in waivers.expired],
            "unused": [waiver_dict(w) for w in waivers.unused],
        },
        "summary": _summary_dict(Summary.of(active)),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
