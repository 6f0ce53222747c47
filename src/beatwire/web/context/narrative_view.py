"""A narrative as a reader sees it: titled by what it is about, with a state read from its days.

The title is its most-engaged record's title (or that record's opening words, quoted): never
the clusterer's keyword list. The state compares its last days with the days before them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from beatwire.store.events import record_event_titles
from beatwire.store.narratives import narrative_member_ids, narrative_series
from beatwire.store.records import record_summaries
from beatwire.taxonomy import beat_name
from beatwire.web.record_view import counts

STATES = ("new", "growing", "steady", "fading", "ended")
RECENT_DAYS = 3  # the last days of data a state looks at, against the same span before
GROWING, FADING = 1.25, 0.75  # recent records against the span before: more is growing
TITLE_CHARS = 100
CANDIDATES = 200  # newest members read to find the most engaged one
EVENT_SHARE = 1 / 3  # an event holding this share of the sampled members names the narrative
MIN_WORDS = 6  # an untitled record's opening needs this many words to name a subject
QUOTES = "\"'“”‘’"
_SENTENCE = re.compile(r"(?<=[.!?])\s|(?<=[.!?][\"”’'])\s")


def state(series: dict[str, int], through: datetime | None) -> str:
    """Return new, growing, steady, fading or ended from records per day up to the data's end."""
    if not series or through is None:
        return "ended"
    end = through.date()
    first = date.fromisoformat(min(series))

    def span(start: int, stop: int) -> int:
        days = {(end - timedelta(days=n)).isoformat() for n in range(start, stop)}
        return sum(n for day, n in series.items() if day in days)

    recent, before = span(0, RECENT_DAYS), span(RECENT_DAYS, 2 * RECENT_DAYS)
    if recent == 0:
        return "ended"
    if (end - first).days < RECENT_DAYS:
        return "new"
    if recent >= GROWING * max(before, 1):
        return "growing"
    if recent <= FADING * before:
        return "fading"
    return "steady"


def _attention(row: dict[str, Any]) -> tuple[int, int]:
    # The oldest record wins a tie: the one that started it.
    return sum(counts(row["engagement"]).values()), -int(row["id"])


def clip_title(text: str) -> str:
    """Return `text` on one line, cut at a word before TITLE_CHARS with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= TITLE_CHARS:
        return text
    return text[: TITLE_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:—-") + "…"


def _first_sentence(text: str) -> str:
    return _SENTENCE.split(" ".join(text.split()), 1)[0]


def _opening(text: str) -> str:
    # Quoted once: a reply that itself opens with a quotation keeps no second pair of marks.
    return f"“{clip_title(_first_sentence(text).strip(QUOTES))}”"


def _main_event(titles: dict[int, str], members: int) -> str | None:
    # The event most of the narrative's records report, when it holds a good share of them.
    tally = Counter(titles.values()).most_common(1)
    return tally[0][0] if tally and tally[0][1] >= EVENT_SHARE * members else None


def title(conn: Connection, narrative_id: str) -> str | None:
    """Return what a narrative is about: the event most of its records report, else its most
    engaged record's title, else that record's opening."""
    ids = narrative_member_ids(conn, narrative_id, CANDIDATES)
    rows = list(record_summaries(conn, ids).values())
    if not rows:
        return None
    event = _main_event(record_event_titles(conn, ids), len(rows))
    if event:
        return clip_title(event)
    titled = [row for row in rows if (row["title"] or "").strip()]
    if titled:
        return clip_title(max(titled, key=_attention)["title"])
    texts = [row for row in rows if (row["text"] or "").strip()]
    # "Bingo." or "I agree." says nothing of the subject: prefer an opening of a few words.
    telling = [row for row in texts if len(_first_sentence(row["text"]).split()) >= MIN_WORDS]
    best = max(telling or texts, key=_attention) if texts else None
    return None if best is None else _opening(best["text"])


@dataclass(slots=True)
class NarrativeEntry:
    """A narrative in a list: its title, state and size, with any same-titled ones merged in."""

    id: str
    title: str
    beat: str | None
    beat_name: str | None
    state: str
    size: int
    born_at: datetime
    updated_at: datetime
    merged: list[str] = field(default_factory=list)  # ids of duplicates folded into this one
    first_seen: str | None = None  # the day of its first and last record (the data's clock,
    last_seen: str | None = None  # not the detector's run)


def narrative_entries(
    conn: Connection, rows: list[dict[str, Any]], through: datetime | None, min_size: int
) -> list[NarrativeEntry]:
    """Return listable narratives: titled, at least `min_size` records, duplicates merged."""
    by_title: dict[str, tuple[NarrativeEntry, dict[str, int]]] = {}
    for row in sorted(rows, key=lambda r: -int(r["size"])):
        if row["size"] < min_size:
            continue
        named = title(conn, row["id"])
        if not named:
            continue
        series = narrative_series(conn, row["id"])
        key = named.casefold()
        if key in by_title:
            entry, total = by_title[key]
            entry.merged.append(row["id"])
            entry.size += int(row["size"])
            entry.born_at = min(entry.born_at, row["born_at"])
            entry.updated_at = max(entry.updated_at, row["updated_at"])
            for day, n in series.items():
                total[day] = total.get(day, 0) + n
            continue
        entry = NarrativeEntry(
            id=row["id"],
            title=named,
            beat=row["beat"],
            beat_name=beat_name(row["beat"]) if row["beat"] else None,
            state="",
            size=int(row["size"]),
            born_at=row["born_at"],
            updated_at=row["updated_at"],
        )
        by_title[key] = (entry, dict(series))
    entries = []
    for entry, total in by_title.values():
        entry.state = state(total, through)
        entry.first_seen, entry.last_seen = (min(total), max(total)) if total else (None, None)
        entries.append(entry)
    entries.sort(key=lambda e: (STATES.index(e.state), -e.size, e.id))
    return entries
