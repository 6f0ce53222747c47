"""Promotion: score, story types, one story per topic, narratives taken from evidence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from beatwire.config import Settings
from beatwire.model import Signal
from beatwire.signals.promotion import attach_narratives, promote, topic_key

DAY = datetime(2026, 11, 3, tzinfo=UTC)


def a_signal(sid: str, kind: str = "volume_spike", significance: float = 5.0, *,
             day: datetime = DAY, value: float = 100, narrative: str | None = None,
             evidence: list[int] | None = None) -> Signal:  # fmt: skip
    return Signal(
        id=sid, kind=kind, key=sid, beat="ai-jobs", window_start=day,
        window_end=day + timedelta(days=1), value=value, baseline=10, effect=3,
        significance=significance, min_count=25, sentence="x", narrative_id=narrative,
        evidence=evidence or [],
    )  # fmt: skip


def test_the_strongest_is_the_lead_and_weak_signals_are_not_stories() -> None:
    found = [
        a_signal("a", significance=4),
        a_signal("b", significance=9),
        a_signal("c", significance=1),
    ]
    promoted = promote(found, Settings())
    assert [(s.id, s.promoted_as) for s in promoted] == [("b", "lead"), ("a", "story")]
    assert found[2].promoted_as is None and found[2].topic_key == topic_key(found[2])


def test_a_narrative_gets_one_story_from_its_best_signal() -> None:
    found = [
        a_signal("a", "emerging_narrative", 8, narrative="nar_1"),
        a_signal("b", "volume_spike", 6, narrative="nar_1"),
        a_signal("c", "volume_spike", 7),
    ]
    promoted = promote(found, Settings())
    assert [s.id for s in promoted] == ["a", "c"]
    assert promoted[0].topic_key == "narrative:nar_1"


def test_analysis_kinds_and_small_fresh_spikes_get_their_types() -> None:
    old = DAY - timedelta(days=1)
    found = [
        a_signal("lead", significance=20),
        a_signal("div", "platform_divergence", 10),
        a_signal("small", "entity_surge", 8, value=30),
        a_signal("big", "entity_surge", 7, value=300),
        a_signal("past", "entity_surge", 6, value=30, day=old),
    ]
    types = {s.id: s.promoted_as for s in promote(found, Settings())}
    assert types == {"lead": "lead", "div": "analysis", "small": "dispatch", "big": "story",
                     "past": "story"}  # fmt: skip


def test_a_signal_whose_evidence_sits_in_a_narrative_is_about_it() -> None:
    signal = a_signal("a", evidence=[1, 2, 3, 4])
    attach_narratives([signal], {1: "nar_9", 2: "nar_9", 3: "nar_9"})
    assert signal.narrative_id == "nar_9"
    assert signal.details.narrative_by_evidence == 0.75
    lone = a_signal("b", evidence=[1, 5, 6, 7])
    attach_narratives([lone], {1: "nar_9"})
    assert lone.narrative_id is None


def test_each_signal_is_held_to_the_same_share() -> None:
    whole, half = a_signal("a", evidence=[1, 2]), a_signal("b", evidence=[1, 5])
    attach_narratives([whole, half], {1: "nar_9", 2: "nar_9"})
    assert (whole.narrative_id, half.narrative_id) == ("nar_9", "nar_9")
    assert half.details.narrative_by_evidence == 0.5


def test_the_cycle_is_capped() -> None:
    settings = Settings()
    settings.newsroom.max_stories_per_cycle = 2
    found = [a_signal(str(n), significance=10 + n) for n in range(5)]
    assert len(promote(found, settings)) == 2


def test_a_surge_over_consecutive_days_is_one_topic() -> None:
    days = [
        a_signal("d1", "entity_surge", 9),
        a_signal("d2", "entity_surge", 8, day=DAY + timedelta(days=1)),
    ]
    days[1].key = "d1"
    promoted = promote(days, Settings())
    assert [s.id for s in promoted] == ["d1"]
    assert days[0].topic_key == days[1].topic_key


def test_a_topic_continues_from_the_pass_before() -> None:
    signal = a_signal("x", "entity_surge", 9)
    earlier = {("entity_surge", "x"): (DAY, "entity_surge:x:2026-11-02")}
    promote([signal], Settings(), earlier)
    assert signal.topic_key == "entity_surge:x:2026-11-02"


def test_an_entity_surge_and_its_share_of_beat_are_one_topic() -> None:
    surge = a_signal("s1", "entity_surge", 9.0)
    surge.key = "entity:vireo-4"
    share = a_signal("s2", "share_of_beat", 8.0, narrative="nar_1")
    share.key = "open-source-ai:entity:vireo-4"
    narrative = a_signal("s3", "emerging_narrative", 7.0, narrative="nar_1")
    promoted = promote([surge, share, narrative], Settings())
    assert len(promoted) == 1  # the strongest of the three tells the story
    assert {s.topic_key for s in (surge, share, narrative)} == {"entity:vireo-4"}


def test_the_same_records_in_windows_apart_are_two_topics() -> None:
    # A model's page is the evidence of its maker's share in October and in December.
    october = a_signal("s1", "model_ecosystem", 9.0, evidence=[7, 8])
    december = a_signal("s2", "model_ecosystem", 8.0, evidence=[7, 8],
                        day=DAY + timedelta(days=40))  # fmt: skip
    promoted = promote([october, december], Settings())
    assert len(promoted) == 2 and october.topic_key != december.topic_key


def test_signals_resting_on_the_same_records_are_one_topic() -> None:
    spike = a_signal("s1", "volume_spike", 9.0, evidence=list(range(40)))
    narrative = a_signal(
        "s2", "emerging_narrative", 8.0, narrative="nar_2", evidence=list(range(10, 30))
    )
    other = a_signal("s3", "volume_spike", 7.0, evidence=list(range(100, 140)))
    promoted = promote([spike, narrative, other], Settings())
    assert len(promoted) == 2 and "s3" in {s.id for s in promoted}
    assert spike.topic_key == narrative.topic_key != other.topic_key
