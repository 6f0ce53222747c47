"""The fidelity report: the score of a draft's checked claims, and what was decided on it.

Score = 100 x (claims passing every check) / (claims with at least one check),
100 when nothing is checkable, minus `CONSISTENCY_PENALTY` points for every kind of
consistency check that failed (a ratio on a tiny baseline, a figure restated
differently, parts exceeding their whole, a headline subject no cited record names,
a speaker who did not write the cited record, a dissent that agrees with the majority,
an unflagged foreign-language quote, a date the cited record contradicts), never below
0. One such contradiction makes a reader doubt every other sentence, so it costs more
than one claim's share: with the penalty at 20, a single one takes any story below the
default publication threshold of 80. A kind counts once however many sentences repeat
the same defect (a "57-fold" headline, takeaway and lede are one wrong ratio).

A report made for publication also carries the output gate's verdict, the threshold,
the decision and the evidence's hash; its JSON (`as_json`) is what
`story_versions.fidelity_report` stores and the site shows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from beatwire.newsroom.fidelity.checks import Check
from beatwire.newsroom.fidelity.claims import Claim
from beatwire.newsroom.fidelity.numbers import TOLERANCES

CONSISTENCY_PENALTY = 20.0
# The checks of what a story says against itself and against the data, rather than of
# whether one claim is traceable; each failure also costs CONSISTENCY_PENALTY points.
CONSISTENCY_KINDS = (
    "baseline", "restated", "parts", "subject", "speaker", "dissent", "language", "date",
)  # fmt: skip
FORMULA = (
    "score = 100 * claims passing every check / claims with at least one check "
    f"(100 when nothing is checkable), minus {CONSISTENCY_PENALTY:g} for each kind of "
    f"consistency check that failed ({', '.join(CONSISTENCY_KINDS)}), never below 0"
)


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether a version may be published: the gate's verdict and the score against a threshold."""

    gate_reasons: tuple[str, ...]  # every rule of the output gate the draft breaks
    threshold: float
    publishable: bool
    evidence_hash: str  # what the version rests on; a new version is due when it changes


@dataclass(frozen=True, slots=True)
class FidelityReport:
    """The checked claims of a draft, their score, and the decision when one was made."""

    score: float
    claims_checked: int
    claims_passed: int
    failed_checks: dict[str, int]  # check kind -> how many failed
    claims: list[Claim]
    decision: Decision | None = None
    penalty: float = 0.0  # points taken off for failed consistency checks

    @property
    def inconsistencies(self) -> list[tuple[Claim, Check]]:
        """Return every failed consistency check with the claim it failed on."""
        return [
            (claim, check)
            for claim in self.claims
            for check in claim.checks
            if not check.ok and check.kind in CONSISTENCY_KINDS
        ]

    @classmethod
    def of(cls, claims: list[Claim]) -> FidelityReport:
        """Return the report of checked claims, with its score."""
        checked = [claim for claim in claims if claim.checks]
        passed = sum(claim.ok for claim in checked)
        failed: dict[str, int] = {}
        for claim in checked:
            for check in claim.checks:
                if not check.ok:
                    failed[check.kind] = failed.get(check.kind, 0) + 1
        share = 100.0 if not checked else 100.0 * passed / len(checked)
        penalty = CONSISTENCY_PENALTY * sum(kind in failed for kind in CONSISTENCY_KINDS)
        score = round(max(share - penalty, 0.0), 1)
        return cls(score, len(checked), passed, failed, claims, penalty=penalty)

    @property
    def publishable(self) -> bool:
        """Return whether the version may be published (False when nothing was decided)."""
        return self.decision is not None and self.decision.publishable

    def as_json(self) -> dict[str, Any]:
        """Return the report as stored and served, with the formula and tolerances it used."""
        data: dict[str, Any] = {
            "score": self.score,
            "formula": FORMULA,
            "tolerances": TOLERANCES,
            "claims_checked": self.claims_checked,
            "claims_passed": self.claims_passed,
            "failed_checks": dict(self.failed_checks),
            "penalty": self.penalty,
            "inconsistencies": [
                {"kind": c.kind, "part": claim.part, "claim": claim.text, "detail": c.detail}
                for claim, c in self.inconsistencies
            ],
            "claims": [asdict(claim) | {"ok": claim.ok} for claim in self.claims],
        }
        if self.decision is not None:
            reasons = list(self.decision.gate_reasons)
            data["gate"] = {"passed": not reasons, "reasons": reasons}
            data["threshold"] = self.decision.threshold
            data["publishable"] = self.decision.publishable
            data["evidence_hash"] = self.decision.evidence_hash
        return data
