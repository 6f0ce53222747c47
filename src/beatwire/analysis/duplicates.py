"""Near-duplicates: reposts and copies of the same content, across platforms, within a window.

Texts are first normalised (Unicode NFKC, case folded; URLs, @handles, a leading "RT",
punctuation and emoji removed), since a cross-post keeps the words but changes the
links and handles. Records are then joined into groups of the same content by:

1. the same normalised text (a content hash);
2. character 5-gram Jaccard >= `shingle_jaccard`, with MinHash LSH proposing
   candidates and the exact Jaccard deciding;
3. embedding cosine >= `embedding_cosine`, when embeddings are given (each record
   is linked to its most similar earlier record within the window).

In each group, sorted by time, a record is a duplicate of the earliest member published
at most `window_hours` before it, resolved to that member's own original. Texts shorter
than `min_chars` once normalised are left alone. The result maps each duplicate's id to
its original's id; originals and unique records are absent.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Hashable, Sequence
from datetime import datetime
from functools import cache
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from beatwire.config import DuplicateSettings

K = TypeVar("K", bound=Hashable)
Hashes = npt.NDArray[np.uint64]

SHINGLE = 5  # characters per shingle
BANDS, ROWS = 16, 4  # MinHash LSH: a pair with Jaccard 0.7 is a candidate 99 % of the time
_EMBED_BLOCK = 256
_MINHASH_CHUNK = 256  # texts per MinHash block: (128, shingles) uint64 stays ~25 MB

_URL = re.compile(r"(?:https?://|www\.)\S+")
_HANDLE = re.compile(r"@[\w.\-]+")
_RT = re.compile(r"^\s*rt\b[\s:]*")
_NON_WORD = re.compile(r"[\W_]+")


def find_duplicates(
    ids: Sequence[K],
    texts: Sequence[str],
    times: Sequence[datetime],
    embeddings: npt.NDArray[np.float32] | None = None,
    rules: DuplicateSettings | None = None,
) -> dict[K, K]:
    """Return {duplicate id: original id} for the records that repost or copy an earlier one."""
    rules = rules or DuplicateSettings()
    if not len(ids) == len(texts) == len(times):
        raise ValueError("ids, texts and times must have the same length")
    seconds = np.array([t.timestamp() for t in times], dtype=np.float64)
    normal = [normalise(text) for text in texts]
    shortest = max(1, rules.min_chars)
    eligible = [i for i, text in enumerate(normal) if len(text) >= shortest]
    groups = _UnionFind(len(texts))
    representatives = _join_same_text(groups, normal, eligible)
    _join_similar_shingles(groups, normal, representatives, rules.shingle_jaccard)
    if embeddings is not None and embeddings.shape[1] and 0 < rules.embedding_cosine <= 1:
        window = rules.window_hours * 3600.0
        _join_close_embeddings(
            groups, embeddings, seconds, eligible, rules.embedding_cosine, window
        )
    originals = _originals(groups, eligible, seconds, rules.window_hours * 3600.0)
    return {ids[i]: ids[j] for i, j in originals.items()}


def normalise(text: str) -> str:
    """Return the words of `text` that survive reposting: no links, handles, RT, marks."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _HANDLE.sub(" ", _URL.sub(" ", text))
    text = _RT.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def shingle_sets(texts: list[str]) -> tuple[Hashes, npt.NDArray[np.int64]]:
    """Return every text's sorted unique 5-gram hashes, concatenated, and the offsets (n + 1).

    A text shorter than a shingle is padded with spaces, so it is one shingle. All texts
    are hashed in one pass over their concatenated code points.
    """
    padded = [text.ljust(SHINGLE) for text in texts]
    lengths = np.array([len(text) for text in padded], dtype=np.int64)
    codes = np.frombuffer("".join(padded).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    count = len(codes) - SHINGLE + 1
    hashes = np.zeros(max(count, 0), dtype=np.uint64)
    for offset in range(SHINGLE):  # polynomial rolling hash; uint64 array arithmetic wraps
        hashes = hashes * np.uint64(1_000_003) + codes[offset : offset + count]
    owner = np.repeat(np.arange(len(texts)), lengths)[: len(hashes)]
    ends = np.cumsum(lengths)
    inside = np.arange(len(hashes)) + SHINGLE <= ends[owner]  # drop windows across two texts
    hashes, owner = _mix(hashes[inside]), owner[inside]
    order = np.lexsort((hashes, owner))
    hashes, owner = hashes[order], owner[order]
    first = np.ones(len(hashes), dtype=np.bool_)
    first[1:] = (hashes[1:] != hashes[:-1]) | (owner[1:] != owner[:-1])
    hashes, owner = hashes[first], owner[first]
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum(np.bincount(owner, minlength=len(texts)))
    return hashes, offsets


def jaccard(a: Hashes, b: Hashes) -> float:
    """Return |a ∩ b| / |a ∪ b| for two sorted unique hash arrays."""
    common = len(np.intersect1d(a, b, assume_unique=True))
    union = len(a) + len(b) - common
    return common / union if union else 0.0


def _mix(values: Hashes) -> Hashes:
    """Return the values scrambled (splitmix64 finaliser) so every bit depends on every input."""
    values = values ^ (values >> np.uint64(30))
    values = values * np.uint64(0xBF58476D1CE4E5B9)
    values = values ^ (values >> np.uint64(27))
    values = values * np.uint64(0x94D049BB133111EB)
    return values ^ (values >> np.uint64(31))


@cache
def _permutations() -> tuple[Hashes, Hashes]:
    """Return the fixed multipliers (odd) and offsets of the MinHash functions."""
    rng = np.random.default_rng(20240601)
    bits = rng.integers(0, 2**63, size=(2, BANDS * ROWS), dtype=np.uint64)
    return bits[0] * np.uint64(2) + np.uint64(1), bits[1]


def minhash(hashes: Hashes, offsets: npt.NDArray[np.int64]) -> Hashes:
    """Return the MinHash signatures, shape (sets, BANDS * ROWS), of non-empty hash sets."""
    multipliers, additions = _permutations()
    sets = len(offsets) - 1
    out = np.empty((sets, BANDS * ROWS), dtype=np.uint64)
    for start in range(0, sets, _MINHASH_CHUNK):
        stop = min(start + _MINHASH_CHUNK, sets)
        flat = hashes[offsets[start] : offsets[stop]]
        permuted = (multipliers[:, None] * flat[None, :] + additions[:, None]) >> np.uint64(32)
        firsts = offsets[start:stop] - offsets[start]
        out[start:stop] = np.minimum.reduceat(permuted, firsts, axis=1).T
    return out


def _band_keys(signatures: Hashes, band: int) -> Hashes:
    """Return one 64-bit key per signature for the values of one band."""
    key = np.zeros(len(signatures), dtype=np.uint64)
    for column in range(band * ROWS, (band + 1) * ROWS):
        key = key * np.uint64(1_000_003) + signatures[:, column]
    return _mix(key)


class _UnionFind:
    """Disjoint sets over 0..n-1."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def _join_same_text(groups: _UnionFind, normal: list[str], eligible: list[int]) -> dict[str, int]:
    """Join records with the same normalised text; return one record per distinct text."""
    first: dict[str, int] = {}
    for i in eligible:
        groups.union(i, first.setdefault(normal[i], i))
    return first


def _join_similar_shingles(
    groups: _UnionFind, normal: list[str], representatives: dict[str, int], threshold: float
) -> None:
    """Join distinct texts whose 5-gram Jaccard reaches `threshold`, found by MinHash LSH."""
    texts = list(representatives)
    if len(texts) < 2:
        return
    hashes, offsets = shingle_sets(texts)
    shingles = [hashes[offsets[i] : offsets[i + 1]] for i in range(len(texts))]
    signatures = minhash(hashes, offsets)
    for band in range(BANDS):
        keys = _band_keys(signatures, band)
        order = np.argsort(keys, kind="stable")
        edges = np.flatnonzero(np.diff(keys[order])) + 1
        starts, stops = np.r_[0, edges], np.r_[edges, len(order)]
        for start, stop in zip(starts[stops - starts > 1], stops[stops - starts > 1], strict=True):
            members = order[start:stop]
            # Each member is checked against the bucket's first and its predecessor: linear in
            # the bucket's size; the other bands catch most of the pairs this skips.
            for position in range(1, len(members)):
                a = members[position]
                for b in {members[0], members[position - 1]}:
                    if jaccard(shingles[a], shingles[b]) >= threshold:
                        groups.union(representatives[texts[a]], representatives[texts[b]])


def _join_close_embeddings(
    groups: _UnionFind,
    embeddings: npt.NDArray[np.float32],
    seconds: npt.NDArray[np.float64],
    eligible: list[int],
    threshold: float,
    window: float,
) -> None:
    """Join each record to its most similar earlier record in the window, if close enough."""
    order = np.array(sorted(eligible, key=lambda i: (seconds[i], i)), dtype=np.int64)
    if len(order) < 2:
        return
    vectors = np.ascontiguousarray(embeddings[order], dtype=np.float32)
    when = seconds[order]
    for start in range(0, len(order), _EMBED_BLOCK):
        stop = min(start + _EMBED_BLOCK, len(order))
        low = int(np.searchsorted(when, when[start] - window, side="left"))
        sims = vectors[start:stop] @ vectors[low:stop].T
        rows = np.arange(start, stop)[:, None]
        cols = np.arange(low, stop)[None, :]
        too_far = when[rows] - when[cols] > window
        sims[(cols >= rows) | too_far] = -np.inf  # only earlier records in the window
        best = sims.argmax(axis=1)
        for row in np.flatnonzero(sims[np.arange(stop - start), best] >= threshold):
            groups.union(int(order[start + row]), int(order[low + best[row]]))


def _originals(
    groups: _UnionFind, eligible: list[int], seconds: npt.NDArray[np.float64], window: float
) -> dict[int, int]:
    """Return {duplicate index: original index} from the groups, in time order."""
    members: dict[int, list[int]] = defaultdict(list)
    for i in sorted(eligible, key=lambda i: (seconds[i], i)):
        members[groups.find(i)].append(i)
    originals: dict[int, int] = {}
    for group in members.values():
        earliest = 0  # the first member still inside the window of the current one
        for position, i in enumerate(group):
            while seconds[i] - seconds[group[earliest]] > window:
                earliest += 1
            if earliest < position:
                source = group[earliest]
                originals[i] = originals.get(source, source)
    return originals
