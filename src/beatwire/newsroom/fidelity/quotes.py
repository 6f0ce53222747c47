"""Quotable sentences: verbatim spans of a record that can stand on their own."""

from __future__ import annotations

import re

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
# Spans with markup, links or instructions aimed at a model are never quoted.
_UNQUOTABLE = re.compile(
    r"[<>\[\]`*_#|{}\\]|https?://|www\.|javascript:|@\w|"
    r"ignore (all |any )?(previous|prior|above)|instructions|system prompt",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def normalise(text: str) -> str:
    """Return `text` with quotes made straight and whitespace collapsed, for comparison."""
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


def sentences(text: str) -> list[str]:
    """Return the sentences of `text`, each a verbatim substring of it, stripped."""
    return [match.group(0).strip() for match in _SENTENCE.finditer(text) if match.group(0).strip()]


def quotable(text: str, *, min_words: int = 6, max_words: int = 40) -> list[str]:
    """Return the sentences of `text` fit to quote, best first (mid-length, plain)."""
    # A sentence split off inside a link ("example/2026/...") is no sentence at all.
    links = [match.span() for match in _URL.finditer(text)]
    found = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0).strip()
        start, end = match.span()
        if not sentence or any(start < stop and begin < end for begin, stop in links):
            continue
        words = len(_WORD.findall(sentence))
        if min_words <= words <= max_words and not _UNQUOTABLE.search(sentence):
            found.append(sentence.translate(_QUOTE_MARKS).replace('"', "'"))
    # Prefer sentences near 18 words: long enough to carry a view, short enough to read.
    return sorted(found, key=lambda s: abs(len(_WORD.findall(s)) - 18))


def is_verbatim(quote: str, text: str) -> bool:
    """Return whether `quote` appears in `text`, ignoring whitespace and quote-mark style."""
    return normalise(quote).replace('"', "'") in normalise(text).replace('"', "'")
