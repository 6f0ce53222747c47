"""A signal about an event gets the event's pack: title, trigger first, facets, earlier stories."""

from __future__ import annotations

from datetime import timedelta

from beatwire.config import Settings
from beatwire.model import Event
from beatwire.newsroom import stage
from beatwire.store.events import save_events
from beatwire.store.stories import save_story_version
from tests.newsroom.conftest import DAY, POSTS
from tests.newsroom.test_stage import _add, _signal, _store
from tests.store.builders import a_draft


def test_the_pack_of_an_event_leads_with_its_trigger_and_carries_its_facets(
    sqlite_url: str,
) -> None:
    store, ids = _store(sqlite_url, POSTS)
    trigger = ids[3]  # the news report of the vote
    main = _signal(ids[:3], id="sig_main", kind="entity_surge", topic_key="event:ev_now")
    facet = _signal(ids[4:], id="sig_facet", topic_key="event:ev_now", promoted_as=None)
    _add(store, main, facet)
    earlier = Event("ev_before", "The Orvane Council proposed audits", ids[5],
                    DAY - timedelta(days=6), "ai-regulation", [], [ids[5]])  # fmt: skip
    now = Event("ev_now", "Lawmakers in Orvane approved the rule", trigger, DAY,
                "ai-regulation", ["sig_main", "sig_facet"], ids)  # fmt: skip
    with store.begin() as conn:
        save_events(conn, [earlier, now], DAY - timedelta(days=30))
        save_story_version(
            conn, story_id="st_before", slug="orvane-proposes", topic_key="event:ev_before",
            draft=a_draft(headline="Orvane proposes audits"), fidelity={"score": 95},
            published=True, status="final",
        )  # fmt: skip
    pack = stage.load_pack(store, main, Settings())
    assert pack.event_title == "Lawmakers in Orvane approved the rule"
    assert pack.trigger is not None and pack.trigger.number == 1
    assert pack.trigger.record.id == trigger and pack.items[0] is pack.trigger
    assert {item.record.id for item in pack.items} <= set(ids)
    assert [s.id for s in pack.facets] == ["sig_facet"]
    assert pack.earlier == [{"slug": "orvane-proposes", "headline": "Orvane proposes audits",
                             "day": (DAY - timedelta(days=6)).date().isoformat()}]  # fmt: skip


def test_a_signal_without_an_event_keeps_its_own_evidence(sqlite_url: str) -> None:
    store, ids = _store(sqlite_url, POSTS)
    alone = _signal(ids[:3])
    _add(store, alone)
    pack = stage.load_pack(store, alone, Settings())
    assert pack.event_title is None and pack.trigger is None and pack.facets == []
    assert {item.record.id for item in pack.items} == set(ids[:3])
