"""`beatwire forget`: records go, stories citing them are re-verified, nothing comes back."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from beatwire.config import Settings
from beatwire.errors import ConfigError
from beatwire.jobs.forget import forget
from beatwire.model import now_utc
from beatwire.sources.base import Page
from beatwire.sources.ingest import store_page
from beatwire.store.engine import Store
from beatwire.store.records import records_by_id
from beatwire.store.schema import analyses, citations, records, signals, stories, story_versions
from tests.jobs.story_store import build


def _published_citations(store: Store) -> set[int]:
    with store.read() as conn:
        query = select(citations.c.record_id).join(
            story_versions,
            (story_versions.c.story_id == citations.c.story_id)
            & (story_versions.c.version == citations.c.version),
        )
        return set(conn.execute(query.where(story_versions.c.published.is_(True))).scalars())


def _author_of(store: Store, record_id: int) -> str:
    with store.read() as conn:
        return str(records_by_id(conn, [record_id])[record_id].author)


def test_forgetting_an_author_removes_every_record_and_its_analyses(
    store: Store, settings: Settings
) -> None:
    build(store, settings)
    report = forget(store, settings, authors=["@LanternFish"])
    assert report.figures["records"] == 2
    with store.read() as conn:
        left = conn.execute(select(records.c.author)).scalars().all()
        analysed = conn.execute(select(func.count()).select_from(analyses)).scalar_one()
    assert "lanternfish" not in left and len(left) == 4
    assert analysed == 4


def test_a_story_citing_a_forgotten_record_is_rewritten_or_held(
    store: Store, settings: Settings
) -> None:
    build(store, settings)
    cited = sorted(_published_citations(store))
    author = _author_of(store, cited[0])
    report = forget(store, settings, authors=[author])
    assert report.figures["stories"] == 1
    with store.read() as conn:
        story = conn.execute(select(stories)).mappings().one()
        gone = set(conn.execute(select(records.c.id)).scalars())
        old = conn.execute(select(story_versions).where(story_versions.c.version == 1)).mappings()
        first = old.one()
    assert not first["published"]  # the version that quoted the author is withdrawn
    assert _published_citations(store) <= gone  # nothing published cites a forgotten record
    if story["status"] != "held":
        assert story["current_version"] == 2
        assert report.figures["rewritten"] == 1


def test_a_story_whose_evidence_is_all_forgotten_is_held(store: Store, settings: Settings) -> None:
    ids = build(store, settings)
    report = forget(store, settings, references=[str(i) for i in ids])
    with store.read() as conn:
        story = conn.execute(select(stories)).mappings().one()
        evidence = conn.execute(select(signals.c.evidence)).scalar_one()
    assert report.figures["held"] == 1 and story["status"] == "held"
    assert evidence == []
    assert _published_citations(store) == set()


def test_a_forgotten_author_is_not_ingested_again(store: Store, settings: Settings) -> None:
    build(store, settings)
    with store.read() as conn:
        row = records_by_id(conn, [2])[2]
    forget(store, settings, authors=[str(row.record.author)])
    page = Page(payload=b"replayed page", cursor=None, url="test:")
    again = replace(row.record, collected_at=now_utc())
    inserted, _ = store_page(store, "reddit", page, [again], move_cursor=False)
    assert inserted == 0


def test_forgetting_twice_changes_nothing(store: Store, settings: Settings) -> None:
    build(store, settings)
    forget(store, settings, authors=["lanternfish"])
    with pytest.raises(ConfigError, match="nothing forgotten"):
        forget(store, settings, authors=["lanternfish"])
