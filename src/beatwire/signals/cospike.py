"""Co-spikes: several beats spiking on the same day, which hints at one cause behind them."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from beatwire.signal_details import CoSpikeDetails
from beatwire.signals.context import Context
from beatwire.signals.make import Finding
from beatwire.taxonomy import beat_name


def cospike_findings(context: Context, spikes: list[Finding]) -> list[Finding]:
    """Return one finding per day on which at least `cospike_min_beats` beats spiked."""
    detect = context.settings.detect
    by_day: dict[int, list[Finding]] = defaultdict(list)
    for spike in spikes:
        if spike.beat is not None:
            by_day[spike.day].append(spike)
    found = []
    for day, together in sorted(by_day.items()):
        if len(together) < detect.cospike_min_beats:
            continue
        together.sort(key=lambda s: (-s.significance, s.key))
        names = [beat_name(s.key) for s in together]
        date = context.day(day)
        listed = ", ".join(names[:-1]) + f" and {names[-1]}"
        sentence = (
            f"{len(together)} beats spiked together on {date:%B} {date.day}: {listed}, "
            f"each at least {min(s.effect for s in together):.1f} times its usual volume."
        )
        found.append(Finding(
            kind="co_spike", key="+".join(sorted(s.key for s in together)), beat=together[0].beat,
            day=day, value=float(sum(s.value for s in together)),
            baseline=float(sum(s.baseline for s in together)),
            effect=float(np.mean([s.effect for s in together])),
            significance=float(min(s.significance for s in together)),
            min_count=min(s.min_count for s in together), sentence=sentence,
            rows=np.concatenate([s.rows for s in together]),
            details=CoSpikeDetails(beats=tuple(s.key for s in together)),
        ))  # fmt: skip
    return found
