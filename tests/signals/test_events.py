"""Events: seeds grouped by what happened, each around its trigger, with facets and records."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np

from beatwire.model import Record, Signal, StoredRecord
from beatwire.signal_details import EntitySurgeDetails
from beatwire.signals.events import (
    Earlier,
    build_events,
    event_id,
    event_title,
    note_subjectless,
    own_event_id,
)
from tests.signals.frames import Records

DAY = datetime(2026, 10, 5, tzinfo=UTC)


def a_signal(sid: str, kind: str, ids: list[int], score: float = 5.0) -> Signal:
    return Signal(
        id=sid, kind=kind, key=sid, beat="ai-jobs", window_start=DAY,
        window_end=DAY + timedelta(days=1), value=1, baseline=1, effect=1, significance=score,
        min_count=1, sentence="x", score=score, evidence=ids,
    )  # fmt: skip


def topics(*directions: int, size: int = 8) -> np.ndarray:
    """Return one unit vector per record, along the axis each record's topic names."""
    vectors = np.zeros((len(directions), size), np.float32)
    vectors[np.arange(len(directions)), directions] = 1.0
    return vectors


def world() -> tuple[Records, np.ndarray]:
    """Day 14: two stories on topic 0 (the later one louder), one on topic 1, a crowd on 2."""
    records = Records()
    records.add(14, 1, engagement=900.0)  # id 1: first report of topic 0
    records.add(14, 1, engagement=2000.0)  # id 2: a louder, later one on topic 0
    records.add(14, 1, engagement=800.0)  # id 3: topic 1
    records.add(14, 3, engagement=5.0)  # ids 4-6: reactions to topic 0
    records.add(14, 4, engagement=5.0)  # ids 7-10: a crowd on topic 2
    return records, topics(0, 0, 1, 0, 0, 0, 2, 2, 2, 2)


def test_alike_triggers_are_one_event_told_from_the_earliest() -> None:
    records, vectors = world()
    context = records.context(report_from=14)
    seeds = [a_signal("a1", "attention", [1]), a_signal("a2", "attention", [2], score=9),
             a_signal("a3", "attention", [3], score=4)]  # fmt: skip
    found = build_events(context, seeds, vectors[context.frame.ids - 1], np.ones(10, bool))
    first, second = found
    assert [s.id for s in first.signals] == ["a2", "a1"]
    assert int(context.frame.ids[first.trigger]) == 1
    assert sorted(int(i) for i in context.frame.ids[first.rows]) == [1, 2, 4, 5, 6]
    assert int(context.frame.ids[second.trigger]) == 3 and len(second.rows) == 1


def test_facets_join_the_event_holding_their_records_and_the_rest_are_notes() -> None:
    records, vectors = world()
    context = records.context(report_from=14)
    spike = a_signal("spike", "volume_spike", [4, 5, 6, 7])
    crowd = a_signal("crowd", "volume_spike", [7, 8, 9, 10])
    signals = [a_signal("a1", "attention", [1]), spike, crowd]
    found = build_events(context, signals, vectors[context.frame.ids - 1], np.ones(10, bool))
    assert [[s.id for s in e.signals] for e in found] == [["a1", "spike"]]
    note_subjectless(signals, found)
    assert spike.details.data_note is None and crowd.details.data_note


def test_an_entity_surge_is_an_event_triggered_by_its_earliest_well_engaged_record() -> None:
    records = Records()
    records.add(14, 1, engagement=3.0)  # id 1: early but barely seen
    records.add(14, 1, engagement=400.0)  # id 2: the first report people read
    records.add(14, 6, engagement=2.0)  # ids 3-8
    context = records.context(report_from=14)
    surge = a_signal("surge", "entity_surge", list(range(1, 9)))
    (event,) = build_events(context, [surge], np.zeros((8, 4), np.float32), np.zeros(8, bool))
    assert int(context.frame.ids[event.trigger]) == 2
    assert len(event.rows) == 8


