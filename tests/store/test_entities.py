"""Reads by entity on SQLite and PostgreSQL: top lists, pages of entities, one entity's data."""

from __future__ import annotations

from beatwire.store.engine import Store
from beatwire.store.entities import (
    entity_beats,
    entity_recent,
    entity_row,
    entity_series,
    list_entities,
    top_entities,
)
from tests.store.builders import DAY, MOMENT, a_record, add_analysed, an_analysis


def seeded(store: Store) -> list[int]:
    """acme: three records (two agents, one policy); beta: one agents record on day 1."""
    return add_analysed(
        store,
        (a_record("1"), an_analysis(0, entities=("acme",))),
        (a_record("2", published_at=MOMENT + DAY), an_analysis(0, entities=("acme", "beta"))),
        (a_record("3"), an_analysis(0, beats=("ai-policy",), entities=("acme",))),
        (a_record("4"), an_analysis(0)),
    )


def test_top_entities_of_a_beat_are_most_mentioned_first(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        top = top_entities(conn, "ai-agents", MOMENT - DAY, 10)
    assert top == [
        {"slug": "acme", "name": "Acme", "mentions": 2},
        {"slug": "beta", "name": "Beta", "mentions": 1},
    ]


def test_top_entities_count_only_records_since(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        top = top_entities(conn, "ai-agents", MOMENT + DAY, 1)
    assert [entity["mentions"] for entity in top] == [1]


def test_list_entities_orders_by_mentions_then_slug(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        listed = list_entities(conn, entity_type=None, q=None, after=None, limit=10)
    assert [(e["slug"], e["type"], e["mentions"]) for e in listed] == [
        ("acme", "organization", 3), ("beta", "organization", 1),
    ]  # fmt: skip


def test_list_entities_reads_on_after_a_keyset(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        listed = list_entities(conn, entity_type=None, q=None, after=(3, "acme"), limit=10)
    assert [e["slug"] for e in listed] == ["beta"]


def test_list_entities_filters_by_type_and_text(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        assert list_entities(conn, entity_type="person", q=None, after=None, limit=10) == []
        found = list_entities(conn, entity_type=None, q="BET", after=None, limit=10)
    assert [e["slug"] for e in found] == ["beta"]


def test_an_entity_row_counts_its_records(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        assert entity_row(conn, "acme") == {
            "slug": "acme", "name": "Acme", "type": "organization", "mentions": 3,
        }  # fmt: skip
        assert entity_row(conn, "nobody") is None


def test_entity_series_counts_records_per_day(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        series = entity_series(conn, "acme", MOMENT - DAY, MOMENT + 2 * DAY)
    assert series == {"2026-11-03": 2, "2026-11-04": 1}


def test_entity_beats_are_most_records_first(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        assert entity_beats(conn, "acme", 5) == [
            {"slug": "ai-agents", "records": 2}, {"slug": "ai-policy", "records": 1},
        ]  # fmt: skip


def test_entity_recent_gives_the_newest_mentioning_records(store: Store) -> None:
    ids = seeded(store)
    with store.read() as conn:
        recent = [row["id"] for row in entity_recent(conn, "acme", 2)]
    assert recent == [ids[1], ids[2]]  # newest first, then the higher id at the same time
