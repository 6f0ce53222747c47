"""A compiled index of weighted cues: one pass over a text's words finds every cue it holds."""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np

# The same word tokens as the gazetteer: "GPT-5" and "gpt 5" are the words "gpt", "5".
TOKEN = re.compile(r"\w+")
_CACHE_WORDS = 200_000


class CueIndex:
    """Maps phrases, word prefixes, exact-case words and regexes to rows of a weight matrix.

    Each cue is a row; each target (a beat, or AI-relevance) a column. Finding the cues of
    many texts and multiplying by the matrix scores them all at once.
    """

    def __init__(self, n_targets: int) -> None:
        self.n_targets = n_targets
        self._weights: list[np.ndarray] = []
        self._ids: dict[tuple[str, str], int] = {}
        self._words: dict[str, int] = {}
        self._exact: dict[str, int] = {}
        self._phrases: dict[str, int] = {}
        self._lengths: dict[str, set[int]] = defaultdict(set)
        self._prefixes: dict[int, dict[str, int]] = defaultdict(dict)
        self._phrase_prefixes: dict[str, list[tuple[list[str], int]]] = defaultdict(list)
        self._patterns: list[tuple[re.Pattern[str], int]] = []
        self._word_cache: dict[str, tuple[int, ...]] = {}
        self.matrix = np.zeros((0, n_targets), dtype=np.float32)

    def add(self, cue: str, target: int, weight: float, *, exact: bool = False) -> None:
        """Add `weight` to `target` whenever `cue` appears (a phrase, "prefix*" or exact word)."""
        kind = "exact" if exact else "prefix" if cue.endswith("*") else "phrase"
        key = cue if exact else " ".join(TOKEN.findall(cue.lower()))
        self._row(kind, key)[target] += weight

    def add_pattern(self, pattern: str, target: int, weight: float) -> None:
        """Add `weight` to `target` whenever the regular expression matches."""
        self._row("regex", pattern)[target] += weight

    def _row(self, kind: str, key: str) -> np.ndarray:
        """Return the weight row of one cue, registering the cue on first sight."""
        if (kind, key) in self._ids:
            return self._weights[self._ids[kind, key]]
        cue_id = len(self._weights)
        self._ids[kind, key] = cue_id
        self._weights.append(np.zeros(self.n_targets, dtype=np.float32))
        words = key.split(" ")
        if kind == "exact":
            self._exact[key] = cue_id
        elif kind == "regex":
            self._patterns.append((re.compile(key, re.IGNORECASE), cue_id))
        elif kind == "prefix" and len(words) == 1:
            self._prefixes[len(key)][key] = cue_id
        elif kind == "prefix":  # "red team*": whole words, then a prefix
            self._phrase_prefixes[words[0]].append((words, cue_id))
        elif len(words) == 1:
            self._words[key] = cue_id
        else:
            self._phrases[key] = cue_id
            self._lengths[words[0]].add(len(words))
        return self._weights[cue_id]

    def compile(self) -> None:
        """Freeze the cues into the weight matrix; forget words seen with the old cues."""
        self.matrix = np.vstack(self._weights) if self._weights else self.matrix
        self._sorted_lengths = {w: sorted(n, reverse=True) for w, n in self._lengths.items()}
        self._prefix_items = sorted(self._prefixes.items())
        self._starts = set(self._sorted_lengths) | set(self._phrase_prefixes)
        self._word_cache.clear()

    def find(self, text: str) -> tuple[set[int], int]:
        """Return the ids of the distinct cues in `text` and its number of words."""
        tokens = TOKEN.findall(text)
        lower = [t.lower() for t in tokens]
        hits: set[int] = set()
        exact, cache, starts = self._exact, self._word_cache, self._starts
        for i, word in enumerate(lower):
            cue = exact.get(tokens[i])
            if cue is not None:  # an exact-case word ("AI") replaces its lowercase reading
                hits.add(cue)
            else:
                ids = cache.get(word)
                if ids is None:
                    ids = self._word_cues(word)
                if ids:
                    hits.update(ids)
            if word in starts:
                self._phrase_cues(lower, i, hits)
        for pattern, cue in self._patterns:
            if pattern.search(text):
                hits.add(cue)
        return hits, len(tokens)

    def _word_cues(self, word: str) -> tuple[int, ...]:
        """Return (and remember) the cues one word holds: itself and the prefixes it starts with."""
        ids = [table[word[:size]] for size, table in self._prefix_items if word[:size] in table]
        if word in self._words:
            ids.append(self._words[word])
        if len(self._word_cache) >= _CACHE_WORDS:
            self._word_cache.clear()  # bounded: a firehose brings endless new words
        self._word_cache[word] = found = tuple(ids)
        return found

    def _phrase_cues(self, lower: list[str], i: int, hits: set[int]) -> None:
        """Add the multi-word cues that start at word `i`."""
        for size in self._sorted_lengths.get(lower[i], ()):
            cue = self._phrases.get(" ".join(lower[i : i + size]))
            if cue is not None:
                hits.add(cue)
        for words, cue in self._phrase_prefixes.get(lower[i], ()):
            if _starts_phrase(lower, i, words):
                hits.add(cue)

    def score(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Return the (texts x targets) score matrix and each text's number of words."""
        rows: list[int] = []
        cols: list[int] = []
        n_words = np.zeros(len(texts), dtype=np.float32)
        for row, text in enumerate(texts):
            hits, n_words[row] = self.find(text)
            rows.extend([row] * len(hits))
            cols.extend(hits)
        scores = np.zeros((len(texts), self.n_targets), dtype=np.float32)
        if cols:
            np.add.at(scores, np.asarray(rows), self.matrix[np.asarray(cols)])
        return scores, n_words


def _starts_phrase(lower: list[str], i: int, words: list[str]) -> bool:
    """Return whether the words at `i` are `words`, the last one only as a prefix."""
    end = i + len(words)
    if end > len(lower):
        return False
    return lower[i : end - 1] == words[:-1] and lower[end - 1].startswith(words[-1])
