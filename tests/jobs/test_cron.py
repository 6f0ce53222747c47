"""Intervals become cron lines that fire at least as often as asked."""

from __future__ import annotations

import itertools

import pytest
from croniter import croniter

from beatwire.jobs.cron import cron_every


@pytest.mark.parametrize(
    ("seconds", "line"),
    [
        (5, "* * * * * */5"),
        (45, "* * * * * */30"),
        (300, "*/5 * * * *"),
        (1800, "*/30 * * * *"),
        (2700, "*/30 * * * *"),
        (3600, "0 */1 * * *"),
        (5 * 3600, "0 */4 * * *"),
        (86400, "0 3 * * *"),
    ],
)
def test_an_interval_maps_to_a_cron_line(seconds: float, line: str) -> None:
    assert cron_every(seconds) == line


@pytest.mark.parametrize("seconds", [1, 7, 59, 60, 61, 299, 900, 3599, 7200, 43200])
def test_the_line_never_fires_less_often_than_asked(seconds: float) -> None:
    times = croniter(cron_every(seconds), 0.0)
    ticks = [times.get_next(float) for _ in range(6)]
    assert max(b - a for a, b in itertools.pairwise(ticks)) <= seconds
