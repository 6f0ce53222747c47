"""Collection artefacts: volume that tells how the data was collected, not what people said.

A platform's own volume spike (a collector catching up, a sampling window) is never
news. Nor is a beat's spike mostly made of that platform's records on that day, nor
a day when `collection_min_beats` beats or more spike, each mostly
(`collection_platform_share` of its records) from the same one platform: a jump across
many beats at once is the collector, not a subject. Such signals keep their figures
but carry a `data_note`: they are shown on the Live Wire as data notes, never as stories.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from beatwire.config import DetectSettings
from beatwire.model import PLATFORM_NAMES, Signal

VOLUME_KINDS = ("volume_spike", "co_spike")


def _dominant(signal: Signal, share: float) -> str | None:
    """Return the platform that wrote at least `share` of a signal's records, if one did."""
    mix = signal.details.representativeness
    if mix is None or not mix.platforms:
        return None
    platform, top = next(iter(mix.platforms.items()))
    return platform if top >= share else None


def _note(signal: Signal, text: str) -> None:
    signal.details = replace(signal.details, data_note=text)


def mark_collection_artefacts(signals: list[Signal], settings: DetectSettings) -> int:
    """Give collection artefacts their data note (in place); return how many were marked."""
    by_day: dict[object, list[Signal]] = defaultdict(list)
    for signal in signals:
        if signal.kind in VOLUME_KINDS:
            by_day[signal.window_start].append(signal)
    marked = 0
    for day_signals in by_day.values():
        platform_spikes = {
            s.key.removeprefix("platform:") for s in day_signals if s.key.startswith("platform:")
        }
        beats: dict[str, list[Signal]] = defaultdict(list)
        for signal in day_signals:
            platform = _dominant(signal, settings.collection_platform_share)
            if platform is not None and not signal.key.startswith("platform:"):
                beats[platform].append(signal)
        for signal in day_signals:
            platform = signal.key.removeprefix("platform:")
            if signal.key.startswith("platform:"):
                _note(signal, f"{PLATFORM_NAMES.get(platform, platform)}'s own volume: "
                              "how much was collected, not what was said")  # fmt: skip
                marked += 1
        for platform, spiking in beats.items():
            if platform in platform_spikes or len(spiking) >= settings.collection_min_beats:
                name = PLATFORM_NAMES.get(platform, platform)
                for signal in spiking:
                    _note(signal, f"a jump of {name} records across {len(spiking)} beat(s) "
                                  "at once: a collection artefact")  # fmt: skip
                    marked += 1
    return marked
