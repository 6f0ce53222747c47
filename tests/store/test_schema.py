"""Timestamps on SQLite and PostgreSQL: aware UTC in and out, naive ones refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.exc import StatementError

from beatwire.store.engine import Store
from beatwire.store.schema import source_cursors


def test_a_time_in_another_zone_comes_back_as_the_same_instant_in_utc(store: Store) -> None:
    east = datetime(2026, 11, 4, 1, 30, tzinfo=timezone(timedelta(hours=5)))
    with store.begin() as conn:
        conn.execute(source_cursors.insert().values(source="s", cursor=None, updated_at=east))
    with store.read() as conn:
        back = conn.execute(select(source_cursors.c.updated_at)).scalar_one()
    assert back == east and back.tzinfo == UTC


def test_a_naive_time_is_refused(store: Store) -> None:
    naive = datetime(2026, 11, 4, 1, 30)
    with store.begin() as conn, pytest.raises(StatementError, match="naive datetime"):
        conn.execute(source_cursors.insert().values(source="s", cursor=None, updated_at=naive))
