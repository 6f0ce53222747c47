"""The SemEval sentiment pool reader: every parsing trap of the corpus, and validation held out."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from sentiment_pool import (
    FOLDER,
    Tweet,
    decode,
    deduplicated,
    held_out,
    read_file,
    read_pool,
    training_pool,
    words_key,
)

REPO = Path(__file__).resolve().parents[2]
CORPORA = REPO.parent / "shared" / "corpora"
# tweets per file and per label, as the corpus's SOURCE.md counts them
COUNTS = {
    "twitter-2013train-A.txt": (1458, 4586, 3640),
    "twitter-2013dev-A.txt": (340, 739, 575),
    "twitter-2013test-A.txt": (559, 1513, 1475),
    "twitter-2014test-A.txt": (202, 669, 982),
    "twitter-2014sarcasm-A.txt": (40, 13, 33),
    "twitter-2015train-A.txt": (66, 253, 170),
    "twitter-2015test-A.txt": (365, 987, 1038),
    "twitter-2016train-A.txt": (863, 2043, 3094),
    "twitter-2016dev-A.txt": (391, 765, 843),
    "twitter-2016devtest-A.txt": (325, 681, 994),
    "twitter-2016test-A.txt": (3231, 10342, 7059),
}


def validation_texts() -> list[str]:
    return (CORPORA / "tweeteval" / "sentiment" / "val_text.txt").read_text().splitlines()


def test_escapes_quoting_and_entities_are_undone() -> None:
    assert (
        decode(r"it\u2019s here\u002c at last ")
        == "it\N{RIGHT SINGLE QUOTATION MARK}s here, at last"
    )
    assert decode('"a ""fine"" day"') == 'a "fine" day'
    assert decode(r'"she said \""""wait\"""" twice"') == 'she said "wait" twice'
    assert decode("tea &amp; cake &lt;3") == "tea & cake <3"
    assert decode('"quoted" and "again"') == '"quoted" and "again"'  # not one CSV field


def test_a_file_with_trailing_tabs_a_date_a_line_break_and_no_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "twitter-test-A.txt"
    path.write_text(
        '11\tpositive\t"first line\nsecond line"\t\n'
        "12\tneutral\tmeeting at 3pm\tMon Jan 05 09:30:00 +0000 2015\n"
        "13\tnegative\tmissed the bus again\t",
        encoding="utf-8",
    )
    assert read_file(path) == [
        Tweet("11", 2, "first line\nsecond line"),
        Tweet("12", 1, "meeting at 3pm"),
        Tweet("13", 0, "missed the bus again"),
    ]


def test_a_broken_record_is_refused_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "twitter-bad-A.txt"
    path.write_text("21\tpositive\tfine\n22\tcheerful\tnot a label\n", encoding="utf-8")
    with pytest.raises(ValueError, match="record 1 is not"):
        read_file(path)  # "22 cheerful" is no record start, so it joins record 1's text


def test_duplicates_keep_one_copy_and_conflicts_are_dropped() -> None:
    tweets = [
        Tweet("1", 2, "lovely morning"),
        Tweet("1", 2, "lovely morning"),  # same id, same label: kept once
        Tweet("2", 0, "late train"),
        Tweet("2", 1, "late train"),  # same id, labels disagree: both dropped
        Tweet("3", 1, "new  schedule out"),
        Tweet("4", 1, "new schedule out"),  # same text (spacing aside), another id: kept once
        Tweet("5", 2, "ok then"),
        Tweet("6", 0, "ok then"),  # same text, labels disagree: both dropped
    ]
    assert deduplicated(tweets) == [
        Tweet("1", 2, "lovely morning"),
        Tweet("3", 1, "new  schedule out"),
    ]


def test_words_key_matches_a_copy_with_mentions_rewritten_and_links_cut() -> None:
    original = '"RT @some_one: Great game tonight!! http://t.co/abc"'
    assert words_key(original) == words_key("@user Great game tonight!! ") == "greatgametonight"
    assert words_key("Great game tomorrow") != words_key(original)
    kept = held_out(
        [Tweet("1", 2, original), Tweet("2", 1, "other news")], ["@user great game tonight"]
    )
    assert kept == [Tweet("2", 1, "other news")]


def test_every_file_of_the_corpus_reads_with_its_counts() -> None:
    for name, counts in COUNTS.items():
        tweets = read_file(CORPORA / FOLDER / name)
        found = tuple(sum(t.label == label for t in tweets) for label in range(3))
        assert found == counts, name
    tweets = read_pool(CORPORA)
    assert len(tweets) == 50_334
    assert not [t for t in tweets if "\t" in t.text or re.search(r"\\u[0-9a-fA-F]{4}", t.text)]
    assert all(t.text and t.id.isdigit() for t in tweets)


def test_the_training_pool_has_no_duplicates_conflicts_or_validation_tweets() -> None:
    everything = read_pool(CORPORA)
    labels_by_id = defaultdict(set)
    for tweet in everything:
        labels_by_id[tweet.id].add(tweet.label)
    conflicting = {i for i, labels in labels_by_id.items() if len(labels) > 1}
    validation = validation_texts()
    pool = training_pool(CORPORA, validation)
    ids = [t.id for t in pool]
    texts = [" ".join(t.text.split()) for t in pool]
    assert len(set(ids)) == len(ids) and len(set(texts)) == len(texts)
    assert not conflicting & set(ids)
    assert len(conflicting) == 84  # SOURCE.md's count
    held = {words_key(t) for t in validation}
    assert not [t for t in pool if words_key(t.text) in held]
    # TweetEval's copies hide mentions and links: most validation tweets are pool tweets
    pool_keys = {words_key(t.text) for t in deduplicated(everything)}
    assert (
        sum(words_key(t) in pool_keys for t in validation) > 1_152
    )  # SOURCE.md's exact-text count
    assert 45_000 < len(pool) < len(everything) - 2_000
