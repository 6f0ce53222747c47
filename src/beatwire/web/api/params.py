"""Query and path parameters the routes share, with the bounds that make bad input a 400."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import Path, Query

from beatwire.errors import ApiError

MAX_PAGE = 100
SLUG = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$"
# No control characters: they never occur in a real search and NUL breaks PostgreSQL text.
TEXT = r"^[^\x00-\x1f\x7f]+$"

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Items per page.")]
Cursor = Annotated[
    str | None,
    Query(max_length=512, description="`next_cursor` of the previous page (opaque)."),
]
Since = Annotated[
    datetime | None,
    Query(alias="from", description="Only items at or after this time (ISO 8601; UTC if naive)."),
]
Until = Annotated[
    datetime | None,
    Query(alias="to", description="Only items before this time (ISO 8601; UTC if naive)."),
]
Search = Annotated[
    str | None,
    Query(min_length=1, max_length=200, pattern=TEXT, description="Text the item contains."),
]
Ident = Annotated[str, Path(pattern=SLUG, max_length=128, description="Id or slug.")]
Days = Annotated[int, Query(ge=1, le=366, description="Days of daily series, ending today.")]


def slug_filter(description: str) -> object:
    """Return the Query of an optional slug-like filter."""
    return Query(pattern=SLUG, max_length=128, description=description)


def as_utc(value: datetime | None, name: str) -> datetime | None:
    """Return a query time as timezone-aware UTC (naive taken as UTC), or raise a 400."""
    if value is None:
        return None
    try:
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except (OverflowError, ValueError) as exc:
        raise ApiError(f"bad query parameter {name!r}: time out of range") from exc
