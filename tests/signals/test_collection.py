"""Collection artefacts: a platform's own volume and one platform's jump across beats are notes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from beatwire.config import DetectSettings
from beatwire.model import Representativeness, Signal
from beatwire.signal_details import VolumeSpikeDetails
from beatwire.signals.collection import mark_collection_artefacts

DAY = datetime(2026, 11, 3, tzinfo=UTC)


def a_spike(key: str, platforms: dict[str, float], day: datetime = DAY) -> Signal:
    mix = Representativeness(40, 30, 0.05, 0.1, platforms, "")
    details = VolumeSpikeDetails(key_type="platform" if key.startswith("platform:") else "beat",
                                 baseline_kind="trailing_days", baseline_days=14,
                                 representativeness=mix)  # fmt: skip
    return Signal(
        id=key, kind="volume_spike", key=key, beat=None if ":" in key else key,
        window_start=day, window_end=day + timedelta(days=1), value=40, baseline=10, effect=4,
        significance=5, min_count=20, sentence="x", details=details,
    )  # fmt: skip


def test_a_platforms_own_volume_is_a_note() -> None:
    spike = a_spike("platform:mastodon", {"mastodon": 1.0})
    assert mark_collection_artefacts([spike], DetectSettings()) == 1
    assert spike.details.data_note and "Mastodon" in spike.details.data_note


def test_one_platform_jumping_across_beats_is_a_note_and_a_mixed_spike_is_not() -> None:
    crawl = [a_spike("ai-jobs", {"mastodon": 0.9, "bluesky": 0.1}),
             a_spike("ai-law", {"mastodon": 1.0})]  # fmt: skip
    mixed = a_spike("ai-agents", {"bluesky": 0.5, "reddit": 0.5})
    assert mark_collection_artefacts([*crawl, mixed], DetectSettings()) == 2
    assert all(s.details.data_note for s in crawl) and mixed.details.data_note is None


def test_a_single_beat_from_a_platform_that_spiked_itself_is_a_note() -> None:
    beat = a_spike("ai-jobs", {"mastodon": 0.8, "bluesky": 0.2})
    other_day = a_spike("ai-law", {"mastodon": 1.0}, DAY + timedelta(days=1))
    platform = a_spike("platform:mastodon", {"mastodon": 1.0})
    mark_collection_artefacts([beat, other_day, platform], DetectSettings())
    assert beat.details.data_note and other_day.details.data_note is None
