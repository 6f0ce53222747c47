"""Every event planted in the bundled demo corpus is found by ingest -> analyze -> detect.

The corpus header lists the planted events (type, beat or entity, days); this test
reads it and looks for a matching signal for each among those of the shared demo
run (the real stages with the default settings, tests/conftest.py).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from beatwire.model import Signal
from beatwire.signal_details import EntitySurgeDetails, ShareOfBeatDetails
from beatwire.store.schema import records
from beatwire.store.signals import strongest_signals
from tests.conftest import Demo

CORPUS = Path(str(resources.files("beatwire.data") / "demo" / "corpus.jsonl"))


def planted() -> list[dict[str, Any]]:
    with CORPUS.open(encoding="utf-8") as handle:
        header = json.loads(handle.readline())
    return list(header["planted"])


@pytest.fixture(scope="module")
def run(demo: Demo) -> tuple[list[Signal], dict[int, str]]:
    """The signals of the shared demo run (default settings: MiniLM) and who planted what."""
    with demo.store.read() as conn:
        query = select(records.c.id, records.c.extra)
        planted_by = {rid: str(extra.get("demo_event")) for rid, extra in conn.execute(query)}
        return strongest_signals(conn), planted_by


@pytest.fixture(scope="module")
def found(run: tuple[list[Signal], dict[int, str]]) -> list[Signal]:
    return run[0]


def days(first: str, last: str) -> set[date]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return {start + timedelta(days=n) for n in range((end - start).days + 1)}


def mostly_planted(signal: Signal, event: str, planted_by: dict[int, str]) -> bool:
    """Return whether most of the signal's evidence records belong to the planted event."""
    hits = sum(planted_by.get(rid) == event for rid in signal.evidence)
    return bool(signal.evidence) and hits / len(signal.evidence) >= 0.5


def matches(event: dict[str, Any], signal: Signal, planted_by: dict[int, str]) -> bool:
    day = signal.window_start.date()
    kind = event["type"]
    if kind == "volume_spike":
        return (
            signal.kind == "volume_spike"
            and signal.key == event["beat"]
            and (day == date.fromisoformat(event["day"]))
        )
    if kind == "sentiment_swing":
        window = days(event["event_day"], event["after"][0])
        return (
            signal.kind == "sentiment_shift"
            and signal.key == event["beat"]
            and (day in window and signal.effect < 0)
        )
    if kind == "emerging_narrative":
        window = days(event["growing"][0], event["growing"][-1])
        # the narrative's beat is whatever the analysis gave its records: judge by its records
        return signal.kind == "emerging_narrative" and (
            day in window and mostly_planted(signal, event["id"], planted_by)
        )
    if kind == "surging_entity":
        window = days(event["surge"][0], event["surge"][-1])
        details = signal.details
        return isinstance(details, EntitySurgeDetails | ShareOfBeatDetails) and (
            event["entity"].lower() in details.entity_name.lower() and day in window
        )
    raise AssertionError(f"the test does not know planted events of type {kind}")


@pytest.mark.parametrize("event", planted(), ids=lambda event: str(event["id"]))
def test_the_planted_event_is_found(
    event: dict[str, Any], run: tuple[list[Signal], dict[int, str]]
) -> None:
    found, planted_by = run
    hits = [signal for signal in found if matches(event, signal, planted_by)]
    assert hits, f"no signal for {event['id']}: " + "; ".join(
        f"{s.kind} {s.key} {s.window_start:%m-%d}" for s in found
    )


def test_planted_events_become_stories(found: list[Signal]) -> None:
    promoted = [s for s in found if s.promoted_as]
    assert len(promoted) >= 5 and promoted[0].promoted_as == "lead"
