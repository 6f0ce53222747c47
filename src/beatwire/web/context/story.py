"""A story's page: its current version, citations, fidelity report, versions and strip."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from beatwire.errors import NotFound
from beatwire.model import Signal
from beatwire.store.beats import primary_beat_days
from beatwire.store.engine import Store
from beatwire.store.records import newest_record_time
from beatwire.store.signals import signals_by_id
from beatwire.store.sql import fill_days
from beatwire.store.stories import (
    PUBLIC_STATUSES,
    list_stories,
    published_versions,
    story_by_slug,
    story_version,
)
from beatwire.taxonomy import beat_name
from beatwire.web.context.checks import CheckSummary, check_summary
from beatwire.web.context.citations import CitedRecord, cited_records, in_reading_order
from beatwire.web.context.common import datelines, platform_name, story_cards
from beatwire.web.context.hindsight import settle
from beatwire.web.context.timeline import EventTimeline, event_timeline
from beatwire.web.diffs import changed, word_diff

WORDS_PER_MINUTE = 230
STRIP_DAYS = 14
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class VersionEntry:
    """One published version and what changed from the one before."""

    version: int
    created_at: Any
    headline: str
    writer: str
    model: str | None
    fidelity_score: float
    headline_diff: list[tuple[str, str]] = field(default_factory=list)
    body_diff: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class Strip:
    """The discourse around a story: its beat's last two weeks and platforms."""

    records_7d: int
    spark: list[int]
    platforms: list[tuple[str, int]]
    ends: datetime | None = None  # what the 7 days run to: the writing or the data's end


@dataclass(slots=True)
class StoryContext:
    """One story's page."""

    story: dict[str, Any]
    beat_name: str | None
    read_minutes: int
    citations: list[CitedRecord]
    fidelity: dict[str, Any]
    versions: list[VersionEntry]
    strip: Strip | None
    more: list[dict[str, Any]] = field(default_factory=list)
    dateline: datetime | None = None  # when the event it reports happened
    through: datetime | None = None  # the newest record: what the data runs to
    days_after: int = 0  # how far the data runs past the event, when a look ahead was dropped
    timeline: EventTimeline | None = None
    sample: int = 0  # records in the evidence drawn for the story: the text's shares count these
    checked: CheckSummary | None = None


def version_history(conn: Connection, story_id: str) -> list[VersionEntry]:
    """Return the story's published versions, newest first, each with its diff to the one before."""
    entries: list[VersionEntry] = []
    previous: dict[str, Any] | None = None
    for summary in published_versions(conn, story_id):
        row = story_version(conn, story_id, summary["version"])
        if row is None:
            continue
        entry = VersionEntry(
            version=row["version"],
            created_at=row["created_at"],
            headline=row["headline"],
            writer=row["writer"],
            model=row["model"],
            fidelity_score=row["fidelity_score"],
        )
        if previous is not None:
            headline = word_diff(previous["headline"], row["headline"])
            body = word_diff(previous["body"], row["body"])
            entry.headline_diff = headline if changed(headline) else []
            entry.body_diff = body if changed(body) else []
        entries.append(entry)
        previous = row
    return entries[::-1]


def story_strip(conn: Connection, beat: str | None, at: Any) -> Strip | None:
    """Return the strip of a story's beat over the two weeks before `at`, counted as the
    detectors count (primary beat, copies left out)."""
    if beat is None:
        return None
    start = (at - timedelta(days=STRIP_DAYS - 1)).replace(hour=0, minute=0, second=0)
    counts = primary_beat_days(conn, beat, start, at + timedelta(microseconds=1))
    days: dict[str, int] = {}
    for count in counts:
        days[count.day] = days.get(count.day, 0) + count.records
    filled = fill_days(days, start, at, 0)
    spark = [n for _, n in filled]
    week = {day for day, _ in filled[-7:]}
    platforms: dict[str, int] = {}
    for count in counts:
        if count.day in week:
            platforms[count.provider] = platforms.get(count.provider, 0) + count.records
    ranked = sorted(platforms.items(), key=lambda item: (-item[1], item[0]))
    return Strip(
        records_7d=sum(spark[-7:]),
        spark=spark,
        platforms=[(platform_name(p), n) for p, n in ranked],
        ends=at,
    )


def evidence_size(signals: list[Signal]) -> int:
    """Return how many distinct records the story's signals offered as evidence (its sample)."""
    return len({rid for signal in signals for rid in signal.evidence})


def platform_of(signals: list[Signal]) -> str | None:
    """Return the platform a story's signal is about ("platform:mastodon"), if it is one's."""
    keys = [s.key.removeprefix("platform:") for s in signals if s.key.startswith("platform:")]
    return keys[0] if keys else None


def read_minutes(body: str) -> int:
    """Return the minutes a reader needs for `body`, at least one."""
    return max(1, math.ceil(len(_WORD.findall(body)) / WORDS_PER_MINUTE))


def story_context(store: Store, slug: str) -> StoryContext:
    """Return a public story's page data, or raise NotFound."""
    with store.read() as conn:
        story = story_by_slug(conn, slug)
        if story is None or story["status"] not in PUBLIC_STATUSES:
            raise NotFound(f"no story {slug!r}")
        more = list_stories(conn, story_type=None, beat=None, status=None, after=None, limit=6)
        at = story["updated_at"]
        dateline = datelines(conn, [story["id"]]).get(story["id"])
        through = newest_record_time(conn)
        story["revised"] = story["current_version"] > 1
        story["dateline"] = dateline
        after = settle(story, dateline, through)
        signals = signals_by_id(conn, list(story["signal_ids"] or []))
        cited = cited_records(conn, story["id"], story["current_version"])
        citations = in_reading_order(story, cited)
        return StoryContext(
            story=story,
            beat_name=beat_name(story["beat"]) if story["beat"] else None,
            read_minutes=read_minutes(story["body"]),
            citations=citations,
            fidelity=dict(story["fidelity_report"]),
            versions=version_history(conn, story["id"]),
            strip=story_strip(conn, story["beat"], _strip_end(through, at)),
            more=story_cards(conn, [row for row in more if row["id"] != story["id"]][:5]),
            dateline=dateline,
            through=through,
            days_after=after,
            timeline=event_timeline(
                conn, story["beat"], dateline, through, provider=platform_of(signals)
            ),
            sample=evidence_size(signals),
            checked=check_summary(story["fidelity_report"]),
        )


def _strip_end(newest: datetime | None, at: datetime) -> datetime:
    # A story about a replayed corpus is written after its data ends: measure to the data's end.
    return at if newest is None or newest > at else newest
