"""Taking a person's names and words out of text and JSON: for `forget` and pseudonymised exports.

A person is known by their handle (with or without a leading @), their display
name and the platform ids their URLs carry (a Bluesky DID); a Mastodon account
`user@host` is also `@user` in its profile URLs. `NameSwap` replaces every one
of these, case-insensitively and only as a whole name, by what its caller gives
for that person: "[forgotten]" or a stable pseudonym.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache, partial
from typing import Any

from beatwire.model import Record

FORGOTTEN = "[forgotten]"
REMOVED = "[removed]"

_WORD = re.compile(r"\w+")
# Inside these a handle is part of a longer name (an email, a domain, a hyphenated word).
_BEFORE = r"(?<![\w.@-])"
_AFTER = r"(?![\w-]|\.\w)"
_TOKEN = re.compile(r"\w(?:[\w.:@-]*\w)?")
_HANDLE = re.compile(rf"{_BEFORE}(@?)({_TOKEN.pattern})")
_QUOTED = re.compile(r"“([^”]{8,})”")


@dataclass(frozen=True, slots=True)
class Names:
    """The names one person goes by: `names` anywhere, `at_names` only right after an @."""

    names: frozenset[str]
    at_names: frozenset[str] = frozenset()


def author_names(author: str, display: str | None = None, did: str | None = None) -> Names:
    """Return the names an author goes by in text and URLs."""
    found = {name.strip().lstrip("@") for name in (author, display or "", did or "")}
    names = frozenset(name for name in found if len(name) >= 2)
    local = author.strip().lstrip("@").split("@")[0] if "@" in author.strip().lstrip("@") else ""
    return Names(names, frozenset({local} if len(local) >= 2 else ()))


def names_of(record: Record) -> Names:
    """Return the names a record's author goes by in text and URLs."""
    did = record.extra.get("did")
    return author_names(
        record.author or "", record.author_name, did if isinstance(did, str) else None
    )


def _key(name: str) -> str:
    return max(_WORD.findall(name.lower()) or [name.lower()], key=len)


def _constant(value: str, match: re.Match[str]) -> str:
    return value


@lru_cache(maxsize=4096)
def _phrase(name: str) -> re.Pattern[str]:
    return re.compile(rf"{_BEFORE}{re.escape(name)}{_AFTER}", re.IGNORECASE)


class NameSwap:
    """Replaces each person's names by that person's replacement, in one pass over a text.

    Handles are single tokens (letters, digits and `_.:@-` inside), looked up in a
    table; names with spaces (display names) are searched for only in texts that
    hold their longest word.
    """

    def __init__(self, people: Mapping[str, Names]) -> None:
        self._names: dict[str, str] = {}  # lower-cased name -> replacement
        self._at_names: dict[str, str] = {}
        self._phrases: dict[str, dict[str, str]] = {}  # longest word -> {name: replacement}
        for replacement, person in people.items():
            for name in person.names:
                if _TOKEN.fullmatch(name) and name == name.strip():
                    self._names[name.lower()] = replacement
                else:
                    self._phrases.setdefault(_key(name), {})[name.lower()] = replacement
            self._at_names |= {name.lower(): replacement for name in person.at_names}

    def __call__(self, text: str) -> str:
        """Return `text` with every name of every person replaced."""
        if self._phrases:
            words = set(_WORD.findall(text.lower()))
            for word in words & self._phrases.keys():
                for name, replacement in self._phrases[word].items():
                    # A function, not a template: a replacement is never read for backslashes.
                    text = _phrase(name).sub(partial(_constant, replacement), text)
        return _HANDLE.sub(self._handle, text) if self._names or self._at_names else text

    def _handle(self, match: re.Match[str]) -> str:
        at, token = match.group(1), match.group(2).lower()
        if token in self._names:
            return at + self._names[token]
        if at and token in self._at_names:
            return at + self._at_names[token]
        return match.group(0)


