"""The fidelity verifier: checks a story body against the records it cites.

Score = 100 x (claims that pass every check) / (claims checked). A claim is a
sentence of the body. Checks so far: every `[N]` marker resolves to a cited
record, and every quotation (text in curly or straight double quotes) appears
verbatim — after normalising whitespace and quote marks — in a record that the
same sentence cites.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from beatwire.newsroom.markers import cited_numbers
from beatwire.newsroom.quotes import is_verbatim

FORMULA = "score = 100 * claims passing every check / claims checked (100 when nothing to check)"
_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
_BREAK = re.compile(r"(?<=[.!?])\s+")


def split_claims(paragraph: str) -> list[str]:
    """Return the sentences of a paragraph, never breaking inside a quotation."""
    claims: list[str] = []
    start = 0
    for match in _BREAK.finditer(paragraph):
        before = paragraph[start : match.start()]
        if before.count("“") > before.count("”") or before.count('"') % 2:
            continue
        claims.append(before.strip())
        start = match.end()
    tail = paragraph[start:].strip()
    return [*claims, tail] if tail else claims


@dataclass(slots=True)
class Check:
    """One check of one claim."""

    kind: str  # marker, quote
    ok: bool
    detail: str


@dataclass(slots=True)
class Claim:
    """A sentence of the body and the checks it went through."""

    text: str
    citations: list[int]
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Return whether every check of the claim passed."""
        return all(check.ok for check in self.checks)


def _check_claim(claim: Claim, sources: dict[int, str]) -> None:
    for number in claim.citations:
        found = number in sources
        claim.checks.append(
            Check("marker", found, f"[{number}] {'resolves' if found else 'cites nothing'}")
        )
    for match in _QUOTED.finditer(claim.text):
        quote = match.group(1) or match.group(2)
        cited = [sources[n] for n in claim.citations if n in sources]
        ok = any(is_verbatim(quote, text) for text in cited)
        detail = (
            "verbatim in a cited record" if ok else "not found in any record this sentence cites"
        )
        claim.checks.append(Check("quote", ok, f"“{quote[:60]}”: {detail}"))


def verify(body: str, sources: dict[int, str]) -> dict[str, Any]:
    """Return the fidelity report of `body` given the text of each cited record by number."""
    claims = []
    for paragraph in body.split("\n\n"):
        for sentence in split_claims(paragraph):
            claim = Claim(text=sentence, citations=cited_numbers(sentence))
            _check_claim(claim, sources)
            claims.append(claim)
    checked = [claim for claim in claims if claim.checks]
    passed = sum(claim.ok for claim in checked)
    score = 100.0 if not checked else round(100.0 * passed / len(checked), 1)
    return {
        "score": score,
        "formula": FORMULA,
        "claims_checked": len(checked),
        "claims_passed": passed,
        "claims": [asdict(claim) | {"ok": claim.ok} for claim in claims],
    }
