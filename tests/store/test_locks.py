"""Lease locks: one holder at a time, renewable, expiring on their own."""

from __future__ import annotations

from datetime import timedelta

from beatwire.store.engine import Store
from beatwire.store.locks import acquire, release

MINUTE = timedelta(minutes=1)


def test_a_second_owner_cannot_take_a_held_lease(store: Store) -> None:
    with store.begin() as conn:
        assert acquire(conn, "analyze", "a", MINUTE)
    with store.begin() as conn:
        assert not acquire(conn, "analyze", "b", MINUTE)


def test_the_holder_can_renew(store: Store) -> None:
    with store.begin() as conn:
        assert acquire(conn, "analyze", "a", MINUTE)
    with store.begin() as conn:
        assert acquire(conn, "analyze", "a", MINUTE)


def test_an_expired_lease_can_be_taken(store: Store) -> None:
    with store.begin() as conn:
        assert acquire(conn, "analyze", "a", -MINUTE)
    with store.begin() as conn:
        assert acquire(conn, "analyze", "b", MINUTE)


def test_release_frees_the_lease_for_others(store: Store) -> None:
    with store.begin() as conn:
        acquire(conn, "analyze", "a", MINUTE)
        release(conn, "analyze", "b")  # not the holder: nothing happens
    with store.begin() as conn:
        assert not acquire(conn, "analyze", "b", MINUTE)
        release(conn, "analyze", "a")
    with store.begin() as conn:
        assert acquire(conn, "analyze", "b", MINUTE)
