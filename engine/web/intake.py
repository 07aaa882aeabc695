"""`serve --store DB`: every check recorded in the batch store, as the reports of one run per
server session, so an auditor's office sees its intake with `plancheck runs`."""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Iterable, Union

from ..batch.reconcile import reconcile
from ..batch.store import ReportResult, Store
from ..batch.version import _tool_version, rules_version
from ..rules.catalog import Catalog
from ..rules.packs import PackSet


class Intake:
    def __init__(self, db: Path, packs: Union[Path, PackSet], catalog: Catalog, label: str):
        self.catalog = catalog
        self.store = Store(db)
        self.version = rules_version(packs)
        # one run per server session: the key is unique, so a new session never resumes an old one
        key = f"serve:{label}:{os.getpid()}:{os.urandom(4).hex()}"
        self.run_id, _ = self.store.start_run([f"plancheck serve {label}"], key, self.version, _tool_version(), "error")
        self._lock = threading.Lock()  # one SQLite connection, used from the event loop only

    def record(self, rows: Iterable[ReportResult]) -> None:
        with self._lock:
            for row in rows:
                self.store.record(self.run_id, self.version, row)

    def close(self) -> None:
        """Reconcile across the session's reports (run-scope rules), finish the run."""
        with self._lock:
            self.store.replace_run_findings(self.run_id, reconcile(self.catalog, self.store, self.run_id))
            self.store.finish_run(self.run_id)
            self.store.close()
