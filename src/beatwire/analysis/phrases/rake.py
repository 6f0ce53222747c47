"""RAKE-style key phrases: runs of content words between stopwords, scored by word degree.

Rapid Automatic Keyword Extraction (Rose et al., 2010) needs no model: a phrase is a run
of words between stopwords and punctuation, a word scores degree / frequency, a phrase the
sum of its words. On tweet-length text every word is rare, so two YAKE-like hints break
ties: capitalised words inside a sentence (names) and an early position count a little more.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

from beatwire.analysis.phrases._base import MAX_PHRASES, MIN_PHRASES

_NOISE = re.compile(r"https?://\S+|www\.\S+|(?<!\w)@[\w.-]+|&amp;|&[a-z]+;")
# A word: letters/digits with inner ' - . + (GPT-4.5, o3-mini, Meta's); anything else cuts.
# One pass finds words and the punctuation that cuts phrases (group 2).
_TOKENS = re.compile(
    r"([^\W_](?:[\w+]|[-.'’](?=[^\W_]))*\+*)|([.!?;:,()\[\]{}\"“”|/\\—–…•*<>=~]|\s-\s|\n)"
)
MAX_WORDS = 4
_LONGEST_WORD = 30  # longer "words" are URLs' leftovers or unspaced scripts (CJK): no phrase
_CAPITAL_BONUS = 0.5
_RELATIVE_FLOOR = 0.3  # phrases beyond the third must score this share of the best one
_ENGLISH = (None, "en")


@cache
def load_stopwords(lang: str = "en") -> frozenset[str] | None:
    """Return the packaged stopword list of a language, read once; None if there is none."""
    if not (lang.isascii() and lang.isalpha()):  # a code, never a path
        return None
    path = resources.files("beatwire").joinpath("data", "phrases", f"stopwords_{lang}.txt")
    if not path.is_file():
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


@dataclass(slots=True)
class _Candidate:
    """A run of content words: its surface form, lowercase words and where it first appears."""

    text: str
    words: tuple[str, ...]
    position: int
    capitals: int
    count: int = 1


class RakeExtractor:
    """Extracts key phrases with RAKE scoring, no model and no part-of-speech tagger.

    Phrases are cut at the stopwords of the text's language (English when it is unknown);
    a language without a packaged list gets no phrases rather than English-cut fragments.
    """

    name = "rake@2"

    def extract(self, texts: list[str], langs: list[str | None] | None = None) -> list[list[str]]:
        """Return, for each text, 3 to 5 key phrases (fewer only for very short texts)."""
        langs = langs if langs is not None else [None] * len(texts)
        return [self.extract_one(t, lang) for t, lang in zip(texts, langs, strict=True)]

    def extract_one(self, text: str, lang: str | None = None) -> list[str]:
        """Return the key phrases of one text, best first."""
        stopwords = load_stopwords(lang or "en")
        if stopwords is None:
            return []
        candidates = self._candidates(_NOISE.sub(" ", text), stopwords, english=lang in _ENGLISH)
        if not candidates:
            return []
        scores = _score(candidates)
        ranked = sorted(candidates, key=lambda c: (-scores[c.words], c.position))
        return _select(ranked, scores)

    def _candidates(
        self, text: str, stopwords: frozenset[str], *, english: bool
    ) -> list[_Candidate]:
        """Return the distinct runs of content words, split at stopwords and punctuation."""
        found: dict[tuple[str, ...], _Candidate] = {}
        position = 0
        run: list[str] = []
        for word, cut in _TOKENS.findall(text):
            possessive = word[-2:] in ("'s", "’s", "'S")
            if possessive:
                word = word[:-2]
            lowered = word.lower().replace("’", "'")  # "I’m" is the stopword "i'm"
            if cut or lowered in stopwords or word.isdigit() or len(word) > _LONGEST_WORD:
                position = self._close(run, found, position) if run else position
            elif english and run and _looks_past_tense(word):
                # after a noun an "-ed" word is a verb ("the company reported");
                # at the start of a run it is an adjective ("automated lab")
                position = self._close(run, found, position)
            else:
                run.append(word)
                if possessive:  # "the Lantern Lab's new tutor": the owner ends a phrase
                    position = self._close(run, found, position)
        self._close(run, found, position)
        return list(found.values())

    def _close(
        self, run: list[str], found: dict[tuple[str, ...], _Candidate], position: int
    ) -> int:
        """Turn a finished run into candidates of at most MAX_WORDS words; return the position."""
        for chunk in _chunks(run):
            words = tuple(w.lower() for w in chunk)
            if len(words) == 1 and len(words[0]) < 3:
                continue  # lone short tokens ("ok", "x3") carry no claim
            if words in found:
                found[words].count += 1
                continue
            capitals = sum(1 for w in chunk[1:] if w[:1].isupper()) + (
                chunk[0][:1].isupper() and position > 0
            )
            found[words] = _Candidate(" ".join(chunk), words, position, capitals)
            position += 1
        run.clear()
        return position


def _chunks(run: list[str]) -> list[list[str]]:
    """Split a run into chunks of MAX_WORDS words, never leaving one word alone at the end.

    Five words give 3 + 2, not 4 + 1: a lone word cut off the end of a long run is rarely
    a phrase.
    """
    chunks = [run[start : start + MAX_WORDS] for start in range(0, len(run), MAX_WORDS)]
    if len(chunks) > 1 and len(chunks[-1]) == 1:
        chunks[-1].insert(0, chunks[-2].pop())
    return chunks


def _looks_past_tense(word: str) -> bool:
    """Return whether a lowercase word looks like a past-tense verb ("reported", "raised")."""
    return len(word) > 4 and word.endswith("ed") and word.islower() and "-" not in word


def _score(candidates: list[_Candidate]) -> dict[tuple[str, ...], float]:
    """Return each candidate's RAKE score with the capital and position hints."""
    frequency: Counter[str] = Counter()
    degree: Counter[str] = Counter()
    for cand in candidates:
        for word in cand.words:
            frequency[word] += cand.count
            degree[word] += cand.count * len(cand.words)
    scores = {}
    for cand in candidates:
        rake = sum(degree[w] / frequency[w] for w in cand.words)
        hint = 1.0 + _CAPITAL_BONUS * min(cand.capitals, 2) + 0.5 / (1 + cand.position)
        scores[cand.words] = rake * hint * (1 + 0.5 * (cand.count - 1))
    return scores


def _select(ranked: list[_Candidate], scores: dict[tuple[str, ...], float]) -> list[str]:
    """Return 3 to 5 phrases, best first, none inside another already chosen."""
    best = scores[ranked[0].words]
    chosen: list[str] = []
    for cand in ranked:
        if len(chosen) >= MAX_PHRASES:
            break
        if len(chosen) >= MIN_PHRASES and scores[cand.words] < _RELATIVE_FLOOR * best:
            break
        lowered = cand.text.lower()
        if any(lowered in c.lower() or c.lower() in lowered for c in chosen):
            continue
        chosen.append(cand.text)
    return chosen
