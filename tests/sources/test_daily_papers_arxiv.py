"""A Daily Paper and the arXiv source's record of the same paper are one record."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from beatwire.sources import arxiv, huggingface
from beatwire.sources.ingest import ingest_payload
from beatwire.store.engine import Store
from beatwire.store.schema import engagement_snapshots, records

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared/corpora/api-fixtures/arxiv"
ARXIV_FILE = FIXTURES / "idlist_0808.05394_1707.08567_2026-04-12.xml"
DAILY = Path(__file__).parent / "payloads" / "huggingface" / "daily_papers.json"
MONDAY = datetime(2026, 1, 5, 8, tzinfo=UTC)
TUESDAY = datetime(2026, 1, 6, 8, tzinfo=UTC)


def arxiv_id() -> str:
    """Return the id of the first paper of the real arXiv response."""
    return arxiv.parse(ARXIV_FILE.read_bytes(), collected_at=MONDAY)[0].native_id


def daily_papers(paper_id: str, upvotes: int) -> bytes:
    """Return our Daily Papers payload with its first entry pointing at `paper_id`."""
    entries = json.loads(DAILY.read_bytes())
    entries[0]["paper"] |= {"id": paper_id, "upvotes": upvotes}
    return json.dumps(entries[:1]).encode()


def ingest_arxiv(store: Store) -> None:
    payload = ARXIV_FILE.read_bytes()
    ingest_payload(store, arxiv, payload, url="file:arxiv.xml", at=MONDAY)  # type: ignore[arg-type]


def ingest_daily(store: Store, paper_id: str, upvotes: int, at: datetime) -> None:
    payload = daily_papers(paper_id, upvotes)
    ingest_payload(store, huggingface, payload, url=f"file:{upvotes}", at=at)  # type: ignore[arg-type]


def rows_of(store: Store, paper_id: str) -> list[tuple[str, dict[str, int], list[str]]]:
    query = select(records.c.provider, records.c.engagement, records.c.sources).where(
        records.c.native_id == paper_id
    )
    with store.read() as conn:
        return [(row[0], row[1], row[2]) for row in conn.execute(query)]


@pytest.mark.parametrize("arxiv_first", [True, False], ids=["arxiv-first", "daily-first"])
def test_a_daily_paper_and_its_arxiv_record_are_one_record(store: Store, arxiv_first: bool) -> None:
    paper_id = arxiv_id()
    if arxiv_first:
        ingest_arxiv(store)
    ingest_daily(store, paper_id, 41, MONDAY)
    if not arxiv_first:
        ingest_arxiv(store)  # its engagement (none) does not wipe the upvotes
    ((provider, engagement, sources),) = rows_of(store, paper_id)
    assert provider == "arxiv" and engagement["upvotes"] == 41
    assert sources == ["huggingface.co/papers"]


def test_upvotes_over_time_are_kept_per_fetch(store: Store) -> None:
    paper_id = arxiv_id()
    ingest_daily(store, paper_id, 41, MONDAY)
    ingest_daily(store, paper_id, 97, TUESDAY)
    ((_, engagement, _),) = rows_of(store, paper_id)
    assert engagement["upvotes"] == 97
    query = select(engagement_snapshots.c.snapshot_at, engagement_snapshots.c.engagement).where(
        engagement_snapshots.c.provider == "arxiv", engagement_snapshots.c.native_id == paper_id
    )
    with store.read() as conn:
        history = [
            (row[0], row[1]["upvotes"]) for row in conn.execute(query.order_by("snapshot_at"))
        ]
    assert history == [(MONDAY, 41), (TUESDAY, 97)]
