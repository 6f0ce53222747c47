"""Columnar reads for the detect stage, on SQLite and PostgreSQL: filters, vectors, bulk writes."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from sqlalchemy import func, select

from beatwire.store.bulk import insert_tuples
from beatwire.store.detect_rows import (
    encode,
    load_records,
    load_vectors,
    published_since,
    record_texts,
)
from beatwire.store.engine import Store
from beatwire.store.schema import embeddings, narrative_members, narratives
from tests.signals.test_stage import DIM, START, World


def filled(store: Store) -> World:
    world = World(store)
    for day in range(10):
        world.add(day, "ai-agents", 6, topic=day % 3, entity="acme")
    return world


def test_every_record_qualifying_needs_no_filter(store: Store) -> None:
    filled(store)
    with store.read() as conn:
        assert published_since(conn, None) is None
        assert published_since(conn, START - timedelta(days=1)) is None
        recent = published_since(conn, START + timedelta(days=8))
    assert recent is not None


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


def test_plain_tuples_are_inserted_in_bulk(store: Store) -> None:
    filled(store)
    with store.begin() as conn:
        conn.execute(
            narratives.insert(),
            [{"id": "nar_x", "beat": "ai-agents", "label": "", "phrases": [], "top_entities": [],
              "status": "active", "size": 0, "platforms": {}, "born_at": START,
              "updated_at": START}],
        )  # fmt: skip
        ids = sorted(record_texts(conn, list(range(1, 61))))
        insert_tuples(conn, narrative_members, ("narrative_id", "record_id"), [
            ("nar_x", rid) for rid in ids[:20]
        ])  # fmt: skip
        insert_tuples(conn, narrative_members, ("narrative_id", "record_id"), [])
    with store.read() as conn:
        count = conn.execute(select(func.count()).select_from(narrative_members)).scalar_one()
    assert count == 20
