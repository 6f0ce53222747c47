"""What the detectors read, on SQLite and PostgreSQL: frames, vectors, artifacts, model days."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from sqlalchemy import select

from beatwire.store.engine import Store
from beatwire.store.frames import (
    EntityFrame,
    Positions,
    RecordFrame,
    encode,
    load_artifact_texts,
    load_model_days,
    load_model_deltas,
    load_records,
    load_vectors,
)
from beatwire.store.schema import embeddings
from beatwire.store.snapshots import keep_snapshots
from tests.signals.test_stage import DIM, START, World
from tests.store.builders import DAY, MOMENT, a_record, add_analysed, add_records, an_analysis


def filled(store: Store) -> World:
    world = World(store)
    for day in range(10):
        world.add(day, "ai-agents", 6, topic=day % 3, entity="acme")
    return world


def test_a_scan_or_an_index_read_the_same_records(store: Store) -> None:
    filled(store)
    with store.read() as conn:
        # day 2 leaves most of the span (a scan on SQLite), day 9 little of it (the index)
        most = load_records(conn, START + timedelta(days=2))
        little = load_records(conn, START + timedelta(days=9))
        every = load_records(conn, None)
    assert len(every) == 60 and len(most) == 48 and len(little) == 6
    assert np.all(np.diff(most.times) >= 0) and most.times.min() >= (START.timestamp() + 2 * 86400)
    assert set(little.ids.tolist()) < set(most.ids.tolist()) < set(every.ids.tolist())
    assert len(most.entities.rows) == 48 and most.entities.slugs.names == ["acme"]


def test_vectors_land_on_their_own_records(store: Store) -> None:
    filled(store)
    with store.read() as conn:
        frame = load_records(conn, START + timedelta(days=5))
        vectors, has = load_vectors(conn, frame, START + timedelta(days=7))
        stored = {
            int(rid): np.frombuffer(blob, np.float32)
            for rid, blob in conn.execute(select(embeddings.c.record_id, embeddings.c.vector))
        }
    assert vectors.shape == (len(frame), DIM)
    late = frame.times >= START.timestamp() + 7 * 86400
    assert np.array_equal(has, late)  # vectors were asked for from day 7 only
    for position in np.flatnonzero(has):  # held in half precision
        stored_vector = stored[int(frame.ids[position])]
        assert np.allclose(vectors[position], stored_vector, atol=1e-3)
        assert float(vectors[position].astype(np.float32) @ stored_vector) > 0.999
    assert not vectors[~has].any()


def test_codes_keep_first_seen_order_and_none_is_the_missing_name() -> None:
    codes = encode(["b", None, "a", "b", "(unknown)"], missing="(unknown)")
    assert codes.names == ["b", "(unknown)", "a"]
    assert codes.codes.tolist() == [0, 1, 2, 0, 1]
    assert encode([]).names == [] and len(encode([]).codes) == 0


def test_codes_find_a_name_and_miss_an_unknown_one() -> None:
    codes = encode(["b", "a"])
    assert (codes.code("a"), codes.name(0), codes.code("z")) == (1, "b", -1)


def test_copies_and_records_without_a_beat_are_left_out_of_the_frame(store: Store) -> None:
    ids = add_analysed(
        store,
        (a_record("1", author=None), an_analysis(0, sentiment=None, entities=("acme",))),
        (a_record("2"), an_analysis(0, duplicate_of=1)),
        (a_record("3"), an_analysis(0, beats=())),
        (a_record("4"), None),
    )
    with store.read() as conn:
        frame = load_records(conn)
    assert frame.ids.tolist() == [ids[0]]
    assert frame.authors.names == ["(unknown)"] and np.isnan(frame.sentiment[0])
    assert (frame.beats.names, frame.platforms.names, frame.kinds.names) == (
        ["ai-agents"], ["hackernews"], ["story"],
    )  # fmt: skip
    assert frame.entities.slugs.names == ["acme"] and frame.entities.names == {"acme": "Acme"}


def test_a_record_takes_the_engagement_of_its_most_engaged_copy(store: Store) -> None:
    """A link submitted twice: the second submission drew the points; the story is one."""
    ids = add_analysed(
        store,
        (a_record("1", engagement={"score": 40, "comments": 2}), an_analysis(0, ai_relevance=0.9)),
        (
            a_record("2", engagement={"score": 1400, "comments": 600}),
            an_analysis(0, duplicate_of=1),
        ),
        (a_record("3", engagement={"score": 10}), an_analysis(0)),
    )
    with store.read() as conn:
        frame = load_records(conn)
    by_id = dict(zip(frame.ids.tolist(), frame.engagement.tolist(), strict=True))
    assert by_id == {ids[0]: 2000.0, ids[2]: 10.0}
    assert frame.relevance[frame.ids.tolist().index(ids[0])] == 0.9


def test_an_empty_store_gives_an_empty_frame(store: Store) -> None:
    with store.read() as conn:
        frame = load_records(conn)
        vectors, has = load_vectors(conn, frame, None)
    assert len(frame) == 0 and frame.entities.rows.tolist() == []
    assert vectors.shape == (0, 1) and has.tolist() == []


def frame_of_ids(ids: list[int]) -> RecordFrame:
    names = encode(["x"] * len(ids))
    return RecordFrame(
        ids=np.array(ids, np.int64), times=np.arange(len(ids), dtype=np.int64), beats=names,
        platforms=names, authors=names, sentiment=np.zeros(len(ids)), kinds=names,
        entities=EntityFrame.empty(),
    )  # fmt: skip


def test_positions_find_ids_in_a_time_ordered_frame() -> None:
    at, found = Positions.of(frame_of_ids([30, 10, 20])).find(np.array([20, 99, 30], np.int64))
    assert found.tolist() == [True, False, True]
    assert at[found].tolist() == [2, 0]


def test_positions_in_an_empty_frame_find_nothing() -> None:
    at, found = Positions.of(frame_of_ids([])).find(np.array([1, 2], np.int64))
    assert found.tolist() == [False, False] and at.tolist() == [0, 0]


def test_artifact_texts_are_discussions_that_link_a_paper_model_or_repository(
    store: Store,
) -> None:
    ids = add_records(
        store,
        a_record("1", text="see arxiv.org/abs/2601.00001", title=None),
        a_record("2", text="code", url="https://github.com/acme/agent"),
        a_record("3", provider="arxiv", url="https://arxiv.org/abs/2601.00001"),
        a_record("4", text="no link", url="https://news.example.com/4"),
    )
    with store.read() as conn:
        texts = dict(load_artifact_texts(conn, None))
    assert texts == {
        ids[0]: "see arxiv.org/abs/2601.00001 https://news.example.com/item?id=1",
        ids[1]: "code https://github.com/acme/agent",
    }


def test_model_days_leave_datasets_out(store: Store) -> None:
    repos = [
        a_record(
            native_id, provider="huggingface", kind=kind, collected_at=MOMENT,
            engagement={"downloads": 5, "likes": 1},
        )
        for native_id, kind in (("acme/coder-7b", "model"), ("datasets/acme/code", "dataset"))
    ]  # fmt: skip
    with store.begin() as conn:
        keep_snapshots(conn, repos)
    with store.read() as conn:
        assert load_model_days(conn, None) == {"2026-11-03": [("acme/coder-7b", "acme", 5, 1)]}


def test_model_days_keep_each_models_last_snapshot_of_the_day(store: Store) -> None:
    for at, downloads in ((MOMENT, 10), (MOMENT + timedelta(hours=1), 12), (MOMENT + DAY, 20)):
        model = a_record(
            "acme/coder-7b", provider="huggingface", kind="model", collected_at=at,
            engagement={"downloads": downloads, "likes": 3},
        )  # fmt: skip
        with store.begin() as conn:
            keep_snapshots(conn, [model])
    with store.read() as conn:
        days = load_model_days(conn, None)
        later = load_model_days(conn, MOMENT + DAY)
    assert days == {
        "2026-11-03": [("acme/coder-7b", "acme", 12, 3)],
        "2026-11-04": [("acme/coder-7b", "acme", 20, 3)],
    }
    assert list(later) == ["2026-11-04"]


def test_model_deltas_are_read_from_the_delta_records(store: Store) -> None:
    extra = {"model_id": "acme/coder-7b", "downloads_delta": 500, "downloads_per_day": 250.0}
    hf = {"provider": "huggingface", "kind": "model_delta"}
    add_records(
        store,
        a_record("acme/coder-7b@2026-11-03", **hf, extra=extra),
        a_record("old@2026-10-01", **hf, published_at=MOMENT - 30 * DAY),
        a_record("acme/coder-7b", provider="huggingface", kind="model"),
    )
    with store.read() as conn:
        (delta,) = load_model_deltas(conn, MOMENT - DAY)
    assert (delta.model, delta.gained, delta.per_day) == ("acme/coder-7b", 500, 250.0)
    assert delta.at == int(MOMENT.timestamp())
