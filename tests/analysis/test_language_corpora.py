"""Language detection on real tweets: UMSAB's Hindi set (typed in Latin letters) and TweetEval."""

from __future__ import annotations

import pytest

from beatwire.analysis.language import build_language
from tests.conftest import CORPORA


def lines(relative: str) -> list[str]:
    path = CORPORA / relative
    if not path.is_file():
        pytest.fail(f"corpus file missing: {path}")
    return path.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def lingua():
    return build_language("lingua")


def test_most_of_umsabs_romanised_hindi_is_called_hindi(lingua) -> None:
    # The set mixes Hinglish with plain English tweets (cricket, TV), which stay English.
    texts = lines("umsab-multilingual-sentiment/hindi/val_text.txt")
    found = lingua.detect(texts, [None] * len(texts))
    assert found.count("hi") >= 0.5 * len(texts)


def test_english_tweets_are_not_called_hindi(lingua) -> None:
    texts = lines("tweeteval/sentiment/val_text.txt")
    found = lingua.detect(texts, [None] * len(texts))
    assert found.count("hi") <= 2  # the split holds a couple of real Hinglish tweets
    assert found.count("en") >= 0.98 * len(texts)