def test_a_later_development_continues_the_stored_event_and_keeps_its_records() -> None:
    records, vectors = world()
    context = records.context(report_from=14)
    rows = {int(i): p for p, i in enumerate(context.frame.ids.tolist())}
    stored = Earlier("ev_stored", rows[1], 14, (rows[1], rows[4]))
    found = build_events(
        context, [a_signal("a2", "attention", [2])], vectors[context.frame.ids - 1],
        np.ones(10, bool), [stored],
    )  # fmt: skip
    (event,) = found
    assert event.id == "ev_stored" and event.trigger == rows[1]
    assert sorted(int(context.frame.ids[r]) for r in event.rows) == [1, 2, 4, 5, 6]


def a_stored(title: str | None, text: str, kind: str = "story") -> StoredRecord:
    record = Record(provider="hackernews", native_id="1", kind=kind, text=text, title=title,
                    published_at=DAY, collected_at=DAY)  # fmt: skip
    return StoredRecord(id=1, record=record)


def test_the_title_is_the_triggers_own_words() -> None:
    assert event_title(a_stored("Anthropic  acquires\\nBun", "")) == "Anthropic acquires\\nBun"
    assert event_title(a_stored(None, "Nimbrook Labs released Vireo-4 today. More soon.")) == (
        "Nimbrook Labs released Vireo-4 today."
    )
    titled = a_stored("A few thoughts on Codex CLI vs. Claude Code", "")
    assert event_title(titled) == "A few thoughts on Codex CLI vs. Claude Code"
    model = a_stored("nimbrook/Vireo-4", "nimbrook/Vireo-4 text-generation", kind="model")
    assert event_title(model) == "nimbrook publishes Vireo-4 on Hugging Face"
    long = event_title(a_stored(None, "word " * 60))
    assert len(long) <= 141 and long.endswith("…")


def test_a_surge_of_what_the_trigger_names_is_a_facet_not_a_second_event() -> None:
    records = Records()
    records.add(14, 1, engagement=900.0, kind="story", entity="fenwick-rule")  # id 1
    records.add(14, 6, engagement=5.0, entity="fenwick-rule")  # ids 2-7: talk naming it
    context = records.context(report_from=14)
    context.frame.entities.types["fenwick-rule"] = "concept"
    surge = a_signal("surge", "entity_surge", [2, 3, 4, 5, 6, 7])
    surge.details = EntitySurgeDetails(entity="fenwick-rule", entity_name="Fenwick Rule",
                                       entity_type="concept")  # fmt: skip
    loud = a_signal("loud", "attention", [1])
    (event,) = build_events(context, [loud, surge], np.zeros((7, 4), np.float32), np.zeros(7, bool))
    assert [s.id for s in event.signals] == ["loud", "surge"]
    assert int(context.frame.ids[event.trigger]) == 1


def test_an_ecosystem_finding_no_event_holds_is_its_own_event_led_by_its_first_page() -> None:
    records = Records()
    records.add(14, 2, platform="huggingface", kind="model")  # ids 1-2: model pages
    records.add(14, 1, platform="hackernews", kind="story", engagement=900.0)  # id 3
    context = records.context(report_from=14)
    share = a_signal("share", "model_ecosystem", [1, 2], score=8)
    lead = a_signal("lead", "model_ecosystem", [1])  # the same week, led by the same page
    spike = a_signal("spike", "volume_spike", [2])
    signals = [a_signal("loud", "attention", [3]), share, lead, spike]
    found = build_events(context, signals, np.zeros((3, 4), np.float32), np.zeros(3, bool))
    own, loud = found
    assert [s.id for s in own.signals] == ["share", "lead"]
    assert own.id == own_event_id("share") != event_id(1)
    assert int(context.frame.ids[own.trigger]) == 1
    assert sorted(int(i) for i in context.frame.ids[own.rows]) == [1, 2]
    assert [s.id for s in loud.signals] == ["loud"]  # a volume spike still joins no such event
