"""Entity surges and share of beat."""

from __future__ import annotations

import pytest

from beatwire.config import load_settings
from beatwire.signal_details import EntitySurgeDetails
from beatwire.signals.entities import one_in, share_findings, surge_findings
from tests.signals.frames import Records

DAY = 15


def with_arkwell(mentions_today: int, *, beat_today: int = 40) -> Records:
    """A beat of 40 records a day, two of which name Arkwell, then a day that names it more."""
    records = Records()
    for day in range(DAY):
        records.add(day, 38, beat="ai-hardware-compute")
        records.add(day, 2, beat="ai-hardware-compute", entity="arkwell")
    records.add(DAY, beat_today - mentions_today, beat="ai-hardware-compute")
    records.add(DAY, mentions_today, beat="ai-hardware-compute", entity="arkwell")
    records.add(DAY, 5, beat="ai-jobs", entity="arkwell")  # a few elsewhere: the beat is the most
    return records


def test_an_entity_named_far_more_than_usual_surges() -> None:
    context = with_arkwell(20).context(report_from=DAY)
    (surge,) = surge_findings(context)
    assert (surge.kind, surge.key, surge.beat, surge.day) == (
        "entity_surge", "entity:arkwell", "ai-hardware-compute", DAY,
    )  # fmt: skip
    assert (surge.value, surge.baseline, surge.effect) == (25, 2.0, 12.5)
    assert surge.details == EntitySurgeDetails(
        entity="arkwell", entity_name="Arkwell", entity_type="organization"
    )
    assert surge.sentence == (
        "Arkwell was mentioned in 25 records on October 20, "
        "12.5 times its median of 2 a day over the previous 14 days."
    )
    assert len(surge.rows) == 25


def test_an_entity_surges_only_when_its_count_is_unlikely_at_its_rate() -> None:
    """At 2 mentions a day, 7 is a 1-in-200 day, not news; 10 is a 1-in-20,000 day."""
    assert surge_findings(with_arkwell(2).context(report_from=DAY)) == []  # 7 mentions
    (surge,) = surge_findings(with_arkwell(5).context(report_from=DAY))  # 10 mentions
    assert surge.value == 10 and surge.min_count == 9


def test_a_surging_entity_that_fills_its_beat_has_a_share_of_beat() -> None:
    context = with_arkwell(20).context(report_from=DAY)
    surges = surge_findings(context)
    (share,) = share_findings(context, surges)
    assert (share.kind, share.key) == ("share_of_beat", "ai-hardware-compute:entity:arkwell")
    assert (share.value, share.baseline) == (0.5, 0.05)
    assert share.effect == pytest.approx(0.45)
    assert share.sentence == (
        "Arkwell is in one post of two on AI Hardware & Compute: 20 of 40 records on October 20 "
        "(50%), against 5% over the previous 14 days."
    )


def test_a_share_of_a_small_beat_counts_when_it_is_unlikely_by_chance() -> None:
    """No fixed beat size: 8 of 12 records where 5 % is usual (chance 1e-7) is a share."""
    context = with_arkwell(8, beat_today=12).context(report_from=DAY)
    (share,) = share_findings(context, surge_findings(context))
    assert share.value == pytest.approx(8 / 12)
    strict = load_settings(None)
    strict.detect.share_max_p = 1e-9
    context = with_arkwell(8, beat_today=12).context(strict, report_from=DAY)
    assert share_findings(context, surge_findings(context)) == []


def test_a_surge_in_a_busy_beat_is_not_a_share_of_beat() -> None:
    context = with_arkwell(20, beat_today=400).context(report_from=DAY)
    surges = surge_findings(context)
    assert len(surges) == 1 and share_findings(context, surges) == []


@pytest.mark.parametrize(
    ("share", "words"),
    [(0.5, "one post of two"), (0.34, "one post of three"), (0.1, "one post of ten"),
     (0.11, "one post of nine"), (0.105, "10% of posts"), (0.42, "42% of posts"),
     (0.07, "7% of posts")],
)  # fmt: skip
def test_one_in_says_a_share_as_people_do(share: float, words: str) -> None:
    assert one_in(share) == words
