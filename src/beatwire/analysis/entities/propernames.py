"""A low-priority rule for other proper names: capitalised runs of words inside a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from beatwire.analysis.entities._base import PRIORITY_PROPER_NAME, Mention
from beatwire.analysis.entities.gazetteer_data import load_meta

_WORD = r"(?:[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:['’-][A-Za-z]+)?|[A-Z]{2,5}s?)"
_CONNECTOR = r"(?:of|for|and|on|de|la|del|von|van|der|du)"
_RUN = re.compile(rf"(?<![\w@#$])({_WORD}(?:[ ](?:{_CONNECTOR}[ ])?{_WORD})+)(?![\w])")
_SENTENCE_ENDS = frozenset('.!?:;"“”()[]-–—•*>|')
_SLUG_CHARS = re.compile(r"[^a-z0-9]+")
_TITLE_CASE_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class ProperNameCues:
    """Words that decide where a name starts and what type it is."""

    stopwords: frozenset[str]
    first_names: frozenset[str]
    organization_words: frozenset[str]
    government_words: frozenset[str]


@cache
def load_cues() -> ProperNameCues:
    """Return the proper-name cues of data/gazetteer/_meta.toml, read once."""
    raw = load_meta().get("proper_names", {})
    return ProperNameCues(
        stopwords=frozenset(raw.get("stopwords", [])),
        first_names=frozenset(raw.get("first_names", [])),
        organization_words=frozenset(raw.get("organization_words", [])),
        government_words=frozenset(raw.get("government_words", [])),
    )


# Single words shaped like a model or product name ("Vireo-4", "AX-900"): a name even alone
# and at the start of a sentence, which plain capitalisation cannot tell.
_MODEL_NAME = re.compile(
    r"(?<![\w/@#$.-])([A-Z][A-Za-z]*-\d[\w.]*|[A-Z]{2,}\d+[A-Za-z]*)(?![\w/-])"
)


def slugify(name: str) -> str:
    """Return a stable lowercase-hyphenated slug of a name."""
    return _SLUG_CHARS.sub("-", name.lower()).strip("-")


class ProperNameFinder:
    """Finds capitalised multi-word names that no gazetteer entry or pattern covers."""

    def __init__(self, cues: ProperNameCues | None = None) -> None:
        self.cues = cues or load_cues()

    def find(self, text: str) -> list[Mention]:
        """Return proper-name mentions; none in headline-style Title Case text."""
        if _mostly_title_case(text):
            return []
        found = [
            Mention(m.start(1), m.end(1), slugify(m.group(1)), m.group(1), "product",
                    PRIORITY_PROPER_NAME)
            for m in _MODEL_NAME.finditer(text)
        ]  # fmt: skip
        for m in _RUN.finditer(text):
            words = m.group(1).split(" ")
            start = m.start(1)
            if _starts_sentence(text, start):
                start += len(words[0]) + 1
                words = words[1:]
            start, words = self._trim(start, words)
            if len(words) >= 2:
                name = " ".join(words)
                found.append(
                    Mention(
                        start,
                        start + len(name),
                        slugify(name),
                        name,
                        self._type(words),
                        PRIORITY_PROPER_NAME,
                    )
                )
        return found

    def _trim(self, start: int, words: list[str]) -> tuple[int, list[str]]:
        """Drop stopwords and connectors from both ends of a run of words."""
        while words and (words[0] in self.cues.stopwords or words[0].islower()):
            start += len(words[0]) + 1
            words = words[1:]
        while words and (words[-1] in self.cues.stopwords or words[-1].islower()):
            words = words[:-1]
        return start, words

    def _type(self, words: list[str]) -> str:
        """Return the entity type a name's words suggest."""
        if any(w in self.cues.government_words for w in words):
            return "government"
        if any(w in self.cues.organization_words for w in words):
            return "organization"
        if len(words) <= 3 and words[0] in self.cues.first_names:
            return "person"
        return "concept"


def _starts_sentence(text: str, start: int) -> bool:
    """Return whether `start` begins a sentence, line or list item (any word is capitalised)."""
    before = text[:start].rstrip()
    return not before or before[-1] in _SENTENCE_ENDS or text[len(before) : start].count("\n") > 0


def _mostly_title_case(text: str) -> bool:
    """Return whether most words are capitalised, as in a headline, so case says little."""
    words = [w for w in text.split() if w[:1].isalpha()]
    if len(words) < 4:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) > _TITLE_CASE_SHARE