@dataclass(frozen=True, slots=True)
class Scrubber:
    """Takes forgotten people's names and words out of any text."""

    swap: NameSwap
    words: tuple[str, ...]  # their texts, titles and quotes, each at least 8 characters
    handles: frozenset[str] = frozenset()  # lower-cased: a JSON object holding one is theirs
    # (native id, lower-cased author) of each record: an object holding both is that record
    items: frozenset[tuple[str, str]] = frozenset()

    def text(self, text: str) -> str:
        """Return `text` without the forgotten words (whole or quoted in part) and names."""
        for words in self.words:
            text = text.replace(words, REMOVED)
        text = _QUOTED.sub(self._quoted, text)
        return self.swap(text)

    def _quoted(self, match: re.Match[str]) -> str:
        inner = match.group(1).rstrip("…. ")
        return f"“{REMOVED}”" if any(inner in words for words in self.words) else match.group(0)

    def json(self, value: Any) -> Any:
        """Return a JSON value with every string scrubbed (keys stay).

        An object that names a forgotten handle (directly or in its author object), or
        a forgotten record's id and author, is one of their items: its prose goes whole,
        whatever form the platform gave it (HTML, escaped), its author's handle too, and
        only its short codes and timestamps stay for the parser.
        """
        if isinstance(value, dict):
            owner = self._owner(value)
            return {
                key: self._owned(item, owner) if owner else self.json(item)
                for key, item in value.items()
            }
        if isinstance(value, list):
            return [self.json(item) for item in value]
        return self.text(value) if isinstance(value, str) else value

    def _owner(self, item: dict[str, Any]) -> str | None:
        """Return the forgotten handle whose item this object is, or None."""
        direct = {v for v in item.values() if isinstance(v, str)}
        names = {v.lower().lstrip("@") for v in direct}
        names |= {
            v.lower().lstrip("@")
            for child in item.values()
            if isinstance(child, dict)
            for v in child.values()
            if isinstance(v, str)
        }
        if owner := next(iter(names & self.handles), None):
            return owner
        return next((a for native, a in self.items if native in direct and a in names), None)

    def _owned(self, value: Any, owner: str) -> Any:
        if isinstance(value, str) and value.lower().lstrip("@") == owner:
            return FORGOTTEN
        return REMOVED if _prose(value) else self.json(value)


def _prose(value: Any) -> bool:
    """Return True for a string that is more than a short code or a timestamp."""
    if not isinstance(value, str) or (len(value) <= 16 and not any(c.isspace() for c in value)):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return True
    return False


def handle_key(handle: str) -> str:
    """Return a handle as forget compares it: trimmed, without a leading @, lower case."""
    return handle.strip().lstrip("@").lower()


def scrubber_for(
    found: Iterable[Record], quotes: Iterable[str] = (), *, authors: Iterable[str] = ()
) -> Scrubber:
    """Return the scrubber that forgets the words of these records, and the names of `authors`.

    A record forgotten alone takes its words; its author, who still has other
    records, keeps their name.
    """
    found = list(found)
    wanted = {handle_key(handle) for handle in authors}
    person = _merged(
        names_of(record)
        for record in found
        if record.author and handle_key(record.author) in wanted
    )
    words = {w.strip() for r in found for w in (r.text, r.title or "")} | set(quotes)
    words |= {html.escape(w, quote=False) for w in words}
    kept = tuple(sorted((w for w in words if len(w.strip()) >= 8), key=len, reverse=True))
    handles = frozenset(name.lower() for name in person.names if " " not in name)
    items = frozenset((r.native_id, handle_key(r.author)) for r in found if r.author)
    return Scrubber(NameSwap({FORGOTTEN: person}), kept, handles, items)


def _merged(all_names: Iterable[Names]) -> Names:
    names: set[str] = set()
    at_names: set[str] = set()
    for person in all_names:
        names |= person.names
        at_names |= person.at_names
    return Names(frozenset(names), frozenset(at_names))


def walk_strings(value: Any, change: Callable[[str], str]) -> Any:
    """Return a JSON value with `change` applied to every string value (keys stay)."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [walk_strings(item, change) for item in value]
    if isinstance(value, dict):
        return {key: walk_strings(item, change) for key, item in value.items()}
    return value


def scrub_payload(payload: bytes, scrubber: Scrubber) -> bytes:
    """Return a raw page with forgotten names and words replaced, in its own format.

    JSON (and JSON lines) is rewritten value by value, so escaped text is matched as
    its platform wrote it and the page keeps its shape; anything else (RSS, Atom) is
    scrubbed as text.
    """
    text = payload.decode("utf-8", errors="surrogateescape")
    try:
        return _dump(scrubber.json(json.loads(text)))
    except ValueError:
        pass
    lines = text.splitlines()
    try:
        rewritten = [
            _dump(scrubber.json(json.loads(line))) if line.strip() else b"" for line in lines
        ]
    except ValueError:
        return scrubber.text(text).encode("utf-8", errors="surrogateescape")
    return b"\n".join(rewritten) + (b"\n" if text.endswith("\n") else b"")


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", errors="surrogateescape")
