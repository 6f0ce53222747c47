"""Slugs: readable, unique URL names made from a story's headline."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import Connection

from beatwire.store.stories import slug_taken

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str, *, max_length: int = 80) -> str:
    """Return a lowercase ASCII slug of `text`, cut at a word boundary."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _NOT_WORD.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "story"


def unique_slug(conn: Connection, headline: str, story_id: str) -> str:
    """Return the slug of `headline`, numbered when another story already has it."""
    base = slugify(headline)
    slug, number = base, 2
    while slug_taken(conn, slug, story_id):
        slug, number = f"{base}-{number}", number + 1
    return slug
