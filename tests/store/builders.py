"""Small rows for the store tests: records, analyses, signals, drafts and narratives.

Each builder returns a complete value with plain defaults; a test changes only
the fields its behaviour depends on.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from beatwire.model import Analysis, BeatScore, Citation, Draft, Entity, Record, Signal
from beatwire.store.analyses import save_analyses
from beatwire.store.engine import Store
from beatwire.store.records import upsert_records
from beatwire.store.schema import records
from beatwire.store.stories import save_story_version

MOMENT = datetime(2026, 11, 3, 14, 5, tzinfo=UTC)
DAY = timedelta(days=1)


def a_record(native_id: str = "1", **changes: Any) -> Record:
    """Return a Hacker News story published at MOMENT, changed by `changes`."""
    base = Record(
        provider="hackernews",
        native_id=native_id,
        kind="story",
        text="A new open-weights model tops the coding leaderboard",
        title="Open model tops coding board",
        url=f"https://news.example.com/item?id={native_id}",
        author="pg_fan",
        published_at=MOMENT,
        collected_at=MOMENT + timedelta(minutes=5),
        engagement={"score": 10, "comments": 2},
        source="search:llm",
    )
    return replace(base, **changes)


def add_records(store: Store, *batch: Record) -> list[int]:
    """Store `batch`; return the store ids of its records, in its order."""
    with store.begin() as conn:
        upsert_records(conn, list(batch))
        query = select(records.c.provider, records.c.native_id, records.c.id)
        ids = {(row[0], row[1]): int(row[2]) for row in conn.execute(query)}
    return [ids[(record.provider, record.native_id)] for record in batch]


def an_analysis(
    record_id: int,
    *,
    beats: tuple[str, ...] = ("ai-agents",),
    sentiment: float | None = 0.5,
    entities: tuple[str, ...] = (),
    **changes: Any,
) -> Analysis:
    """Return an analysis of `record_id` in `beats`, mentioning the entity slugs `entities`."""
    base = Analysis(
        record_id=record_id,
        lang="en",
        sentiment_label=None if sentiment is None else "positive" if sentiment > 0 else "negative",
        sentiment_score=sentiment,
        entities=[Entity(slug, slug.title(), "organization") for slug in entities],
        beats=[BeatScore(slug, 0.9) for slug in beats],
        ai_relevance=0.8,
        versions={"sentiment": "test@1"},
    )
    return replace(base, **changes)


def add_analysed(store: Store, *pairs: tuple[Record, Analysis | None]) -> list[int]:
    """Store records with analyses of them (the analysis's record id is filled in)."""
    ids = add_records(store, *(record for record, _ in pairs))
    analysed = [
        replace(analysis, record_id=rid)
        for rid, (_, analysis) in zip(ids, pairs, strict=True)
        if analysis is not None
    ]
    with store.begin() as conn:
        save_analyses(conn, analysed)
    return ids


def a_signal(signal_id: str = "sig_1", **changes: Any) -> Signal:
    """Return a volume spike in ai-agents over the day before MOMENT."""
    base = Signal(
        id=signal_id,
        kind="volume_spike",
        key="ai-agents",
        beat="ai-agents",
        window_start=MOMENT - DAY,
        window_end=MOMENT,
        value=40.0,
        baseline=10.0,
        effect=3.0,
        significance=4.0,
        min_count=5,
        sentence="Talk of agents quadrupled.",
        score=1.0,
    )
    return replace(base, **changes)


def a_draft(**changes: Any) -> Draft:
    """Return an offline writer's draft citing record 1."""
    base = Draft(
        headline="Agents take over the coding leaderboard",
        dek="Talk of coding agents quadrupled in a day.",
        body="Posts about coding agents rose fourfold [1].",
        takeaways=["Agents talk is up"],
        seo_description="Talk of coding agents quadrupled.",
        story_type="story",
        beats=["ai-agents"],
        citations=[Citation(1, 1, "tops the coding leaderboard")],
        signal_ids=["sig_1"],
        writer="offline",
    )
    return replace(base, **changes)


def add_story(
    store: Store,
    story_id: str = "s1",
    *,
    draft: Draft | None = None,
    published: bool = True,
    status: str = "developing",
    slug: str | None = None,
) -> int:
    """Save a version of the story `story_id` (slug `<id>-slug`); return its number."""
    with store.begin() as conn:
        return save_story_version(
            conn, story_id=story_id, slug=slug or f"{story_id}-slug", topic_key=f"topic:{story_id}",
            draft=draft or a_draft(), fidelity={"score": 0.9 if published else 0.2},
            published=published, status=status,
        )  # fmt: skip


def a_narrative(narrative_id: str = "nar_1", **changes: Any) -> dict[str, Any]:
    """Return a `narratives` row born and updated at MOMENT."""
    row = {
        "id": narrative_id,
        "beat": "ai-agents",
        "label": "coding agents",
        "phrases": ["coding agents"],
        "top_entities": [],
        "status": "active",
        "size": 0,
        "platforms": {"hackernews": 1},
        "born_at": MOMENT,
        "updated_at": MOMENT,
        "centroid": b"\x00\x00\x80?",
    }
    return row | changes
