"""Pseudonyms for `export --hash-authors`: one stable pseudonym per person, wherever they appear.

A person's pseudonym is a hash of their handle (case and a leading @ do not
matter), so it is the same in the author column, in an @mention of them, in
their profile URLs and in a story's byline, in this export and the next. What
is replaced in text:
- every name an author of a people's platform goes by: handle, display name,
  Bluesky DID, a Mastodon account's `@user` (store/redact.py finds them);
- any @mention, `u/` or `/user/` name and `/profile/` segment, known author or not.
Authors of Hugging Face, arXiv and news records (organisations, paper authors,
publications) are hashed in the author columns only: their names are also words
in other people's text ("google", "openai") that a reader needs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any

from beatwire.store.redact import Names, NameSwap, author_names, walk_strings

PREFIX = "anon-"
PEOPLE_PROVIDERS = frozenset({"bluesky", "reddit", "hackernews", "mastodon", "x", "youtube"})

# Preceded by neither a letter nor a dot: an email address's domain is no mention.
_MENTION = re.compile(r"(?<![\w.@])@([A-Za-z0-9][\w.-]*\w(?:@[\w-]+(?:\.[\w-]+)+)?)")
_USER_PATH = re.compile(r"(?<![\w])(/?u/|/user/|/profile/)([\w][\w.:-]*\w)")


def pseudonym(handle: str) -> str:
    """Return the stable pseudonym of a handle."""
    key = handle.strip().lstrip("@").lower()
    return PREFIX + hashlib.sha256(key.encode()).hexdigest()[:16]


def _renamed(match: re.Match[str], prefix: str, name: str) -> str:
    return match.group(0) if name.startswith(PREFIX) else prefix + pseudonym(name)


class Pseudonyms:
    """Renames every known person and every mentioned handle in exported values."""

    def __init__(self, authors: Iterable[dict[str, Any]]) -> None:
        """Learn the names of `authors`: rows with provider, author, author_name and did."""
        people: dict[str, Names] = {}
        for row in authors:
            if row["author"] and row["provider"] in PEOPLE_PROVIDERS:
                name = pseudonym(row["author"])
                known = people.get(name, Names(frozenset()))
                found = author_names(row["author"], row["author_name"], row["did"])
                people[name] = Names(known.names | found.names, known.at_names | found.at_names)
        self.swap = NameSwap(people)

    def text(self, text: str) -> str:
        """Return `text` with every person and handle replaced by its pseudonym."""
        text = self.swap(text)
        text = _MENTION.sub(lambda m: _renamed(m, "@", m.group(1)), text)
        return _USER_PATH.sub(lambda m: _renamed(m, m.group(1), m.group(2)), text)

    def value(self, column: str, value: Any, row: dict[str, Any]) -> Any:
        """Return an exported value with people renamed; author columns become the pseudonym."""
        if column in ("author", "author_name"):
            owner = row.get("author") or value
            return None if value is None else pseudonym(str(owner))
        return walk_strings(value, self.text)
