"""Platform divergence: platforms that disagree on the same beat, or on the same narrative."""

from __future__ import annotations

import numpy as np

from beatwire.config import load_settings
from beatwire.signals.divergence import divergence_findings
from beatwire.signals.make import to_signal
from beatwire.signals.narratives import NarrativePass
from tests.signals.frames import Records, rows_of

DAY = 20


def ordinary_days(records: Records) -> None:
    """Twenty days on which Bluesky and Reddit feel the same about AI agents."""
    for day in range(DAY):
        for platform in ("bluesky", "reddit"):
            records.add(day, 30, beat="ai-agents", platform=platform, mood=0.1, spread=0.2)


def narrative_of(context_rows: np.ndarray, beat: str = "ai-agents") -> NarrativePass:
    return NarrativePass(
        members={"nar_1": context_rows.tolist()}, beats={"nar_1": beat}, born={"nar_1": DAY}
    )


def test_platforms_far_apart_on_a_beat_diverge() -> None:
    records = Records()
    ordinary_days(records)
    records.add(DAY, 30, beat="ai-agents", platform="bluesky", mood=0.4, spread=0.2)
    records.add(DAY, 30, beat="ai-agents", platform="reddit", mood=-0.3, spread=0.2)
    context = records.context(report_from=DAY)
    (found,) = divergence_findings(context, NarrativePass(), {})
    assert (found.kind, found.key, found.beat, found.day) == (
        "platform_divergence", "ai-agents:bluesky:reddit", "ai-agents", DAY,
    )  # fmt: skip
    assert 60 < found.effect < 80 and found.details.ci_low > 0
    assert found.details.level == "beat" and found.narrative_id is None
    assert found.details.by_platform["reddit"] < 0 < found.details.by_platform["bluesky"]
    assert found.sentence.startswith("On AI Agents, Bluesky was")
    assert "over 30 records against" in found.sentence and len(found.rows) == 60


def test_each_platform_needs_the_minimum_count() -> None:
    records = Records()
    ordinary_days(records)
    records.add(DAY, 30, beat="ai-agents", platform="bluesky", mood=0.4, spread=0.2)
    records.add(DAY, 19, beat="ai-agents", platform="reddit", mood=-0.3, spread=0.2)
    assert divergence_findings(records.context(report_from=DAY), NarrativePass(), {}) == []
    settings = load_settings(None)
    settings.detect.divergence_min_count = 19
    assert len(divergence_findings(records.context(settings, DAY), NarrativePass(), {})) == 1


def test_a_narrative_can_split_platforms_while_its_beat_as_a_whole_does_not() -> None:
    records = Records()
    ordinary_days(records)
    # the narrative: Bluesky likes it, Reddit does not ...
    warm = records.add(DAY, 25, beat="ai-agents", platform="bluesky", mood=0.3, spread=0.2)
    cold = records.add(DAY, 25, beat="ai-agents", platform="reddit", mood=-0.5, spread=0.2)
    # ... while the rest of the beat, on the same day, leans the other way and hides it
    records.add(DAY, 100, beat="ai-agents", platform="bluesky", mood=0.0, spread=0.2)
    records.add(DAY, 100, beat="ai-agents", platform="reddit", mood=0.3, spread=0.2)
    context = records.context(report_from=DAY)
    members = rows_of(context, np.concatenate([warm, cold]))
    labels = {"nar_1": "agent, database, wipe"}
    (found,) = divergence_findings(context, narrative_of(members), labels)
    assert found.key == "narrative:nar_1:bluesky:reddit"
    assert (found.narrative_id, found.beat, found.day) == ("nar_1", "ai-agents", DAY)
    assert found.details.level == "narrative"
    assert found.details.narrative_label == "agent, database, wipe"
    assert found.sentence.startswith(
        "In a narrative on AI Agents (agent, database, wipe), Bluesky was"
    )
    assert 70 < found.effect < 90
    assert sorted(found.rows.tolist()) == sorted(members.tolist())
    signal = to_signal(context, found)
    assert signal is not None and signal.narrative_id == "nar_1"


def test_a_narrative_needs_the_minimum_count_on_each_platform() -> None:
    records = Records()
    ordinary_days(records)
    warm = records.add(DAY, 25, beat="ai-agents", platform="bluesky", mood=0.3, spread=0.2)
    cold = records.add(DAY, 12, beat="ai-agents", platform="reddit", mood=-0.5, spread=0.2)
    context = records.context(report_from=DAY)
    narrative = narrative_of(rows_of(context, np.concatenate([warm, cold])))
    assert divergence_findings(context, narrative, {}) == []


def test_a_narrative_is_judged_day_by_day_and_only_on_new_days() -> None:
    records = Records()
    ordinary_days(records)
    before = [
        records.add(DAY - 1, 25, beat="ai-agents", platform="bluesky", mood=0.3, spread=0.2),
        records.add(DAY - 1, 25, beat="ai-agents", platform="reddit", mood=-0.5, spread=0.2),
    ]
    # on the new day it has records on both platforms, but they agree
    after = [
        records.add(DAY, 25, beat="ai-agents", platform="bluesky", mood=0.1, spread=0.2),
        records.add(DAY, 25, beat="ai-agents", platform="reddit", mood=0.1, spread=0.2),
    ]
    context = records.context(report_from=DAY)
    narrative = narrative_of(rows_of(context, np.concatenate([*before, *after])))
    assert divergence_findings(context, narrative, {}) == []
    earlier = records.context(report_from=DAY - 1)
    found = divergence_findings(earlier, narrative, {})
    narratives = [f for f in found if f.details.level == "narrative"]
    assert [f.day for f in narratives] == [DAY - 1]
    assert narratives[0].sentence.startswith("In a narrative on AI Agents, Bluesky was")


def test_unscored_records_do_not_count_towards_the_minimum() -> None:
    records = Records()
    ordinary_days(records)
    records.add(DAY, 30, beat="ai-agents", platform="bluesky", mood=0.4, spread=0.2)
    records.add(DAY, 15, beat="ai-agents", platform="reddit", mood=-0.3, spread=0.2)
    records.add(DAY, 15, beat="ai-agents", platform="reddit")  # no sentiment score
    assert divergence_findings(records.context(report_from=DAY), NarrativePass(), {}) == []
