"""SIGKILL at random points of ingest, analysis and writing loses nothing and doubles nothing.

Each test forks a child that runs a stage with small batches (many commit
points), kills it with SIGKILL after a random, seeded delay, checks the store's
invariants, and repeats; a last child then runs to the end, showing the stage
resumes where the killed ones stopped. Runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from beatwire.analysis import stage as analysis_stage
from beatwire.analysis.pipeline import Item, build_analyzer
from beatwire.config import Settings, load_settings
from beatwire.jobs.demo import demo_corpus
from beatwire.newsroom import stage as newsroom_stage
from beatwire.sources import replay
from beatwire.sources.ingest import ingest_file, ingest_live
from beatwire.store.analyses import clear_analyses
from beatwire.store.engine import Store, open_store
from beatwire.store.schema import citations, embeddings, records, stories, story_versions
from beatwire.store.state import get_cursor
from tests.crash.crash_world import (
    analysed_ids,
    build_newsroom,
    check_no_duplicate_records,
    check_story_versions,
)
from tests.crash.harness import (
    Tally,
    fork_and_kill,
    last_cursor,
    random_delays,
    run_to_end,
    run_until,
    start_jetstream,
)

EVENTS = 2500  # Jetstream posts served
PAGE = 25  # posts per page: a hundred commit points
KILLS = {"ingest": 14, "analysis": 10, "write": 10}
ANALYSED = 400  # records analysed in batches of BATCH
BATCH = 16
STORIES = 40


@pytest.fixture(scope="module")
def jetstream() -> Iterator[int]:
    process, port = start_jetstream(EVENTS)
    yield port
    process.terminate()
    process.join()


def _open(url: str) -> Store:
    return open_store(url, migrate_schema=False)


def _cursor(url: str) -> str | None:
    store = _open(url)
    try:
        with store.read() as conn:
            return get_cursor(conn, "bluesky")
    finally:
        store.close()


def _stored(url: str) -> int:
    store = _open(url)
    try:
        return check_no_duplicate_records(store)
    finally:
        store.close()


def test_ingest_survives_sigkill(
    db_url: str, jetstream: int, request: pytest.FixtureRequest
) -> None:
    open_store(db_url).close()
    options = {"hosts": [f"ws://127.0.0.1:{jetstream}"], "batch_events": PAGE, "batch_s": 0.5,
               "rewind_s": 0, "silence_s": 60}  # fmt: skip
    settings = load_settings(None, db=db_url).model_copy(deep=True)
    settings.sources.options["bluesky"] = options

    def ingest() -> None:
        asyncio.run(ingest_live(_open(db_url), settings, ["bluesky"]))

    tally = Tally()
    for delay in random_delays(1, KILLS["ingest"], 0.05, 0.6):
        fork_and_kill(ingest, delay, tally)
        cursor = _cursor(db_url)
        stored = _stored(db_url)
        # The cursor moves in the transaction of its page: exactly the posts up to it are stored.
        expected = 0 if cursor is None else (int(cursor) - int(last_cursor(1))) // 1000 + 1
        assert stored == expected, (cursor, stored)
    run_until(ingest, lambda: _cursor(db_url) == last_cursor(EVENTS))
    assert _stored(db_url) == EVENTS
    assert tally.kills >= KILLS["ingest"] - 2, tally
    request.node.user_properties.append(("kills", tally.kills))


def _analysis_settings(db_url: str) -> Settings:
    settings = load_settings(None, db=db_url).model_copy(deep=True)
    settings.analysis.batch_size = BATCH
    settings.analysis.embedder = "static"  # a real embedder that loads in milliseconds
    return settings


def test_analysis_survives_sigkill(
    db_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    store = open_store(db_url)
    lines = demo_corpus().read_text(encoding="utf-8").splitlines()[: ANALYSED + 1]
    sample = tmp_path / "sample.jsonl"
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = _analysis_settings(db_url)
    ingest_file(store, settings, replay, sample)
    store.close()
    analyzer = build_analyzer(settings.analysis)
    analyzer.analyze([Item(0, "warm the models up before forking", "en", "bluesky")])

    def analyse() -> None:
        analysis_stage.run(_open(db_url), settings, analyzer=analyzer)

    whole = _timed(analyse)
    _clear_analyses(db_url)
    tally, rng = Tally(), random.Random(2)
    while tally.kills < KILLS["analysis"] and tally.finished < 3 * KILLS["analysis"]:
        if fork_and_kill(analyse, rng.uniform(0.02, 0.95) * whole, tally) is not None:
            _clear_analyses(db_url)
        every, done = analysed_ids(_open(db_url))
        # Batches commit whole, lowest ids first: the analysed ids are a prefix in whole batches.
        assert done == every[: len(done)]
        assert len(done) % BATCH == 0 or len(done) == len(every)
    assert run_to_end(analyse) == 0
    every, done = analysed_ids(_open(db_url))
    assert done == every
    with _open(db_url).read() as conn:
        vectors = conn.execute(select(func.count()).select_from(embeddings)).scalar_one()
        total = conn.execute(select(func.count()).select_from(records)).scalar_one()
    assert vectors == total
    assert tally.kills == KILLS["analysis"], tally
    request.node.user_properties.append(("kills", tally.kills))


def _reset_stories(url: str) -> None:
    store = _open(url)
    with store.begin() as conn:
        for table in (citations, story_versions, stories):
            conn.execute(table.delete())
    store.close()


def _timed(work: Callable[[], None]) -> float:
    began = time.monotonic()
    assert run_to_end(work) == 0
    return time.monotonic() - began


def _clear_analyses(url: str) -> None:
    store = _open(url)
    with store.begin() as conn:
        clear_analyses(conn)
    store.close()


def test_writing_survives_sigkill(db_url: str, request: pytest.FixtureRequest) -> None:
    store = open_store(db_url)
    build_newsroom(store, STORIES)
    store.close()
    settings = load_settings(None, db=db_url)

    def write() -> None:
        newsroom_stage.run(_open(db_url), settings)

    # Kill points are drawn across one whole run, measured first; a run that ends before
    # its kill starts the stories again, so every kill lands in the middle of real work.
    whole = _timed(write)
    _reset_stories(db_url)
    tally, rng = Tally(), random.Random(3)
    while tally.kills < KILLS["write"] and tally.finished < 3 * KILLS["write"]:
        if fork_and_kill(write, rng.uniform(0.02, 0.95) * whole, tally) is not None:
            _reset_stories(db_url)
        check_story_versions(_open(db_url))
    assert run_to_end(write) == 0
    assert check_story_versions(_open(db_url)) == STORIES
    again = newsroom_stage.run(_open(db_url), settings)
    assert again.figures["unchanged"] == STORIES  # resumed to the end: nothing left to write
    assert tally.kills == KILLS["write"], tally
    request.node.user_properties.append(("kills", tally.kills))
