"""The signals table on SQLite and PostgreSQL: replaced by id, ranked, listed, pruned."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from beatwire.model import Signal
from beatwire.signal_details import VolumeSpikeDetails
from beatwire.store.engine import Store
from beatwire.store.schema import signals
from beatwire.store.signals import (
    delete_signals_from,
    list_signals,
    narrative_signals,
    prune_signal_evidence,
    replace_signals,
    signals_by_id,
    strongest_signals,
    topics_before,
)
from tests.store.builders import DAY, MOMENT, a_signal


def stored(store: Store, *found: Signal) -> None:
    with store.begin() as conn:
        replace_signals(conn, found)


def test_a_signal_reads_back_as_it_was_stored(store: Store) -> None:
    details = VolumeSpikeDetails(key_type="beat", baseline_kind="trailing_days", baseline_days=14)
    signal = a_signal(
        evidence=[3, 1], details=details, narrative_id="nar_1",
        promoted_as="story", topic_key="beat:ai-agents",
    )  # fmt: skip
    stored(store, signal)
    with store.read() as conn:
        assert strongest_signals(conn) == [signal]


def test_replacing_returns_how_many_are_new(store: Store) -> None:
    with store.begin() as conn:
        assert replace_signals(conn, [a_signal("a"), a_signal("b")]) == 2
        assert replace_signals(conn, [a_signal("b", value=50.0), a_signal("c")]) == 1
        assert replace_signals(conn, []) == 0
    with store.read() as conn:
        values = {s.id: s.value for s in strongest_signals(conn)}
    assert values == {"a": 40.0, "b": 50.0, "c": 40.0}


def test_a_signal_found_again_keeps_when_it_was_first_found(store: Store) -> None:
    stored(store, a_signal("a"))
    with store.read() as conn:
        first = conn.execute(select(signals.c.created_at)).scalar_one()
    stored(store, a_signal("a", score=9.0))
    with store.read() as conn:
        assert conn.execute(select(signals.c.created_at)).scalar_one() == first


def test_strongest_signals_rank_by_score_and_stop_at_the_limit(store: Store) -> None:
    stored(store, a_signal("a", score=1.0), a_signal("b", score=3.0), a_signal("c", score=2.0))
    with store.read() as conn:
        assert [s.id for s in strongest_signals(conn)] == ["b", "c", "a"]
        assert [s.id for s in strongest_signals(conn, limit=1)] == ["b"]


def test_strongest_signals_can_keep_only_the_promoted(store: Store) -> None:
    stored(store, a_signal("a"), a_signal("b", promoted_as="dispatch"))
    with store.read() as conn:
        assert [s.id for s in strongest_signals(conn, promoted=True)] == ["b"]


def test_topics_before_are_the_topics_of_signals_ending_then(store: Store) -> None:
    stored(
        store,
        a_signal("a", topic_key="beat:ai-agents"),
        a_signal("b", kind="entity_surge", key="acme", topic_key=None),
        a_signal("c", key="ai-policy", window_end=MOMENT - DAY, topic_key="beat:ai-policy"),
    )
    with store.read() as conn:
        topics = topics_before(conn, MOMENT)
    assert topics == {("volume_spike", "ai-agents"): (MOMENT, "beat:ai-agents")}


def test_deleting_from_a_time_drops_later_windows(store: Store) -> None:
    stored(store, a_signal("old", window_end=MOMENT - DAY), a_signal("new"))
    with store.begin() as conn:
        delete_signals_from(conn, MOMENT - DAY)
    with store.read() as conn:
        assert [s.id for s in strongest_signals(conn)] == ["old"]


def test_pruning_evidence_removes_only_the_forgotten_ids(store: Store) -> None:
    stored(store, a_signal("a", evidence=[1, 2, 3]), a_signal("b", evidence=[4]))
    with store.begin() as conn:
        assert prune_signal_evidence(conn, [2, 9]) == 1
    with store.read() as conn:
        evidence = {s.id: s.evidence for s in strongest_signals(conn)}
    assert evidence == {"a": [1, 3], "b": [4]}


def listed(store: Store, **filters: Any) -> list[str]:
    query = {"kind": None, "beat": None, "since": None, "until": None, "after": None} | filters
    with store.read() as conn:
        return [row["id"] for row in list_signals(conn, limit=10, **query)]


def test_list_signals_is_newest_window_first(store: Store) -> None:
    stored(store, a_signal("a", window_end=MOMENT - DAY), a_signal("b"), a_signal("c"))
    assert listed(store) == ["c", "b", "a"]


def test_list_signals_reads_on_after_a_keyset(store: Store) -> None:
    stored(store, a_signal("a", window_end=MOMENT - DAY), a_signal("b"), a_signal("c"))
    assert listed(store, after=(MOMENT, "c")) == ["b", "a"]


def test_list_signals_filters_by_kind_and_beat(store: Store) -> None:
    stored(store, a_signal("a"), a_signal("b", kind="entity_surge", beat="ai-policy"))
    assert listed(store, kind="entity_surge") == ["b"]
    assert listed(store, beat="ai-agents") == ["a"]


def test_list_signals_filters_by_window_end(store: Store) -> None:
    ends = [MOMENT - 2 * DAY, MOMENT - DAY, MOMENT]
    stored(store, *(a_signal(str(n), window_end=end) for n, end in enumerate(ends)))
    assert listed(store, since=MOMENT - DAY - timedelta(hours=1), until=MOMENT) == ["1"]


def test_narrative_signals_are_a_narratives_newest_first(store: Store) -> None:
    stored(
        store,
        a_signal("a", narrative_id="nar_1", window_end=MOMENT - DAY),
        a_signal("b", narrative_id="nar_1"),
        a_signal("c", narrative_id="nar_2"),
    )
    with store.read() as conn:
        assert [row["id"] for row in narrative_signals(conn, "nar_1", 5)] == ["b", "a"]


def test_signals_by_id_leave_out_missing_ids(store: Store) -> None:
    stored(store, a_signal("a"), a_signal("b"))
    with store.read() as conn:
        assert [s.id for s in signals_by_id(conn, ["b", "x"])] == ["b"]
