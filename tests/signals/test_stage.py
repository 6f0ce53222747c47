"""The detect stage on a small synthetic store: planted events are found, passes are incremental."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select

from beatwire.config import Settings, load_settings
from beatwire.model import Analysis, BeatScore, Entity, Record
from beatwire.signals import stage
from beatwire.store.analyses import save_analyses
from beatwire.store.engine import Store, open_store
from beatwire.store.events import event_of_signal
from beatwire.store.narratives import list_narratives, narrative_timeline
from beatwire.store.records import upsert_records
from beatwire.store.schema import records
from beatwire.store.signals import strongest_signals

START = datetime(2026, 10, 1, tzinfo=UTC)
PLATFORMS = ["bluesky", "reddit", "hackernews", "mastodon"]
DIM = 24


class World:
    """Writes synthetic records, analyses and embeddings into a store."""

    def __init__(self, store: Store) -> None:
        self.store, self.rng, self.count = store, np.random.default_rng(5), 0
        self.topics = self.rng.standard_normal((12, DIM))

    def add(self, day: int, beat: str, n: int, *, topic: int, sentiment: float = 0.1,
            entity: str | None = None, platforms: list[str] | None = None) -> None:  # fmt: skip
        items = []
        for _ in range(n):
            self.count += 1
            moment = START + timedelta(days=day, minutes=int(self.rng.integers(0, 1440)))
            platform = str(self.rng.choice(platforms or PLATFORMS))
            items.append((Record(
                provider=platform, native_id=f"r{self.count}", kind="post",
                text=f"post {self.count} about topic {topic}" + (f" and {entity.title()}"
                     if entity else ""), published_at=moment,
                collected_at=moment, author=f"user{self.rng.integers(0, 400)}",
            ), beat, topic, sentiment, entity))  # fmt: skip
        with self.store.begin() as conn:
            upsert_records(conn, [item[0] for item in items])
            natives = [item[0].native_id for item in items]
            query = select(records.c.id, records.c.native_id).where(
                records.c.native_id.in_(natives)
            )
            ids = {native: rid for rid, native in conn.execute(query)}
            analyses, vectors = [], []
            for record, beat_slug, topic_no, mood, slug in items:
                rid = ids[record.native_id]
                score = float(np.clip(mood + 0.2 * self.rng.standard_normal(), -1, 1))
                entities = [Entity(slug, slug.title(), "organization")] if slug else []
                analyses.append(Analysis(
                    record_id=rid, lang="en", sentiment_label="neutral", sentiment_score=score,
                    beats=[BeatScore(beat_slug, 0.9)], entities=entities,
                ))  # fmt: skip
                vector = self.topics[topic_no] + 0.4 * self.rng.standard_normal(DIM)
                vector = (vector / np.linalg.norm(vector)).astype(np.float32)
                vectors.append((rid, "test", vector.tobytes(), DIM))
            save_analyses(conn, analyses, vectors)


@pytest.fixture(scope="module")
def planted_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the planted events, built once; each test works on its own copy."""
    path = tmp_path_factory.mktemp("planted") / "planted.db"
    built = open_store(f"sqlite:///{path}")
    planted(built)
    built.close()
    return path


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'detect.db'}")
    yield opened
    opened.close()


@pytest.fixture
def planted_store(planted_file: Path, tmp_path: Path) -> Iterator[Store]:
    copy = tmp_path / "copy.db"
    shutil.copy(planted_file, copy)
    opened = open_store(f"sqlite:///{copy}")
    yield opened
    opened.close()


@pytest.fixture
def settings() -> Settings:
    return load_settings(None)


def ordinary_days(world: World, days: range) -> None:
    for day in days:
        for number, beat in enumerate(["ai-hardware-compute", "ai-education", "ai-agents"]):
            world.add(day, beat, 40, topic=number, entity="acme" if day % 2 else None)


def planted(store: Store) -> World:
    world = World(store)
    ordinary_days(world, range(18))
    world.add(17, "ai-hardware-compute", 160, topic=3, entity="arkwell")  # volume + entity
    world.add(16, "ai-education", 60, topic=1, sentiment=-0.7)  # sentiment swing
    # a narrative that grows on 3 platforms, naming someone (a story says who did what)
    platforms = ["bluesky", "reddit", "hackernews"]
    for day, size in ((15, 4), (16, 25), (17, 70)):
        world.add(day, "ai-agents", size, topic=9, platforms=platforms, entity="gantry")
    return world


