"""The web's one cache: values made from the store, each kept while the store's data version holds.

An entry made at an older data version is never served, so a write shows at once
(a new story, a revoked key). An entry's `ttl` bounds only what changes with the
clock and not with a write ("in the last 24 h"); None keeps it while the data
holds. One cache per app keeps rendered pages (response_cache.SiteCache), API
answers (api/read_cache.ApiReadCache), authenticated keys (api/deps) and page
contexts (pages/routing.memo), the least recently used dropped beyond `entries`.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Protocol, TypeVar

from beatwire.web.version import UNKNOWN

T = TypeVar("T")
_FOREVER = float("inf")


class Versioned(Protocol):
    """Tells the store's data version now (web/version.py's DataVersion)."""

    def current(self) -> Hashable:
        """Return a token that differs after every committed write (UNKNOWN when unsure)."""
        ...


class DataCache:
    """Values by key, each valid at one data version and for at most its own `ttl` seconds."""

    def __init__(
        self, versions: Versioned, entries: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.versions = versions
        self.entries = entries
        self._clock = clock
        self._items: OrderedDict[Hashable, tuple[float, Hashable, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: Hashable) -> bool:
        """Return whether an entry is held for `key`, at whatever data version it was made."""
        return key in self._items

    def version(self) -> Hashable:
        """Return the data version now: read it before making a value, pass it to `put`."""
        return self.versions.current()

    def get(self, key: Hashable, version: Hashable) -> Any:
        """Return the value kept under `key` at `version` while it is fresh, else None."""
        if version is UNKNOWN:
            return None
        with self._lock:
            found = self._items.get(key)
            if found is None:
                return None
            if found[0] <= self._clock() or found[1] != version:
                del self._items[key]
                return None
            self._items.move_to_end(key)
            return found[2]

    def put(self, key: Hashable, value: Any, version: Hashable, *, ttl: float | None) -> None:
        """Keep `value`, made at `version`, `ttl` seconds (None: while the data holds)."""
        if version is UNKNOWN or self.entries <= 0 or (ttl is not None and ttl <= 0):
            return
        expires = _FOREVER if ttl is None else self._clock() + ttl
        with self._lock:
            self._items[key] = (expires, version, value)
            self._items.move_to_end(key)
            while len(self._items) > self.entries:
                self._items.popitem(last=False)

    def get_or_make(self, key: Hashable, make: Callable[[], T], *, ttl: float | None) -> T:
        """Return the value kept under `key`, else `make()` kept (a None made is not kept)."""
        version = self.version()  # read before making: a write meanwhile invalidates the value
        found: T | None = self.get(key, version)
        if found is not None:
            return found
        made = make()
        if made is not None:
            self.put(key, made, version, ttl=ttl)
        return made
