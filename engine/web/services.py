"""What the pages and the API share: the settings, the catalog, the check pool, the held results,
the intake store, and the one function that turns uploads into a checked result."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..output import FORMATTERS
from ..rules.catalog import Catalog
from .intake import Intake
from .jobs import CheckJob, CheckOutput, Upload, run_check_job
from .pool import CheckPool
from .results import ResultCache

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# the findings downloads the pages offer, in this order, where the formatter exists
DOWNLOADS = ("json", "sarif", "xlsx", "html")


@dataclass(frozen=True)
class ServeSettings:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 2
    max_bytes: int = DEFAULT_MAX_BYTES  # the whole upload request
    timeout: float = 60.0
    # `--rules` as check and batch take it: packs added to the bundled ones, or one complete tree
    rules: tuple[Path, ...] = ()
    waivers: Optional[Path] = None
    store: Optional[Path] = None


def download_formats() -> list[str]:
    return [fmt for fmt in DOWNLOADS if fmt in FORMATTERS]


class Services:
    def __init__(self, settings: ServeSettings, catalog: Catalog, pool: CheckPool,
                 intake: Optional[Intake] = None, cache: Optional[ResultCache] = None):
        self.settings, self.catalog, self.pool, self.intake = settings, catalog, pool, intake
        self.cache = cache or ResultCache()
        self._uploads = 0

    async def check(self, uploads: list[Upload], *, plan: Optional[str], department: Optional[str],
                    fail_level: str, renders: tuple[tuple[str, str], ...]) -> CheckOutput:
        """Check in a worker; with --store, record every upload in the session's run."""
        record_as = None
        if self.intake is not None:
            self._uploads += 1
            record_as = f"upload-{self._uploads:06d}"
        job = CheckJob(tuple(uploads), plan, department, fail_level, renders, record_as)
        output = await self.pool.run(run_check_job, job)
        if self.intake is not None:
            self.intake.record(output.store_rows)
        return output
