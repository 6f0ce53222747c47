"""Near-duplicate marking: reposts and copies within a time window."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from beatwire.analysis.duplicates import (
    find_duplicates,
    jaccard,
    minhash,
    normalise,
    shingle_sets,
)
from beatwire.config import DuplicateSettings

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CRISISLEX = SHARED / "corpora" / "crisislex-events" / "crisislexT26_labeled_with_timestamps.csv"
T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
POST = "The new open model beats last year's flagship on every coding benchmark we ran"


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def test_normalise_drops_links_handles_retweet_prefix_case_and_marks():
    text = "RT @lab_news: The NEW model is out!!! 🚀 https://t.co/abc123 via @someone #OpenSource"
    assert normalise(text) == "the new model is out via opensource"


def test_a_cross_post_with_other_links_and_handles_is_a_duplicate_of_the_first():
    texts = [
        POST + " https://example.org/a",
        "RT @bench_watch: " + POST + " 🔥 https://t.co/xyz",
        "@friend " + POST.upper() + " https://example.net/b?ref=feed",
    ]
    found = find_duplicates(["a", "b", "c"], texts, [at(0), at(1), at(2)])
    assert found == {"b": "a", "c": "a"}


def test_the_earliest_record_is_the_original_whatever_the_input_order():
    found = find_duplicates(["late", "early"], [POST, POST], [at(5), at(1)])
    assert found == {"late": "early"}


def test_different_posts_are_not_duplicates():
    texts = [
        POST,
        "Regulators published the final guidance for general purpose models this morning",
        "Our robotics lab is hiring two research engineers for manipulation work",
    ]
    assert find_duplicates([1, 2, 3], texts, [at(0), at(0.5), at(1)]) == {}


def test_a_copy_outside_the_window_is_not_a_duplicate():
    rules = DuplicateSettings(window_hours=24)
    found = find_duplicates([1, 2, 3], [POST, POST, POST], [at(0), at(30), at(40)], rules=rules)
    assert found == {3: 2}  # 2 is more than 24 h after 1, so it starts afresh


def test_short_texts_are_never_marked():
    assert find_duplicates([1, 2], ["so true", "So true!!"], [at(0), at(1)]) == {}


def test_a_lightly_edited_copy_is_found_by_shingle_overlap():
    edited = POST.replace("beats", "clearly beats").replace("we ran", "that we ran")
    assert normalise(edited) != normalise(POST)
    assert find_duplicates([1, 2], [POST, edited], [at(0), at(1)]) == {2: 1}


def test_shingle_threshold_decides_on_partial_overlap():
    other = POST[:40] + " and then lost badly on the long context tests everyone cares about"
    strict = DuplicateSettings(shingle_jaccard=0.9)
    assert find_duplicates([1, 2], [POST, other], [at(0), at(1)], rules=strict) == {}


def test_embeddings_above_the_threshold_mark_a_rewritten_copy():
    texts = [
        POST,
        "Every coding benchmark we tried: the fresh open model wins over the old flagship",
    ]
    close = np.array([[1.0, 0.0], [0.96, 0.28]], dtype=np.float32)  # cosine 0.96
    far = np.array([[1.0, 0.0], [0.8, 0.6]], dtype=np.float32)  # cosine 0.8
    assert find_duplicates([1, 2], texts, [at(0), at(1)], close) == {2: 1}
    assert find_duplicates([1, 2], texts, [at(0), at(1)], far) == {}
    assert find_duplicates([1, 2], texts, [at(0), at(1)], np.zeros((2, 0), np.float32)) == {}


def test_a_copy_of_a_copy_points_at_the_first_original():
    texts = [POST, POST + " wow", POST + " wow"]
    found = find_duplicates([1, 2, 3], texts, [at(0), at(50), at(100)])
    assert found == {2: 1, 3: 1}  # 3 copies 2 (within 72 h), which copies 1


def test_mismatched_lengths_are_refused():
    with pytest.raises(ValueError):
        find_duplicates([1, 2], [POST], [at(0), at(1)])


def test_jaccard_and_minhash_agree_on_overlapping_sets():
    texts = [POST, POST.replace("coding", "maths"), "something else entirely, unrelated words"]
    hashes, offsets = shingle_sets(texts)
    sets = [hashes[offsets[i] : offsets[i + 1]] for i in range(3)]
    signatures = minhash(hashes, offsets)
    for a, b in [(0, 1), (0, 2)]:
        estimate = float(np.mean(signatures[a] == signatures[b]))
        assert abs(estimate - jaccard(sets[a], sets[b])) < 0.2
    assert jaccard(sets[0], sets[0]) == 1.0
    assert jaccard(sets[0], sets[2]) < 0.1


def crisislex_rows() -> list[dict[str, str]]:
    with CRISISLEX.open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["timestamp"]]


def test_real_retweets_are_marked_as_duplicates_of_an_earlier_tweet():
    rows = crisislex_rows()
    ids = [row["tweet_id"] for row in rows]
    texts = [row["text"] for row in rows]
    times = [datetime.strptime(row["timestamp"], "%a %b %d %H:%M:%S %z %Y") for row in rows]
    found = find_duplicates(ids, texts, times)
    when = dict(zip(ids, times, strict=True))
    first_seen: dict[str, datetime] = {}
    for tweet_id, text in sorted(zip(ids, texts, strict=True), key=lambda p: when[p[0]]):
        key = normalise(text)
        if (
            len(key) >= 20
            and key in first_seen
            and when[tweet_id] - first_seen[key] <= timedelta(hours=72)
        ):
            assert tweet_id in found, text  # an exact repost within the window
        first_seen.setdefault(key, when[tweet_id])
    assert len(found) > 1000  # real reposts are common in a crisis stream
    for copy, original in found.items():
        assert when[original] <= when[copy]
        assert original not in found  # originals are resolved to the first of their group
