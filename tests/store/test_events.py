"""Events on SQLite and PostgreSQL: saved with their signals and records, replaced, read back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from beatwire.model import Event
from beatwire.store.engine import Store
from beatwire.store.events import earlier_stories, event_of_signal, events_between, save_events
from beatwire.store.stories import save_story_version
from tests.store.builders import a_draft, a_record, add_records

DAY = datetime(2025, 11, 24, 9, tzinfo=UTC)


def an_event(ident: str, trigger: int, day: datetime = DAY, **changes: object) -> Event:
    fields = {"id": ident, "title": f"{ident} happened", "trigger_record_id": trigger,
              "first_seen": day, "beat": "models-releases", "signal_ids": [f"sig_{ident}"],
              "record_ids": [trigger]}  # fmt: skip
    fields.update(changes)
    return Event(**fields)  # type: ignore[arg-type]


def test_an_event_is_read_back_with_its_signals_and_records(store: Store) -> None:
    ids = add_records(store, a_record("1"), a_record("2"), a_record("3"))
    event = an_event("ev_a", ids[0], signal_ids=["sig_b", "sig_a"], record_ids=ids)
    with store.begin() as conn:
        save_events(conn, [event], DAY - timedelta(days=1))
    with store.read() as conn:
        found = event_of_signal(conn, "sig_b")
        assert event_of_signal(conn, "sig_none") is None
    assert found is not None
    assert (found.title, found.trigger_record_id, found.first_seen) == (
        "ev_a happened", ids[0], DAY,
    )  # fmt: skip
    assert (found.signal_ids, found.record_ids) == (["sig_a", "sig_b"], sorted(ids))


def test_a_pass_replaces_its_days_and_the_events_it_continues(store: Store) -> None:
    ids = add_records(store, a_record("1"), a_record("2"), a_record("3"))
    old = an_event("ev_old", ids[0], DAY - timedelta(days=5))
    continued = an_event("ev_cont", ids[1], DAY - timedelta(days=3))
    recent = an_event("ev_recent", ids[2], DAY)
    with store.begin() as conn:
        save_events(conn, [old, continued, recent], DAY - timedelta(days=10))
    later = an_event("ev_cont", ids[1], DAY - timedelta(days=3), record_ids=[ids[1], ids[2]])
    with store.begin() as conn:
        save_events(conn, [later], DAY - timedelta(days=1))
    with store.read() as conn:
        kept = events_between(conn, DAY - timedelta(days=30), DAY + timedelta(days=1))
    assert [(e.id, e.record_ids) for e in kept] == [
        ("ev_old", [ids[0]]), ("ev_cont", [ids[1], ids[2]]),
    ]  # fmt: skip


def test_earlier_stories_are_published_stories_of_earlier_events_on_the_beat(store: Store) -> None:
    ids = add_records(store, *(a_record(str(n)) for n in range(4)))
    first = an_event("ev_1", ids[0], DAY - timedelta(days=9))
    other_beat = an_event("ev_2", ids[1], DAY - timedelta(days=5), beat="ai-law")
    held = an_event("ev_3", ids[2], DAY - timedelta(days=2))
    now = an_event("ev_4", ids[3], DAY)
    with store.begin() as conn:
        save_events(conn, [first, other_beat, held, now], DAY - timedelta(days=30))
        for number, event in enumerate([first, other_beat, held, now]):
            save_story_version(
                conn, story_id=f"s{number}", slug=f"s{number}", topic_key=f"event:{event.id}",
                draft=a_draft(headline=event.title), fidelity={"score": 95},
                published=event is not held, status="developing",
            )  # fmt: skip
    with store.read() as conn:
        found = earlier_stories(conn, now)
    assert found == [{"slug": "s0", "headline": "ev_1 happened", "day": "2025-11-15"}]
