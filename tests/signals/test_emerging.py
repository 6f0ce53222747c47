"""Emerging narratives: young narratives that grow fast on more than one platform."""

from __future__ import annotations

import numpy as np

from beatwire.signals.context import Context
from beatwire.signals.emerging import emerging_findings
from beatwire.signals.narratives import NarrativePass
from tests.signals.frames import Records, rows_of

BORN = 10


def growing(platforms: tuple[str, ...], sizes: tuple[int, ...] = (4, 30)) -> Records:
    """Ordinary days, then a narrative on AI agents that grows over the days from BORN."""
    records = Records()
    for day in range(BORN + len(sizes)):
        records.add(day, 20, beat="ai-agents", platform="mastodon")
    for offset, size in enumerate(sizes):
        for number, platform in enumerate(platforms):
            count = size // len(platforms) + (number < size % len(platforms))
            records.add(BORN + offset, count, beat="ai-agents", platform=platform)
    return records


def narrative_rows(records: Records, context: Context) -> np.ndarray:
    """Return the frame positions of the narrative's records (those added after the ordinary)."""
    return rows_of(context, np.arange(20 * (BORN + 2), len(records.times)))


def narrative(context_rows: np.ndarray, *, split: bool = False) -> NarrativePass:
    found = NarrativePass(
        members={"nar_7": context_rows.tolist()}, beats={"nar_7": "ai-agents"}, born={"nar_7": BORN}
    )
    if split:
        found.split_from["nar_7"] = "nar_1"
    return found


def test_a_young_narrative_that_grows_on_several_platforms_is_emerging() -> None:
    records = growing(("bluesky", "reddit", "hackernews"))
    context = records.context(report_from=BORN + 1)
    rows = narrative_rows(records, context)
    (found,) = emerging_findings(context, narrative(rows), {"nar_7": "agent, wipe"}, {})
    assert (found.kind, found.key, found.narrative_id, found.day) == (
        "emerging_narrative", "nar_7", "nar_7", BORN + 1,
    )  # fmt: skip
    assert (found.value, found.baseline, found.effect) == (30, 4.0, 7.5)
    assert found.details.platforms == ("bluesky", "reddit", "hackernews")
    assert found.details.age_days == 1 and found.details.size == 34
    assert found.sentence == (
        "A new narrative on AI Agents (agent, wipe) drew 30 records on October 16, 7.5 times its "
        "daily mean of 4.0 since it appeared 1 day earlier, across 3 platforms: Bluesky, Reddit "
        "and Hacker News."
    )


def test_one_platform_is_not_enough() -> None:
    records = growing(("reddit",))
    context = records.context(report_from=BORN + 1)
    rows = narrative_rows(records, context)
    assert emerging_findings(context, narrative(rows), {}, {}) == []


def test_a_part_split_from_an_older_narrative_is_not_new() -> None:
    records = growing(("bluesky", "reddit", "hackernews"))
    context = records.context(report_from=BORN + 1)
    rows = narrative_rows(records, context)
    assert emerging_findings(context, narrative(rows, split=True), {}, {}) == []


def test_a_narrative_older_than_the_age_limit_is_not_emerging() -> None:
    records = growing(("bluesky", "reddit", "hackernews"))
    context = records.context(report_from=BORN + 1)
    rows = narrative_rows(records, context)
    born_long_ago = {"nar_7": BORN - 5}  # the store knew it before this pass
    assert emerging_findings(context, narrative(rows), {}, born_long_ago) == []
