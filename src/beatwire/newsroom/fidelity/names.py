"""Names in a claim: known entities and bylines, and capitalised words nobody vouched for."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

from beatwire.model import PLATFORM_NAMES


@cache
def common_words() -> frozenset[str]:
    """Return the capitalised words that are not names (data/newsroom/common_words.txt)."""
    text = (resources.files("beatwire.data") / "newsroom" / "common_words.txt").read_text("utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(word for line in lines for word in line.split())


_CAPS = re.compile(r"\b[A-Z][\w'’.-]*[\w](?:\s+(?:of\s+|the\s+|de\s+)?[A-Z][\w'’.-]*[\w])*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n|[“\"(—–-]\s*)$")


def known_in(text: str, names: Iterable[str]) -> list[str]:
    """Return the known names that `text` contains (whole words; longest first wins)."""
    found: list[str] = []
    for name in sorted(names, key=len, reverse=True):
        pattern = r"(?<![\w-])" + re.escape(name) + r"(?![\w-])"
        if re.search(pattern, text, re.IGNORECASE) and not any(
            name.lower() in other.lower() for other in found
        ):
            found.append(name)
    return found


def _is_vouched(phrase: str, vocabulary: set[str]) -> bool:
    words = [w.strip("'’.").lower() for w in phrase.split()]
    return all(w in common_words() or w in vocabulary for w in words)


def unknown_names(text: str, known: Iterable[str], vocabulary: set[str]) -> list[str]:
    """Return capitalised phrases that are neither known names nor vouched-for words.

    A phrase at the start of a sentence counts only from its second word, since
    the first word is capitalised by grammar, not because it is a name.
    """
    platforms = {p.lower() for p in PLATFORM_NAMES.values()}
    lowered = [k.lower() for k in known]
    found: list[str] = []
    for match in _CAPS.finditer(text):
        phrase = match.group(0)
        if _SENTENCE_START.search(text[: match.start()]):
            parts = phrase.split(None, 1)
            if len(parts) == 1:
                continue
            phrase = parts[1]
        low = phrase.lower()
        if low in platforms or any(low in k or k in low for k in lowered):
            continue
        if not _is_vouched(phrase, vocabulary | platforms_words()):
            found.append(phrase)
    return found


def platforms_words() -> set[str]:
    """Return the lower-case words of every platform name."""
    return {w.lower() for name in PLATFORM_NAMES.values() for w in name.split()}
