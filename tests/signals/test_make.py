"""Building signals from findings: stable ids, windows, evidence and the flood check."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np

from beatwire.signals.make import Finding, signal_id, to_signal
from tests.signals.frames import MONDAY, Records


def finding(rows: np.ndarray, *, days: int = 1, from_posts: bool = True) -> Finding:
    return Finding(
        kind="volume_spike", key="ai-jobs", beat="ai-jobs", day=3, value=len(rows), baseline=5,
        effect=2.0, significance=4.0, min_count=25, sentence="A sentence with 1 number.",
        rows=rows, days=days, from_posts=from_posts,
    )  # fmt: skip


def test_the_same_finding_always_gets_the_same_id() -> None:
    start = datetime(2026, 11, 1, tzinfo=UTC)
    assert signal_id("volume_spike", "ai-jobs", start) == signal_id(
        "volume_spike", "ai-jobs", start
    )
    assert signal_id("volume_spike", "ai-jobs", start).startswith("sig_")
    assert signal_id("volume_spike", "ai-jobs", start) != signal_id("volume_spike", "ai-ed", start)
    later = start + timedelta(days=1)
    assert signal_id("volume_spike", "ai-jobs", start) != signal_id(
        "volume_spike", "ai-jobs", later
    )


def test_a_signal_spans_its_days_and_cites_the_first_records_by_id() -> None:
    records = Records()
    for day in range(4):
        records.add(day, 50)
    context = records.context()
    context.settings.detect.evidence_limit = 10
    rows = np.arange(199, 149, -1)  # the 50 records of day 3, newest first
    signal = to_signal(context, finding(rows, days=2))
    assert signal is not None
    assert signal.window_start == MONDAY + timedelta(days=2)
    assert signal.window_end == MONDAY + timedelta(days=4)
    assert signal.evidence == sorted(context.frame.ids[rows].tolist())[:10]
    mix = signal.details.representativeness
    assert mix is not None and mix.records == 50
    assert mix.sentence.startswith("The 50 records came from 50")
    assert signal.score == 4.0  # the significance, when the detector gave no score


def test_records_from_too_few_accounts_are_a_flood_and_no_signal() -> None:
    records = Records()
    records.add(3, 50)
    context = records.context()
    context.frame.authors.codes[:] = 0  # one account wrote them all
    assert to_signal(context, finding(np.arange(50))) is None
    # figures that are not posts (model downloads) are not judged by who wrote them
    assert to_signal(context, finding(np.arange(50), from_posts=False)) is not None
