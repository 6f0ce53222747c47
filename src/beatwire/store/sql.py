"""SQL helpers every store module shares: the dialect's insert, batches, keysets, days, epochs.

SQLite and PostgreSQL differ in a few places (upserts, day and epoch arithmetic, how
a timestamp comes back from an aggregate); each difference is written once, here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from itertools import chain
from typing import Any, TypeVar

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Connection,
    Integer,
    Select,
    String,
    Table,
    and_,
    cast,
    func,
    or_,
    type_coerce,
)
from sqlalchemy.dialects import postgresql, sqlite

T = TypeVar("T")

CHUNK = 400  # values bound in one statement: under every SQLite build's parameter limit


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """Yield `items` in consecutive slices of at most `size`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def dialect_insert(conn: Connection, table: Table) -> postgresql.Insert | sqlite.Insert:
    """Return an INSERT into `table` that knows ON CONFLICT, in the dialect of `conn`."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def before_key(order_col: Any, id_col: Any, after: tuple[Any, Any] | None) -> ColumnElement[bool]:
    """Return the condition for rows after `after` in (order_col desc, id_col desc) order."""
    if after is None:
        return and_(True)
    value, ident = after
    return or_(order_col < value, and_(order_col == value, id_col < ident))


def day_of(conn: Connection, column: Any) -> ColumnElement[str]:
    """Return an expression giving the UTC day (YYYY-MM-DD) of a timestamp column."""
    if conn.dialect.name == "postgresql":
        return type_coerce(func.to_char(func.timezone("UTC", column), "YYYY-MM-DD"), String)
    # SQLite holds timestamps as naive UTC text 'YYYY-MM-DD HH:MM:SS...' (see schema.UtcDateTime).
    return type_coerce(func.substr(column, 1, 10), String)


def fill_days(counts: dict[str, Any], start: datetime, end: datetime, empty: Any) -> list[Any]:
    """Return one (day, value) pair per UTC day from `start` to `end`, `empty` where none."""
    first: date = start.date()
    days = (end.date() - first).days + 1
    keys = [(first + timedelta(days=n)).isoformat() for n in range(max(days, 0))]
    return [(key, counts.get(key, empty)) for key in keys]


def epoch(conn: Connection, column: Any) -> Any:
    """Return a SQL expression of `column` in whole epoch seconds, on SQLite or PostgreSQL."""
    if conn.dialect.name == "sqlite":
        return cast(func.strftime("%s", column), Integer)
    return cast(func.extract("epoch", column), BigInteger)


def as_utc(value: Any) -> datetime | None:
    """Return a timestamp read back from an aggregate (SQLite gives text) as aware UTC."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return None if value is None else value.replace(tzinfo=UTC) if value.tzinfo is None else value


def tuples(conn: Connection, query: Select[Any]) -> list[tuple[Any, ...]]:
    """Return the rows of `query` as the driver's tuples: no Row objects for a million rows."""
    result = conn.execute(query)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


_MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s"}
_PARAMETERS = 999  # per statement: under every SQLite build's and PostgreSQL's limit


def insert_tuples(
    conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Insert `rows` (values in `columns` order, needing no type conversion) into `table`.

    SQLAlchemy's executemany builds and processes a parameter dict per row (about 10 µs
    each), and even the driver's own executemany steps one row at a time; a detect pass
    over a million records stores a million narrative members. Multi-row VALUES of plain
    tuples insert them a third faster than the driver's executemany (measured on SQLite).
    """
    if not rows:
        return
    mark = _MARKS[conn.dialect.paramstyle]
    names = ", ".join(table.c[name].name for name in columns)
    one_row = f"({', '.join([mark] * len(columns))})"
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        for batch in chunks(rows, max(1, _PARAMETERS // len(columns))):
            values = ", ".join([one_row] * len(batch))
            cursor.execute(
                f"INSERT INTO {table.name} ({names}) VALUES {values}", list(chain(*batch))
            )
    finally:
        cursor.close()
