"""The analyze stage and analyze-file: every field, copies marked, resumable and idempotent."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from beatwire.analysis.stage import analyze_file, run
from beatwire.config import Settings
from beatwire.model import Record
from beatwire.store.analyses import analyses_by_record
from beatwire.store.engine import Store
from beatwire.store.records import count_pending, upsert_records
from beatwire.store.schema import analyses, embeddings

MOMENT = datetime(2026, 11, 3, 9, tzinfo=UTC)
TEXTS = [
    "OpenAI's new model writes better unit tests than my whole team, honestly impressive.",
    "Teachers say students now hand in essays written by chatbots, and grading is a nightmare.",
    "The EU AI Act's rules for general-purpose models start to bite next month.",
    "Nvidia GPUs are still sold out; training clusters are booked for a year.",
]


def records() -> list[Record]:
    base = Record(
        provider="bluesky",
        native_id="0",
        kind="post",
        text="",
        published_at=MOMENT,
        collected_at=MOMENT,
        author="someone.bsky.social",
        lang="en",
    )
    found = [
        replace(base, native_id=str(n), text=text, published_at=MOMENT + timedelta(minutes=n))
        for n, text in enumerate(TEXTS)
    ]
    # A cross-post of the first text on another platform, an hour later.
    found.append(
        replace(
            base,
            provider="mastodon",
            native_id="m1",
            text=TEXTS[0],
            published_at=MOMENT + timedelta(hours=1),
        )
    )
    return found


def fill(store: Store) -> None:
    with store.begin() as conn:
        upsert_records(conn, records())


def test_every_record_gets_an_analysis_with_versions(store: Store, settings: Settings) -> None:
    fill(store)
    report = run(store, settings)
    assert report.figures["records"] == 5
    with store.read() as conn:
        found = analyses_by_record(conn, range(1, 6))
        assert count_pending(conn) == 0
        assert conn.execute(select(func.count()).select_from(embeddings)).scalar_one() == 5
    first = found[1]
    assert first.sentiment_label == "positive"
    assert -1 <= (first.sentiment_score or 0) <= 1
    assert set(first.emotion_scores) >= {"enthusiasm", "concern", "informational"}
    assert {e.name for e in first.entities} >= {"OpenAI"}
    assert 1 <= len(first.key_phrases) <= 5
    assert found[2].beats[0].slug == "ai-education"
    assert found[3].beats[0].slug == "ai-regulation"
    assert set(first.versions) == {
        "language",
        "sentiment",
        "emotion",
        "entities",
        "phrases",
        "beats",
        "embedding",
    }


def test_a_cross_post_is_marked_as_a_copy_of_the_first(store: Store, settings: Settings) -> None:
    fill(store)
    run(store, settings)
    with store.read() as conn:
        found = analyses_by_record(conn, [1, 5])
    assert found[1].duplicate_of is None
    assert found[5].duplicate_of == 1


def test_a_second_run_does_nothing_and_redo_recomputes(store: Store, settings: Settings) -> None:
    fill(store)
    run(store, settings)
    assert run(store, settings).figures["records"] == 0
    assert run(store, settings, redo=True).figures["records"] == 5
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(analyses)).scalar_one() == 5


def test_analyze_file_writes_every_field(tmp_path: Path, settings: Settings) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    lines = [{"id": n, "text": text, "platform": "reddit"} for n, text in enumerate(TEXTS)]
    lines.append(
        {
            "id": "de-1",
            "text": "Die neue KI-Verordnung der EU ist ein großer Schritt.",
            "lang": "de",
        }
    )
    source.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    analyze_file(source, target, settings)
    out = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [o["id"] for o in out] == [0, 1, 2, 3, "de-1"]
    fields = {
        "sentiment_label",
        "sentiment_score",
        "emotion",
        "emotion_scores",
        "entities",
        "key_phrases",
        "beats",
        "ai_relevance",
        "lang",
    }
    assert all(fields <= set(o) for o in out)
    german = out[-1]
    assert german["lang"] == "de"
    assert german["sentiment_label"] is None and german["sentiment_score"] is None
