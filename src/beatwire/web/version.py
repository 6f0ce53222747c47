"""The store's data version: a token that changes whenever anyone commits a write.

Caches of rendered pages and API answers keep an entry only while the version it was
made at is current, so a new story or record shows at once instead of after a TTL.
SQLite answers `PRAGMA data_version` on a connection of our own (it changes on every
commit by any other connection, in any process) in a few microseconds, so it is asked
on every lookup. PostgreSQL answers the WAL position, asked at most every `interval`.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Hashable

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from beatwire.store.engine import Store

log = logging.getLogger(__name__)
UNKNOWN: Hashable = None  # a version no entry is ever made at: nothing is served from cache


class DataVersion:
    """`current()` returns a token that differs after every committed write to the store."""

    def __init__(
        self, store: Store, *, interval: float = 1.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._store = store
        self._interval = interval
        self._clock = clock
        self._lock = threading.Lock()
        self._sqlite: sqlite3.Connection | None = None
        self._checked = -float("inf")
        self._last: Hashable = UNKNOWN
        url = store.engine.url
        if url.get_backend_name() == "sqlite":
            path = url.database or ""
            # An in-memory database cannot be opened twice: caching stays off.
            if path and path != ":memory:" and not path.startswith("file:"):
                self._sqlite = sqlite3.connect(path, check_same_thread=False)

    def current(self) -> Hashable:
        """Return the data version now (UNKNOWN when it cannot be told)."""
        with self._lock:
            if self._sqlite is not None:
                return self._sqlite_version(self._sqlite)
            if self._store.dialect == "postgresql":
                now = self._clock()
                if now - self._checked >= self._interval:
                    self._checked = now
                    self._last = self._postgres_version()
                return self._last
            return UNKNOWN

    def _sqlite_version(self, conn: sqlite3.Connection) -> Hashable:
        try:
            return int(conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error as exc:
            log.warning("cannot read the data version: %s", exc)
            return UNKNOWN

    def _postgres_version(self) -> Hashable:
        try:
            with self._store.read() as conn:
                return str(conn.execute(text("SELECT pg_current_wal_lsn()")).scalar())
        except SQLAlchemyError as exc:
            log.warning("cannot read the data version: %s", exc)
            return UNKNOWN

    def close(self) -> None:
        """Close the connection the version is read on."""
        with self._lock:
            if self._sqlite is not None:
                self._sqlite.close()
                self._sqlite = None
