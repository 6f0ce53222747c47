"""Speakers: whoever a sentence says said or wrote something wrote a record it cites.

A speaker is the name next to a verb of saying ("Mara Quillon wrote", "Malin Okafor,
posting on Bluesky, wrote", "“…” said camille_lambrecht", "according to The Civic Wire"):
a byline or name of the evidence (any case: writers capitalise a handle that opens a
sentence), a capitalised phrase of two words or more, a name-shaped word ("PauseAI"), or
a handle (with `_`, `.`, `@`, `/` or a digit). Groups ("critics said", "one user wrote")
are no speaker. The speaker passes when a record the sentence cites has them as its
author, display name or publisher, or itself names them (a report of what they said).
"""

from __future__ import annotations

import re

from beatwire.newsroom.fidelity.checks import Check, outside_quotes, verdict
from beatwire.newsroom.fidelity.grounding import Ground, Source
from beatwire.newsroom.fidelity.names import common_words, platforms_words

# Not "posts", "notes", "claims" or "replies": they are nouns as often as verbs.
_VERBS = (
    r"said|says|wrote|writes|argued|argues|posted|noted|warned|warns|asked|asks|"
    r"added|complained|replied|countered|insisted|claimed|told|explained|"
    r"quipped|tweeted|commented|observed|suggested|predicted|conceded|admitted|joked|reported|"
    r"announced|declared|stated"
)
_VERB = re.compile(rf"\b(?:{_VERBS})\b")
_ACCORDING = re.compile(r"\baccording to\s+", re.IGNORECASE)
_ADVERB = re.compile(r"\s+\w+ly\s*$")
_ASIDE = re.compile(r",\s[^,]{1,60},\s*$")
_HANDLE = re.compile(r"^[@\w./-]*[\w](?<=\w)$")
_HANDLE_SHAPED = re.compile(r"^(?=.*[A-Za-z]).*[_.@/\d]")
_NAME_SHAPED = re.compile(r"^\w+[A-Z0-9]")
_CAPITALISED = re.compile(r"(?:[A-Z][\w'’.-]*\s+(?:of\s+|the\s+|de\s+)?){0,3}[A-Z][\w'’.-]*\w")
_GROUPS = frozenset(
    {
        "many", "most", "several", "numerous", "critics", "researchers", "users", "user",
        "developers", "developer", "commenters", "commenter", "posters", "poster", "people",
        "experts", "skeptics", "sceptics", "supporters", "fans", "artists", "workers", "teachers",
        "observers", "academics", "engineers", "readers", "voices", "others", "another",
        "lawmakers", "analysts", "officials", "regulators", "investors", "parents", "students",
        "companies", "company", "firms", "firm", "labs", "lab", "someone", "everyone", "nobody",
        "somebody", "one", "person", "account", "redditor",
    }
)  # fmt: skip


def _bylines(ground: Ground) -> dict[str, str]:
    return {a.lower(): a for s in ground.sources.values() for a in s.authors if len(a) >= 3}


def _known(ground: Ground) -> list[str]:
    names = set(_bylines(ground).values()) | ground.names
    return sorted(names, key=len, reverse=True)


def _is_group(phrase: str) -> bool:
    ignored = _GROUPS | common_words() | platforms_words()
    return all(word.strip("'’.,").lower() in ignored for word in phrase.split())


def _name_before(text: str, known: list[str]) -> str | None:
    text = _ASIDE.sub("", _ADVERB.sub("", text)).rstrip()
    low = text.lower()
    for name in known:
        if low.endswith(name.lower()) and not low[: -len(name)][-1:].isalnum():
            return text[-len(name) :]
    token = text.rsplit(None, 1)[-1] if text.split() else ""
    if _HANDLE.match(token) and _HANDLE_SHAPED.search(token):
        return token
    match = re.search(rf"(?:^|\s)({_CAPITALISED.pattern})$", text)
    if match is None:
        return None
    words = match.group(1).split()
    opening = not text[: match.start(1)].strip() or text[: match.start(1)].rstrip()[-1] in ".:"
    while words and words[0].lower() in common_words():
        words.pop(0)  # "Then Jane Doe said": the name is Jane Doe
        opening = False
    phrase = " ".join(words)
    if not phrase or (len(words) < 2 and opening and not _NAME_SHAPED.match(phrase)):
        return None  # nothing left, or a word capitalised because it opens the sentence
    return None if _is_group(phrase) else phrase


def _name_after(text: str, known: list[str]) -> str | None:
    text = text.lstrip()
    low = text.lower()
    for name in known:
        if low.startswith(name.lower()) and not low[len(name) : len(name) + 1].isalnum():
            return text[: len(name)]
    token = text.split(None, 1)[0].rstrip(".,;:") if text.split() else ""
    if _HANDLE.match(token) and _HANDLE_SHAPED.search(token):
        return token
    match = _CAPITALISED.match(text)
    if match is None or _is_group(match.group(0)):
        return None
    return match.group(0)


def speakers_in(text: str, ground: Ground) -> list[str]:
    """Return the names a sentence gives as saying or writing something, in order."""
    bare = outside_quotes(text)
    known = _known(ground)
    found: list[str] = []
    for verb in _VERB.finditer(bare):
        before = bare[: verb.start()]
        after = bare[verb.end() :]
        # "“…” wrote X": the name follows the verb; "X wrote: “…”" it comes before.
        name = _name_before(before, known) if before.strip(" …") else None
        if name is None and not after.lstrip().startswith(("that", "it", "the")):
            name = _name_after(after, known)
        if name and name not in found:
            found.append(name)
    for match in _ACCORDING.finditer(bare):
        name = _name_after(bare[match.end() :], known)
        if name and name not in found:
            found.append(name)
    return found


def _wrote_or_reports(name: str, source: Source) -> bool:
    low = name.lower().lstrip("@")
    return any(low == a.lower().lstrip("@") for a in source.authors) or source.mentions(name)


def speaker_checks(text: str, cited: list[Source], ground: Ground) -> list[Check]:
    """Return whether each speaker of the sentence wrote, or is named by, a record it cites."""
    checks = []
    for name in speakers_in(text, ground):
        ok = any(_wrote_or_reports(name, source) for source in cited)
        detail = verdict(
            ok,
            cited,
            "the author of a cited record, or named by it",
            "neither the author of a cited record nor named by one",
            "said to speak, but the sentence cites no record",
        )
        checks.append(Check("speaker", ok, f"{name}: {detail}"))
    return checks
