"""Artifacts: papers, models and repositories found in the links of a post."""

from __future__ import annotations

from datetime import timedelta

import pytest

from beatwire.signals.artifacts import artifact_keys, download_findings
from beatwire.signals.context import Context
from beatwire.signals.ecosystem import ecosystem_findings, shares
from beatwire.signals.entities import one_in
from beatwire.store.frames import ModelDelta
from tests.signals.frames import MONDAY, Records


def test_links_become_artifact_keys() -> None:
    text = (
        "see https://arxiv.org/abs/2601.01234v2 and https://huggingface.co/acme/tiny-7b "
        "code at https://github.com/acme/tiny.git (or github.com/acme/tiny)"
    )
    assert artifact_keys(text) == {
        "arxiv:2601.01234", "huggingface:acme/tiny-7b", "github:acme/tiny",
    }  # fmt: skip


def test_datasets_and_spaces_are_not_models() -> None:
    assert artifact_keys("https://huggingface.co/datasets/acme/data") == set()


def test_shares_of_downloads_by_country_follow_the_maker_table() -> None:
    models = [("Qwen/a", "Qwen", 600, 1), ("meta-llama/b", "meta-llama", 300, 1),
              ("nobody/c", "nobody", 100, 0)]  # fmt: skip
    by = shares(models)
    assert by["country"] == {"CN": 0.6, "US": 0.3, "unknown": 0.1}
    assert by["maker"]["nobody"] == 0.1


def test_shares_read_as_people_say_them() -> None:
    assert one_in(0.34) == "one post of three"
    assert one_in(0.5) == "one post of two"
    assert one_in(0.42) == "42% of posts"


def _deltas(model: str, per_day: list[float], first_day: int = 0) -> list[ModelDelta]:
    """Return one delta per day from `first_day`, snapshots at noon after MONDAY."""
    return [
        ModelDelta(model, int((MONDAY + timedelta(days=first_day + n, hours=12)).timestamp()),
                   int(rate), rate)
        for n, rate in enumerate(per_day)
    ]  # fmt: skip


def _context() -> Context:
    world = Records()
    for day in range(10):
        world.add(day, 30)
    return world.context(report_from=8)


def test_a_model_whose_daily_downloads_jump_is_an_artifact_surge() -> None:
    context = _context()
    deltas = _deltas("acme/tiny-7b", [2000, 2200, 1800, 2100, 9000], first_day=5)
    deltas += _deltas("acme/steady", [5000, 5100, 4900, 5200, 5300], first_day=5)
    found = download_findings(context, deltas, {})
    assert [f.key for f in found] == ["downloads:acme/tiny-7b"]
    jump = found[0]
    assert jump.day == 9 and jump.value == 9000 and jump.baseline == 2050
    assert "9,000 downloads a day" in jump.sentence and "4.4 times" in jump.sentence


def test_no_jump_without_history_enough_gain_or_a_new_day() -> None:
    context = _context()
    assert download_findings(context, _deltas("a/first", [50000], first_day=9), {}) == []
    assert download_findings(context, _deltas("a/small", [10, 10, 900], first_day=7), {}) == []
    # the jump happened on a baseline day: an earlier pass reported it
    assert download_findings(context, _deltas("a/old", [1000, 9000], first_day=6), {}) == []


def _trending(chinese: int, american: int) -> list[tuple[str, str, int, int]]:
    """Return six trending models: three by a Chinese lab, three by an American one."""
    models = [(f"Qwen/m{n}", "Qwen", chinese, 1) for n in range(3)]
    return models + [(f"meta-llama/m{n}", "meta-llama", american, 1) for n in range(3)]


def _day(n: int) -> str:
    return (MONDAY + timedelta(days=n)).date().isoformat()


def test_a_country_taking_more_downloads_is_a_model_ecosystem_signal() -> None:
    context = _context()  # days 0-9, days 8 and 9 are new
    days = {
        _day(2): _trending(300, 700),
        _day(5): _trending(400, 600),
        _day(9): _trending(600, 400),
    }
    found = {f.key: f for f in ecosystem_findings(context, days)}
    assert set(found) == {"country:CN", "country:US"}
    china = found["country:CN"]
    assert china.day == 9 and china.value == pytest.approx(0.6)
    assert china.baseline == pytest.approx(0.3)
    assert "Chinese labs' models now take most downloads" in china.sentence
    assert f"up from 30% on {_day(2)}" in china.sentence


def test_no_ecosystem_signal_without_a_new_snapshot_day_or_a_baseline() -> None:
    context = _context()
    old_news = {_day(2): _trending(300, 700), _day(6): _trending(600, 400)}  # day 6 not new
    assert ecosystem_findings(context, old_news) == []
    assert ecosystem_findings(context, {_day(9): _trending(600, 400)}) == []
    steady = {_day(2): _trending(500, 500), _day(9): _trending(550, 450)}  # 5 points: too small
    assert ecosystem_findings(context, steady) == []
