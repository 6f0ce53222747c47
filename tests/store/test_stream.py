"""The event stream's reads on SQLite and PostgreSQL: what is newer than a position, in order."""

from __future__ import annotations

from sqlalchemy import select, update

from beatwire.store.engine import Store
from beatwire.store.schema import signals, stories
from beatwire.store.signals import replace_signals
from beatwire.store.stream import current_position, records_after, signals_after, stories_after
from tests.store.builders import DAY, MOMENT, a_draft, a_record, a_signal, add_records, add_story


def test_a_new_stream_starts_after_the_newest_record(store: Store) -> None:
    ids = add_records(store, a_record("1"), a_record("2"))
    with store.read() as conn:
        position = current_position(conn, MOMENT)
    assert (position.record_id, position.signal_at, position.story_at) == (ids[1], MOMENT, MOMENT)


def test_a_stream_over_an_empty_store_starts_at_zero(store: Store) -> None:
    with store.read() as conn:
        assert current_position(conn, MOMENT).record_id == 0


def test_records_after_are_lowest_id_first_up_to_the_limit(store: Store) -> None:
    ids = add_records(store, *(a_record(str(n)) for n in range(4)))
    with store.read() as conn:
        found = [row["id"] for row in records_after(conn, ids[0], 2)]
    assert found == ids[1:3]


def stamp(store: Store, table_name: str, ident: str, moment: object) -> None:
    table = {"signals": signals, "stories": stories}[table_name]
    column = "created_at" if table_name == "signals" else "updated_at"
    with store.begin() as conn:
        conn.execute(update(table).where(table.c.id == ident).values({column: moment}))


def test_signals_after_are_in_the_order_they_were_found(store: Store) -> None:
    with store.begin() as conn:
        replace_signals(conn, [a_signal("a"), a_signal("b"), a_signal("c")])
    for ident, moment in (("a", MOMENT + DAY), ("b", MOMENT), ("c", MOMENT)):
        stamp(store, "signals", ident, moment)
    with store.read() as conn:
        assert [row["id"] for row in signals_after(conn, MOMENT, "b", 10)] == ["c", "a"]
        assert [row["id"] for row in signals_after(conn, MOMENT - DAY, "", 1)] == ["b"]


def test_stories_after_are_public_stories_oldest_update_first(store: Store) -> None:
    for ident, published in (("s1", True), ("s2", True), ("s3", False)):
        add_story(store, ident, published=published)
    for ident, moment in (("s1", MOMENT + DAY), ("s2", MOMENT), ("s3", MOMENT + DAY)):
        stamp(store, "stories", ident, moment)
    with store.read() as conn:
        found = stories_after(conn, MOMENT - DAY, "", 10)
        assert conn.execute(select(stories.c.status).where(stories.c.id == "s3")).scalar() == "held"
    assert [row["id"] for row in found] == ["s2", "s1"]
    assert found[0]["dek"] == a_draft().dek
