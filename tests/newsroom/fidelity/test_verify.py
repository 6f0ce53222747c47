"""The fidelity verifier: quotes, markers, attribution, numbers, names and group claims."""

from __future__ import annotations

from beatwire.newsroom.evidence import EvidencePack
from beatwire.newsroom.fidelity.claims import split_claims
from beatwire.newsroom.fidelity.grounding import ground_from_pack
from beatwire.newsroom.fidelity.quotes import quotable
from beatwire.newsroom.fidelity.report import FidelityReport
from beatwire.newsroom.fidelity.verify import verify


def n(pack: EvidencePack, author: str) -> int:
    """Return the number the pack gives to `author`'s record."""
    return next(i.number for i in pack.items if i.record.author == author)


def _failed(report: FidelityReport) -> list[str]:
    return [c.kind for claim in report.claims for c in claim.checks if not c.ok]


def test_a_verbatim_quote_with_its_author_and_platform_scores_100(pack: EvidencePack) -> None:
    body = f"On Bluesky, Mara Quillon wrote: “The Orvane Council finally passed the model audit rule today.” [{n(pack, 'mara.bsky.social')}]"  # noqa: E501
    assert verify(body, ground_from_pack(pack)).score == 100.0


def test_an_invented_quote_fails(pack: EvidencePack) -> None:
    body = f"On Bluesky, Mara Quillon wrote: “The Orvane Council secretly passed the rule.” [{n(pack, 'mara.bsky.social')}]"  # noqa: E501
    assert "quote" in _failed(verify(body, ground_from_pack(pack)))


def test_a_quote_attributed_to_someone_else_fails(pack: EvidencePack) -> None:
    body = f"On Bluesky, Ines Barrow wrote: “The Orvane Council finally passed the model audit rule today.” [{n(pack, 'mara.bsky.social')}][{n(pack, 'ines@fedi.example')}]"  # noqa: E501
    assert "attribution" in _failed(verify(body, ground_from_pack(pack)))


def test_a_marker_that_resolves_to_nothing_fails(pack: EvidencePack) -> None:
    assert _failed(verify("Talk rose sharply [17].", ground_from_pack(pack))) == ["marker"]


def test_numbers_must_be_in_the_evidence_within_rounding(pack: EvidencePack) -> None:
    ground = ground_from_pack(pack)
    assert verify("AI Regulation drew 59 records, 8.4 times its median.", ground).score == 100
    assert _failed(verify("AI Regulation drew 75 records.", ground)) == ["number"]


def test_a_number_after_median_must_be_the_baseline(pack: EvidencePack) -> None:
    ground = ground_from_pack(pack)
    assert verify("Its daily median was 7.", ground).score == 100
    assert _failed(verify("Its daily median was 59.", ground)) == ["number"]


def test_an_approximate_number_gets_ten_percent(pack: EvidencePack) -> None:
    assert verify("It drew about 62 records.", ground_from_pack(pack)).score == 100


def test_doubled_needs_a_ratio_near_two(pack: EvidencePack) -> None:
    assert _failed(verify("Talk doubled.", ground_from_pack(pack))) == ["number"]


def test_a_date_outside_the_evidence_fails(pack: EvidencePack) -> None:
    assert _failed(verify("It peaked on March 9.", ground_from_pack(pack))) == ["number"]


def test_a_named_organisation_needs_a_citation_that_mentions_it(pack: EvidencePack) -> None:
    ground = ground_from_pack(pack)
    assert _failed(verify("The Orvane Council acted.", ground)) == ["name"]
    other, mara = n(pack, "kpetrov"), n(pack, "mara.bsky.social")
    assert _failed(verify(f"The Orvane Council acted [{other}].", ground)) == ["name"]
    assert verify(f"The Orvane Council acted [{mara}].", ground).score == 100


def test_an_unknown_name_needs_a_record_that_mentions_it(pack: EvidencePack) -> None:
    assert _failed(verify("Then Zentrix Corp weighed in [1].", ground_from_pack(pack))) == ["name"]


def test_an_uncited_group_claim_needs_three_authors_who_agree(pack: EvidencePack) -> None:
    ground = ground_from_pack(pack)
    assert verify("Many posters were sceptical.", ground).score == 100  # four negative authors
    assert _failed(verify("Many posters were enthusiastic.", ground)) == ["group"]


def test_claims_never_break_inside_a_quotation() -> None:
    paragraph = "A first point. “Quoted. Still quoted,” wrote a user [1]. Last!"
    assert split_claims(paragraph) == [
        "A first point.",
        "“Quoted. Still quoted,” wrote a user [1].",
        "Last!",
    ]


def test_the_report_states_its_formula_and_tolerances(pack: EvidencePack) -> None:
    report = verify("Talk rose [1].", ground_from_pack(pack))
    assert "claims passing every check" in report.as_json()["formula"]
    assert "rounding" in report.as_json()["tolerances"]


def test_no_quote_is_cut_from_inside_a_link() -> None:
    text = (
        "Vendors ask whether their agent can touch production now. "
        "More here: https://lamplight.example/2026/11/06/agent-success-rate-on-our-tasks-is-42-u "
        "and that is all I have to say about the whole thing today."
    )
    found = quotable(text)
    assert "Vendors ask whether their agent can touch production now." in found
    assert not any("example/2026" in quote or "lamplight" in quote for quote in found)
