"""The bundled synthetic demo corpus: labelled, varied, well-formed, deterministic, planted."""

from __future__ import annotations

import itertools
import json
import re
import statistics
import subprocess
import sys
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "src" / "beatwire" / "data" / "demo" / "corpus.jsonl"
SCRIPT = ROOT / "scripts" / "make_demo_corpus.py"
BEATS = [
    "models-releases",
    "open-source-ai",
    "ai-software-development",
    "ai-agents",
    "ai-safety-alignment",
    "ai-hardware-compute",
    "ai-robotics",
    "ai-science",
    "ai-misinformation",
    "ai-jobs",
    "ai-education",
    "ai-creative-industries",
    "ai-social-media",
    "ai-bias-fairness",
    "ai-consciousness-personhood",
    "ai-everyday-products",
    "ai-regulation",
    "ai-geopolitics",
    "ai-law",
    "ai-privacy-surveillance",
    "ai-military",
    "ai-industry-business",
    "ai-healthcare",
    "ai-environment",
]
KINDS = {"post", "comment", "story", "article", "paper", "model", "video"}
NATIVE_ID = {
    "bluesky": re.compile(r"^at://did:plc:[a-z2-7]{24}/app\.bsky\.feed\.post/[2-7a-z]{13}$"),
    "reddit": re.compile(r"^t[13]_[0-9a-z]{6,7}$"),
    "hackernews": re.compile(r"^\d{8}$"),
    "news": re.compile(r"^[0-9a-f]{16}$"),
    "arxiv": re.compile(r"^\d{4}\.\d{5}$"),
    "huggingface": re.compile(r"^[a-z0-9-]+/[A-Za-z0-9.-]+$"),
    "youtube": re.compile(r"^[A-Za-z0-9_-]{11}$"),
    "mastodon": re.compile(r"^\d{17,19}$"),
}


