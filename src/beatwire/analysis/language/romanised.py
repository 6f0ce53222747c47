"""Hindi written in Latin letters ("Hinglish"), which no detector model we ship knows.

lingua reads romanised Hindi as English or another Latin-script language, and the
English sentiment and emotion heads would then score it. A post is called Hindi when
it uses several of the language's function words and particles, romanised the ways
people type them; ambiguous short forms (ke, ki, se, main...) count only beside an
unambiguous one. The word lists (data/language/romanised_hindi.toml) are Beatwire's own.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")  # "aujourd'hui" stays one word
_SHORT = 4  # words
# Languages whose everyday words include Hindi particles typed in Latin letters (se, hai, na).
_SHARING_LANGUAGES = frozenset({"it", "pt", "es", "fr"})


def looks_romanised_hindi(text: str, guessed: str | None) -> bool:
    """Return whether `text`, which a detector called `guessed`, reads as Hindi in Latin letters."""
    clear_words, ambiguous_words = _word_lists()
    tokens = _WORD.findall(text.lower())
    words = set(tokens)
    clear = len(words & clear_words)
    if clear >= 2:
        return True
    if clear == 0 or guessed in _SHARING_LANGUAGES:
        return False
    # One clear word is enough in a post of a few words ("kyun ??") or beside a particle,
    # except where the detector's guess shares such words ("se lo fai ... hai" is Italian).
    return len(tokens) <= _SHORT or bool(words & ambiguous_words)


@cache
def _word_lists() -> tuple[frozenset[str], frozenset[str]]:
    """Return the clear and the ambiguous words of data/language/romanised_hindi.toml."""
    path = resources.files("beatwire.data").joinpath("language", "romanised_hindi.toml")
    lists = tomllib.loads(path.read_text(encoding="utf-8"))
    return frozenset(lists["clear"]), frozenset(lists["ambiguous"])
