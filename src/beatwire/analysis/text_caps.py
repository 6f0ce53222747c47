"""How much of a record the analysers read: a cap that bounds the work one record can cost.

Some analysers cost more than linear time in their input: lingua's language
detector on one long word (300,000 letters took 30 s), VADER on many sentiment
words (it re-reads the whole text for each one, and spells every emoji out as
words first: 5,000 emoji took 9 s). So every analyser reads at most
`analysis.max_chars` characters of a record, an emoji or other symbol counting
as the words VADER turns it into. 8,199 of the 8,200 posts and comments of
reddit-ai-coding-2025 are under the default 10,000 and are read whole.
"""

from __future__ import annotations

import unicodedata

# VADER replaces an emoji by its description ("robot face", "face with tears of joy"):
# about a dozen characters of words for one character of text.
SYMBOL_WEIGHT = 12


def _weight(char: str) -> int:
    return SYMBOL_WEIGHT if unicodedata.category(char) == "So" else 1


def capped_text(text: str, max_chars: int) -> str:
    """Return the start of `text` weighing at most `max_chars` (a symbol weighs SYMBOL_WEIGHT)."""
    if len(text) * SYMBOL_WEIGHT <= max_chars:
        return text  # short enough even if every character were an emoji
    budget = max_chars
    for index, char in enumerate(text):
        budget -= _weight(char)
        if budget < 0:
            return text[:index]
    return text