@cache
def load() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Return the header and the records of the bundled corpus."""
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return json.loads(lines[0]), [json.loads(line) for line in lines[1:]]


def header() -> dict[str, Any]:
    return load()[0]


def records() -> list[dict[str, Any]]:
    return load()[1]


def planted(event_id: str) -> dict[str, Any]:
    return next(p for p in header()["planted"] if p["id"] == event_id)


def full(row: dict[str, Any]) -> str:
    return f"{row['title'] or ''} {row['text']}"


def day(row: dict[str, Any]) -> str:
    return row["published_at"][:10]


def beat_days(beat: str) -> Counter[str]:
    """Return the record count per day for one beat, with zero for quiet days."""
    counts: Counter[str] = Counter({d: 0 for d in {day(r) for r in records()}})
    counts.update(day(r) for r in records() if r["extra"]["demo_beat"] == beat)
    return counts


def test_header_labels_the_corpus_synthetic() -> None:
    head = header()
    assert head["beatwire_corpus"] == 1
    assert head["synthetic"] is True
    assert "synthetic" in head["description"].lower() and "fictional" in head["description"].lower()
    assert head["generator"] == "scripts/make_demo_corpus.py"
    assert head["records"] == len(records())


def test_corpus_is_large_and_spans_four_weeks() -> None:
    days = sorted({day(r) for r in records()})
    assert len(records()) >= 3000
    assert len(days) == 28
    assert header()["start"] <= records()[0]["published_at"]
    assert records()[-1]["published_at"] <= header()["end"]


def test_records_are_sorted_by_publication_time() -> None:
    times = [r["published_at"] for r in records()]
    assert times == sorted(times)


def test_all_platforms_and_beats_are_present() -> None:
    assert {r["provider"] for r in records()} == set(NATIVE_ID)
    assert Counter(r["extra"]["demo_beat"] for r in records()).keys() == set(BEATS)


def test_beats_are_uneven() -> None:
    counts = Counter(r["extra"]["demo_beat"] for r in records())
    assert max(counts.values()) >= 4 * min(counts.values())


def test_records_have_the_contract_fields() -> None:
    keys = [
        "provider",
        "native_id",
        "kind",
        "title",
        "text",
        "url",
        "author",
        "author_name",
        "lang",
        "published_at",
        "engagement",
        "parent_id",
        "thread_id",
        "source",
        "extra",
    ]
    for row in records():
        assert list(row) == keys
        assert row["kind"] in KINDS
        assert row["text"].strip() and row["author"]
        assert re.fullmatch(r"2026-\d\d-\d\dT\d\d:\d\d:\d\dZ", row["published_at"])
        assert all(isinstance(v, int) and v >= 0 for v in row["engagement"].values())


def test_native_ids_look_like_the_platforms_and_are_unique() -> None:
    seen: Counter[tuple[str, str]] = Counter((r["provider"], r["native_id"]) for r in records())
    assert max(seen.values()) == 1
    for row in records():
        assert NATIVE_ID[row["provider"]].match(row["native_id"]), row["native_id"]


def test_thread_links_resolve_to_earlier_records_of_the_same_provider() -> None:
    index = {(r["provider"], r["native_id"]): r for r in records()}
    linked = [r for r in records() if r["parent_id"]]
    assert len(linked) >= 500
    for row in linked:
        parent = index[(row["provider"], row["parent_id"])]
        root = index[(row["provider"], row["thread_id"])]
        assert parent["published_at"] <= row["published_at"]
        assert root["thread_id"] is None and root["parent_id"] is None


def test_reddit_and_hackernews_have_comment_threads_and_bluesky_has_replies() -> None:
    threaded = Counter(r["provider"] for r in records() if r["parent_id"])
    assert threaded["reddit"] >= 200 and threaded["hackernews"] >= 100 and threaded["bluesky"] >= 20


def test_engagement_is_heavy_tailed() -> None:
    likes = sorted(r["engagement"]["likes"] for r in records() if r["provider"] == "bluesky")
    assert likes[len(likes) // 2] * 20 < likes[-1]


def test_texts_are_distinct() -> None:
    texts = [r["text"] for r in records()]
    assert len(set(texts)) / len(texts) >= 0.95


def test_a_few_percent_are_not_english() -> None:
    langs = Counter(r["lang"] for r in records())
    share = 1 - langs["en"] / len(records())
    assert 0.01 <= share <= 0.08
    assert {"de", "es", "fr", "pt", "ja"} <= set(langs)


def test_news_has_publishers_on_example_domains() -> None:
    for row in (r for r in records() if r["provider"] == "news"):
        assert row["extra"]["publisher"] and row["title"]
        assert re.match(r"^https://[a-z]+\.example/", row["url"])


def test_every_english_record_carries_a_keyword_of_its_beat() -> None:
    sys.path.insert(0, str(SCRIPT.parent))
    from demo_corpus.content import BEATS as BANKS
    from demo_corpus.content import has_keyword

    missing = [
        r
        for r in records()
        if r["lang"] == "en"
        and not has_keyword(full(r), BANKS[r["extra"]["demo_beat"]]["keywords"])
    ]
    assert len(missing) <= len(records()) * 0.01, missing[:5]


def test_hostile_records_are_few_and_in_quiet_beats() -> None:
    hostile = [r for r in records() if r["extra"].get("demo_hostile")]
    assert 4 <= len(hostile) <= 12
    texts = " ".join(r["text"] for r in hostile).lower()
    assert (
        "<script>" in texts and "javascript:" in texts and "ignore previous instructions" in texts
    )
    assert not {r["extra"]["demo_beat"] for r in hostile} & {
        "ai-hardware-compute",
        "ai-education",
        "ai-agents",
    }


@pytest.mark.parametrize(
    "event_id",
    ["hardware-export-spike", "regulation-vote", "jobs-layoffs", "creative-voice-strike"],
)
def test_volume_spike_is_present(event_id: str) -> None:
    plant = planted(event_id)
    counts = beat_days(plant["beat"])
    median = statistics.median(counts.values())
    assert counts[plant["day"]] >= plant["min_records"]
    assert counts[plant["day"]] >= plant["min_ratio_to_median"] * median
    event_rows = [r for r in records() if r["extra"].get("demo_event") == event_id]
    assert len({r["provider"] for r in event_rows}) >= 4
    authors = Counter(r["author"] for r in event_rows)
    assert max(authors.values()) <= 3


def test_background_volume_has_a_weekly_rhythm() -> None:
    weekday: list[int] = []
    weekend: list[int] = []
    totals = Counter(day(r) for r in records() if "demo_event" not in r["extra"])
    for date, count in totals.items():
        (weekend if date in WEEKENDS else weekday).append(count)
    assert statistics.mean(weekend) < 0.85 * statistics.mean(weekday)


WEEKENDS = {
    "2026-10-31",
    "2026-11-01",
    "2026-11-07",
    "2026-11-08",
    "2026-11-14",
    "2026-11-15",
    "2026-11-21",
    "2026-11-22",
}


def test_sentiment_swing_is_present() -> None:
    plant = planted("education-sentiment-swing")
    analyzer = SentimentIntensityAnalyzer()
    windows: dict[str, list[float]] = defaultdict(list)
    for row in records():
        if row["extra"]["demo_beat"] != plant["beat"] or row["lang"] != "en":
            continue
        for name in ("before", "after"):
            first, last = plant[name]
            if first <= day(row) <= last:
                windows[name].append(analyzer.polarity_scores(full(row))["compound"])
    before, after = statistics.mean(windows["before"]), statistics.mean(windows["after"])
    assert before > 0.2 and after < -0.2
    assert before - after >= plant["min_compound_drop"]
    per_day_before = len(windows["before"]) / 16
    per_day_after = len(windows["after"]) / 11
    assert 0.6 <= per_day_after / per_day_before <= 1.6


def test_emerging_narrative_spreads_and_grows() -> None:
    plant = planted("agent-database-wipe")
    rows = [r for r in records() if r["extra"].get("demo_event") == plant["id"]]
    for provider, first in plant["first_seen"].items():
        days = sorted(day(r) for r in rows if r["provider"] == provider)
        assert days and days[0] == first, provider
    per_day = Counter(day(r) for r in rows)
    growing = [per_day[d] for d in plant["growing"]]
    assert all(a < b for a, b in itertools.pairwise(growing))
    assert all(r["extra"]["demo_beat"] == plant["beat"] for r in rows)
    terms = [t.lower() for t in [*plant["terms"], "agent"]]
    marked = [r for r in rows if any(t in full(r).lower() for t in terms)]
    assert len(marked) >= 0.8 * len(rows)
    assert len({r["text"] for r in rows}) >= 0.9 * len(rows)


def test_surging_entity_is_quiet_then_surges() -> None:
    plant = planted("vireo-4-surge")
    mentions = Counter(day(r) for r in records() if plant["entity"] in full(r))
    dates = sorted({day(r) for r in records()})
    for date in dates:
        if date <= plant["quiet_until"]:
            assert mentions[date] <= plant["max_per_day_before"], date
        elif plant["surge"][0] <= date <= plant["surge"][1]:
            assert mentions[date] >= plant["min_per_day"], date
    surge_beats = {r["extra"]["demo_beat"] for r in records() if plant["entity"] in full(r)}
    assert surge_beats == set(plant["beats"])
    assert sum(mentions.values()) > 0 and any(
        mentions[d] for d in dates if d <= plant["quiet_until"]
    )


def test_generator_is_deterministic(tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out)], check=True, capture_output=True
    )
    assert out.read_bytes() == CORPUS.read_bytes()


def test_corpus_stays_small() -> None:
    assert CORPUS.stat().st_size < 4_500_000
