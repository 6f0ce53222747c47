"""`beatwire forget` removes one person and only that person, from every copy of their words."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from beatwire.config import Settings
from beatwire.errors import ConfigError
from beatwire.jobs.demo import demo_corpus
from beatwire.jobs.forget import forget
from beatwire.sources import reddit, replay
from beatwire.sources.ingest import ingest_file
from beatwire.store.engine import Store
from beatwire.store.schema import (
    citations,
    engagement_snapshots,
    raw_pages,
    records,
    stage_state,
    stories,
    story_versions,
)
from tests.conftest import CORPORA
from tests.jobs.story_store import build

AT = datetime(2026, 10, 12, tzinfo=UTC)
LISTING = CORPORA / "api-fixtures/reddit/r_all_new_2016-12-22.json"


def _page(store: Store) -> dict[str, object]:
    with store.read() as conn:
        row = conn.execute(select(raw_pages)).mappings().one()
    return {"sha256": row["sha256"], "payload": bytes(row["payload"]).decode()}


def _authors(store: Store) -> list[str]:
    with store.read() as conn:
        return sorted(str(a) for a in conn.execute(select(records.c.author)).scalars() if a)


def test_a_shared_reddit_page_keeps_everyone_else(store: Store, settings: Settings) -> None:
    ingest_file(store, settings, reddit, LISTING, as_of=AT)
    before, authors = _page(store), _authors(store)
    gone = authors[0]
    with store.read() as conn:
        text = conn.execute(select(records.c.title).where(records.c.author == gone)).scalar_one()
    forget(store, settings, authors=[gone])
    after = _page(store)
    assert after["sha256"] == before["sha256"]  # a replay of the same bytes is still skipped
    assert gone not in str(after["payload"]) and json.dumps(text)[1:-1] not in str(after["payload"])
    assert all(other in str(after["payload"]) for other in authors[1:])
    assert json.loads(str(after["payload"]))["data"]["children"]  # still the platform's shape


def test_the_demo_page_keeps_the_other_people(store: Store, settings: Settings) -> None:
    ingest_file(store, settings, replay, demo_corpus(), as_of=AT)
    lines = _page(store)["payload"]
    forget(store, settings, authors=["vector_lena"])
    with store.read() as conn:
        kept = conn.execute(select(func.count()).select_from(raw_pages)).scalar_one()
    payload = str(_page(store)["payload"])
    assert kept == 1
    their_post = '"At this point the context window race is just astrology for people with GPUs."'
    assert "vector_lena" not in payload and their_post not in payload
    assert len(payload.splitlines()) == len(str(lines).splitlines())
    assert sum(1 for line in payload.splitlines() if '"author": "' in line) > 4_000


def _story_text(store: Store) -> str:
    with store.read() as conn:
        versions = conn.execute(select(story_versions)).mappings().all()
        headlines = conn.execute(select(stories.c.headline)).scalars().all()
        quotes = conn.execute(select(citations.c.quote)).scalars().all()
    return json.dumps([dict(v) for v in versions] + headlines + quotes, default=str)


def test_every_story_version_and_report_forgets_the_name_and_quote(
    store: Store, settings: Settings
) -> None:
    build(store, settings)
    quote = "Update: the chip plant in Kestrel Bay posted its first job ads"
    assert "lanternfish" in _story_text(store) and quote in _story_text(store)
    forget(store, settings, authors=["LanternFish"])
    scrubbed = _story_text(store)
    assert "lanternfish" not in scrubbed.lower() and quote[:40] not in scrubbed
    assert "Officials in Kestrel Bay said the chip plant" in scrubbed  # someone else's quote


def test_their_engagement_history_goes_too(store: Store, settings: Settings) -> None:
    build(store, settings)
    with store.begin() as conn:
        conn.execute(
            engagement_snapshots.insert(),
            [
                {"provider": p, "native_id": n, "snapshot_at": AT, "engagement": {"likes": 1}}
                for p, n in (("reddit", "reddit-kb-1"), ("hackernews", "hackernews-kb-2"))
            ],
        )
    forget(store, settings, authors=["lanternfish"])
    with store.read() as conn:
        left = conn.execute(select(engagement_snapshots.c.native_id)).scalars().all()
    assert left == ["hackernews-kb-2"]


def test_forgetting_nobody_says_so_and_writes_nothing(store: Store, settings: Settings) -> None:
    build(store, settings)
    with store.read() as conn:
        state = conn.execute(select(func.count()).select_from(stage_state)).scalar_one()
    with pytest.raises(ConfigError, match="no record of author 'nobody'"):
        forget(store, settings, authors=["nobody"])
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(stage_state)).scalar_one() == state


def test_a_later_page_holding_them_is_kept_without_them(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    ingest_file(store, settings, reddit, LISTING, as_of=AT)
    gone = _authors(store)[0]
    forget(store, settings, authors=[gone])
    later = tmp_path / "later.json"
    later.write_text(json.dumps(json.loads(LISTING.read_bytes()), indent=1))  # other bytes
    ingest_file(store, settings, reddit, later, as_of=AT)
    with store.read() as conn:
        pages = [bytes(p).decode() for p in conn.execute(select(raw_pages.c.payload)).scalars()]
    assert len(pages) == 2 and not [page for page in pages if gone in page]


def test_forgetting_one_record_leaves_its_author_named(store: Store, settings: Settings) -> None:
    ingest_file(store, settings, replay, demo_corpus(), as_of=AT)
    forget(store, settings, references=["t3_dvmsp1"])  # one of vector_lena's twelve
    payload = str(_page(store)["payload"])
    assert '"The AI bill is 200 pages. Lawmakers asked a chatbot to summarise it"' not in payload
    assert payload.count('"author": "vector_lena"') == 11  # on their other records
    assert payload.count('"author": "[forgotten]"') == 1
