"""The fidelity report: its score, and the JSON keys stored rows and the site rely on."""

from __future__ import annotations

from beatwire.newsroom.evidence import EvidencePack
from beatwire.newsroom.fidelity.checks import Check
from beatwire.newsroom.fidelity.claims import Claim
from beatwire.newsroom.fidelity.grounding import ground_from_pack
from beatwire.newsroom.fidelity.report import (
    CONSISTENCY_KINDS,
    CONSISTENCY_PENALTY,
    FORMULA,
    FidelityReport,
)
from beatwire.newsroom.fidelity.verify import verify


def test_the_score_counts_claims_that_passed_every_check() -> None:
    claims = [
        Claim("Fine [1].", "body", [1], [Check("marker", True, "[1] resolves")]),
        Claim("Wrong [9].", "body", [9], [Check("marker", False, "[9] cites nothing")]),
        Claim("Half [1].", "body", [1], [Check("quote", True, ""), Check("number", False, "")]),
        Claim("Unchecked.", "body", []),
    ]
    report = FidelityReport.of(claims)
    assert (report.score, report.claims_checked, report.claims_passed) == (33.3, 3, 1)
    assert report.failed_checks == {"marker": 1, "number": 1}
    assert FidelityReport.of([Claim("Nothing to check.", "body", [])]).score == 100.0


def test_a_verification_alone_has_the_report_keys_and_no_decision(pack: EvidencePack) -> None:
    report = verify("Talk rose [1]. It doubled.", ground_from_pack(pack))
    data = report.as_json()
    assert list(data) == [
        "score", "formula", "tolerances", "claims_checked", "claims_passed", "failed_checks",
        "penalty", "inconsistencies", "claims",
    ]  # fmt: skip
    assert data["formula"] == FORMULA and not report.publishable
    assert data["claims"][1] == {
        "text": "It doubled.", "part": "body", "citations": [],
        "checks": [
            {"kind": "number", "ok": False, "detail": "doubled: not in the evidence within tolerance"},  # noqa: E501
            {"kind": "baseline", "ok": True, "detail": "doubled: against a baseline of 7"},
        ],
        "ok": False,
    }  # fmt: skip


def test_each_kind_of_consistency_failure_costs_the_penalty_once() -> None:
    def claim(*kinds: str) -> Claim:
        return Claim("A sentence [1].", "body", [1], [Check(k, False, "") for k in kinds])

    for kind in CONSISTENCY_KINDS:
        assert kind in FORMULA
        report = FidelityReport.of(
            [claim(kind), Claim("Fine.", "body", [], [Check("x", True, "")])]
        )
        assert (report.score, report.penalty) == (50.0 - CONSISTENCY_PENALTY, CONSISTENCY_PENALTY)
    twice = FidelityReport.of([claim("baseline"), claim("baseline", "date"), claim("number")])
    assert (twice.score, twice.penalty) == (0.0, 2 * CONSISTENCY_PENALTY)
    assert [c.kind for _, c in twice.inconsistencies] == ["baseline", "baseline", "date"]
