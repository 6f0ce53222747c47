"""What a story's fidelity check covered, in words: "14 claims checked: quotes, figures, names"."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The verifier's check kinds as a reader would name what was checked, in this order.
CHECKED_AS = {
    "quote": "quotes",
    "number": "figures",
    "name": "names",
    "attribution": "who said what",
    "platform": "platforms",
    "group": "groups",
    "marker": "citations",
}


@dataclass(slots=True)
class CheckSummary:
    """How many claims were checked, for what, how many failed, and the score."""

    claims: int
    passed: int
    score: float
    what: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def warning(self) -> bool:
        """Return whether any checked claim failed: the badge then warns."""
        return self.score < 100

    def sentence(self) -> str:
        """Return the badge's words."""
        what = f": {', '.join(self.what)}" if self.what else ""
        head = f"{self.claims} claim{'s' if self.claims != 1 else ''} checked{what}"
        if not self.warning:
            return f"{head}. All passed."
        return f"{head}. {self.claims - self.passed} failed ({', '.join(self.failed)})."


def check_summary(report: dict[str, Any]) -> CheckSummary:
    """Return the summary of a stored fidelity report."""
    kinds = {
        check.get("kind")
        for claim in report.get("claims", [])
        for check in claim.get("checks") or []
    }
    failed = report.get("failed_checks") or {}
    return CheckSummary(
        claims=int(report.get("claims_checked", 0)),
        passed=int(report.get("claims_passed", 0)),
        score=float(report.get("score", 100.0)),
        what=[words for kind, words in CHECKED_AS.items() if kind in kinds],
        failed=[CHECKED_AS.get(kind, kind) for kind in failed if failed[kind]],
    )
