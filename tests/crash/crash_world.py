"""What the crash tests build and check: a newsroom store, and the invariants after kills."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from beatwire.model import Analysis, Record, Signal
from beatwire.store.analyses import save_analyses
from beatwire.store.engine import Store
from beatwire.store.records import upsert_records
from beatwire.store.schema import analyses, citations, raw_pages, records, stories, story_versions
from beatwire.store.signals import replace_signals

DAY = datetime(2026, 9, 7, tzinfo=UTC)
_MARKER = re.compile(r"\[(\d+)\]")

# Our own sentences about an invented town's data centre.
POSTS = [
    ("bluesky", "odile.bsky.social", "The Marrow Creek data centre switched on its first hall today and the town lights flickered twice.", 0.2),  # noqa: E501
    ("reddit", "saltmarsh", "Marrow Creek says the data centre will pay for a new substation, which sounds generous until you read the lease.", -0.3),  # noqa: E501
    ("hackernews", "j_ferreira", "The Marrow Creek site runs inference for three model labs according to the planning filing.", 0.1),  # noqa: E501
    ("mastodon", "wren@town.example", "Nobody in Marrow Creek voted for a data centre that uses more water than the school district.", -0.6),  # noqa: E501
    ("reddit", "saltmarsh", "Second hall at the Marrow Creek data centre is already framed, they are building fast.", 0.3),  # noqa: E501
    ("news", "desk", "Council members in Marrow Creek approved the data centre's second phase by five votes to two.", 0.0),  # noqa: E501
]  # fmt: skip


def build_newsroom(store: Store, stories_wanted: int) -> None:
    """Store the posts, their analyses and `stories_wanted` promoted signals over them."""
    batch = [
        Record(provider=p, native_id=f"{p}-mc-{i}", kind="post", text=text, author=author,
               published_at=DAY + timedelta(hours=i), collected_at=DAY + timedelta(days=1))
        for i, (p, author, text, _) in enumerate(POSTS)
    ]  # fmt: skip
    with store.begin() as conn:
        upsert_records(conn, batch)
        ids = list(conn.execute(select(records.c.id).order_by(records.c.id)).scalars())
        found = [
            Analysis(rid, "en", "negative" if p[3] < 0 else "positive", p[3])
            for rid, p in zip(ids, POSTS, strict=True)
        ]
        save_analyses(conn, found)
        replace_signals(conn, [_signal(n, ids) for n in range(stories_wanted)])


def _signal(n: int, ids: list[int]) -> Signal:
    day = DAY - timedelta(days=n)
    return Signal(
        id=f"sig_mc_{n}", kind="volume_spike", key="ai-infrastructure", beat="ai-infrastructure",
        window_start=day, window_end=day + timedelta(days=1), value=30.0 + n, baseline=5.0,
        effect=6.0, significance=5.0, min_count=25, evidence=ids[n % 3 :], promoted_as="story",
        sentence=f"AI Infrastructure drew {30 + n} records in a day, 6 times its median of 5.",
        topic_key=f"volume_spike:ai-infrastructure:{day.date()}",
    )  # fmt: skip


def check_story_versions(store: Store) -> int:
    """Assert every stored version is whole; return how many stories there are."""
    with store.read() as conn:
        story_rows = conn.execute(select(stories)).mappings().all()
        for story in story_rows:
            versions = (
                conn.execute(select(story_versions).where(story_versions.c.story_id == story["id"]))
                .mappings()
                .all()
            )
            numbers = sorted(v["version"] for v in versions)
            assert numbers == list(range(1, len(numbers) + 1)), numbers
            assert story["current_version"] in numbers
            for version in versions:
                cited = set(conn.execute(
                    select(citations.c.number).where(
                        citations.c.story_id == story["id"],
                        citations.c.version == version["version"],
                    )
                ).scalars())  # fmt: skip
                markers = {int(n) for n in _MARKER.findall(version["body"])}
                assert cited and markers <= cited, (story["id"], markers, cited)
                assert version["fidelity_report"].get("score") is not None
    return len(story_rows)


def check_no_duplicate_records(store: Store) -> int:
    """Assert no record or raw page is stored twice; return the record count."""
    with store.read() as conn:
        total = conn.execute(select(func.count()).select_from(records)).scalar_one()
        keys = conn.execute(
            select(func.count()).select_from(
                select(records.c.provider, records.c.native_id).distinct().subquery()
            )
        ).scalar_one()
        pages = conn.execute(select(func.count()).select_from(raw_pages)).scalar_one()
        digests = conn.execute(select(func.count(func.distinct(raw_pages.c.sha256)))).scalar_one()
    assert total == keys and pages == digests
    return int(total)


def analysed_ids(store: Store) -> tuple[list[int], list[int]]:
    """Return every record id and the analysed ones, in id order."""
    with store.read() as conn:
        every = list(conn.execute(select(records.c.id).order_by(records.c.id)).scalars())
        done = list(
            conn.execute(select(analyses.c.record_id).order_by(analyses.c.record_id)).scalars()
        )
    return every, done
