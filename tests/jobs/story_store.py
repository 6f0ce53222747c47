"""A small store with one published story over hand-written records, for forget and export."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from beatwire.config import Settings
from beatwire.model import Analysis, Record, Signal
from beatwire.newsroom import stage
from beatwire.store.analyses import save_analyses
from beatwire.store.engine import Store
from beatwire.store.records import upsert_records
from beatwire.store.schema import records
from beatwire.store.signals import replace_signals

DAY = datetime(2026, 10, 12, tzinfo=UTC)

# (provider, author, text, sentiment); our own sentences about an invented city's chip plant.
POSTS = [
    ("bluesky", "tovah.bsky.social", "The Kestrel Bay chip plant opened its doors today and the queue of engineers went round the block.", 0.5),  # noqa: E501
    ("reddit", "lanternfish", "Kestrel Bay promised four thousand jobs for the new chip plant, we will see how many are local.", -0.2),  # noqa: E501
    ("hackernews", "m_okafor", "Training clusters need chips and the Kestrel Bay plant is the first one built for them here.", 0.3),  # noqa: E501
    ("mastodon", "rue@social.example", "Nobody asked the residents of Kestrel Bay about the water the chip plant will drink.", -0.6),  # noqa: E501
    ("reddit", "lanternfish", "Update: the chip plant in Kestrel Bay posted its first job ads and most ask for ten years of experience.", -0.4),  # noqa: E501
    ("news", "desk", "Officials in Kestrel Bay said the chip plant would run at half capacity until the spring.", 0.0),  # noqa: E501
]  # fmt: skip


def build(store: Store, settings: Settings) -> list[int]:
    """Store the posts, their analyses, a promoted signal and its story; return record ids."""
    batch = [
        Record(
            provider=provider, native_id=f"{provider}-kb-{i}", kind="post", text=text,
            published_at=DAY + timedelta(hours=i), collected_at=DAY + timedelta(days=1),
            author=author, engagement={"likes": 3 + i},
        )
        for i, (provider, author, text, _) in enumerate(POSTS)
    ]  # fmt: skip
    with store.begin() as conn:
        upsert_records(conn, batch)
        ids = list(conn.execute(records.select().order_by(records.c.id)).scalars())
        save_analyses(
            conn,
            [
                Analysis(rid, "en", "negative" if p[3] < 0 else "positive", p[3])
                for rid, p in zip(ids, POSTS, strict=True)
            ],
        )
        replace_signals(conn, [signal(ids)])
    stage.run(store, settings)
    return ids


def signal(ids: list[int]) -> Signal:
    """Return a promoted volume-spike signal over `ids`."""
    return Signal(
        id="sig_kb", kind="volume_spike", key="ai-hardware", beat="ai-hardware",
        window_start=DAY, window_end=DAY + timedelta(days=1), value=40.0, baseline=6.0,
        effect=6.7, significance=5.0, min_count=25,
        sentence="AI Hardware drew 40 records on October 12, 6.7 times its median of 6 a day.",
        evidence=ids, promoted_as="story", topic_key="volume_spike:ai-hardware:2026-10-12",
    )  # fmt: skip
