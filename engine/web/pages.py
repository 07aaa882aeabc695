"""The pages: check a report (its findings page is `--format html`'s, inside the site's header),
start a report (a template to download), browse the plans and explain a rule."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from ..coverage import plan_coverage
from ..labels import CHOICES
from ..rules.model import Severity
from ..template import TemplateError
from .api import MEDIA, attachment, close_departments
from .i18n import COOKIE, WORDS, request_lang
from .jobs import run_explain_job
from .pool import PoolBusy, PoolFailed
from .results import HeldResult
from .services import Services, download_formats
from .templates_dl import build_template_file, schema_url, template_formats
from .uploads import (
    MAX_FILES, BadRequest, TooLarge, TooManyFiles, parse_form, read_body, uploaded_files,
)

# StrictUndefined: a word missing from engine.web.i18n is an error, not a blank on the page
JINJA = Environment(loader=PackageLoader(__name__.rpartition(".")[0], "templates"),
                    autoescape=select_autoescape(["html"]), undefined=StrictUndefined)


def _services(request: Request) -> Services:
    return request.app.state.services


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = request_lang(request)
    body = JINJA.get_template(name).render(lang=lang, w=WORDS[lang], **context)
    return remember_lang(request, HTMLResponse(body, status_code=status))


def remember_lang(request: Request, response: Response) -> Response:
    """`?lang=` switches the language and a cookie keeps it for the next pages."""
    asked = request.query_params.get("lang")
    if asked in WORDS:
        response.set_cookie(COOKIE, asked, max_age=365 * 86400, samesite="lax")
    return response


def _plans(services: Services) -> list[Any]:
    return [p for _, p in sorted(services.catalog.plans.items())]


def _form_context(request: Request, chosen_plan: Optional[str]) -> dict[str, Any]:
    services = _services(request)
    plans = _plans(services)
    # the chosen plan's units; before a plan is chosen, every plan's (the script narrows them)
    names = [n for p in plans if chosen_plan in (None, p.id) for n in close_departments(services, p.id, "", limit=500)]
    return {"plans": plans, "chosen_plan": chosen_plan, "department_names": list(dict.fromkeys(names))}


async def check_form(request: Request, error: Optional[str] = None, status: int = 200) -> Response:
    chosen = request.query_params.get("plan")
    return render(request, "check.html", status, title=WORDS[request_lang(request)]["check_title"], error=error,
                  department=request.query_params.get("department"), **_form_context(request, chosen))


async def check_submit(request: Request) -> Response:
    services = _services(request)
    words = WORDS[request_lang(request)]
    limit = services.settings.max_bytes
    try:
        form = await parse_form(request, await read_body(request, limit), limit)
        uploads = await uploaded_files(form, "files")
    except TooLarge:
        return await check_form(request, words["too_large"].format(limit=limit), 413)
    except TooManyFiles:
        return await check_form(request, words["too_many_files"].format(limit=MAX_FILES), 400)
    except BadRequest as exc:
        return await check_form(request, str(exc), 400)
    if not uploads:
        return await check_form(request, words["no_files"], 400)
    plan = str(form.get("plan") or "") or None
    if plan is not None and plan not in services.catalog.plans:
        return await check_form(request, words["unknown_plan"].format(plan=plan), 400)
    level = str(form.get("fail_level") or "error")
    if level not in {s.value for s in Severity}:
        level = "error"
    department = str(form.get("department") or "").strip() or None
    renders = tuple((fmt, language) for fmt in {*download_formats(), "html"} for language in WORDS)
    try:
        output = await services.check(uploads, plan=plan, department=department, fail_level=level, renders=renders)
    except PoolBusy:
        return await check_form(request, words["busy"], 503)
    except PoolFailed as exc:
        return await check_form(request, str(exc), 503)
    token = services.cache.put(HeldResult(output, tuple(u.name for u in uploads)))
    return RedirectResponse(f"/results/{token}", status_code=303)


def _held(request: Request) -> Optional[HeldResult]:
    return _services(request).cache.get(request.path_params["token"])


async def result_page(request: Request) -> Response:
    held = _held(request)
    lang = request_lang(request)
    if held is None:
        return render(request, "message.html", 404, title=WORDS[lang]["result_title"], message=WORDS[lang]["result_gone"])
    findings_page = held.output.documents[("html", lang)].decode("utf-8")
    chrome = JINJA.get_template("chrome.html").render(lang=lang, w=WORDS[lang], downloads=download_formats(),
                                                      token=request.path_params["token"])
    # the findings page is --format html's, whole; the site's header and style are put into it
    page = findings_page.replace("</head>", '<link rel="stylesheet" href="/static/site.css"></head>', 1)
    page = page.replace("<body>\n", f"<body>\n{chrome}\n<main>\n", 1).replace("</body>", "</main>\n</body>", 1)
    return remember_lang(request, HTMLResponse(page))


async def result_download(request: Request) -> Response:
    held = _held(request)
    fmt = request.path_params["fmt"]
    lang = request_lang(request)
    document = held.output.documents.get((fmt, lang)) if held is not None else None
    if document is None:
        return render(request, "message.html", 404, title=WORDS[lang]["result_title"], message=WORDS[lang]["result_gone"])
    return attachment(document, MEDIA[fmt], f"plancheck-findings.{fmt}")


async def start_form(request: Request, error: Optional[str] = None, status: int = 200) -> Response:
    q = request.query_params
    return render(request, "start.html", status, title=WORDS[request_lang(request)]["start_title"], error=error,
                  year=q.get("year") or dt.date.today().year, department=q.get("department"),
                  kinds=_choices("DepartmentKind", request), levels=_choices("AdminLevel", request),
                  formats=template_formats(), **_form_context(request, q.get("plan")))


def _choices(enum_name: str, request: Request) -> list[tuple[str, str]]:
    """(value, label) of a coded field: the Chinese label on Chinese pages, the value itself on
    English ones (the value is what a report carries)."""
    labels = CHOICES[enum_name][2]
    lang = request_lang(request)
    return [(value, f"{label} ({value})" if lang == "zh" else value) for value, label in labels.items()]


async def start_template(request: Request) -> Response:
    q = request.query_params
    year = q.get("year", "")
    try:
        if year and not (year.isdigit() and 1990 <= int(year) <= 2100):
            raise TemplateError(f"year must be a year from 1990 to 2100, not {year!r}")
        fmt = q.get("format", "json")
        made = build_template_file(_services(request).catalog, q.get("plan", ""), q.get("department", ""),
                                   q.get("kind") or None, q.get("level") or None, int(year) if year else None,
                                   fmt, schema_url(str(request.base_url), fmt))
    except TemplateError as exc:
        return await start_form(request, str(exc), 400)
    return attachment(made.data, made.media_type, made.filename)


async def plans_page(request: Request) -> Response:
    return render(request, "plans.html", title=WORDS[request_lang(request)]["plans_title"],
                  plans=_plans(_services(request)))


async def plan_page(request: Request) -> Response:
    services = _services(request)
    words = WORDS[request_lang(request)]
    plan = services.catalog.plans.get(request.path_params["plan_id"])
    if plan is None:
        return render(request, "message.html", 404, title=words["plans_title"],
                      message=words["unknown_plan"].format(plan=request.path_params["plan_id"]))
    rows = plan_coverage(services.catalog, plan).rows
    filed = {row.clause.id for row in rows}
    # rules of the plan filed under no one clause: every clause (TASK-GAP), the national rules
    others = sorted(rule_id for rule_id, item in services.catalog.rules.items()
                    if plan.id in item.clauses and item.clauses[plan.id] not in filed)
    return render(request, "plan.html", title=plan.title, plan=plan, rows=rows, others=others)


async def rule_page(request: Request) -> Response:
    services = _services(request)
    lang = request_lang(request)
    rule_id = request.path_params["rule_id"]
    if rule_id not in services.catalog.rules:
        return render(request, "message.html", 404, title=WORDS[lang]["rule_title"],
                      message=WORDS[lang]["unknown_rule"].format(rule=rule_id))
    try:
        lines = await services.pool.run(run_explain_job, rule_id, lang)
    except (PoolBusy, PoolFailed):
        return render(request, "message.html", 503, title=WORDS[lang]["rule_title"], message=WORDS[lang]["busy"])
    return render(request, "rule.html", title=rule_id, rule_id=rule_id, lines=lines)


async def not_found(request: Request, exc: Exception) -> Response:
    lang = request_lang(request)
    if request.url.path.startswith("/api/"):
        from .api import problem

        return problem(404, "no such endpoint")
    return render(request, "message.html", 404, title=WORDS[lang]["error_title"], message=WORDS[lang]["not_found"])


ROUTES = [
    Route("/", check_form),
    Route("/check", check_submit, methods=["POST"]),
    Route("/results/{token}", result_page),
    Route("/results/{token}/findings.{fmt}", result_download),
    Route("/start", start_form),
    Route("/start/template", start_template),
    Route("/plans", plans_page),
    Route("/plans/{plan_id}", plan_page),
    Route("/rules/{rule_id}", rule_page),
]
