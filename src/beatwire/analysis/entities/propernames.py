"""A low-priority rule for other proper names: capitalised runs of words inside a sentence."""

from __future__ import annotations

import bisect
import math
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
# Where capitals are styling, not names: Markdown headings ("# Technical Deep Dive") and bold
# labels ("**Quality Control**:").
_STYLED = re.compile(r"^[ \t]*#+[ \t].*$|\*\*[^*\n]+\*\*[ \t]*:", re.MULTILINE)
_POSSESSIVE = ("'s", "’s")


@dataclass(frozen=True, slots=True)
class ProperNameCues:
    """Words that decide where a name starts and what type it is."""

    stopwords: frozenset[str]
    first_names: frozenset[str]
    organization_words: frozenset[str]
    government_words: frozenset[str]
    institution_words: frozenset[str]  # both of the above
    person_titles: frozenset[str]  # lowercase


@cache
def load_cues() -> ProperNameCues:
    """Return the proper-name cues of data/gazetteer/_meta.toml, read once."""
    raw = load_meta().get("proper_names", {})
    organization_words = frozenset(raw.get("organization_words", []))
    government_words = frozenset(raw.get("government_words", []))
    return ProperNameCues(
        stopwords=frozenset(raw.get("stopwords", [])),
        first_names=frozenset(raw.get("first_names", [])),
        organization_words=organization_words,
        government_words=government_words,
        institution_words=organization_words | government_words,
        person_titles=frozenset(w.lower() for w in raw.get("person_titles", [])),
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
        """Return proper-name mentions; none in headline-style Title Case lines or headings."""
        styled = _styled_spans(text)
        found = [
            Mention(m.start(1), m.end(1), slugify(m.group(1)), m.group(1), "product",
                    PRIORITY_PROPER_NAME)
            for m in _MODEL_NAME.finditer(text)
            if not _inside(m.start(1), styled)
        ]  # fmt: skip
        for m in _RUN.finditer(text):
            start = m.start(1)
            if _inside(start, styled):
                continue
            words = m.group(1).split(" ")
            if _starts_sentence(text, start) and not self._after_title(text, start):
                start += len(words[0]) + 1
                words = words[1:]
            for part_start, part in self._parts(start, _cut_at_possessive(words)):
                part_start, part = self._trim(part_start, part)
                if len(part) >= 2:
                    name = " ".join(part)
                    found.append(
                        Mention(
                            part_start,
                            part_start + len(name),
                            slugify(name),
                            name,
                            self._type(part, _word_before(text, part_start)),
                            PRIORITY_PROPER_NAME,
                        )
                    )
        return found

    def _parts(self, start: int, words: list[str]) -> list[tuple[int, list[str]]]:
        """Split a run where a connector joins two names: "Wayfair and Blue Apron"."""
        parts: list[tuple[int, list[str]]] = []
        part: list[str] = []
        part_start = offset = start
        for index, word in enumerate(words):
            offset += len(word) + 1
            if self._joins_two_names(words, index):
                parts.append((part_start, part))
                part, part_start = [], offset
            else:
                part.append(word)
        parts.append((part_start, part))
        return parts

    def _joins_two_names(self, words: list[str], index: int) -> bool:
        """Return whether the connector at `index` sits between two names, not inside one.

        "and" belongs to a name after "of" ("Department of Health and Human Services"),
        "for" and "on" after an institution ("Institute for Fiscal Studies").
        """
        word = words[index]
        if word == "and":
            return "of" not in words[:index]
        if word in ("for", "on"):
            return index == 0 or words[index - 1] not in self.cues.institution_words
        return False

    def _after_title(self, text: str, start: int) -> bool:
        """Return whether an abbreviated title stands before `start`: "Dr. Jane Doerman"."""
        # spaces only: "4400 Albany Dr.\nSan Jose" is a street, then a new line
        end = _back_over(text, start, " ")
        return (
            end > 0
            and text[end - 1] == "."
            and (_word_before(text, start) in self.cues.person_titles)
        )

    def _trim(self, start: int, words: list[str]) -> tuple[int, list[str]]:
        """Drop stopwords and connectors from both ends of a run of words."""
        while words and self._is_filler(words[0]):
            start += len(words[0]) + 1
            words = words[1:]
        while words and self._is_filler(words[-1]):
            words = words[:-1]
        return start, words

    def _is_filler(self, word: str) -> bool:
        """Return whether a word cannot begin or end a name (stopword, connector)."""
        return word.islower() or word.replace("’", "'") in self.cues.stopwords

    def _type(self, words: list[str], before: str) -> str:
        """Return the entity type a name's words, and the word before it, suggest."""
        if any(w in self.cues.government_words for w in words):
            return "government"
        if any(w in self.cues.organization_words for w in words):
            return "organization"
        if len(words) <= 3 and (
            words[0] in self.cues.first_names or before in self.cues.person_titles
        ):
            return "person"
        return "concept"


def _starts_sentence(text: str, start: int) -> bool:
    """Return whether `start` begins a sentence, line or list item (any word is capitalised)."""
    end = _back_over(text, start)
    return end == 0 or text[end - 1] in _SENTENCE_ENDS or "\n" in text[end:start]


def _back_over(text: str, start: int, blanks: str | None = None) -> int:
    """Return where the blanks (any whitespace by default) just before `start` begin.

    Walks back instead of stripping `text[:start]`, which copied the whole prefix for
    every name and made a long text cost quadratic time.
    """
    end = start
    while end > 0 and (text[end - 1] in blanks if blanks else text[end - 1].isspace()):
        end -= 1
    return end


def _word_before(text: str, start: int) -> str:
    """Return the lowercase word just before `start`, without its punctuation ("Dr." is dr)."""
    head = text[max(0, start - 40) : start].split()
    return head[-1].strip(".,:;'\"()").lower() if head else ""


def _styled_spans(text: str) -> list[tuple[int, int]]:
    """Return the sorted, merged spans where capitals say little: Title Case lines,
    Markdown headings and bold labels."""
    spans = [m.span() for m in _STYLED.finditer(text)]
    offset = 0
    for line in text.split("\n"):
        if _mostly_title_case(line):
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    """Return whether a position falls in one of the sorted, disjoint spans."""
    index = bisect.bisect_right(spans, (position, math.inf)) - 1
    return index >= 0 and position < spans[index][1]


def _cut_at_possessive(words: list[str]) -> list[str]:
    """End a name at its first possessive: "Sam's and OAI" names only Sam."""
    for index, word in enumerate(words):
        if word.endswith(_POSSESSIVE):
            return [*words[:index], word[:-2]]
    return words


def _mostly_title_case(line: str) -> bool:
    """Return whether most words of a line are capitalised, as in a headline."""
    words = [w for w in line.split() if w[:1].isalpha()]
    if len(words) < 4:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) > _TITLE_CASE_SHARE
