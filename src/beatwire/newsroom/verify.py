"""The fidelity verifier: checks every claim of a story against the evidence it rests on.

A claim is a sentence of the body (or of an FAQ answer), or a display field
(headline, dek, each takeaway, the SEO description, each FAQ question).
Checks of a body claim:
- marker: every `[N]` resolves to a record of the evidence;
- quote: every quotation is verbatim (whitespace and quote marks normalised)
  in a record the same sentence cites;
- attribution: a person a quotation is attributed to is the author of a cited
  record that holds it;
- platform: a platform the claim names is where a cited record comes from;
- number: every number, date and multiple-word is in the evidence's figures or
  in a cited record, within the tolerances of `numbers.py`;
- name: every named person, organisation or publication (and every other
  capitalised name) is mentioned by a record the claim cites;
- group: an uncited claim about a group ("critics warned") needs at least three
  independent authors in the evidence whose tone matches it.
Display fields get the quote, number and name checks against the whole evidence.

Score = 100 x (claims passing every check) / (claims with at least one check),
100 when nothing is checkable.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from beatwire.model import Draft
from beatwire.newsroom import checks as c
from beatwire.newsroom.ground import Ground
from beatwire.newsroom.markers import cited_numbers
from beatwire.newsroom.numbers import TOLERANCES

FORMULA = (
    "score = 100 * claims passing every check / claims with at least one check "
    "(100 when nothing is checkable)"
)
# A sentence ends after . ! ? (or a closing quote after them) unless a citation marker follows.
_BREAK = re.compile(
    r"(?<=[.!?])\s+(?=[A-Z“\"#*])|(?<=[.!?][”\"])\s+(?=[A-Z“\"])|(?<=\])\s+(?=[A-Z“\"])"
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*]|\d+\.)\s+|^#+\s+|^>\s*")


def split_claims(paragraph: str) -> list[str]:
    """Return the sentences of a paragraph, never breaking inside a quotation."""
    claims: list[str] = []
    start = 0
    for match in _BREAK.finditer(paragraph):
        before = paragraph[start : match.start()]
        if before.count("“") > before.count("”") or before.count('"') % 2:
            continue
        if before.strip():
            claims.append(before.strip())
        start = match.end()
    tail = paragraph[start:].strip()
    return [*claims, tail] if tail else claims


@dataclass(slots=True)
class Claim:
    """A sentence of the story and the checks it went through."""

    text: str
    part: str  # body, headline, dek, takeaway N, faq N answer...
    citations: list[int]
    checks: list[c.Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Return whether every check of the claim passed."""
        return all(check.ok for check in self.checks)


def check_body_claim(claim: Claim, ground: Ground) -> None:
    """Run every check of a body sentence."""
    cited = [ground.sources[n] for n in claim.citations if n in ground.sources]
    everyone = list(ground.sources.values())
    claim.checks += c.marker_checks(claim.citations, ground)
    claim.checks += c.quote_checks(claim.text, cited)
    claim.checks += c.attribution_checks(claim.text, cited, everyone)
    claim.checks += c.platform_checks(claim.text, cited)
    claim.checks += c.number_checks(claim.text, cited, ground)
    claim.checks += c.name_checks(claim.text, cited, ground)
    if not claim.citations:
        claim.checks += c.group_checks(claim.text, ground)


def check_display_claim(claim: Claim, ground: Ground) -> None:
    """Run the checks of a headline, dek, takeaway, SEO line or FAQ question."""
    everyone = list(ground.sources.values())
    claim.checks += c.quote_checks(claim.text, everyone)
    claim.checks += c.number_checks(claim.text, [], ground)
    claim.checks += c.name_checks(claim.text, everyone, ground)


def body_claims(text: str, field_name: str) -> list[Claim]:
    """Return the claims of a Markdown text, paragraph by paragraph."""
    claims = []
    for paragraph in re.split(r"\n\s*\n|\n(?=\s*(?:[-*]|\d+\.|#+)\s)", text):
        bare = _LIST_ITEM.sub("", paragraph.strip())
        if not bare or bare.startswith("#"):
            continue
        for sentence in split_claims(bare):
            claims.append(Claim(sentence, field_name, cited_numbers(sentence)))
    return claims


def _claims_of(draft: Draft) -> tuple[list[Claim], list[Claim]]:
    body = body_claims(draft.body, "body")
    display = [Claim(draft.headline, "headline", []), Claim(draft.dek, "dek", [])]
    display += [Claim(t, f"takeaway {i}", []) for i, t in enumerate(draft.takeaways, 1)]
    display.append(Claim(draft.seo_description, "seo_description", []))
    for i, qa in enumerate(draft.faq, 1):
        display.append(Claim(qa.get("question", ""), f"faq {i} question", []))
        body += body_claims(qa.get("answer", ""), f"faq {i} answer")
    return body, [claim for claim in display if claim.text.strip()]


def verify_draft(draft: Draft, ground: Ground) -> dict[str, Any]:
    """Return the fidelity report of a whole draft (body, display fields, FAQ)."""
    body, display = _claims_of(draft)
    for claim in body:
        check_body_claim(claim, ground)
    for claim in display:
        check_display_claim(claim, ground)
    return report([*display, *body])


def verify(body: str, ground: Ground) -> dict[str, Any]:
    """Return the fidelity report of a Markdown body alone."""
    claims = body_claims(body, "body")
    for claim in claims:
        check_body_claim(claim, ground)
    return report(claims)


def report(claims: list[Claim]) -> dict[str, Any]:
    """Return the JSON report of checked claims with its score."""
    checked = [claim for claim in claims if claim.checks]
    passed = sum(claim.ok for claim in checked)
    score = 100.0 if not checked else round(100.0 * passed / len(checked), 1)
    failed: dict[str, int] = {}
    for claim in checked:
        for check in claim.checks:
            if not check.ok:
                failed[check.kind] = failed.get(check.kind, 0) + 1
    return {
        "score": score,
        "formula": FORMULA,
        "tolerances": TOLERANCES,
        "claims_checked": len(checked),
        "claims_passed": passed,
        "failed_checks": failed,
        "claims": [asdict(claim) | {"ok": claim.ok} for claim in claims],
    }
