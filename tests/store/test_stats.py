"""The headline figures on SQLite and PostgreSQL: counts across the tables."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from beatwire.store.engine import Store
from beatwire.store.schema import signals
from beatwire.store.signals import replace_signals
from beatwire.store.stats import headline_figures
from tests.store.builders import (
    DAY,
    MOMENT,
    a_record,
    a_signal,
    add_analysed,
    add_story,
    an_analysis,
)


def test_an_empty_store_counts_nothing(store: Store) -> None:
    with store.read() as conn:
        figures = headline_figures(conn, day_ago=MOMENT - DAY, two_days_ago=MOMENT - 2 * DAY)
    assert figures == {
        "records": 0, "records_24h": 0, "active_beats_24h": 0, "platforms": {},
        "signals_48h": 0, "stories": 0,
    }  # fmt: skip


def test_the_figures_count_records_beats_platforms_signals_and_public_stories(
    store: Store,
) -> None:
    old = MOMENT - 3 * DAY
    add_analysed(
        store,
        (a_record("1"), an_analysis(0)),
        (a_record("2", provider="reddit"), an_analysis(0, beats=("ai-policy",))),
        (a_record("3", published_at=old, collected_at=old), an_analysis(0, beats=("ai-ethics",))),
    )
    with store.begin() as conn:
        replace_signals(conn, [a_signal("new"), a_signal("old")])
        for ident, found_at in (("new", MOMENT), ("old", old)):
            conn.execute(update(signals).where(signals.c.id == ident).values(created_at=found_at))
    add_story(store, "s1")
    add_story(store, "s2", published=False)
    with store.read() as conn:
        figures = headline_figures(
            conn, day_ago=MOMENT - timedelta(hours=1), two_days_ago=MOMENT - 2 * DAY
        )
    assert figures == {
        "records": 3, "records_24h": 2, "active_beats_24h": 2,
        "platforms": {"hackernews": 2, "reddit": 1}, "signals_48h": 1, "stories": 1,
    }  # fmt: skip
