"""The records table on SQLite and PostgreSQL: uniqueness, upserts, reads, summaries, deletes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select

from beatwire.store.engine import Store
from beatwire.store.records import (
    RecordFilter,
    clear_raw_payloads_before,
    count_distinct_authors,
    count_pending,
    count_records,
    delete_records,
    earlier_copies,
    ids_of_authors,
    ids_of_references,
    ids_published_before,
    list_records,
    newest_record_time,
    pending_analysis,
    published_since,
    record_detail,
    record_keys,
    record_summaries,
    record_texts,
    records_by_id,
    search_records,
    upsert_records,
)
from beatwire.store.schema import analyses, records
from tests.store.builders import DAY, MOMENT, a_record, add_analysed, add_records, an_analysis


def test_upsert_inserts_new_records(store: Store) -> None:
    with store.begin() as conn:
        result = upsert_records(conn, [a_record("1"), a_record("2")])
    assert (result.inserted, result.updated) == (2, 0)
    with store.read() as conn:
        assert count_records(conn) == 2


def test_reingest_updates_engagement_only(store: Store) -> None:
    with store.begin() as conn:
        upsert_records(conn, [a_record("1")])
    changed = a_record("1", text="edited text", engagement={"score": 99, "comments": 7})
    with store.begin() as conn:
        result = upsert_records(conn, [changed])
    assert (result.inserted, result.updated) == (0, 1)
    with store.read() as conn:
        row = conn.execute(select(records)).mappings().one()
    assert row["engagement"] == {"score": 99, "comments": 7}
    assert row["text"] == "A new open-weights model tops the coding leaderboard"


def test_engagement_of_a_known_record_is_merged_newest_count_first(store: Store) -> None:
    with store.begin() as conn:
        upsert_records(conn, [a_record("1", engagement={"upvotes": 41, "comments": 2})])
        upsert_records(conn, [a_record("1", engagement={"comments": 5})])
    with store.read() as conn:
        engagement = conn.execute(select(records.c.engagement)).scalar_one()
    assert engagement == {"upvotes": 41, "comments": 5}  # a count another source gave stays


def test_same_item_from_two_sources_is_one_record_knowing_both(store: Store) -> None:
    with store.begin() as conn:
        upsert_records(conn, [a_record("1", source="feed:publisher")])
        upsert_records(conn, [a_record("1", source="google-news:llm")])
    with store.read() as conn:
        rows = conn.execute(select(records.c.sources)).scalars().all()
    assert rows == [["feed:publisher", "google-news:llm"]]


def test_duplicates_inside_one_batch_are_stored_once(store: Store) -> None:
    with store.begin() as conn:
        result = upsert_records(conn, [a_record("1"), a_record("1", engagement={"score": 3})])
    assert result.inserted == 1
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(records)).scalar_one() == 1


def test_times_come_back_timezone_aware_utc(store: Store) -> None:
    plus_two = timezone(timedelta(hours=2))
    with store.begin() as conn:
        upsert_records(
            conn, [a_record("1", published_at=datetime(2026, 11, 3, 16, 5, tzinfo=plus_two))]
        )
    with store.read() as conn:
        stored = next(iter(records_by_id(conn, [1]).values()))
    assert stored.published_at == MOMENT
    assert stored.published_at.tzinfo is not None
    assert stored.published_at.utcoffset() == timedelta(0)


def test_pending_analysis_lists_unanalysed_records_in_id_order(store: Store) -> None:
    with store.begin() as conn:
        upsert_records(conn, [a_record(str(n)) for n in range(5)])
    with store.read() as conn:
        pending = pending_analysis(conn, limit=3)
    assert [p.native_id for p in pending] == ["0", "1", "2"]
    assert all(p.text for p in pending)


def test_large_batches_are_chunked(store: Store) -> None:
    batch = [a_record(str(n)) for n in range(1_250)]
    with store.begin() as conn:
        assert upsert_records(conn, batch).inserted == 1_250
    with store.begin() as conn:
        assert upsert_records(conn, batch).updated == 1_250


def test_a_record_reads_back_as_it_was_stored(store: Store) -> None:
    original = a_record(
        "1",
        canonical_url="https://example.com/post",
        author_name="A Fan",
        lang="en",
        parent_id="0",
        thread_id="0",
        extra={"flair": "news"},
        raw={"id": 1},
    )
    (rid,) = add_records(store, original)
    with store.read() as conn:
        stored = records_by_id(conn, [rid])[rid]
    assert stored.record == original


def test_records_by_id_leaves_out_missing_ids(store: Store) -> None:
    (rid,) = add_records(store, a_record("1"))
    with store.read() as conn:
        assert list(records_by_id(conn, [rid, rid + 100])) == [rid]


def test_record_texts_join_title_and_text(store: Store) -> None:
    ids = add_records(store, a_record("1", title="Title"), a_record("2", title=None, text="Only"))
    with store.read() as conn:
        texts = record_texts(conn, ids)
    assert texts == {ids[0]: f"Title {a_record().text}", ids[1]: "Only"}


def test_count_pending_counts_records_without_analysis(store: Store) -> None:
    add_analysed(store, (a_record("1"), an_analysis(0)), (a_record("2"), None))
    with store.read() as conn:
        assert (count_records(conn), count_pending(conn)) == (2, 1)


def test_count_distinct_authors_counts_each_author_once(store: Store) -> None:
    authors = ["pg_fan", "pg_fan", "other", None]
    add_records(store, *(a_record(str(n), author=name) for n, name in enumerate(authors)))
    with store.read() as conn:
        assert count_distinct_authors(conn) == 2


def test_newest_record_time_is_the_latest_publication(store: Store) -> None:
    with store.read() as conn:
        assert newest_record_time(conn) is None
    add_records(store, a_record("1"), a_record("2", published_at=MOMENT + DAY))
    with store.read() as conn:
        assert newest_record_time(conn) == MOMENT + DAY


def test_earlier_copies_point_later_copies_at_the_first(store: Store) -> None:
    ids = add_records(store, a_record("1"), a_record("2"), a_record("3", text="something else"))
    with store.read() as conn:
        digests = dict(conn.execute(select(records.c.id, records.c.content_hash)).all())
        copies = earlier_copies(conn, [(rid, digests[rid]) for rid in ids])
    assert copies == {ids[1]: ids[0]}


def test_published_since_before_every_record_needs_no_filter(store: Store) -> None:
    add_records(store, a_record("1"), a_record("2", published_at=MOMENT + DAY))
    with store.read() as conn:
        assert published_since(conn, None) is None
        assert published_since(conn, MOMENT - DAY) is None


def test_published_since_keeps_the_later_records(store: Store) -> None:
    days = [a_record(str(n), published_at=MOMENT + n * DAY) for n in range(10)]
    ids = add_records(store, *days)
    with store.read() as conn:
        for since, first in ((MOMENT + 2 * DAY, 2), (MOMENT + 9 * DAY, 9)):  # a scan, an index
            recent = published_since(conn, since)
            assert recent is not None
            found = conn.execute(select(records.c.id).where(recent).order_by(records.c.id))
            assert found.scalars().all() == ids[first:]


def seeded_for_lists(store: Store) -> list[int]:
    return add_analysed(
        store,
        (a_record("1", text="Agents at work"), an_analysis(0, entities=("acme",))),
        (
            a_record("2", provider="reddit", text="100% sure", published_at=MOMENT + DAY),
            an_analysis(0, beats=("ai-policy",), sentiment=-0.5),
        ),
        (a_record("3", text="No analysis yet", published_at=MOMENT + 2 * DAY), None),
    )


def listed(store: Store, flt: RecordFilter, after: tuple[datetime, int] | None = None) -> list[int]:
    with store.read() as conn:
        return [row["id"] for row in list_records(conn, flt, after=after, limit=10)]


def test_list_records_is_newest_first(store: Store) -> None:
    ids = seeded_for_lists(store)
    assert listed(store, RecordFilter()) == ids[::-1]


def test_list_records_reads_on_after_a_keyset(store: Store) -> None:
    ids = seeded_for_lists(store)
    assert listed(store, RecordFilter(), after=(MOMENT + DAY, ids[1])) == [ids[0]]


def test_list_records_filters_by_source_beat_entity_and_sentiment(store: Store) -> None:
    ids = seeded_for_lists(store)
    assert listed(store, RecordFilter(source="reddit")) == [ids[1]]
    assert listed(store, RecordFilter(beat="ai-agents")) == [ids[0]]
    assert listed(store, RecordFilter(entity="acme")) == [ids[0]]
    assert listed(store, RecordFilter(sentiment="negative")) == [ids[1]]


def test_list_records_filters_by_publication_time(store: Store) -> None:
    ids = seeded_for_lists(store)
    assert listed(store, RecordFilter(since=MOMENT + DAY, until=MOMENT + 2 * DAY)) == [ids[1]]


def test_list_records_matches_text_case_insensitively_and_wildcards_literally(
    store: Store,
) -> None:
    ids = seeded_for_lists(store)
    assert listed(store, RecordFilter(q="AGENTS")) == [ids[0]]
    assert listed(store, RecordFilter(q="0%")) == [ids[1]]
    assert listed(store, RecordFilter(q="_")) == []


def test_a_summary_carries_its_analysis_or_none(store: Store) -> None:
    ids = seeded_for_lists(store)
    with store.read() as conn:
        summaries = record_summaries(conn, [ids[0], ids[2], ids[2] + 100])
    assert set(summaries) == {ids[0], ids[2]}
    assert summaries[ids[0]]["primary_beat"] == "ai-agents"
    assert summaries[ids[2]]["sentiment_label"] is None


def test_record_summaries_of_no_ids_are_empty(store: Store) -> None:
    with store.read() as conn:
        assert record_summaries(conn, []) == {}


def test_search_records_finds_title_or_text_newest_first(store: Store) -> None:
    ids = add_records(
        store,
        a_record("1", title="Robots", text="x"),
        a_record("2", title=None, text="robots everywhere", published_at=MOMENT + DAY),
        a_record("3", title=None, text="nothing"),
    )
    with store.read() as conn:
        found = [row["id"] for row in search_records(conn, "robots", limit=5)]
    assert found == [ids[1], ids[0]]


def test_record_detail_leaves_out_the_raw_payload(store: Store) -> None:
    (rid,) = add_records(store, a_record("1", raw={"secret": "bytes"}))
    with store.read() as conn:
        detail = record_detail(conn, rid)
        assert record_detail(conn, rid + 1) is None
    assert detail is not None and detail["native_id"] == "1" and "raw" not in detail


def test_ids_of_authors_ignore_case_and_a_leading_at(store: Store) -> None:
    ids = add_records(store, a_record("1", author="Pg_Fan"), a_record("2", author="other"))
    with store.read() as conn:
        assert ids_of_authors(conn, ["@pg_fan", "  "]) == [ids[0]]
        assert ids_of_authors(conn, []) == []


def test_ids_of_references_take_store_ids_and_native_ids(store: Store) -> None:
    ids = add_records(store, a_record("a1"), a_record("b2"), a_record("c3"))
    with store.read() as conn:
        assert ids_of_references(conn, [str(ids[0]), "c3", "missing"]) == [ids[0], ids[2]]


def test_record_keys_name_provider_native_id_and_author(store: Store) -> None:
    (rid,) = add_records(store, a_record("1"))
    with store.read() as conn:
        keys = record_keys(conn, [rid])
    assert keys == [{"id": rid, "provider": "hackernews", "native_id": "1", "author": "pg_fan"}]


def test_deleting_records_takes_their_analyses(store: Store) -> None:
    ids = add_analysed(store, (a_record("1"), an_analysis(0)), (a_record("2"), an_analysis(0)))
    with store.begin() as conn:
        assert delete_records(conn, [ids[0]]) == 1
    with store.read() as conn:
        assert conn.execute(select(analyses.c.record_id)).scalars().all() == [ids[1]]
        assert count_records(conn) == 1


def test_a_copy_of_a_deleted_record_is_no_longer_a_copy(store: Store) -> None:
    ids = add_analysed(store, (a_record("1"), an_analysis(0)), (a_record("2"), an_analysis(0)))
    with store.begin() as conn:
        conn.execute(analyses.update().values(duplicate_of=ids[0]))
        delete_records(conn, [ids[0]])
    with store.read() as conn:
        assert conn.execute(select(analyses.c.duplicate_of)).scalars().all() == [None]


def test_ids_published_before_a_cutoff_are_lowest_first(store: Store) -> None:
    ids = add_records(store, *(a_record(str(n), published_at=MOMENT - n * DAY) for n in range(4)))
    with store.read() as conn:
        assert ids_published_before(conn, MOMENT - DAY / 2, limit=2) == ids[1:3]


def test_raw_payloads_collected_before_a_cutoff_are_cleared_once(store: Store) -> None:
    ids = add_records(
        store,
        a_record("1", raw={"id": 1}),
        a_record("2", raw={"id": 2}, collected_at=MOMENT + DAY),
    )
    with store.begin() as conn:
        assert clear_raw_payloads_before(conn, MOMENT + DAY / 2) == 1
        assert clear_raw_payloads_before(conn, MOMENT + DAY / 2) == 0
    with store.read() as conn:
        raw = {stored.id: stored.raw for stored in records_by_id(conn, ids).values()}
    assert raw == {ids[0]: None, ids[1]: {"id": 2}}
