"""Inserting many plain tuples through the driver's executemany.

SQLAlchemy's executemany builds and processes a parameter dict per row (about 10 µs
each); a detect pass over a million records stores a million narrative members, so
columns without type processing go straight to the DB-API cursor instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table

_MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def insert_tuples(
    conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Insert `rows` (values in `columns` order, needing no type conversion) into `table`."""
    if not rows:
        return
    mark = _MARKS[conn.dialect.paramstyle]
    names = ", ".join(table.c[name].name for name in columns)
    sql = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join([mark] * len(columns))})"
    conn.exec_driver_sql(sql, list(rows))