def kinds(store: Store) -> set[str]:
    with store.read() as conn:
        return {signal.kind for signal in strongest_signals(conn)}


def test_planted_events_are_found(planted_store: Store, settings: Settings) -> None:
    store = planted_store
    report = stage.run(store, settings)
    assert {"volume_spike", "sentiment_shift", "entity_surge", "emerging_narrative"} <= kinds(store)
    assert report.figures["narratives"] > 0 and report.figures["promoted"] > 0
    with store.read() as conn:
        found = strongest_signals(conn)
    spike = next(s for s in found if s.kind == "volume_spike" and s.key == "ai-hardware-compute")
    assert spike.window_start == START + timedelta(days=17)
    assert spike.value >= 160 and len(spike.evidence) == settings.detect.evidence_limit
    assert spike.details.representativeness is not None and spike.details.burst_onset
    shift = next(s for s in found if s.kind == "sentiment_shift")
    assert shift.key == "ai-education" and shift.effect < -10
    assert shift.details.ci_high < 0


def test_every_signal_says_what_happened_with_numbers(
    planted_store: Store, settings: Settings
) -> None:
    store = planted_store
    stage.run(store, settings)
    with store.read() as conn:
        for signal in strongest_signals(conn):
            assert any(ch.isdigit() for ch in signal.sentence), signal.sentence
            mix = signal.details.representativeness
            assert mix is not None and mix.authors >= settings.detect.min_authors


def test_emerging_narrative_names_its_narrative_and_platforms(
    planted_store: Store, settings: Settings
) -> None:
    store = planted_store
    stage.run(store, settings)
    with store.read() as conn:
        emerging = [s for s in strongest_signals(conn) if s.kind == "emerging_narrative"]
        narratives = {n["id"]: n for n in list_narratives(conn)}
        timeline = narrative_timeline(conn, emerging[0].narrative_id or "")
        event = event_of_signal(conn, emerging[0].id)
    assert emerging and all(s.narrative_id in narratives for s in emerging)
    assert len(emerging[0].details.platforms) >= 2
    # A narrative with a subject is an event: its topic is the event's, the story's too.
    assert event is not None and emerging[0].topic_key == f"event:{event.id}"
    assert timeline[0]["kind"] in {"born", "split"}


def test_promoted_signals_carry_a_type_and_one_story_per_topic(
    planted_store: Store, settings: Settings
) -> None:
    store = planted_store
    stage.run(store, settings)
    with store.read() as conn:
        promoted = strongest_signals(conn, promoted=True)
    assert promoted[0].promoted_as == "lead"
    assert {s.promoted_as for s in promoted} <= {"lead", "story", "dispatch", "analysis"}
    topics = [s.topic_key for s in promoted]
    assert len(topics) == len(set(topics))


def test_a_second_pass_changes_nothing(planted_store: Store, settings: Settings) -> None:
    store = planted_store
    stage.run(store, settings)
    with store.read() as conn:
        before = [(s.id, s.promoted_as) for s in strongest_signals(conn)]
    report = stage.run(store, settings)
    assert report.figures["records"] == 0 and report.figures["new"] == 0
    with store.read() as conn:
        assert [(s.id, s.promoted_as) for s in strongest_signals(conn)] == before


def test_new_records_reopen_only_their_windows(planted_store: Store, settings: Settings) -> None:
    store, world = planted_store, World(planted_store)
    world.count = 10**6  # native ids after the planted ones
    stage.run(store, settings)
    with store.read() as conn:
        old_ids = {
            s.id for s in strongest_signals(conn) if s.window_start < START + timedelta(days=18)
        }
    world.add(18, "ai-education", 40, topic=1)
    report = stage.run(store, settings)
    assert report.figures["first_window"] == "2026-10-19" and report.figures["windows"] == 1
    with store.read() as conn:
        kept = {
            s.id for s in strongest_signals(conn) if s.window_start < START + timedelta(days=18)
        }
    assert kept == old_ids


def test_a_store_without_records_reports_nothing(store: Store, settings: Settings) -> None:
    report = stage.run(store, settings)
    assert report.figures == {"records": 0, "signals": 0, "new": 0, "promoted": 0}
