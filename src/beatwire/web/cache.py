"""A cache of finished responses, each valid at one data version and for at most `ttl` seconds.

An entry made at an older data version is never served, so a write shows at once;
`ttl` only bounds what the clock changes without a write ("in the last 24 h").
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from beatwire.web.version import UNKNOWN


class PageCache:
    """Values by key, kept `ttl` seconds and while their data version holds; `entries` at most."""

    def __init__(
        self, ttl: float, entries: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl = ttl
        self.entries = entries
        self._clock = clock
        self._items: OrderedDict[Hashable, tuple[float, Hashable, Any]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        """Whether the cache keeps anything."""
        return self.ttl > 0 and self.entries > 0

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Hashable, version: Hashable = 0) -> Any:
        """Return the value cached under `key` at `version` while it is fresh, else None."""
        if not self.enabled or version is UNKNOWN:
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

    def put(self, key: Hashable, value: Any, version: Hashable = 0) -> None:
        """Keep `value` under `key` made at `version`, dropping the least recent beyond the cap."""
        if not self.enabled or version is UNKNOWN:
            return
        with self._lock:
            self._items[key] = (self._clock() + self.ttl, version, value)
            self._items.move_to_end(key)
            while len(self._items) > self.entries:
                self._items.popitem(last=False)
