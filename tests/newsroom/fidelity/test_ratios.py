"""Ratios against nothing: "N-fold", "N times", "up N%" over a zero or tiny baseline fail."""

from __future__ import annotations

from beatwire.newsroom.evidence import EvidencePack
from beatwire.newsroom.fidelity.grounding import ground_from_pack
from beatwire.newsroom.fidelity.ratios import is_tiny
from beatwire.newsroom.fidelity.report import FidelityReport
from beatwire.newsroom.fidelity.verify import verify, verify_draft
from tests.newsroom.conftest import make_pack
from tests.newsroom.fidelity.drafts import draft_of


def _failed(report: FidelityReport) -> list[str]:
    return [c.kind for claim in report.claims for c in claim.checks if not c.ok]


def _surge(value: float, baseline: float) -> EvidencePack:
    return make_pack(
        value=value, baseline=baseline, effect=value / max(baseline, 1),
        sentence=f"Orvane Council was named in {value:g} records.",
    )  # fmt: skip


def test_a_ratio_on_a_real_baseline_passes(pack: EvidencePack) -> None:
    report = verify("AI Regulation drew 59 records, 8.4 times its median.", ground_from_pack(pack))
    assert report.score == 100.0 and "baseline" not in _failed(report)


def test_a_ratio_on_a_zero_baseline_fails_and_costs_the_penalty() -> None:
    ground = ground_from_pack(_surge(57, 0))
    report = verify("AI Regulation drew 57 records. Talk jumped 57-fold on November 3.", ground)
    assert _failed(report) == ["baseline"]
    assert report.score == 50.0 - 20.0 and report.penalty == 20.0
    assert "baseline of 0" in report.inconsistencies[0][1].detail


def test_every_form_of_ratio_on_a_tiny_baseline_fails() -> None:
    ground = ground_from_pack(_surge(57, 2))
    for text in (
        "It was 57 times its usual level.",
        "Mentions tripled.",
        "Mentions were up 2750% on the day.",
        "Mentions jumped 57x the norm.",
    ):
        assert "baseline" in _failed(verify(text, ground)), text


def test_a_baseline_the_claim_states_is_the_one_judged(pack: EvidencePack) -> None:
    ground = ground_from_pack(pack)  # the signal's own baseline is 7
    claim = "Against a typical 1, that is 8.4 times the usual."
    assert "baseline" in _failed(verify(claim, ground))


def test_a_ratio_in_the_headline_is_checked_too() -> None:
    pack = _surge(57, 0)
    draft = draft_of(pack, headline="Talk of the Orvane Council jumps 57-fold")
    report = verify_draft(draft, ground_from_pack(pack))
    assert [c.part for c, _ in report.inconsistencies] == ["headline"]


def test_tiny_means_under_three_records_or_three_points_on_a_scale() -> None:
    assert is_tiny(2.9, counts=True) and not is_tiny(3, counts=True)
    assert is_tiny(0.02, counts=False) and not is_tiny(0.2, counts=False)


def test_a_share_doubling_from_a_tiny_share_fails() -> None:
    pack = make_pack(value=0.4, baseline=0.01, effect=0.39, sentence="A share of 40%.")
    assert "baseline" in _failed(verify("Its share doubled.", ground_from_pack(pack)))
    pack = make_pack(value=0.4, baseline=0.2, effect=0.2, sentence="A share of 40%.")
    assert "baseline" not in _failed(verify("Its share doubled.", ground_from_pack(pack)))
