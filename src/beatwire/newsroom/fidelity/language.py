"""Quotes in another language: an English story flags a quote the record wrote in another.

A quotation's language is the one the analysis stage found for the cited record that
holds it (`Analysis.lang`, from the language detector or the platform's tag). When that
is not English, the sentence must say so: "in Spanish" (the record's language by name;
not by code, since "it", "de" and "id" are words too), or that the quote is translated
("translated", "translation", "in the original"). Records of unknown language are not
judged. Stories are written in English.
"""

from __future__ import annotations

import re

from beatwire.newsroom.fidelity.checks import Check, outside_quotes, quotes_of
from beatwire.newsroom.fidelity.grounding import Source
from beatwire.newsroom.fidelity.quotes import is_verbatim

STORY_LANGUAGE = "en"
# The languages the detector tells apart (analysis/language), by ISO 639-1 code.
NAMES = {
    "en": "English", "es": "Spanish", "pt": "Portuguese", "fr": "French", "de": "German",
    "it": "Italian", "nl": "Dutch", "pl": "Polish", "sv": "Swedish", "tr": "Turkish",
    "ru": "Russian", "uk": "Ukrainian", "ar": "Arabic", "fa": "Persian", "hi": "Hindi",
    "id": "Indonesian", "vi": "Vietnamese", "ja": "Japanese", "ko": "Korean", "zh": "Chinese",
}  # fmt: skip
_TRANSLATED = re.compile(r"\btranslat\w*|\bin the original\b|\boriginal(?:ly)? in\b", re.I)


def _noted(text: str, lang: str) -> bool:
    bare = outside_quotes(text)
    name = NAMES.get(lang, lang)
    return bool(_TRANSLATED.search(bare) or re.search(rf"\b{re.escape(name)}\b", bare))


def language_checks(text: str, cited: list[Source]) -> list[Check]:
    """Return whether each quote from a record in another language comes with a note."""
    checks = []
    for quote in quotes_of(text):
        holder = next((s for s in cited if is_verbatim(quote, s.text)), None)
        lang = (holder.lang or "").lower() if holder else ""
        if not lang or lang == STORY_LANGUAGE:
            continue
        name = NAMES.get(lang, lang)
        ok = _noted(text, lang)
        detail = f"noted as {name}" if ok else f"a {name} quote in an English story, with no note"
        checks.append(Check("language", ok, f"“{quote[:60]}”: {detail}"))
    return checks
