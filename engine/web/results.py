"""Checked uploads' documents, held in memory for a while so the findings page can offer its
downloads; never written to disk. Gone after `ttl` seconds; oldest first out when more than
`capacity` results or `max_bytes` of documents are held (a few large reports must not take the
server's memory)."""
from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Optional

from .jobs import CheckOutput


@dataclass(frozen=True)
class HeldResult:
    output: CheckOutput
    names: tuple[str, ...]  # the uploads' names

    @property
    def size(self) -> int:
        return sum(len(document) for document in self.output.documents.values())


class ResultCache:
    def __init__(self, capacity: int = 200, ttl: float = 3600.0, max_bytes: int = 256 * 1024 * 1024,
                 clock: Callable[[], float] = time.monotonic):
        self.capacity, self.ttl, self.max_bytes, self._clock = capacity, ttl, max_bytes, clock
        self._items: "OrderedDict[str, tuple[float, HeldResult]]" = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def put(self, held: HeldResult) -> str:
        token = secrets.token_urlsafe(18)  # unguessable: the token is the only key to a result
        with self._lock:
            self._expire()
            self._items[token] = (self._clock(), held)
            self._bytes += held.size
            # the newest result stays even when it alone is over the budget: its page is next
            while len(self._items) > 1 and (len(self._items) > self.capacity or self._bytes > self.max_bytes):
                self._drop_oldest()
        return token

    def get(self, token: str) -> Optional[HeldResult]:
        with self._lock:
            self._expire()
            entry = self._items.get(token)
            return entry[1] if entry else None

    def _expire(self) -> None:
        limit = self._clock() - self.ttl
        while self._items and next(iter(self._items.values()))[0] < limit:
            self._drop_oldest()

    def _drop_oldest(self) -> None:
        _, (_, held) = self._items.popitem(last=False)
        self._bytes -= held.size
