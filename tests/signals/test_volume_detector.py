"""Volume spike findings: the baseline they used, in their numbers, details and sentence."""

from __future__ import annotations

from beatwire.config import load_settings
from beatwire.signals.make import Finding
from beatwire.signals.volume_detector import spike_findings
from tests.signals.frames import Records

WEEK = [40, 40, 40, 40, 40, 10, 10]  # Monday .. Sunday


def weekly(weeks: int, last_saturday: int, platforms: tuple[str, ...] = ("bluesky",)) -> Records:
    """Return `weeks` weeks of a weekly rhythm, then a week whose Saturday draws `last_saturday`."""
    records = Records()
    counts = WEEK * weeks + [40, 40, 40, 40, 40, last_saturday]
    for day, count in enumerate(counts):
        for number, platform in enumerate(platforms):
            records.add(day, count // len(platforms) + (number < count % len(platforms)),
                        platform=platform)  # fmt: skip
    return records


def beat_spikes(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.details.key_type == "beat"]


def test_a_weekend_spike_says_it_beat_the_past_saturdays() -> None:
    context = weekly(5, 35).context(report_from=35)
    (spike,) = beat_spikes(spike_findings(context))
    assert (spike.key, spike.beat, spike.day, spike.value) == ("ai-jobs", "ai-jobs", 40, 35)
    assert spike.baseline == 10.0 and spike.effect == 3.5
    assert spike.details.baseline_kind == "same_weekday"
    assert spike.details.baseline_days == 5
    assert spike.sentence == (
        "AI & Jobs drew 35 records on November 14, 3.5 times its median of 10 on the previous "
        "5 Saturdays."
    )
    assert len(spike.rows) == 35


def test_without_enough_past_weeks_the_finding_names_the_trailing_days() -> None:
    settings = load_settings(None)
    settings.detect.weekday_baseline_min_weeks = 99
    settings.detect.spike_ratio = 0.5  # let the spike through against the busy weekdays
    settings.detect.spike_z = -100.0
    settings.detect.spike_max_p = 1.0
    context = weekly(5, 35).context(settings, report_from=40)
    (spike,) = beat_spikes(spike_findings(context))
    assert spike.details.baseline_kind == "trailing_days"
    assert spike.baseline == 40.0
    assert spike.sentence.endswith("0.9 times its median of 40 a day over the previous 14 days.")


def test_platforms_spike_under_their_own_key() -> None:
    context = weekly(5, 70, platforms=("bluesky", "reddit")).context(report_from=35)
    keys = sorted(f.key for f in spike_findings(context))
    assert keys == ["ai-jobs", "platform:bluesky", "platform:reddit"]
    platform = next(f for f in spike_findings(context) if f.key == "platform:reddit")
    assert platform.beat is None and platform.details.key_type == "platform"
    assert platform.sentence.startswith("Reddit drew 35 records on November 14")


def test_days_before_report_from_are_only_baseline() -> None:
    assert spike_findings(weekly(5, 35).context(report_from=41)) == []
