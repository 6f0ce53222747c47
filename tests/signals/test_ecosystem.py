"""Model ecosystem signals: weekly shares of trending-model downloads by country and maker."""

from __future__ import annotations

from datetime import timedelta

import pytest

from beatwire.makers import group_name
from beatwire.signal_details import ModelEcosystemDetails
from beatwire.signals.context import Context
from beatwire.signals.ecosystem import ecosystem_findings
from beatwire.signals.make import to_signal
from beatwire.store.frames import Model, ModelDelta
from tests.signals.frames import MONDAY, Records

WEEKS = 3  # MONDAY starts the first of three whole weeks


def _context(report_from: int = 14) -> Context:
    world = Records()
    for day in range(7 * WEEKS):
        world.add(day, 5)
    world.add(16, 4, entity="meta", mood=0.5)  # people talk about Meta in week 3
    return world.context(report_from=report_from)


def _week(week: int, gains: dict[str, int]) -> tuple[dict[str, list[Model]], list[ModelDelta]]:
    """Return a week of daily snapshots where each model gains gains[model] / 7 a day."""
    days: dict[str, list[Model]] = {}
    deltas = []
    for n in range(7):
        moment = MONDAY + timedelta(days=7 * week + n, hours=12)
        days[moment.date().isoformat()] = [
            (model, model.split("/")[0], 1000, 10) for model in gains
        ]
        deltas += [
            ModelDelta(model, int(moment.timestamp()), gain // 7, gain / 7)
            for model, gain in gains.items()
        ]
    return days, deltas


def _history(*weeks: dict[str, int]) -> tuple[dict[str, list[Model]], list[ModelDelta]]:
    days: dict[str, list[Model]] = {}
    deltas: list[ModelDelta] = []
    for number, gains in enumerate(weeks):
        more_days, more_deltas = _week(number, gains)
        days |= more_days
        deltas += more_deltas
    return days, deltas


STEADY = {"Qwen/q1": 2800, "meta-llama/l1": 5600, "openai/o1": 1400, "x/a": 70, "y/b": 70}
CHINA_RISES = {
    "Qwen/q1": 7000, "meta-llama/l1": 2800, "openai/o1": 1400, "x/a": 70, "y/b": 70,
    "deepseek-ai/new": 4200,
}  # fmt: skip


def _found(context: Context, *weeks: dict[str, int]) -> dict[str, ModelEcosystemDetails]:
    days, deltas = _history(*weeks)
    found = ecosystem_findings(context, days, deltas, {})
    assert all(isinstance(f.details, ModelEcosystemDetails) for f in found)
    return {f.key: f.details for f in found}  # type: ignore[misc]


def test_a_country_taking_more_of_the_weeks_downloads_is_a_share_shift() -> None:
    context = _context()
    days, deltas = _history(STEADY, STEADY, CHINA_RISES)
    found = {f.key: f for f in ecosystem_findings(context, days, deltas, {})}
    china = found["share:country:CN:2026-W43"]
    assert china.day == 20 and china.days == 7  # the week's Sunday, spanning the week
    assert china.value == pytest.approx(11200 / 15540, abs=1e-3)
    assert china.baseline == pytest.approx(2800 / 9940, abs=1e-3)
    assert china.effect == pytest.approx((china.value - china.baseline) * 100)
    details = china.details
    assert isinstance(details, ModelEcosystemDetails)
    assert details.group == "Chinese makers" and details.change == "share_shift"
    assert details.models == ("Qwen/q1", "deepseek-ai/new")  # largest gain first
    assert details.model_gains == (7000, 4200)
    assert details.talk_points is None and len(china.rows) == 0  # a country has no talk
    assert "Chinese makers took 72% of the downloads" in china.sentence
    assert "up from 28% the week before" in china.sentence
    assert "Qwen/q1 (7,000)" in china.sentence
    # the other side of the move is told in the same story, not in one of its own
    assert details.also == ("US",) and "share:country:US:2026-W43" not in found
    assert details.shares_before["US"] == pytest.approx(7000 / 9940, abs=1e-4)
    assert "Over the same week American makers went from 70% to 27%, led by meta-llama/l1 " in (
        china.sentence
    )
    meta = found["share:maker:Meta:2026-W43"]  # Meta fell most; Alibaba and DeepSeek rose
    assert isinstance(meta.details, ModelEcosystemDetails)
    # the other side is told from half the 20 points: Alibaba's 17 (28% to 45%) too,
    assert meta.details.also == ("Alibaba", "DeepSeek")
    assert "Over the same week Alibaba went from 28% to 45%" in meta.sentence
    assert meta.details.talk_points == 50.0  # the four posts about Meta that week
    assert len(meta.rows) == 4  # are its evidence


def test_a_new_leader_and_a_big_newcomer_are_signals_too() -> None:
    found = _found(_context(), STEADY, STEADY, CHINA_RISES)
    lead = found["lead:country:2026-W43"]
    assert (lead.group, lead.previous_leader) == ("Chinese makers", "American makers")
    maker_lead = found["lead:maker:2026-W43"]
    assert maker_lead.group == "Alibaba" and maker_lead.previous_leader == "Meta"
    new = found["newcomer:deepseek-ai/new:2026-W43"]
    assert (new.maker, new.country, new.gained) == ("DeepSeek", "CN", 4200)
    assert new.share == pytest.approx(4200 / 15540, abs=1e-4)


def test_steady_weeks_old_weeks_and_unknown_makers_make_no_signal() -> None:
    assert _found(_context(), STEADY, STEADY, STEADY) == {}
    # 18 points (Chinese makers 28% to 46%, American makers 70% to 53%): under the 20 needed
    small = {**STEADY, "Qwen/q1": 6160}
    assert not any(key.startswith("share:") for key in _found(_context(), STEADY, STEADY, small))
    assert _found(_context(report_from=21), STEADY, STEADY, CHINA_RISES) == {}  # reported before
    unknown_rises = {**STEADY, "x/a": 40000}
    found = _found(_context(), STEADY, STEADY, unknown_rises)
    assert not any("unknown" in key for key in found)
    assert {d.group for d in found.values()} <= {"American makers", "Meta", "Chinese makers",
                                                 "Alibaba", "OpenAI"}  # fmt: skip


def test_an_unfinished_week_waits_for_its_sunday() -> None:
    days, deltas = _history(STEADY, STEADY, CHINA_RISES)
    sunday = max(days)
    del days[sunday]
    assert ecosystem_findings(_context(), days, deltas, {}) == []


def test_a_group_is_named_by_its_demonym_or_its_name() -> None:
    assert group_name("country", "AE") == "Emirati makers"
    assert group_name("country", "KR") == "South Korean makers"
    assert group_name("maker", "DeepSeek") == "DeepSeek"
    assert group_name("country", "unknown") == "unknown makers"


def test_the_models_own_pages_lead_the_evidence() -> None:
    context = _context()
    days, deltas = _history(STEADY, STEADY, CHINA_RISES)
    pages = {"Qwen/q1": 10**6, "deepseek-ai/new": 10**6 + 1, "meta-llama/l1": 7, "gone/x": 10**9}
    found = ecosystem_findings(context, days, deltas, {}, pages)
    china = next(f for f in found if f.key == "share:country:CN:2026-W43")
    assert china.pages == (10**6, 10**6 + 1, 7)  # its models, then the other side's leader
    meta = next(f for f in found if f.key == "share:maker:Meta:2026-W43")
    signal = to_signal(context, meta)
    assert signal is not None
    assert signal.evidence[:3] == [7, 10**6, 10**6 + 1]  # pages first, though outside the frame
    assert len(signal.evidence) == 7  # then the four posts about the maker
