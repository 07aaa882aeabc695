"""The ASGI application: routes, static files, and the lifetime of the check pool and the intake."""
from __future__ import annotations

import contextlib
from typing import AsyncIterator, Optional

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..rules.catalog import Catalog
from ..rules.catalog_cache import cached_catalog
from ..rules.packs import resolve_packs
from . import api, pages
from .intake import Intake
from .pool import CheckPool
from .services import ServeSettings, Services


def create_app(settings: ServeSettings, catalog: Optional[Catalog] = None, pool: Optional[CheckPool] = None) -> Starlette:
    """The application. `pool`: an already started pool (tests share one); otherwise one is made
    from the settings when the application starts and closed when it stops."""
    packs = resolve_packs(settings.rules)
    catalog = catalog or cached_catalog(packs)
    rules = tuple(str(path) for path in settings.rules)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        own_pool = pool is None
        running = pool or CheckPool(settings.workers, rules, str(settings.waivers) if settings.waivers else None,
                                    settings.timeout)
        if own_pool:
            running.warm_up()  # workers compile their rules before the first clerk waits on them
        intake = Intake(settings.store, packs, catalog, f"{settings.host}:{settings.port}") if settings.store else None
        app.state.services = Services(settings, catalog, running, intake)
        try:
            yield
        finally:
            if intake is not None:
                intake.close()
            if own_pool:
                running.close()

    static = StaticFiles(packages=[(__name__.rpartition(".")[0], "static")])  # this package, whatever its name
    return Starlette(routes=[*pages.ROUTES, *api.ROUTES, Mount("/static", static, name="static")],
                     middleware=[Middleware(SecurityHeaders)], exception_handlers={404: pages.not_found},
                     lifespan=lifespan)


# The findings page shows what uploads contain (escaped); the policy keeps it to this site's own
# script and style should anything slip through. Inline style: the --format html page carries its
# own <style> and inline SVG chart colours.
HEADERS = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                                 b"img-src 'self' data:; frame-ancestors 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class SecurityHeaders:
    """Pure ASGI middleware (no buffering of bodies) adding HEADERS to every HTTP response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            await send(message)

        await self.app(scope, receive, with_headers)
