"""Whether a report names a subject: who did what needs a who.

A trigger's title names a subject when the analysis found an entity of a naming type
in the record (organisation, person, product, legislation, government, state), or when
the title holds a name as English writes one: a capitalised word inside the sentence
("Anthropic acquires Bun", "Zig quits GitHub"), or two capitalised words opening it
("Rob Pike goes nuclear"). A generic term (AI, LLMs, GPU) names no one, and a title
that only opens with a capital ("Using AI to negotiate a hospital bill") neither.
"""

from __future__ import annotations

import re

NAMING_TYPES = frozenset({"organization", "person", "product", "legislation", "government",
                          "state"})  # fmt: skip
GENERIC = frozenset({
    "ai", "agi", "asi", "llm", "llms", "gpu", "gpus", "api", "apis", "ml", "nlp", "ceo", "cto",
    "genai", "i", "ask", "show", "tell", "hn", "pdf", "video", "us",
})  # fmt: skip
_WORD = re.compile(r"[\w][\w.'’-]*")
_BREAK = re.compile(r"[:;.!?–—|]\s+|\s[–—-]\s")


def _name(word: str) -> bool:
    """Return whether a word is written as a name: capitalised, and not a generic term."""
    if not word or not (word[0].isupper() or (word[0].isdigit() and any(map(str.isupper, word)))):
        return False
    parts = [part for part in re.split(r"[-’']", word) if part]
    return any(part[0].isupper() and part.lower() not in GENERIC for part in parts)


CONTRACTIONS = frozenset({"it's", "that's", "here's", "there's", "what's", "who's", "let's"})


def _named_opening(words: list[str]) -> bool:
    """Return whether a clause opens with a name, though any sentence opens with a capital."""
    first = words[0]
    if first.endswith(("’s", "'s")) and first.lower().replace("’", "'") not in CONTRACTIONS:
        return True  # "Anthropic’s paper": a possessive is someone's
    # "GPT-5.2", "NanoChat", "Replacement.ai": written as a product is
    return any(c.isdigit() for c in first) or any(c.isupper() for c in first[1:]) or "." in first


def _bare_name(title: str) -> bool:
    """Return whether a whole title is a name alone ("Gemini 3", "Nano Banana Pro")."""
    words = _WORD.findall(title)
    return 0 < len(words) <= 3 and _name(words[0]) and not any(w[0].islower() for w in words)


def title_names_subject(title: str) -> bool:
    """Return whether a title names someone or something by name (see the module)."""
    if _bare_name(title):
        return True
    for clause in _BREAK.split(title):
        words = _WORD.findall(clause)
        if not words or not any(map(_name, words)):
            continue
        if any(map(_name, words[1:])) or (_name(words[0]) and _named_opening(words)):
            return True
    return False


def names_subject(title: str, entity_types: set[str]) -> bool:
    """Return whether a report names a subject: a naming entity found in it, or a name."""
    return bool(entity_types & NAMING_TYPES) or title_names_subject(title)
