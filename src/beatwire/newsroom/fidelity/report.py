"""The fidelity report: the score of a draft's checked claims, and what was decided on it.

Score = 100 x (claims passing every check) / (claims with at least one check),
100 when nothing is checkable. A report made for publication also carries the
output gate's verdict, the threshold, the decision and the evidence's hash; its
JSON (`as_json`) is what `story_versions.fidelity_report` stores and the site shows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from beatwire.newsroom.fidelity.claims import Claim
from beatwire.newsroom.fidelity.numbers import TOLERANCES

FORMULA = (
    "score = 100 * claims passing every check / claims with at least one check "
    "(100 when nothing is checkable)"
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
        score = 100.0 if not checked else round(100.0 * passed / len(checked), 1)
        return cls(score, len(checked), passed, failed, claims)

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
            "claims": [asdict(claim) | {"ok": claim.ok} for claim in self.claims],
        }
        if self.decision is not None:
            reasons = list(self.decision.gate_reasons)
            data["gate"] = {"passed": not reasons, "reasons": reasons}
            data["threshold"] = self.decision.threshold
            data["publishable"] = self.decision.publishable
            data["evidence_hash"] = self.decision.evidence_hash
        return data
