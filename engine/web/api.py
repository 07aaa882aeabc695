"""The JSON API under /api/v1 (described by /api/v1/openapi.json, engine.web.openapi).

Status codes: 200 with the findings document (also when the report has errors); 422 for a report
that cannot be checked, with the one line `plancheck check` prints; 413 over the size limit; 400
for a bad request; 404 for an unknown plan or rule; 503 when every worker is busy (retry).
"""
from __future__ import annotations

import difflib
from typing import Any, Optional

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..coverage import plan_coverage
from ..describe import describe
from ..output import FORMATTERS
from ..rules.model import Severity
from ..template import TemplateError
from .jobs import Upload, run_explain_job
from .openapi import openapi_document
from .pool import PoolBusy, PoolFailed
from .services import Services
from ..resources import schemas_dir
from .templates_dl import build_template_file, schema_url
from .uploads import BadRequest, TooLarge, parse_form, read_body, uploaded_files, clean_name

MEDIA = {"json": "application/json", "sarif": "application/sarif+json", "html": "text/html; charset=utf-8",
         "junit": "application/xml", "text": "text/plain; charset=utf-8",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def problem(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


def _services(request: Request) -> Services:
    return request.app.state.services


def _choice(request: Request, name: str, allowed: list[str], default: str) -> str:
    value = request.query_params.get(name, default)
    if value not in allowed:
        raise BadRequest(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    return value


async def _body_upload(request: Request, limit: int) -> Upload:
    """The report: the one file of a multipart form (field `file`), or the raw body."""
    body = await read_body(request, limit)
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        files = await uploaded_files(await parse_form(request, body, limit), "file")
        if len(files) != 1:
            raise BadRequest(f"send exactly one report in the form field 'file' ({len(files)} given)")
        return files[0]
    if not body:
        raise BadRequest("the request has no report: send it as the body or as the form field 'file'")
    return Upload(clean_name(request.query_params.get("filename"), "report"), body)


async def check(request: Request) -> Response:
    services = _services(request)
    try:
        fmt = _choice(request, "format", [f for f in ("json", "sarif", "html", "xlsx") if f in FORMATTERS], "json")
        lang = _choice(request, "lang", ["zh", "en"], "zh")
        level = _choice(request, "fail_level", [s.value for s in Severity], "error")
        plan = request.query_params.get("plan") or None
        if plan is not None and plan not in services.catalog.plans:
            raise BadRequest(f"unknown plan {plan!r} (known: {', '.join(sorted(services.catalog.plans))})")
        upload = await _body_upload(request, services.settings.max_bytes)
    except TooLarge:
        return problem(413, f"the upload is over the {services.settings.max_bytes}-byte limit")
    except BadRequest as exc:
        return problem(400, str(exc))
    try:
        output = await services.check([upload], plan=plan, department=request.query_params.get("department") or None,
                                      fail_level=level, renders=((fmt, lang),))
    except PoolBusy:
        return problem(503, "every check worker is busy; retry shortly", retry_after=2)
    except PoolFailed as exc:
        return problem(503, str(exc))
    if output.errors:
        first = output.errors[0]
        return problem(422, first["error"], errors=list(output.errors))
    return Response(output.documents[(fmt, lang)], media_type=MEDIA[fmt])


def _plan_summary(plan: Any) -> dict[str, Any]:
    return {"id": plan.id, "title": plan.title, "issuer": plan.issuer, "date": plan.date.isoformat(),
            "period": {"start": plan.period.start.isoformat(), "end": plan.period.end.isoformat()},
            "clauses": len(plan.clauses), "departments": len(plan.departments)}


async def plans(request: Request) -> Response:
    catalog = _services(request).catalog
    return JSONResponse([_plan_summary(p) for _, p in sorted(catalog.plans.items())])


def plan_detail(services: Services, plan_id: str) -> Optional[dict[str, Any]]:
    catalog = services.catalog
    plan = catalog.plans.get(plan_id)
    if plan is None:
        return None
    rows = plan_coverage(catalog, plan).rows
    return {
        **_plan_summary(plan),
        "departments": [{"name": d.name, "aliases": list(d.aliases), "kind": d.kind.value,
                         "level": d.level.value if d.level else None} for d in plan.departments],
        "clauses": [{"id": r.clause.id, "section": r.clause.section, "title": r.clause.title, "text": r.clause.text,
                     "check": r.clause.check.value, "reason": r.clause.reason, "rules": list(r.rule_ids)} for r in rows],
    }


async def plan(request: Request) -> Response:
    services = _services(request)
    detail = plan_detail(services, request.path_params["plan_id"])
    if detail is None:
        return problem(404, f"unknown plan {request.path_params['plan_id']!r}")
    return JSONResponse(detail)


def close_departments(services: Services, plan_id: str, typed: str, limit: int = 8) -> list[str]:
    """The plan's department names (and aliases) closest to what was typed: those containing it
    first, then the close spellings."""
    plan = services.catalog.plans.get(plan_id)
    if plan is None:
        return []
    names = list(dict.fromkeys(n for d in plan.departments for n in (d.name, *d.aliases)))
    typed = typed.strip()
    if not typed:
        return names[:limit]
    containing = [n for n in names if typed in n]
    close = difflib.get_close_matches(typed, names, n=limit, cutoff=0.4)
    return list(dict.fromkeys(containing + close))[:limit]


async def departments(request: Request) -> Response:
    services = _services(request)
    plan_id = request.path_params["plan_id"]
    if plan_id not in services.catalog.plans:
        return problem(404, f"unknown plan {plan_id!r}")
    return JSONResponse(close_departments(services, plan_id, request.query_params.get("q", "")))


def rule_detail(services: Services, rule_id: str, lang: str, explained: list[str]) -> dict[str, Any]:
    item = services.catalog.rules[rule_id]
    rule = item.rule
    return {
        "id": rule.id, "title": rule.title.en if lang == "en" and rule.title.en else rule.title.zh,
        "severity": rule.severity.value, "category": rule.category.value,
        "clauses": [{"plan": p, "clause": c} for p, c in sorted(item.clauses.items())],
        "legal_basis": [b.model_dump(mode="json", exclude_none=True) for b in rule.legal_basis],
        "condition": describe(rule, lang), "message": rule.message.zh, "remediation": rule.remediation.zh,
        "explain": explained,
    }


async def rule(request: Request) -> Response:
    services = _services(request)
    rule_id = request.path_params["rule_id"]
    try:
        lang = _choice(request, "lang", ["zh", "en"], "zh")
    except BadRequest as exc:
        return problem(400, str(exc))
    if rule_id not in services.catalog.rules:
        return problem(404, f"unknown rule {rule_id!r}")
    try:
        explained = await services.pool.run(run_explain_job, rule_id, lang)
    except (PoolBusy, PoolFailed) as exc:
        return problem(503, str(exc) or "every check worker is busy; retry shortly")
    return JSONResponse(rule_detail(services, rule_id, lang, explained))


def attachment(data: bytes, media_type: str, filename: str) -> Response:
    return Response(data, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


async def template(request: Request) -> Response:
    services = _services(request)
    q = request.query_params
    year_text = q.get("year", "")
    if year_text and not (year_text.isdigit() and 1990 <= int(year_text) <= 2100):
        return problem(400, f"year must be a year from 1990 to 2100, not {year_text!r}")
    if not q.get("plan") or not q.get("department"):
        return problem(400, "plan and department are required")
    try:
        fmt = q.get("format", "json")
        made = build_template_file(services.catalog, q["plan"], q["department"], q.get("kind") or None,
                                   q.get("level") or None, int(year_text) if year_text else None, fmt,
                                   schema_url(str(request.base_url), fmt))
    except TemplateError as exc:
        return problem(400, str(exc))
    return attachment(made.data, made.media_type, made.filename)


SCHEMA_FILES = {"report.schema.json": "application/schema+json", "report.xsd": "application/xml"}


async def schema_file(request: Request) -> Response:
    """The report's JSON Schema and XSD, which downloaded templates name for editors' help; only
    these two names, from the installed schemas directory (no other path is reachable)."""
    name = request.path_params["name"]
    if name not in SCHEMA_FILES:
        return problem(404, f"no schema {name!r} (there are {', '.join(SCHEMA_FILES)})")
    return Response((schemas_dir() / name).read_bytes(), media_type=SCHEMA_FILES[name])


async def openapi(request: Request) -> Response:
    return JSONResponse(openapi_document(_services(request)))


ROUTES = [
    Route("/api/v1/check", check, methods=["POST"]),
    Route("/api/v1/plans", plans),
    Route("/api/v1/plans/{plan_id}", plan),
    Route("/api/v1/plans/{plan_id}/departments", departments),
    Route("/api/v1/rules/{rule_id}", rule),
    Route("/api/v1/template", template),
    Route("/api/v1/openapi.json", openapi),
    Route("/api/v1/schemas/{name}", schema_file),
]
