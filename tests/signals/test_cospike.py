"""Co-spikes: several beats spiking on the same day make one finding."""

from __future__ import annotations

import numpy as np

from beatwire.signal_details import CoSpikeDetails
from beatwire.signals.cospike import cospike_findings
from beatwire.signals.make import Finding
from tests.signals.frames import Records


def spike(
    key: str, day: int, *, value: int, baseline: float, z: float, beat: bool = True
) -> Finding:
    return Finding(
        kind="volume_spike", key=key if beat else f"platform:{key}", beat=key if beat else None,
        day=day, value=value, baseline=baseline, effect=value / baseline, significance=z,
        min_count=25, sentence="", rows=np.arange(value, dtype=np.int64),
    )  # fmt: skip


def context_of_days(days: int) -> Records:
    records = Records()
    for day in range(days):
        records.add(day, 1)
    return records


def test_beats_spiking_on_the_same_day_are_one_co_spike() -> None:
    context = context_of_days(12).context()
    spikes = [
        spike("ai-jobs", 10, value=60, baseline=20, z=6.0),
        spike("ai-regulation", 10, value=40, baseline=10, z=9.0),
        spike("ai-agents", 11, value=50, baseline=10, z=9.0),
    ]
    (found,) = cospike_findings(context, spikes)
    assert (found.kind, found.key, found.day) == ("co_spike", "ai-jobs+ai-regulation", 10)
    assert found.beat == "ai-regulation"  # the strongest of them leads
    assert found.details == CoSpikeDetails(beats=("ai-regulation", "ai-jobs"))
    assert (found.value, found.baseline, found.effect, found.significance) == (100, 30, 3.5, 6.0)
    assert len(found.rows) == 100
    assert found.sentence == (
        "2 beats spiked together on October 15: AI Regulation and AI & Jobs, "
        "each at least 3.0 times its usual volume."
    )


def test_one_beat_and_platform_spikes_are_not_a_co_spike() -> None:
    context = context_of_days(12).context()
    spikes = [
        spike("ai-jobs", 10, value=60, baseline=20, z=6.0),
        spike("reddit", 10, value=80, baseline=20, z=8.0, beat=False),
    ]
    assert cospike_findings(context, spikes) == []


def test_the_number_of_beats_is_a_setting() -> None:
    records = context_of_days(12)
    spikes = [
        spike("ai-jobs", 10, value=60, baseline=20, z=6.0),
        spike("ai-regulation", 10, value=40, baseline=10, z=9.0),
    ]
    context = records.context()
    context.settings.detect.cospike_min_beats = 3
    assert cospike_findings(context, spikes) == []
