"""A story's citations as the reader sees them: numbered 1..N in order of first use, each card
named as the text names its author, linking the item and, apart, the article it points to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from beatwire.store.records import record_detail
from beatwire.store.stories import version_citations
from beatwire.web.context.common import platform_name
from beatwire.web.links import item_links
from beatwire.web.record_view import counts, excerpt

MARKER = re.compile(r"\[(\d{1,3})\]")
MIN_HANDLE = 4  # shorter handles ("ai", "bob") are ordinary words too often to re-case


@dataclass(slots=True)
class CitedRecord:
    """The record behind a `[N]` marker, as the reader sees it."""

    number: int
    record_id: int
    quote: str | None
    found: bool
    platform: str | None = None
    author: str | None = None  # the handle, exactly as the platform spells it
    author_name: str | None = None  # the display name, when the platform has one
    title: str | None = None
    excerpt: str = "This record is no longer in the store."
    published_at: Any = None
    url: str | None = None  # the item on its platform
    article_url: str | None = None  # what the item links to, when it links elsewhere
    engagement: dict[str, int] = field(default_factory=dict)


def cited_records(conn: Connection, story_id: str, version: int) -> list[CitedRecord]:
    """Return the citations of a version with the records they point at, as stored."""
    found = []
    for c in version_citations(conn, story_id, version):
        row = record_detail(conn, c.record_id)
        entry = CitedRecord(number=c.number, record_id=c.record_id, quote=c.quote, found=bool(row))
        if row is not None:
            entry.platform = platform_name(row["provider"])
            entry.author = row["author"]
            entry.author_name = row["author_name"] if row["author_name"] != row["author"] else None
            entry.title = row["title"]
            entry.excerpt = excerpt(row["text"])
            entry.published_at = row["published_at"]
            entry.url, entry.article_url = item_links(
                row["provider"], row["native_id"], row["url"], row["extra"]
            )
            entry.engagement = counts(row["engagement"])
        found.append(entry)
    return found


def first_use(body: str, numbers: list[int]) -> dict[int, int]:
    """Return old number -> new: 1..N in order of first use in `body`, unused ones after."""
    order: list[int] = []
    for match in MARKER.finditer(body):
        number = int(match.group(1))
        if number in numbers and number not in order:
            order.append(number)
    order += [n for n in sorted(numbers) if n not in order]
    return {old: new for new, old in enumerate(order, 1)}


def renumber(text: str, mapping: dict[int, int]) -> str:
    """Return `text` with each `[N]` marker of `mapping` renumbered (others left as they are)."""

    def swap(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return f"[{mapping.get(number, number)}]"

    return MARKER.sub(swap, text)


def spell_handles(text: str, handles: list[str]) -> str:
    """Return `text` with each handle spelled as its platform does ("Esolberg" -> "esolberg")."""
    for handle in sorted({h for h in handles if len(h) >= MIN_HANDLE}, key=len, reverse=True):
        pattern = re.compile(rf"(?<![\w@.-]){re.escape(handle)}(?![\w-])", re.IGNORECASE)
        text = pattern.sub(handle, text)
    return text


def in_reading_order(story: dict[str, Any], citations: list[CitedRecord]) -> list[CitedRecord]:
    """Renumber the story's body, takeaways and report claims and its citations by first use.

    The story dict is changed in place; the citations come back sorted by their new numbers.
    """
    mapping = first_use(story["body"], [c.number for c in citations])
    handles = [c.author for c in citations if c.author]
    story["body"] = spell_handles(renumber(story["body"], mapping), handles)
    story["takeaways"] = [spell_handles(t, handles) for t in story.get("takeaways") or []]
    report = story.get("fidelity_report") or {}
    for claim in report.get("claims", []):
        claim["text"] = renumber(str(claim.get("text", "")), mapping)
        claim["citations"] = [mapping.get(n, n) for n in claim.get("citations") or []]
    for c in citations:
        c.number = mapping.get(c.number, c.number)
    return sorted(citations, key=lambda c: c.number)
