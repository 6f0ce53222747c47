"""Claims: the sentences of a story and its display fields, each checked on its own.

A claim is a sentence of the body (or of an FAQ answer), or a display field
(headline, dek, each takeaway, the SEO description, each FAQ question).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from beatwire.model import Draft
from beatwire.newsroom.fidelity.checks import Check
from beatwire.newsroom.markers import cited_numbers

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
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Return whether every check of the claim passed."""
        return all(check.ok for check in self.checks)


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


def draft_claims(draft: Draft) -> tuple[list[Claim], list[Claim]]:
    """Return a draft's body claims (FAQ answers included) and its display-field claims."""
    body = body_claims(draft.body, "body")
    display = [Claim(draft.headline, "headline", []), Claim(draft.dek, "dek", [])]
    display += [Claim(t, f"takeaway {i}", []) for i, t in enumerate(draft.takeaways, 1)]
    display.append(Claim(draft.seo_description, "seo_description", []))
    for i, qa in enumerate(draft.faq, 1):
        display.append(Claim(qa.get("question", ""), f"faq {i} question", []))
        body += body_claims(qa.get("answer", ""), f"faq {i} answer")
    return body, [claim for claim in display if claim.text.strip()]
