"""The demo: the whole pipeline on the sample corpus gives at least five verified stories."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, select

from beatwire.jobs.demo import run_demo
from beatwire.newsroom.fidelity.quotes import is_verbatim
from beatwire.store import schema
from beatwire.store.engine import Store
from beatwire.store.records import records_by_id
from beatwire.store.state import last_runs
from beatwire.store.stories import list_stories, version_citations


def published_stories(conn: Any) -> list[dict[str, Any]]:
    return list_stories(conn, story_type=None, beat=None, status=None, after=None, limit=1000)


def row_counts(store: Store) -> dict[str, int]:
    tables = [t for t in schema.metadata.sorted_tables if isinstance(t, Table)]
    with store.read() as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in tables
        }


def story_rows(store: Store) -> list[tuple[Any, ...]]:
    with store.read() as conn:
        query = select(
            schema.story_versions.c.story_id,
            schema.story_versions.c.version,
            schema.story_versions.c.headline,
            schema.story_versions.c.body,
        ).order_by(schema.story_versions.c.story_id, schema.story_versions.c.version)
        return [tuple(row) for row in conn.execute(query)]


def test_the_demo_publishes_at_least_five_stories(demo: Any) -> None:
    with demo.store.read() as conn:
        stories = published_stories(conn)
    assert len(stories) >= 5
    assert sum(story["story_type"] == "lead" for story in stories) == 1


def test_every_cited_quote_is_verbatim_in_its_record(demo: Any) -> None:
    with demo.store.read() as conn:
        for story in published_stories(conn):
            citations = version_citations(conn, story["id"], story["current_version"])
            records = records_by_id(conn, [c.record_id for c in citations])
            quoted = [c for c in citations if c.quote]
            assert quoted, f"{story['headline']} quotes nobody"
            for citation in quoted:
                assert is_verbatim(citation.quote or "", records[citation.record_id].text)


def test_the_site_has_a_page_per_story(demo: Any) -> None:
    with demo.store.read() as conn:
        stories = published_stories(conn)
    assert (demo.site / "index.html").is_file()
    for story in stories:
        page = demo.site / "stories" / story["slug"] / "index.html"
        assert story["headline"].split()[0] in page.read_text(encoding="utf-8")


def test_running_the_demo_twice_changes_nothing(tmp_path: Path, demo: Any) -> None:
    store = demo.store
    before, stories = row_counts(store), story_rows(store)
    run_demo(store, demo.settings, tmp_path / "site")
    after = row_counts(store)
    assert after.pop("stage_runs") == before.pop("stage_runs") + 4  # each stage's run, recorded
    assert after == before
    assert story_rows(store) == stories


def test_status_shows_every_stage_the_demo_ran(demo: Any) -> None:
    with demo.store.read() as conn:
        runs = last_runs(conn)
    assert {"ingest", "analyze", "detect", "write"} <= set(runs)
    assert all(runs[name]["status"] == "ok" for name in ("ingest", "analyze", "detect", "write"))
