"""The analyses table on SQLite and PostgreSQL: saved, replaced, cleared; the detect watermark."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Table, func, select

from beatwire.model import BeatScore, Entity
from beatwire.store.analyses import (
    analyses_by_record,
    analysis_versions,
    clear_analyses,
    first_dirty_time,
    last_analysed_at,
    save_analyses,
)
from beatwire.store.engine import Store
from beatwire.store.schema import analyses, embeddings, record_beats, record_entities
from tests.store.builders import DAY, MOMENT, a_record, add_analysed, add_records, an_analysis


def count(store: Store, table: Table) -> int:
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_an_analysis_reads_back_as_it_was_saved(store: Store) -> None:
    (rid,) = add_records(store, a_record("1"))
    saved = an_analysis(
        rid,
        beats=("ai-agents", "ai-policy"),
        entities=("acme",),
        emotion="joy",
        emotion_scores={"joy": 0.7},
        key_phrases=["coding agents"],
        duplicate_of=None,
    )
    with store.begin() as conn:
        save_analyses(conn, [saved])
    with store.read() as conn:
        assert analyses_by_record(conn, [rid, rid + 1]) == {rid: saved}


def test_the_primary_beat_is_the_first_beat(store: Store) -> None:
    ids = add_analysed(
        store,
        (a_record("1"), an_analysis(0, beats=("ai-policy", "ai-agents"))),
        (a_record("2"), an_analysis(0, beats=())),
    )
    with store.read() as conn:
        rows = dict(conn.execute(select(analyses.c.record_id, analyses.c.primary_beat)).all())
    assert rows == {ids[0]: "ai-policy", ids[1]: None}


def test_beats_and_entities_get_a_row_each(store: Store) -> None:
    (rid,) = add_records(store, a_record("1"))
    twice = [Entity("acme", "Acme", "organization", 2), Entity("acme", "ACME", "organization")]
    analysis = replace(an_analysis(rid, beats=("ai-agents", "ai-policy")), entities=twice)
    with store.begin() as conn:
        save_analyses(conn, [analysis])
    with store.read() as conn:
        beats = conn.execute(select(record_beats.c.beat).order_by(record_beats.c.beat)).scalars()
        entities = conn.execute(select(record_entities.c.slug, record_entities.c.name)).all()
    assert beats.all() == ["ai-agents", "ai-policy"]
    assert [tuple(row) for row in entities] == [("acme", "ACME")]  # one row a slug


def test_saving_again_replaces_the_analysis_and_its_rows(store: Store) -> None:
    (rid,) = add_records(store, a_record("1"))
    vector = (rid, "minilm", b"\x00" * 8, 2)
    with store.begin() as conn:
        save_analyses(conn, [an_analysis(rid, entities=("acme",))], [vector])
        save_analyses(conn, [an_analysis(rid, beats=("ai-policy",), sentiment=-0.5)], [vector])
    with store.read() as conn:
        (again,) = analyses_by_record(conn, [rid]).values()
    assert again.beats == [BeatScore("ai-policy", 0.9)] and again.sentiment_score == -0.5
    assert (count(store, record_beats), count(store, record_entities)) == (1, 0)
    assert count(store, embeddings) == 1


def test_embeddings_are_stored_with_their_model_and_size(store: Store) -> None:
    (rid,) = add_records(store, a_record("1"))
    with store.begin() as conn:
        save_analyses(conn, [an_analysis(rid)], [(rid, "minilm", b"\1\2\3\4", 1)])
    with store.read() as conn:
        row = conn.execute(select(embeddings)).mappings().one()
    assert dict(row) == {"record_id": rid, "model": "minilm", "dim": 1, "vector": b"\1\2\3\4"}


def test_clearing_removes_every_analysis_and_its_rows(store: Store) -> None:
    (rid,) = add_records(store, a_record("1"))
    with store.begin() as conn:
        save_analyses(conn, [an_analysis(rid, entities=("acme",))], [(rid, "m", b"\x00" * 4, 1)])
        clear_analyses(conn)
    tables = (analyses, record_beats, record_entities, embeddings)
    assert [count(store, table) for table in tables] == [0, 0, 0, 0]


def test_the_first_dirty_time_is_the_earliest_record_analysed_since(store: Store) -> None:
    add_analysed(store, (a_record("1", published_at=MOMENT - DAY), an_analysis(0)))
    with store.read() as conn:
        watermark = last_analysed_at(conn)
    add_analysed(
        store,
        (a_record("2", published_at=MOMENT + DAY), an_analysis(0)),
        (a_record("3", published_at=MOMENT), an_analysis(0)),
    )
    with store.read() as conn:
        assert first_dirty_time(conn, watermark) == MOMENT
        assert first_dirty_time(conn, None) == MOMENT - DAY


def test_nothing_analysed_since_the_watermark_has_no_dirty_time(store: Store) -> None:
    add_analysed(store, (a_record("1"), an_analysis(0)))
    with store.read() as conn:
        assert first_dirty_time(conn, last_analysed_at(conn)) is None


def test_an_empty_store_has_no_watermark(store: Store) -> None:
    with store.read() as conn:
        assert last_analysed_at(conn) is None


def test_analysis_versions_count_records_per_set_most_first(store: Store) -> None:
    newer = {"sentiment": "test@2"}
    add_analysed(
        store,
        (a_record("1"), an_analysis(0)),
        (a_record("2"), an_analysis(0, versions=newer)),
        (a_record("3"), an_analysis(0, versions=newer)),
    )
    with store.read() as conn:
        assert analysis_versions(conn) == [
            {"versions": newer, "records": 2}, {"versions": {"sentiment": "test@1"}, "records": 1},
        ]  # fmt: skip
