"""Narratives on SQLite and PostgreSQL: saved with members and events, listed, cleared, read."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from beatwire.store.engine import Store
from beatwire.store.narratives import (
    assignments,
    born_at,
    clear_from,
    existing_narratives,
    list_narratives,
    member_counts,
    narrative_lineage,
    narrative_member_ids,
    narrative_row,
    narrative_series,
    narrative_timeline,
    save_narratives,
)
from beatwire.store.schema import narrative_events, narrative_members
from tests.store.builders import DAY, MOMENT, a_narrative, a_record, add_analysed, an_analysis


def an_event(narrative_id: str, kind: str, at: object, **details: object) -> dict[str, object]:
    return {"narrative_id": narrative_id, "kind": kind, "at": at, "details": details}


def seeded(store: Store) -> list[int]:
    """nar_1 (agents, born day 0): records 1-2; nar_2 (policy, born day 1): record 3."""
    ids = add_analysed(
        store,
        (a_record("1"), an_analysis(0)),
        (a_record("2", published_at=MOMENT + DAY), an_analysis(0)),
        (a_record("3", published_at=MOMENT + DAY), an_analysis(0, beats=("ai-policy",))),
    )
    with store.begin() as conn:
        save_narratives(
            conn,
            [a_narrative("nar_1"),
             a_narrative("nar_2", beat="ai-policy", born_at=MOMENT + DAY, updated_at=MOMENT + DAY,
                         status="faded")],
            [("nar_1", ids[0]), ("nar_1", ids[1]), ("nar_2", ids[2])],
            [an_event("nar_1", "grew", MOMENT + DAY, size=2), an_event("nar_1", "born", MOMENT),
             an_event("nar_2", "born", MOMENT + DAY)],
        )  # fmt: skip
    return ids


def test_saved_narratives_count_their_members(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        sizes = {row["id"]: row["size"] for row in list_narratives(conn)}
    assert sizes == {"nar_1": 2, "nar_2": 1}


def test_a_narrative_saved_again_keeps_its_birthday_and_takes_the_members_given(
    store: Store,
) -> None:
    seeded(store)
    (later,) = add_analysed(store, (a_record("4", published_at=MOMENT + 2 * DAY), an_analysis(0)))
    with store.begin() as conn:
        again = a_narrative("nar_1", born_at=MOMENT + 2 * DAY, label="agents at work")
        save_narratives(conn, [again], [("nar_1", later)], [])
    with store.read() as conn:
        row = narrative_row(conn, "nar_1")
        assert narrative_member_ids(conn, "nar_1", 10) == [later]  # the old row's went with it
    assert row is not None
    assert (row["born_at"], row["label"], row["size"]) == (MOMENT, "agents at work", 1)


def test_list_narratives_is_most_recently_updated_first_without_centroids(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        rows = list_narratives(conn)
    assert [row["id"] for row in rows] == ["nar_2", "nar_1"]
    assert all("centroid" not in row for row in rows)


def test_list_narratives_filters_by_beat_and_status(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        assert [row["id"] for row in list_narratives(conn, beat="ai-agents")] == ["nar_1"]
        assert [row["id"] for row in list_narratives(conn, status="faded")] == ["nar_2"]


def test_list_narratives_reads_on_after_a_keyset_and_stops_at_the_limit(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        assert [row["id"] for row in list_narratives(conn, limit=1)] == ["nar_2"]
        after = list_narratives(conn, after=(MOMENT + DAY, "nar_2"))
    assert [row["id"] for row in after] == ["nar_1"]


def test_an_unknown_narrative_has_no_row_and_no_lineage(store: Store) -> None:
    with store.read() as conn:
        assert narrative_row(conn, "nar_x") is None
        assert narrative_lineage(conn, "nar_x") is None


def test_the_timeline_is_oldest_first(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        timeline = narrative_timeline(conn, "nar_1")
    assert [(event["kind"], event["at"]) for event in timeline] == [
        ("born", MOMENT), ("grew", MOMENT + DAY),
    ]  # fmt: skip
    assert timeline[1]["details"] == {"size": 2}


def test_the_lineage_gives_the_narrative_and_its_events_as_text(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        lineage = narrative_lineage(conn, "nar_1")
    assert lineage is not None
    assert (lineage["label"], lineage["size"], lineage["born_at"]) == (
        "coding agents", 2, MOMENT.isoformat(),
    )  # fmt: skip
    assert [event["kind"] for event in lineage["events"]] == ["born", "grew"]
    assert lineage["events"][1] == {"kind": "grew", "at": (MOMENT + DAY).isoformat(),
                                    "details": {"size": 2}}  # fmt: skip


def test_clearing_from_a_time_drops_what_a_pass_from_it_recomputes(store: Store) -> None:
    ids = seeded(store)
    with store.begin() as conn:
        clear_from(conn, MOMENT + timedelta(hours=1))
    with store.read() as conn:
        assert [row["id"] for row in list_narratives(conn)] == ["nar_1"]  # nar_2 was born later
        members = conn.execute(select(narrative_members.c.record_id)).scalars().all()
        kinds = conn.execute(select(narrative_events.c.kind)).scalars().all()
    assert members == [ids[0]] and kinds == ["born"]


def test_clearing_from_before_every_record_drops_every_member(store: Store) -> None:
    seeded(store)
    with store.begin() as conn:
        clear_from(conn, MOMENT - DAY)
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(narrative_members)).scalar_one() == 0
        assert list_narratives(conn) == []


def test_assignments_map_each_beats_records_to_their_narratives(store: Store) -> None:
    ids = seeded(store)
    with store.read() as conn:
        found = assignments(conn, MOMENT, MOMENT + 2 * DAY)
        first_day = assignments(conn, MOMENT, MOMENT + DAY)
    assert found == {
        "ai-agents": {ids[0]: "nar_1", ids[1]: "nar_1"},
        "ai-policy": {ids[2]: "nar_2"},
    }
    assert first_day == {"ai-agents": {ids[0]: "nar_1"}}


def test_born_at_and_member_counts_of_stored_narratives(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        assert born_at(conn, ["nar_2", "nar_x"]) == {"nar_2": MOMENT + DAY}
        assert member_counts(conn, ["nar_1", "nar_x"]) == {"nar_1": 2}


def test_existing_narratives_are_the_stored_ones(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        assert existing_narratives(conn, {"nar_1", "nar_x"}) == {"nar_1"}
        assert existing_narratives(conn, set()) == set()


def test_narrative_series_counts_member_records_per_day(store: Store) -> None:
    seeded(store)
    with store.read() as conn:
        assert narrative_series(conn, "nar_1") == {"2026-11-03": 1, "2026-11-04": 1}


def test_member_ids_are_the_newest_first(store: Store) -> None:
    ids = seeded(store)
    with store.read() as conn:
        assert narrative_member_ids(conn, "nar_1", 1) == [ids[1]]
