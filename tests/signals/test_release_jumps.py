"""Release jumps: a maker's downloads a day once its new model reached the trending list."""

from __future__ import annotations

from datetime import timedelta

import pytest

from beatwire.signal_details import ModelEcosystemDetails
from beatwire.signals.context import Context
from beatwire.signals.release_jumps import release_jumps
from beatwire.store.frames import Model, ModelDelta
from tests.signals.frames import MONDAY, Records


def _context(report_from: int = 7) -> Context:
    world = Records()
    for day in range(14):
        world.add(day, 5)
    world.add(9, 3, entity="deepseek", platform="hackernews")  # posts naming the maker
    return world.context(report_from=report_from)


def _history(
    daily: dict[str, list[int]], first_day: dict[str, int]
) -> tuple[dict[str, list[Model]], list[ModelDelta]]:
    """Return 14 days of snapshots: each model on the list from its first day, gaining daily[m]."""
    days: dict[str, list[Model]] = {}
    deltas = []
    for n in range(14):
        moment = MONDAY + timedelta(days=n, hours=12)
        listed = [m for m in daily if first_day.get(m, 0) <= n]
        days[moment.date().isoformat()] = [(m, m.split("/")[0], 1000, 1) for m in listed]
        deltas += [
            ModelDelta(m, int(moment.timestamp()), daily[m][n], float(daily[m][n]))
            for m in listed
            if first_day.get(m, 0) < n  # the first day on the list has nothing to compare with
        ]
    return days, deltas


OLD = "deepseek-ai/old"
NEW = "deepseek-ai/new-ocr"
OTHERS = {"Qwen/q": [50_000] * 14, "openai/o": [30_000] * 14}


def test_a_new_model_lifting_its_makers_downloads_is_a_release_jump() -> None:
    daily = {OLD: [2_000] * 14, NEW: [0] * 8 + [60_000] * 6, **OTHERS}
    days, deltas = _history(daily, {NEW: 8})
    pages = {NEW: 99}
    found = release_jumps(_context(), days, deltas, pages)
    assert [f.key for f in found] == ["release:DeepSeek:2026-10-13"]
    jump = found[0]
    assert jump.day == 11 and jump.days == 4  # the release day and the next three
    assert jump.baseline == pytest.approx(2_000)
    assert jump.value == pytest.approx((2_000 * 4 + 60_000 * 3) / 4)  # day 8 has no delta of it
    assert jump.pages == (99,) and len(jump.rows) == 3
    details = jump.details
    assert isinstance(details, ModelEcosystemDetails)
    assert (details.change, details.maker, details.country) == ("release_jump", "DeepSeek", "CN")
    assert details.models == (NEW,) and details.model_gains == (180_000,)
    assert details.release_day == "2026-10-13" and details.per_day_before == 2_000.0
    assert "Trending models from DeepSeek gained 47,000 downloads a day" in jump.sentence


def test_no_jump_when_small_when_the_maker_is_new_or_when_the_release_did_not_make_it() -> None:
    small = {OLD: [2_000] * 14, NEW: [0] * 8 + [4_000] * 6, **OTHERS}
    assert release_jumps(_context(), *_history(small, {NEW: 8}), {}) == []
    arrival = {NEW: [0] * 8 + [60_000] * 6, **OTHERS}  # DeepSeek had nothing on the list before
    assert release_jumps(_context(), *_history(arrival, {NEW: 8}), {}) == []
    elsewhere = {OLD: [2_000] * 8 + [60_000] * 6, NEW: [0] * 14, **OTHERS}
    assert release_jumps(_context(), *_history(elsewhere, {NEW: 8}), {}) == []
    reported = {OLD: [2_000] * 14, NEW: [0] * 8 + [60_000] * 6, **OTHERS}
    assert release_jumps(_context(report_from=12), *_history(reported, {NEW: 8}), {}) == []
