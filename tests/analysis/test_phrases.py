"""RAKE key phrases: 3 to 5 short phrases, no stopwords at the edges, deterministic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from beatwire.analysis.phrases import build_phrases
from beatwire.analysis.phrases.rake import MAX_WORDS, RakeExtractor, load_stopwords
from beatwire.errors import AnalysisError

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
TWEET = (
    "Nvidia stock jumps after the company reported record data center revenue, and analysts "
    "expect Blackwell chips to sell out through next year."
)


@pytest.fixture(scope="module")
def rake() -> RakeExtractor:
    return RakeExtractor()


def test_tweet_gives_three_to_five_phrases(rake: RakeExtractor) -> None:
    phrases = rake.extract_one(TWEET)
    assert 3 <= len(phrases) <= 5
    assert "Blackwell chips" in phrases
    assert "record data center revenue" in phrases


def test_phrases_are_short_and_trimmed_of_stopwords(rake: RakeExtractor) -> None:
    stopwords = load_stopwords()
    for phrase in rake.extract_one(TWEET):
        words = phrase.lower().split()
        assert 1 <= len(words) <= MAX_WORDS
        assert words[0] not in stopwords and words[-1] not in stopwords


def test_past_tense_verb_after_a_noun_ends_a_phrase(rake: RakeExtractor) -> None:
    assert "company" not in " ".join(rake.extract_one(TWEET)).lower().split()[-1:]
    assert all("reported" not in p for p in rake.extract_one(TWEET))


def test_no_phrase_repeats_or_contains_another(rake: RakeExtractor) -> None:
    phrases = [p.lower() for p in rake.extract_one(f"{TWEET} {TWEET} Blackwell chips!")]
    for i, a in enumerate(phrases):
        assert all(a not in b for j, b in enumerate(phrases) if i != j)


def test_links_and_mentions_are_not_phrases(rake: RakeExtractor) -> None:
    phrases = rake.extract_one(
        "@someone.bsky.social look https://example.com/page open weights model"
    )
    assert phrases == ["open weights model"]


def test_contractions_with_typographic_apostrophes_are_stopwords(rake: RakeExtractor) -> None:
    phrases = rake.extract_one("I’m still hoping. I’ve heard the pro plan limits don’t bite")
    assert not [p for p in phrases if "’" in p]
    assert "pro plan limits" in phrases


def test_a_possessive_ends_a_phrase(rake: RakeExtractor) -> None:
    phrases = rake.extract_one("Harbor survey confirms Lantern Lab’s biggest worries about tutors")
    assert "Lantern Lab" in phrases
    assert "biggest worries" in phrases


def test_a_long_run_leaves_no_word_alone(rake: RakeExtractor) -> None:
    phrases = rake.extract_one("quiet harbor lantern survey results, then nothing")
    assert phrases[:2] == ["quiet harbor lantern", "survey results"]


def test_phrases_are_cut_at_the_stopwords_of_the_texts_language(rake: RakeExtractor) -> None:
    german = "Die neue Lernsoftware der Stadtbibliothek hat bei den Schülern großen Erfolg"
    phrases = rake.extract([german], ["de"])[0]
    assert "neue Lernsoftware" in phrases
    assert not [p for p in phrases if {"die", "der", "den", "hat", "bei"} & set(p.lower().split())]
    assert rake.extract_one(german) != phrases  # English stopwords cut it elsewhere


def test_a_language_without_a_stopword_list_gets_no_phrases(rake: RakeExtractor) -> None:
    assert rake.extract(["Yeni yazılım kütüphanede büyük ilgi gördü"], ["tr"]) == [[]]
    assert rake.extract_one("a quiet harbor lantern survey", "../x") == []


def test_very_short_texts_give_fewer(rake: RakeExtractor) -> None:
    assert rake.extract_one("lol") == []
    assert rake.extract_one("") == []
    assert len(rake.extract_one("Robots everywhere")) == 1


def test_same_text_same_phrases(rake: RakeExtractor) -> None:
    assert rake.extract([TWEET, TWEET])[0] == rake.extract([TWEET])[0]


def test_real_posts_get_at_least_three_phrases(rake: RakeExtractor) -> None:
    path = CORPORA / "reddit-ai-subs-2025-09" / "posts_with_top_comments_20250916.jsonl"
    posts = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    texts = [f"{p['title']}\n{p['selftext'] or ''}" for p in posts]
    long_texts = [t for t in texts if len(t.split()) >= 25]
    assert len(long_texts) >= 20
    assert all(3 <= len(p) <= 5 for p in rake.extract(long_texts))


def test_build_phrases_by_name() -> None:
    assert build_phrases().name == "rake@2"
    assert build_phrases("none").extract(["a b c"]) == [[]]


def test_build_phrases_rejects_unknown_names() -> None:
    with pytest.raises(AnalysisError, match="unknown key-phrase extractor 'yake'"):
        build_phrases("yake")
