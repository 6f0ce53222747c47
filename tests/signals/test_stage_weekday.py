"""The detect stage judges volume against the same weekday of past weeks, full pass or not."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from beatwire.config import load_settings
from beatwire.model import Signal
from beatwire.signals import stage
from beatwire.store.engine import Store, open_store
from beatwire.store.signals import strongest_signals
from tests.signals.test_stage import START, World

SATURDAY = 44  # START is a Thursday: day 44 is the seventh Saturday


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'weekday.db'}")
    yield opened
    opened.close()


def weekly_rhythm(world: World, days: range) -> None:
    """Busy weekdays and quiet weekends on AI & Jobs."""
    for day in days:
        weekend = (START + timedelta(days=day)).weekday() >= 5
        world.add(day, "ai-jobs", 10 if weekend else 40, topic=0)


def saturday_spike(store: Store) -> Signal | None:
    with store.read() as conn:
        found = strongest_signals(conn)
    return next(
        (s for s in found if s.kind == "volume_spike" and s.key == "ai-jobs"
         and s.window_start == START + timedelta(days=SATURDAY)),
        None,
    )  # fmt: skip


def test_a_full_pass_finds_a_saturday_busy_for_a_saturday(store: Store) -> None:
    world = World(store)
    weekly_rhythm(world, range(SATURDAY))
    world.add(SATURDAY, "ai-jobs", 35, topic=0)
    stage.run(store, load_settings(None))
    spike = saturday_spike(store)
    assert spike is not None and spike.baseline == 10.0
    assert spike.details.baseline_kind == "same_weekday"
    assert "on the previous 6 Saturdays" in spike.sentence


def test_an_incremental_pass_finds_it_too(store: Store) -> None:
    world = World(store)
    weekly_rhythm(world, range(SATURDAY))
    settings = load_settings(None)
    stage.run(store, settings)
    world.add(SATURDAY, "ai-jobs", 35, topic=0)
    stage.run(store, settings)
    spike = saturday_spike(store)
    assert spike is not None and spike.details.baseline_kind == "same_weekday"
