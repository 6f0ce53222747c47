"""AI-relevance: low for off-topic text with look-alike words, high for AI discourse.

Measured on ../shared/corpora: CrisisLexT6 tweets (2012-13 disasters, not about AI) and the
r/artificial + r/OpenAI sample (about AI).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from beatwire.analysis.beats.keywords import KeywordBeatClassifier

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"

OFF_TOPIC = [
    "Best Thai food in town, the pad thai is unreal",
    "Claude Monet painted the water lilies at Giverny",
    "Gemini horoscope: a stranger brings news this week, says the zodiac",
    "Al Pacino and Al Gore walked into the Al Rayyan stadium",
    "The llama farm has new alpacas and llamas to visit",
    "Artificial insemination of the heifers is scheduled for Monday",
    "Amnesty International (AI) published its annual report on detentions",
    "My apple pie recipe needs more cinnamon",
]

ON_TOPIC = [
    "ChatGPT wrote my cover letter and it was better than mine",
    "New LLM benchmark results: open-weight models are catching up",
    "AI is going to change how we teach kids",
    "Anthropic and OpenAI both shipped agentic coding tools this week",
    "machine learning engineers are in demand",
    "Is Claude conscious? I asked the chatbot about its feelings",
]


@pytest.fixture(scope="module")
def classifier() -> KeywordBeatClassifier:
    return KeywordBeatClassifier()


def relevance(classifier: KeywordBeatClassifier, texts: list[str]) -> np.ndarray:
    return np.array([r.ai_relevance for r in classifier.classify(texts)])


@pytest.mark.parametrize("text", OFF_TOPIC)
def test_look_alikes_score_low(classifier: KeywordBeatClassifier, text: str) -> None:
    assert relevance(classifier, [text])[0] < 0.2


@pytest.mark.parametrize("text", ON_TOPIC)
def test_ai_talk_scores_high(classifier: KeywordBeatClassifier, text: str) -> None:
    assert relevance(classifier, [text])[0] >= 0.5


def test_capital_ai_counts_more_than_a_name(classifier: KeywordBeatClassifier) -> None:
    ai, name = relevance(classifier, ["AI is here", "Ai is here"])
    assert ai > 0.5 > name


def test_long_text_with_one_passing_mention_is_damped(classifier: KeywordBeatClassifier) -> None:
    filler = " ".join(["the river rose over the bridge and the town waited"] * 30)
    short, long = relevance(classifier, ["AI", f"{filler} AI"])
    assert long < short


def crisis_tweets() -> list[str]:
    texts = []
    for path in sorted((CORPORA / "crisislex-events" / "CrisisLexT6").glob("*/*.csv")):
        with path.open(encoding="utf-8", errors="replace") as handle:
            rows = csv.reader(handle)
            next(rows)
            texts.extend(row[1] for row in rows if len(row) >= 2)
    return texts


def reddit_posts() -> list[str]:
    path = CORPORA / "reddit-ai-subs-2025-09" / "posts_with_top_comments_20250916.jsonl"
    posts = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [f"{p['title']}\n{p['selftext'] or ''}" for p in posts]


def test_crisis_tweets_are_not_about_ai(classifier: KeywordBeatClassifier) -> None:
    scores = relevance(classifier, crisis_tweets())
    assert len(scores) > 60_000
    assert (scores >= 0.5).mean() < 0.001
    assert float(np.median(scores)) < 0.1


def test_ai_subreddit_posts_are_about_ai(classifier: KeywordBeatClassifier) -> None:
    scores = relevance(classifier, reddit_posts())
    assert len(scores) == 50
    assert (scores >= 0.5).mean() >= 0.8
