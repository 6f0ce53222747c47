"""A short-lived cache of rendered pages: a busy story is rendered once every few seconds.

Pages only read, and a reader may see a page a few seconds old (as behind any CDN);
in exchange a page costs a dictionary lookup instead of a dozen queries.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable


class PageCache:
    """Rendered bodies by key, each kept `ttl` seconds, at most `entries` of them."""

    def __init__(
        self, ttl: float, entries: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl = ttl
        self.entries = entries
        self._clock = clock
        self._items: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        """Return the body cached under `key` while it is fresh, else None."""
        if self.ttl <= 0:
            return None
        with self._lock:
            found = self._items.get(key)
            if found is None or found[0] <= self._clock():
                return None
            self._items.move_to_end(key)
            return found[1]

    def put(self, key: str, body: bytes) -> None:
        """Keep `body` under `key` for `ttl` seconds, dropping the least recent beyond the cap."""
        if self.ttl <= 0:
            return
        with self._lock:
            self._items[key] = (self._clock() + self.ttl, body)
            self._items.move_to_end(key)
            while len(self._items) > self.entries:
                self._items.popitem(last=False)
