"""Dissent that agrees: a quote framed as the other side must not share the majority's mood.

A frame is a sentence like "Not everyone was worried", "Some saw it more kindly", "There
was pushback, too" or "Others disagreed". The quote it introduces is the first record it
cites, or else the first record the next sentence cites. The frame says which way the
dissent leans:
- against a worried majority ("Not everyone was worried", "There was optimism, too",
  "Some saw it more kindly", "struck a warmer note", "took the brighter view"): the
  record must not be negative;
- against an enthusiastic one ("Not everyone was impressed", "There was scepticism,
  too", "Others were less impressed", "struck a sceptical note", "objected"): the record
  must not be positive;
- against the majority, whichever it is ("Not everyone agreed", "pushed back", "By
  contrast"): the majority is the side a group took in one of the three sentences before
  ("Many posters welcomed it", "Several voices were critical"), else the mean sentiment of
  the evidence when it leans; the record must not lean its way. With no majority (a
  balanced mean and nothing said), there is nothing to dissent from and no check.
Leaning is a sentiment of at least `LEAN` on the majority's side of 0. A relative frame
("more kindly", "less impressed") only needs the record to be warmer (or cooler) than the
evidence's mean. Records the analysis did not score are not judged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from beatwire.newsroom.fidelity.checks import Check, outside_quotes, stated_side
from beatwire.newsroom.fidelity.claims import Claim
from beatwire.newsroom.fidelity.grounding import Ground

LEAN = 0.05
_WORRIED = r"worried|concerned|critical|negative|alarmed|unhappy|upset|sceptical|skeptical|afraid"
_KEEN = r"impressed|enthusiastic|pleased|happy|excited|optimistic|convinced|thrilled|sold"
# (pattern, the majority's side (-1 negative, None: the evidence's mean), relative to the mean?)
_FRAMES: list[tuple[re.Pattern[str], int | None, bool]] = [
    (re.compile(rf"\bnot everyone (?:was|is|felt|seemed) (?:so |as )?(?:{_WORRIED})\b", re.I), -1, False),  # noqa: E501
    (re.compile(r"\b(?:there was|there is) (?:some )?(?:optimism|hope|enthusiasm|praise)\b", re.I), -1, False),  # noqa: E501
    (re.compile(r"\b(?:more kindly|more warmly|more hopeful|(?:a|the) brighter view|more positive|a warmer note)\b", re.I), -1, True),  # noqa: E501
    (re.compile(rf"\bnot everyone (?:was|is|felt|seemed) (?:so |as )?(?:{_KEEN})\b", re.I), 1, False),  # noqa: E501
    (re.compile(r"\b(?:there was|there is) (?:some )?(?:scepticism|skepticism|criticism|worry|concern)\b", re.I), 1, False),  # noqa: E501
    (re.compile(r"\b(?:less impressed|less enthusiastic|more sceptical|more skeptical|more critical|a darker view|less kindly|a (?:sceptical|skeptical|cooler|darker) note)\b", re.I), 1, True),  # noqa: E501
    (re.compile(r"\bobjected\b", re.I), 1, False),
    (re.compile(r"\b(?:not everyone agreed|others disagreed|disagreed|pushed back|pushback|dissent\w*|by contrast|on the other side|the other side|a different view|took issue|countered)\b", re.I), None, False),  # noqa: E501
]  # fmt: skip


def _frame(text: str) -> tuple[str, int | None, bool] | None:
    bare = outside_quotes(text)
    for pattern, sign, relative in _FRAMES:
        if match := pattern.search(bare):
            return match.group(0), sign, relative
    return None


def _leans(score: float, sign: int, mood: float | None, relative: bool) -> bool:
    """Return whether `score` sides with a majority on the `sign` side (-1 negative)."""
    if relative and mood is not None:
        return score * sign >= mood * sign
    return score * sign >= LEAN


def _introduced(claims: Sequence[Claim], at: int) -> tuple[Claim, int] | None:
    for claim in claims[at : at + 2]:
        if claim.citations:
            return claim, claim.citations[0]
    return None


def _majority(before: Sequence[Claim], ground: Ground) -> int | None:
    """Return the side the story set the dissent against: said before, else the mean's."""
    for claim in reversed(before):
        if (side := stated_side(claim.text)) is not None:
            return side
    if ground.mood is not None and abs(ground.mood) >= LEAN:
        return -1 if ground.mood < 0 else 1
    return None


def dissent_checks(claims: Sequence[Claim], ground: Ground) -> None:
    """Add to each dissent frame whether the quote it introduces really dissents."""
    for at, claim in enumerate(claims):
        frame = _frame(claim.text)
        introduced = _introduced(claims, at) if frame else None
        if frame is None or introduced is None:
            continue
        words, sign, relative = frame
        quote, number = introduced
        source = ground.sources.get(number)
        if sign is None:
            sign = _majority(claims[max(at - 3, 0) : at], ground)
        if source is None or source.sentiment is None or sign is None:
            continue
        agrees = _leans(source.sentiment, sign, ground.mood, relative)
        side = "negative" if sign < 0 else "positive"
        verdict = f"sides with the {side} majority" if agrees else "dissents"
        where = "" if quote is claim else f" (“{quote.text[:60]}”)"
        detail = (
            f"“{words}” introduces [{number}]{where}, sentiment {source.sentiment:+.2f}: {verdict}"
        )
        claim.checks.append(Check("dissent", not agrees, detail))
