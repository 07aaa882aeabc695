"""Checked uploads' documents, held in memory for a while so the findings page can offer its
downloads; never written to disk. Oldest first out when full; gone after `ttl` seconds."""
from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Optional

from engine.web.jobs import CheckOutput


@dataclass(frozen=True)
class HeldResult:
    output: CheckOutput
    names: tuple[str, ...]  # the uploads' names, for the page title
    lang: str


class ResultCache:
    def __init__(self, capacity: int = 200, ttl: float = 3600.0, clock: Callable[[], float] = time.monotonic):
        self.capacity, self.ttl, self._clock = capacity, ttl, clock
        self._items: "OrderedDict[str, tuple[float, HeldResult]]" = OrderedDict()
        self._lock = threading.Lock()

    def put(self, held: HeldResult) -> str:
        token = secrets.token_urlsafe(18)  # unguessable: the token is the only key to a result
        with self._lock:
            self._expire()
            self._items[token] = (self._clock(), held)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)
        return token

    def get(self, token: str) -> Optional[HeldResult]:
        with self._lock:
            self._expire()
            entry = self._items.get(token)
            return entry[1] if entry else None

    def _expire(self) -> None:
        limit = self._clock() - self.ttl
        while self._items and next(iter(self._items.values()))[0] < limit:
            self._items.popitem(last=False)
