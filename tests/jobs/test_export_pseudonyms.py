"""`export --hash-authors`: no handle or name of a person is left in any exported file."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from beatwire.config import Settings
from beatwire.jobs.demo import demo_corpus
from beatwire.jobs.export import export
from beatwire.jobs.pseudonyms import pseudonym
from beatwire.sources import bluesky, reddit, replay
from beatwire.sources.ingest import ingest_file
from beatwire.store.engine import Store
from beatwire.store.schema import records
from tests.conftest import CORPORA
from tests.jobs.story_store import build

AT = datetime(2026, 10, 12, tzinfo=UTC)
PEOPLE_PROVIDERS = ("bluesky", "reddit", "hackernews", "mastodon", "x", "youtube")


def _people(store: Store) -> set[str]:
    query = select(records.c.author, records.c.author_name, records.c.provider)
    with store.read() as conn:
        rows = conn.execute(query).all()
    return {
        name.lower()
        for author, display, provider in rows
        if provider in PEOPLE_PROVIDERS
        for name in (author, display)
        if name and len(name) > 3
    }


def _leaks(folder: Path, people: set[str]) -> list[str]:
    """Return the names of `people` found in the exported files, as a word or a handle."""
    exported = "\n".join(path.read_text() for path in folder.iterdir()).lower()
    words = {word.strip(".-") for word in re.split(r"[^\w.@-]+", exported)}
    words |= {part for word in list(words) for part in word.split("@") if "@" in word}
    return sorted(name for name in people if (name in exported if " " in name else name in words))


def test_the_demo_export_names_nobody(store: Store, settings: Settings, tmp_path: Path) -> None:
    ingest_file(store, settings, replay, demo_corpus(), as_of=AT)
    export(store, tmp_path / "out", "jsonl", hash_authors=True)
    rows = [
        json.loads(line) for line in (tmp_path / "out" / "records.jsonl").read_text().splitlines()
    ]
    assert not _leaks(tmp_path / "out", _people(store))
    assert not [
        row["url"] for row in rows if re.search(r"/profile/(?!anon-)|/@(?!anon-)", row["url"] or "")
    ]
    assert not [row for row in rows if re.search(r"(?<![\w.])@(?!anon-)\w", row["text"])]


def test_a_mention_is_its_persons_pseudonym(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    ingest_file(store, settings, replay, demo_corpus(), as_of=AT)
    export(store, tmp_path / "out", "jsonl", hash_authors=True)
    rows = [
        json.loads(line) for line in (tmp_path / "out" / "records.jsonl").read_text().splitlines()
    ]
    # Our own demo: a reply that starts by mentioning an author who also posts.
    mentioned = pseudonym("bytewise735.bsky.social")
    assert any(row["text"].startswith(f"@{mentioned} ") for row in rows)
    assert any(row["author"] == mentioned for row in rows)


def test_real_payloads_export_without_handles(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    fixtures = CORPORA / "api-fixtures"
    ingest_file(
        store, settings, reddit, fixtures / "reddit/r_all_comments_2016-12-22.json", as_of=AT
    )
    ingest_file(
        store,
        settings,
        bluesky,
        fixtures / "bluesky/bskyr_app.bsky.feed.searchPosts.json",
        as_of=AT,
    )
    export(store, tmp_path / "out", "csv", hash_authors=True)
    people = _people(store)
    assert len(people) > 20 and not _leaks(tmp_path / "out", people)


def test_story_bylines_carry_the_same_pseudonym(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    build(store, settings)
    export(store, tmp_path / "out", "csv", hash_authors=True)
    stories = (tmp_path / "out" / "stories.csv").read_text()
    assert "lanternfish" not in stories.lower() and "tovah" not in stories.lower()
    assert f"posted {pseudonym('lanternfish')} on Reddit" in stories
    assert "Kestrel Bay" in stories  # the words stay; only people are renamed
