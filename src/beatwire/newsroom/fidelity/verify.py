"""The fidelity verifier: checks every claim of a story against the evidence it rests on.

Checks of a body claim (`claims.py` says what a claim is):
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

Consistency checks (each failure also costs points, see `report.py`):
- baseline: a ratio ("57-fold", "N times its usual", "up N%", "tripled") stands on a
  baseline that is not zero or tiny (`ratios.py`);
- restated: a quantity the story states twice has one value; parts: counts split by
  platform add up to no more than their whole (`figures.py`, across the whole story);
- subject: every name the headline is about is named by a record the body cites
  (`subject.py`);
- speaker: whoever a sentence says said or wrote something is the author of a record it
  cites, or named by one (`speakers.py`);
- language: a quote from a record in another language says so ("in Spanish",
  "translated") (`language.py`);
- date: a day or weekday a sentence names is the publication day of a record it cites
  (an uncited weekday, a day of the evidence) (`dates.py`);
- dissent: a quote framed as the other side ("Not everyone was worried", "There was
  pushback, too") does not share the majority's mood (`dissent.py`).
The score is in `report.py`.
"""

from __future__ import annotations

from beatwire.model import Draft
from beatwire.newsroom.fidelity import checks as c
from beatwire.newsroom.fidelity.claims import Claim, body_claims, draft_claims
from beatwire.newsroom.fidelity.dates import date_checks
from beatwire.newsroom.fidelity.dissent import dissent_checks
from beatwire.newsroom.fidelity.figures import parts_checks, restated_checks
from beatwire.newsroom.fidelity.grounding import Ground
from beatwire.newsroom.fidelity.language import language_checks
from beatwire.newsroom.fidelity.ratios import ratio_checks
from beatwire.newsroom.fidelity.report import FidelityReport
from beatwire.newsroom.fidelity.speakers import speaker_checks
from beatwire.newsroom.fidelity.subject import subject_checks


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
    claim.checks += ratio_checks(claim.text, ground)
    claim.checks += speaker_checks(claim.text, cited, ground)
    claim.checks += language_checks(claim.text, cited)
    claim.checks += date_checks(claim.text, cited, ground)
    if not claim.citations:
        claim.checks += c.group_checks(claim.text, ground)


def check_display_claim(claim: Claim, ground: Ground) -> None:
    """Run the checks of a headline, dek, takeaway, SEO line or FAQ question."""
    everyone = list(ground.sources.values())
    claim.checks += c.quote_checks(claim.text, everyone)
    claim.checks += c.number_checks(claim.text, [], ground)
    claim.checks += c.name_checks(claim.text, everyone, ground)
    claim.checks += ratio_checks(claim.text, ground)


def check_story(claims: list[Claim], ground: Ground) -> list[Claim]:
    """Run the checks that compare claims with each other, in reading order; return them."""
    restated_checks(claims, ground)
    parts_checks(claims, ground)
    dissent_checks([claim for claim in claims if claim.part == "body"], ground)
    return claims


def verify_draft(draft: Draft, ground: Ground) -> FidelityReport:
    """Return the fidelity report of a whole draft (body, display fields, FAQ)."""
    body, display = draft_claims(draft)
    for claim in body:
        check_body_claim(claim, ground)
    for claim in display:
        check_display_claim(claim, ground)
    cited = sorted({n for claim in body for n in claim.citations})
    headline = next((claim for claim in display if claim.part == "headline"), None)
    if headline is not None:
        headline.checks += subject_checks(headline.text, draft.body, cited, ground)
    return FidelityReport.of(check_story([*display, *body], ground))


def verify(body: str, ground: Ground) -> FidelityReport:
    """Return the fidelity report of a Markdown body alone."""
    claims = body_claims(body, "body")
    for claim in claims:
        check_body_claim(claim, ground)
    return FidelityReport.of(check_story(claims, ground))
