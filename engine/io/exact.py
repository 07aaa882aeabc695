"""The switch that sends every JSON report down the exact read path and the exact locator.

The fast path (engine.io.json_fast, engine.io.json_locate) must give what the exact one gives, to
the character; the exact one stays, as the fallback for anything doubtful and as the reference a
test compares the fast one with. PLANCHECK_EXACT_READ=1 uses the exact one only (for a test, or
to rule the fast path out when something looks wrong).
"""
from __future__ import annotations

import os

EXACT_READ_ENV = "PLANCHECK_EXACT_READ"


def exact_read() -> bool:
    return os.environ.get(EXACT_READ_ENV, "") not in ("", "0")
