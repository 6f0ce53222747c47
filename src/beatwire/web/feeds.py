"""Feeds: RSS 2.0 and Atom for all stories and per beat, and a story as plain text.

Built with ElementTree, which escapes every text and attribute: a headline cannot
inject markup into a feed reader.
"""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from typing import Any

from beatwire.web.context.story import StoryContext

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True, slots=True)
class Feed:
    """A feed's identity: its title, the page it describes and its own address."""

    title: str
    description: str
    page_url: str
    self_url: str


def _story_url(base: str, slug: str) -> str:
    return f"{base.rstrip('/')}/stories/{slug}/"


def _newest(stories: list[dict[str, Any]], fallback: datetime) -> datetime:
    return max((s["updated_at"] for s in stories), default=fallback)


def rss(feed: Feed, stories: list[dict[str, Any]], base: str, now: datetime) -> bytes:
    """Return an RSS 2.0 document of `stories` (summary rows), newest first."""
    root = ET.Element("rss", {"version": "2.0"})
    root.set("xmlns:atom", ATOM)
    channel = ET.SubElement(root, "channel")
    for tag, text in (
        ("title", feed.title),
        ("link", feed.page_url),
        ("description", feed.description),
    ):
        ET.SubElement(channel, tag).text = text
    ET.SubElement(channel, "lastBuildDate").text = format_datetime(_newest(stories, now))
    ET.SubElement(
        channel, "atom:link", {"href": feed.self_url, "rel": "self", "type": "application/rss+xml"}
    )
    for story in stories:
        item = ET.SubElement(channel, "item")
        url = _story_url(base, story["slug"])
        ET.SubElement(item, "title").text = story["headline"]
        ET.SubElement(item, "link").text = url
        ET.SubElement(item, "guid", {"isPermaLink": "false"}).text = f"beatwire:{story['id']}"
        ET.SubElement(item, "description").text = story["dek"]
        ET.SubElement(item, "pubDate").text = format_datetime(story["updated_at"])
        if story.get("beat"):
            ET.SubElement(item, "category").text = story["beat"]
    return _document(root)


def atom(feed: Feed, stories: list[dict[str, Any]], base: str, now: datetime) -> bytes:
    """Return an Atom 1.0 document of `stories` (summary rows), newest first."""
    root = ET.Element("feed", {"xmlns": ATOM})
    ET.SubElement(root, "title").text = feed.title
    ET.SubElement(root, "subtitle").text = feed.description
    ET.SubElement(root, "id").text = feed.self_url
    ET.SubElement(root, "updated").text = _newest(stories, now).isoformat()
    ET.SubElement(root, "link", {"href": feed.page_url, "rel": "alternate"})
    ET.SubElement(root, "link", {"href": feed.self_url, "rel": "self"})
    ET.SubElement(ET.SubElement(root, "author"), "name").text = "Beatwire"
    for story in stories:
        entry = ET.SubElement(root, "entry")
        ET.SubElement(entry, "title").text = story["headline"]
        ET.SubElement(entry, "id").text = f"urn:beatwire:story:{story['id']}"
        ET.SubElement(entry, "link", {"href": _story_url(base, story["slug"]), "rel": "alternate"})
        ET.SubElement(entry, "published").text = story["created_at"].isoformat()
        ET.SubElement(entry, "updated").text = story["updated_at"].isoformat()
        ET.SubElement(entry, "summary").text = story["dek"]
        if story.get("beat"):
            ET.SubElement(entry, "category", {"term": story["beat"]})
    return _document(root)


def _document(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def story_text(context: StoryContext, base: str) -> str:
    """Return a story as plain text: headline, dek, body with markers, then its sources."""
    story = context.story
    wrap = textwrap.TextWrapper(width=78)
    paragraphs = [wrap.fill(p) for p in story["body"].split("\n\n") if p.strip()]
    lines = [
        story["headline"],
        "=" * min(78, len(story["headline"])),
        "",
        wrap.fill(story["dek"]),
        "",
        f"{story['story_type']} · {context.beat_name or 'no beat'} · "
        f"{story['updated_at']:%d %b %Y %H:%M} UTC · version {story['current_version']}",
        _story_url(base, story["slug"]),
        "",
        "\n\n".join(paragraphs),
        "",
        "Sources",
        "-------",
    ]
    for cited in context.citations:
        where = " · ".join(str(x) for x in (cited.platform, cited.author, cited.url) if x)
        lines.append(f"[{cited.number}] {where}")
        lines.append(wrap.fill(cited.excerpt))
    score = context.fidelity.get("score", story["fidelity_score"])
    lines += ["", f"Fidelity {score}/100. Written by the {story['writer']} writer."]
    return "\n".join(lines) + "\n"
