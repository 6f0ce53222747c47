"""Opaque cursors: round trips, and refusal of anything this API did not issue."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from beatwire.errors import ApiError
from beatwire.web.api.pagination import decode_cursor, encode_cursor, page_of

MOMENT = datetime(2026, 11, 2, 8, 30, tzinfo=UTC)


def test_round_trip() -> None:
    cursor = encode_cursor("stories", (MOMENT, "st1"))
    assert decode_cursor(cursor, "stories", (datetime, str)) == (MOMENT, "st1")


def test_a_cursor_is_url_safe() -> None:
    cursor = encode_cursor("records", (MOMENT, 12345))
    assert cursor.replace("-", "").replace("_", "").isalnum()


def test_no_cursor_is_the_first_page() -> None:
    assert decode_cursor(None, "records", (datetime, int)) is None


def test_another_lists_cursor_is_refused() -> None:
    cursor = encode_cursor("stories", (MOMENT, "st1"))
    with pytest.raises(ApiError, match="not a cursor of records"):
        decode_cursor(cursor, "records", (datetime, int))


def test_booleans_are_not_ids() -> None:
    cursor = encode_cursor("records", (MOMENT, True))
    with pytest.raises(ApiError):
        decode_cursor(cursor, "records", (datetime, int))


def test_page_of_gives_a_cursor_only_when_more_were_found() -> None:
    rows = [{"n": n} for n in range(3)]
    page, cursor = page_of("x", rows, 2, lambda r: (r["n"],))
    assert page == rows[:2] and cursor == encode_cursor("x", (1,))
    assert page_of("x", rows, 3, lambda r: (r["n"],)) == (rows, None)
