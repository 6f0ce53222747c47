"""Pieces the API's read queries share: keyset conditions and days as text on both databases."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, String, and_, func, or_, type_coerce


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
