"""bench/news.py judging a store of ours as it is (the replay it can do is the tested ingest)."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from beatwire.model import Citation, Draft, Record
from beatwire.store.engine import open_store
from beatwire.store.records import upsert_records
from beatwire.store.schema import records
from beatwire.store.stories import save_story_version

BENCH = Path(__file__).resolve().parents[2] / "bench" / "news.py"
DAY = datetime(2026, 11, 3, 9, tzinfo=UTC)


def test_the_bench_prints_each_figure_with_its_target(sqlite_url: str) -> None:
    store = open_store(sqlite_url)
    post = Record(provider="news", native_id="n1", kind="article", published_at=DAY,
                  collected_at=DAY, text="Nimbrook Labs released Vireo-4 on Tuesday.")  # fmt: skip
    with store.begin() as conn:
        upsert_records(conn, [post])
        record_id = conn.execute(select(records.c.id)).scalar_one()
        draft = Draft(headline="Quietharbor's quiet week", dek="", body="Vireo-4 is out [1].",
                      takeaways=[], seo_description="", story_type="story", beats=[],
                      citations=[Citation(1, record_id)], signal_ids=[],
                      writer="offline")  # fmt: skip
        save_story_version(conn, story_id="s1", slug="s1", topic_key="s1", draft=draft,
                           fidelity={"score": 95}, published=True, status="final")  # fmt: skip
    store.close()
    run = subprocess.run(
        [sys.executable, str(BENCH), "--db", sqlite_url, "--judge-only", "--sample", "1"],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    lines = run.stdout.splitlines()
    assert lines[1:7] == [
        "stories published: 1",
        "headlines naming a subject of their cited records: 0 of 1 (0%; target >= 90%: MISSED)",
        "duplicate-event pairs: 0 (target 0: met)",
        "sentence openings recurring in > 3 stories: 0 of 1 (0%; target <= 15%: met)",
        "event recall: 0 of 0 top AI HN stories covered (target >= 15 of 20: MISSED)",
        "stories verifying >= 90: 1 of 1 (100%; target >= 100%: met)",
    ]
    assert lines[8:] == [
        "headlines without a subject of their records:",
        "  - Quietharbor's quiet week",
        "",
        "sample:",
        "  - Quietharbor's quiet week",
        "      Vireo-4 is out.",
    ]
