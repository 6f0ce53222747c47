"""Opening the store: engine, SQLite pragmas, migrations applied on first use."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError

from beatwire.errors import ConfigError, StoreError

log = logging.getLogger(__name__)


class Store:
    """An open store: the engine, and transactions on it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def dialect(self) -> str:
        """Return "sqlite" or "postgresql"."""
        return self.engine.dialect.name

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """Yield a connection inside one transaction, committed on success."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except OperationalError as exc:
            raise StoreError(f"database error: {exc.orig}") from exc

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """Yield a connection for reading."""
        with self.engine.connect() as conn:
            yield conn

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the web read while a stage writes; busy_timeout waits out short write locks.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_read_only_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # A read-only file keeps the journal mode it has: setting one is a write.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def is_read_only(url: str) -> bool:
    """Return whether `url` opens a SQLite file read-only (`mode=ro`)."""
    return url.startswith("sqlite:") and "mode=ro" in url


def sqlite_file(url: str) -> Path | None:
    """Return the file of a SQLite URL, None for an in-memory or non-SQLite database."""
    if not url.startswith("sqlite:"):
        return None
    try:
        database = make_url(url).database
    except ArgumentError:
        return None
    if not database or database == ":memory:":
        return None
    return Path(database.removeprefix("file:").split("?")[0])


def read_only_url(url: str) -> str:
    """Return `url`, asking SQLite to open the file read-only when this process cannot write it.

    A database someone shares read-only (file or folder not writable) still serves reads:
    status, verify, signals, the site.
    """
    path = sqlite_file(url)
    if path is None or "mode=ro" in url or not path.exists():
        return url
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    return url if writable else f"sqlite:///file:{path.resolve()}?mode=ro&uri=true"


def make_engine(url: str) -> Engine:
    """Return an engine for `url`, or raise ConfigError when the URL is not usable."""
    if not url.startswith(("sqlite:", "postgresql")):
        raise ConfigError(
            f"unsupported database URL {url!r}",
            hint="use sqlite:///PATH or postgresql+psycopg://USER@HOST/DB",
        )
    try:
        if url.startswith("sqlite:"):
            # Pooled connections keep their pragmas: a page read costs no new connection.
            # (An in-memory database has one connection per thread: no pool to size.)
            in_memory = make_url(url).database in (None, "", ":memory:")
            pool = {} if in_memory else {"pool_size": 8, "max_overflow": 8}
            engine = create_engine(url, **pool)
            pragmas = _sqlite_read_only_pragmas if is_read_only(url) else _sqlite_pragmas
            event.listen(engine, "connect", pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise ConfigError(f"bad database URL {url!r}: {exc}") from exc
    return engine


def _alembic_config(conn: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("beatwire.store") / "migrations"))
    config.attributes["connection"] = conn
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (does nothing when it is there).

    A read-only database at an older schema cannot be brought up: StoreError says so.
    """
    with engine.begin() as conn:
        config = _alembic_config(conn)
        head = ScriptDirectory.from_config(config).get_current_head()
        current = MigrationContext.configure(conn).get_current_revision()
        if current == head:
            return
        if is_read_only(str(engine.url)):
            raise StoreError(
                f"the database is read-only and its schema ({current or 'none'}) is older "
                f"than this Beatwire's ({head})",
                hint="open it once with write access (`beatwire init`)",
            )
        log.info("migrating the store to %s", head)
        command.upgrade(config, "head")


def open_store(url: str, *, migrate_schema: bool = True) -> Store:
    """Return the store at `url`, created and migrated on first use (read-only if it must be)."""
    engine = make_engine(read_only_url(url))
    try:
        if migrate_schema:
            migrate(engine)
        else:
            engine.connect().close()
    except OperationalError as exc:
        engine.dispose()
        raise StoreError(f"cannot open the database {engine.url!r}: {exc.orig}") from exc
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"cannot open the database {engine.url!r}: {exc}") from exc
    return Store(engine)
