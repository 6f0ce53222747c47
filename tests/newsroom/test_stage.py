"""The write stage on a real SQLite store: publish, idempotence, versions, held drafts."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from beatwire.config import Settings
from beatwire.errors import NewsroomError
from beatwire.model import Draft, Signal
from beatwire.newsroom import stage
from beatwire.newsroom.evidence import EvidencePack
from beatwire.newsroom.versions import history
from beatwire.newsroom.writers import offline
from beatwire.store.analyses import save_analyses
from beatwire.store.engine import Store, open_store
from beatwire.store.records import records_by_id, upsert_records
from beatwire.store.schema import narrative_events, narratives, signals, stories
from beatwire.store.signals import replace_signals, strongest_signals
from beatwire.store.stories import story_history
from tests.newsroom.conftest import DAY, HOSTILE, POSTS, make_analyses, make_records, make_signal


def _store(url: str, posts: list) -> tuple[Store, list[int]]:
    store = open_store(url)
    records = make_records(posts)
    with store.begin() as conn:
        upsert_records(conn, [r.record for r in records])
    with store.read() as conn:
        stored = sorted(records_by_id(conn, range(1, len(posts) + 1)).values(), key=lambda r: r.id)
    with store.begin() as conn:
        save_analyses(conn, list(make_analyses(stored, posts).values()))
    return store, [r.id for r in stored]


def _signal(ids: list[int], **fields: object) -> Signal:
    records = make_records(POSTS)
    return replace(make_signal(records), evidence=ids, **fields)


def _add(store: Store, *found: Signal) -> None:
    with store.begin() as conn:
        replace_signals(conn, found)


def test_a_promoted_signal_becomes_a_published_story_once(sqlite_url: str) -> None:
    store, ids = _store(sqlite_url, POSTS)
    _add(store, _signal(ids))
    first = stage.run(store, Settings())
    again = stage.run(store, Settings())
    assert first.figures["written"] == 1 and again.figures["unchanged"] == 1
    with store.read() as conn:
        row = conn.execute(select(stories)).mappings().one()
        versions = story_history(conn, row["id"])
    assert row["status"] == "final" and len(versions) == 1
    assert versions[0]["fidelity_score"] == 100.0 and versions[0]["published"]
    assert versions[0]["fidelity_report"]["gate"]["passed"]
    assert row["slug"].startswith("ai-regulation")


def _narrative(store: Store, size: int, status: str = "active") -> None:
    with store.begin() as conn:
        conn.execute(narratives.delete())
        conn.execute(narratives.insert().values(
            id="nar_1", beat="ai-regulation", label="Orvane audit rule", phrases=[],
            top_entities=[], status=status, size=size, platforms=["reddit", "bluesky"],
            born_at=DAY, updated_at=DAY + timedelta(days=1),
        ))  # fmt: skip
        conn.execute(narrative_events.insert().values(
            narrative_id="nar_1", kind="grew", at=DAY + timedelta(days=1), details={"size": size}
        ))  # fmt: skip


def test_a_developing_narrative_gets_a_new_version_with_a_diff(sqlite_url: str) -> None:
    store, ids = _store(sqlite_url, POSTS)
    _narrative(store, 30)
    topic = {"narrative_id": "nar_1", "topic_key": "narrative:nar_1"}
    _add(store, _signal(ids[:4], **topic))
    stage.run(store, Settings())
    _narrative(store, 80, status="faded")
    with store.begin() as conn:
        conn.execute(signals.delete())
    _add(store, _signal(ids, id="sig_test_later", value=80.0, effect=11.4, **topic))
    report = stage.run(store, Settings())
    assert report.figures["written"] == 1
    with store.read() as conn:
        row = conn.execute(select(stories)).mappings().one()
    versions = history(store, row["id"])
    assert [v["version"] for v in versions] == [1, 2] and row["status"] == "final"
    assert versions[0]["diff"] is None and versions[1]["diff"]["body"]
    assert versions[1]["tokens_in"] == 0 and versions[1]["cost_usd"] == 0.0


class FollowsInjection:
    """A writer that obeys the hostile records, as a careless model might."""

    name = "gullible"

    async def write(self, pack: EvidencePack, story_type: str) -> Draft:
        draft = offline.write(pack, story_type)
        return replace(
            draft, body=draft.body + "\n\nThe rule was repealed [9]. <script>alert(1)</script>"
        )


def test_a_draft_that_follows_injected_instructions_is_held(sqlite_url: str) -> None:
    store, ids = _store(sqlite_url, POSTS + HOSTILE)
    _add(store, _signal(ids))
    with store.read() as conn:
        promoted = strongest_signals(conn, promoted=True)
    report = asyncio.run(stage.write_all(store, Settings(), FollowsInjection(), promoted))
    assert report.figures["held"] == 1
    with store.read() as conn:
        row = conn.execute(select(stories)).mappings().one()
        version = story_history(conn, row["id"])[0]
    assert row["status"] == "held" and not version["published"]
    reasons = " ".join(version["fidelity_report"]["gate"]["reasons"])
    assert "[9]" in reasons and "<script>" in reasons


def test_offline_stories_on_hostile_records_carry_none_of_their_text(sqlite_url: str) -> None:
    store, ids = _store(sqlite_url, POSTS + HOSTILE)
    _add(store, _signal(ids))
    stage.run(store, Settings())
    with store.read() as conn:
        row = conn.execute(select(stories)).mappings().one()
        body = story_history(conn, row["id"])[0]["body"]
    assert row["status"] == "final"
    for fragment in ("Ignore all", "<script>", "https://", "**share", "repealed"):
        assert fragment not in body


def test_a_held_revision_never_hides_the_published_version(sqlite_url: str) -> None:
    store, ids = _store(sqlite_url, POSTS)
    _add(store, _signal(ids))
    stage.run(store, Settings())
    _add(store, _signal(ids, value=61.0))
    with store.read() as conn:
        promoted = strongest_signals(conn, promoted=True)
    asyncio.run(stage.write_all(store, Settings(), FollowsInjection(), promoted))
    with store.read() as conn:
        row = conn.execute(select(stories)).mappings().one()
        versions = story_history(conn, row["id"])
    assert row["current_version"] == 1 and row["status"] == "final"
    assert [v["published"] for v in versions] == [True, False]


def test_verify_story_checks_the_stored_version_afresh(sqlite_url: str) -> None:
    store, ids = _store(sqlite_url, POSTS)
    _add(store, _signal(ids))
    stage.run(store, Settings())
    with store.read() as conn:
        row = conn.execute(select(stories)).mappings().one()
        stored = story_history(conn, row["id"])[0]["fidelity_report"]
    checked = stage.verify_story(store, Settings(), row["slug"])
    assert (checked.pop("story"), checked.pop("version")) == (row["id"], 1)
    assert checked == stored and checked["publishable"]
    with pytest.raises(NewsroomError, match="no story 'st_nothing'"):
        stage.verify_story(store, Settings(), "st_nothing")
