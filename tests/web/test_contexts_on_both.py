"""The reader's pages built on SQLite and PostgreSQL alike: a story's dateline, renumbered
sources and timeline, a titled narrative with its state, the methodology's figures."""

from __future__ import annotations

from datetime import timedelta

from beatwire.config import load_settings
from beatwire.model import Citation
from beatwire.store.engine import Store
from beatwire.store.narratives import save_narratives
from beatwire.store.signals import replace_signals
from beatwire.web.context.about import methodology_context
from beatwire.web.context.narratives import narratives_context
from beatwire.web.context.story import story_context
from beatwire.web.context.wire import wire_context
from tests.store.builders import (
    DAY,
    MOMENT,
    a_draft,
    a_narrative,
    a_record,
    a_signal,
    add_analysed,
    add_story,
    an_analysis,
)


def _newsroom(store: Store) -> list[int]:
    later = [
        (a_record(f"n{n}", published_at=MOMENT + n * DAY, title=None, text=f"Later {n}"), None)
        for n in range(1, 6)
    ]
    ids = add_analysed(
        store,
        (a_record("1", title="Agents launch", engagement={"score": 50}), an_analysis(0)),
        (a_record("2", author="Esolberg_x", title=None, text="Mine works"), an_analysis(0)),
        (a_record("3", title="Other", engagement={"score": 1}), an_analysis(0)),
        *[(record, an_analysis(0)) for record, _ in later],
    )
    with store.begin() as conn:
        replace_signals(conn, [a_signal(evidence=ids[:3])])
        # updated_at is when the detector ran (the wall clock), years after the data here
        rows = [a_narrative("n1", size=8, updated_at=MOMENT + 900 * DAY)]
        save_narratives(conn, rows, [("n1", rid) for rid in ids], [])
    body = "Agents rose [3]. esolberg_X said so [1]. The next few days will show more [2]."
    citations = [Citation(1, ids[1]), Citation(2, ids[0]), Citation(3, ids[2])]
    add_story(store, draft=a_draft(body=body, citations=citations))
    return ids


def test_a_story_page_on_either_database(store: Store) -> None:
    ids = _newsroom(store)
    page = story_context(store, "s1-slug")
    assert page.dateline == MOMENT - timedelta(seconds=1)  # the end of the signal's window
    assert page.days_after >= 3 and "next few days" not in page.story["body"]
    assert page.story["body"] == "Agents rose [1]. Esolberg_x said so [2]."
    assert [(c.number, c.record_id) for c in page.citations] == [
        (1, ids[2]),
        (2, ids[1]),
        (3, ids[0]),
    ]
    assert page.timeline is not None and page.timeline.event_day == "2026-11-03"
    assert page.timeline.records[page.timeline.days.index("2026-11-03")] == 3
    assert page.sample == 3


def test_narratives_wire_and_methodology_on_either_database(store: Store, db_url: str) -> None:
    _newsroom(store)
    listed = narratives_context(store, 8).narratives
    assert [(n.title, n.state) for n in listed] == [
        ("Agents launch", "fading")
    ]  # 3 in the last 3 days, 5 before
    assert (listed[0].first_seen, listed[0].last_seen) == ("2026-11-03", "2026-11-08")
    assert narratives_context(store, 9).narratives == []
    wire = wire_context(store).items
    assert wire[0].title == "Surge in talk" and wire[0].at == MOMENT - timedelta(seconds=1)
    figures = methodology_context(store, load_settings(None, db=db_url)).figures
    assert figures["records"] == 8 and figures["stories"] == 1


def test_a_platform_spike_story_is_timed_against_that_platform(store: Store) -> None:
    ids = add_analysed(
        store,
        (a_record("1"), an_analysis(0)),
        (a_record("2"), an_analysis(0)),
        (a_record("3", provider="reddit"), an_analysis(0, beats=("ai-policy",))),
    )
    spike = a_signal("sig_p", key="platform:reddit", beat=None, evidence=ids[2:])
    with store.begin() as conn:
        replace_signals(conn, [spike])
    draft = a_draft(beats=[], signal_ids=["sig_p"], citations=[Citation(1, ids[2])])
    add_story(store, draft=draft)
    page = story_context(store, "s1-slug")
    assert page.timeline is not None
    assert page.timeline.records[page.timeline.days.index("2026-11-03")] == 1  # reddit's only
