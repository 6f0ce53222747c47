"""A huge post is stored bounded, and its payload once: in raw_pages, not again in each record."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from beatwire.config import Settings
from beatwire.sources import reddit
from beatwire.sources.ingest import ingest_file
from beatwire.store.engine import Store
from beatwire.store.schema import raw_pages, records
from tests.conftest import CORPORA

LISTING = CORPORA / "api-fixtures/reddit/r_all_new_2016-12-22.json"
AT = datetime(2026, 10, 12, tzinfo=UTC)


def huge_listing(tmp_path: Path, size: int) -> Path:
    """The real listing with its first post's selftext made `size` characters of one line."""
    listing = json.loads(LISTING.read_bytes())
    listing["data"]["children"][0]["data"]["selftext"] = "x" * size
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(listing))
    return path


def test_a_ten_megabyte_post_is_stored_cut_at_the_limit(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    path = huge_listing(tmp_path, 10_000_000)
    ingest_file(store, settings, reddit, path, as_of=AT)
    with store.read() as conn:
        longest = conn.execute(select(func.max(func.length(records.c.text)))).scalar_one()
    assert longest == settings.sources.max_text_chars == 100_000


def test_the_payload_is_kept_once_in_its_raw_page(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    path = huge_listing(tmp_path, 1_000_000)
    report = ingest_file(store, settings, reddit, path, as_of=AT)
    with store.read() as conn:
        copies = conn.execute(select(func.count()).where(records.c.raw.is_not(None))).scalar_one()
        kept = conn.execute(select(raw_pages.c.payload)).scalars().all()
    assert report.figures["inserted"] > 1
    assert copies == 0
    assert [bytes(page) for page in kept] == [path.read_bytes()]
