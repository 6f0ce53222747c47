"""The raw_pages table on SQLite and PostgreSQL: pages kept once, scrubbed of who is forgotten."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from beatwire.store.engine import Store
from beatwire.store.raw_pages import (
    delete_raw_pages_before,
    keep_raw_page,
    scrub_raw_pages_holding,
)
from beatwire.store.redact import Names, NameSwap, Scrubber
from beatwire.store.schema import raw_pages
from tests.store.builders import DAY, MOMENT


def keep(store: Store, payload: bytes, provider: str = "hackernews") -> None:
    with store.begin() as conn:
        keep_raw_page(
            conn, provider, url="https://api.example.com/page", cursor="42", payload=payload,
            collected_at=MOMENT,
        )  # fmt: skip


def kept(store: Store) -> list[dict[str, object]]:
    with store.read() as conn:
        query = select(raw_pages).order_by(raw_pages.c.id)
        return [dict(row) for row in conn.execute(query).mappings()]


def test_a_page_is_kept_with_its_bytes_cursor_and_digest(store: Store) -> None:
    keep(store, b'{"hits": []}')
    (page,) = kept(store)
    assert page["payload"] == b'{"hits": []}'
    assert (page["provider"], page["url"], page["cursor"]) == (
        "hackernews", "https://api.example.com/page", "42",
    )  # fmt: skip
    assert page["collected_at"] == MOMENT
    assert page["sha256"] == hashlib.sha256(b'{"hits": []}').hexdigest()


def test_the_same_bytes_twice_are_kept_once(store: Store) -> None:
    keep(store, b"page")
    keep(store, b"page")
    assert len(kept(store)) == 1


def test_the_same_bytes_from_two_providers_are_kept_twice(store: Store) -> None:
    keep(store, b"page", "hackernews")
    keep(store, b"page", "reddit")
    assert [page["provider"] for page in kept(store)] == ["hackernews", "reddit"]


PG_FAN = Scrubber(
    NameSwap({"[forgotten]": Names(frozenset({"pg_fan"}))}),
    ("my secret words",),
    frozenset({"pg_fan"}),
)


def test_pages_holding_a_needle_are_scrubbed_and_kept(store: Store) -> None:
    pages = (
        b'{"by": "pg_fan", "text": "my secret words, said twice"}',
        b'{"by": "other", "text": "hello @PG_fan"}',
        b'{"by": "other", "text": "nothing"}',
    )
    for payload in pages:
        keep(store, payload)
    with store.begin() as conn:
        assert scrub_raw_pages_holding(conn, ["pg_fan"], PG_FAN) == 2
    assert [page["payload"] for page in kept(store)] == [
        b'{"by": "[forgotten]", "text": "[removed]"}',
        b'{"by": "other", "text": "hello @[forgotten]"}',
        b'{"by": "other", "text": "nothing"}',
    ]
    assert [page["sha256"] for page in kept(store)] == [
        hashlib.sha256(payload).hexdigest() for payload in pages
    ]


def test_no_needles_scrub_nothing(store: Store) -> None:
    keep(store, b"page")
    with store.begin() as conn:
        assert scrub_raw_pages_holding(conn, ["", ""], PG_FAN) == 0
    assert [page["payload"] for page in kept(store)] == [b"page"]


def test_pages_collected_before_a_cutoff_are_deleted(store: Store) -> None:
    keep(store, b"old")
    with store.begin() as conn:
        keep_raw_page(
            conn, "hackernews", url="u", cursor=None, payload=b"new", collected_at=MOMENT + DAY
        )
        assert delete_raw_pages_before(conn, MOMENT + DAY) == 1
    assert [page["payload"] for page in kept(store)] == [b"new"]
