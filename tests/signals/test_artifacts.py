"""Artifacts: papers, models and repositories found in the links of a post."""

from __future__ import annotations

from datetime import timedelta

from beatwire.signals.artifacts import artifact_keys, download_findings
from beatwire.signals.context import Context
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
