"""`plancheck serve`: the self-check web pages and the /api/v1 check API on one local server."""
from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Optional

import click

from .common import fail, rules_option, say_replaced
from ..rules.catalog_cache import cached_catalog
from ..rules.packs import resolve_packs
from ..rules.yaml_source import RuleLoadError
from ..waivers import WaiverError, load_waivers

LOCAL_HOSTS = {"localhost"}


def is_local(host: str) -> bool:
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command(name="serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback is reachable from the network (a warning is printed).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(min=0), default=2, show_default=True,
              help="Check worker processes (0: check in the server process, one at a time).")
@click.option("--max-bytes", type=click.IntRange(min=1024), default=10 * 1024 * 1024, show_default=True,
              help="Largest upload (the whole request) accepted; larger is refused with 413.")
@click.option("--timeout", type=click.FloatRange(min=1), default=60.0, show_default=True,
              help="Seconds a check may take before it is stopped.")
@click.option("--store", "store", type=click.Path(path_type=Path, dir_okay=False),
              help="Record every check in this batch store (SQLite), as one run per server session "
                   "(`plancheck runs list`). Without it, reports are held in memory only.")
@click.option("--waivers", "waivers_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Approved waivers applied to every check (YAML or JSON).")
@rules_option
def serve(host: str, port: int, workers: int, max_bytes: int, timeout: float, store: Optional[Path],
          waivers_file: Optional[Path], rules_dir: tuple[Path, ...]) -> None:
    """Start the web pages (check a report, start a report, browse the plans) and the JSON API
    under /api/v1 (described at /api/v1/openapi.json)."""
    try:
        import uvicorn

        from ..web.app import create_app
        from ..web.services import ServeSettings
    except ImportError as exc:  # an install without the web extras
        raise fail(f"plancheck serve needs the Python package {exc.name!r}, which is not installed") from None
    try:  # invalid rules stop here, before anything listens
        packs = resolve_packs(rules_dir)
        catalog = cached_catalog(packs)
    except RuleLoadError as exc:
        raise fail(str(exc)) from None
    say_replaced(packs)
    if waivers_file is not None:
        try:
            load_waivers(waivers_file, catalog)
        except WaiverError as exc:
            raise fail(str(exc)) from None
    if not is_local(host):
        click.echo(f"plancheck: warning: listening on {host}, reachable from other machines; reports sent here "
                   "are checked without any login. Use 127.0.0.1 unless a gateway in front controls access.", err=True)
    settings = ServeSettings(host=host, port=port, workers=workers, max_bytes=max_bytes, timeout=timeout,
                             rules=tuple(rules_dir), waivers=waivers_file, store=store)
    click.echo(f"plancheck: serving on http://{host}:{port}/ (API: /api/v1/openapi.json); Ctrl-C stops", err=True)
    uvicorn.run(create_app(settings, catalog), host=host, port=port, log_level="warning", access_log=False)
