"""The offline writer: every story it writes on the demo sample scores 100 and passes the gate."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from beatwire.config import NewsroomSettings
from beatwire.newsroom.evidence import EvidencePack
from beatwire.newsroom.fidelity.gate import gate_reasons
from beatwire.newsroom.fidelity.grounding import ground_from_pack
from beatwire.newsroom.fidelity.verify import verify_draft
from beatwire.newsroom.writers import offline
from beatwire.newsroom.writers.event import event_of
from beatwire.signal_details import VolumeSpikeDetails
from tests.newsroom.conftest import make_pack

BENCH = Path(__file__).resolve().parents[3] / "bench" / "verifier.py"


@pytest.fixture(scope="module")
def sample() -> ModuleType:
    """The benchmark module, whose sample packs cover every signal kind."""
    spec = importlib.util.spec_from_file_location("bench_verifier", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_sample_story_scores_100_and_passes_the_gate(sample: ModuleType) -> None:
    stories = list(sample.sample_stories())
    assert len(stories) >= 40
    kinds = {pack.signal.kind for pack, _ in stories}
    assert {"volume_spike", "sentiment_shift", "emerging_narrative", "entity_surge"} <= kinds
    for pack, draft in stories:
        report = verify_draft(draft, ground_from_pack(pack))
        assert report.score == 100.0, (pack.signal.kind, draft.story_type)
        assert gate_reasons(draft, pack, NewsroomSettings()) == []


def test_headlines_vary_across_events(sample: ModuleType) -> None:
    # Signals about the same event (its trigger) share a headline: they are facets of one story.
    leads = [(p, d) for p, d in sample.sample_stories() if d.story_type == "lead"]
    events = {(e.trigger.record.id if (e := event_of(p)) else p.signal.id) for p, _ in leads}
    heads = {d.headline for _, d in leads}
    assert len(heads) == len(events) and len({h.split()[0] for h in heads}) >= 5


def test_the_writer_is_deterministic(pack: EvidencePack) -> None:
    assert offline.write(pack, "lead") == offline.write(pack, "lead")


def test_an_unknown_kind_falls_back_to_the_signal_sentence(pack: EvidencePack) -> None:
    pack.signal.kind = "burst_onset"
    draft = offline.write(pack, "story")
    assert draft.body.startswith("AI Regulation drew 59 records on November 3")
    assert verify_draft(draft, ground_from_pack(pack)).score == 100.0


def test_an_analysis_has_sections_and_the_other_side(pack: EvidencePack) -> None:
    body = offline.write(pack, "analysis").body
    assert "## What people are saying" in body and "## The other side" in body


def spike_details(baseline_kind: str) -> VolumeSpikeDetails:
    return VolumeSpikeDetails(key_type="beat", baseline_kind=baseline_kind, baseline_days=14)


@pytest.mark.parametrize("signal_id", ["sig_a", "sig_b", "sig_c", "sig_d", "sig_e", "sig_f"])
def test_a_spike_against_its_weekday_says_so(signal_id: str) -> None:
    weekly = make_pack(id=signal_id, details=spike_details("same_weekday"))
    daily = make_pack(id=signal_id, details=spike_details("trailing_days"))
    weekly_body, daily_body = (
        offline.write(weekly, "story").body,
        offline.write(daily, "story").body,
    )
    assert "weekday" in weekly_body and "weekday" not in daily_body
    assert verify_draft(offline.write(weekly, "story"), ground_from_pack(weekly)).score == 100.0
