"""Whoever a sentence says spoke must have written, or be named by, a record it cites."""

from __future__ import annotations

from beatwire.newsroom.evidence import EvidencePack
from beatwire.newsroom.fidelity.grounding import ground_from_pack
from beatwire.newsroom.fidelity.report import FidelityReport
from beatwire.newsroom.fidelity.speakers import speakers_in
from beatwire.newsroom.fidelity.verify import verify


def n(pack: EvidencePack, author: str) -> int:
    """Return the number the pack gives to `author`'s record."""
    return next(i.number for i in pack.items if i.record.author == author)


def _speaker_checks(report: FidelityReport) -> list[bool]:
    return [c.ok for claim in report.claims for c in claim.checks if c.kind == "speaker"]


def test_the_forms_a_writer_uses_all_name_their_speaker(pack: EvidencePack) -> None:
    ground = ground_from_pack(pack)
    assert speakers_in("Mara Quillon, posting on Bluesky, wrote: “Quoted.” [1]", ground) == [
        "Mara Quillon"
    ]
    assert speakers_in("“Quoted.” said Quietlake on Reddit [2].", ground) == ["Quietlake"]
    assert speakers_in("On Reddit, tinkerfox argued: “Quoted.” [2]", ground) == ["tinkerfox"]
    assert speakers_in("Then Jane Doe warned that audits cost money.", ground) == ["Jane Doe"]
    assert speakers_in("According to The Orvane Ledger, the vote passed.", ground) == [
        "The Orvane Ledger"
    ]


def test_groups_and_sentence_openers_are_no_speakers(pack: EvidencePack) -> None:
    ground = ground_from_pack(pack)
    for text in (
        "Critics warned that small labs would suffer.",
        "One Reddit user wrote that the rule was overdue.",
        "Others said it was about time.",
        "27 posts, comments and articles appeared.",
    ):
        assert speakers_in(text, ground) == [], text


def test_a_paraphrase_by_the_cited_author_passes(pack: EvidencePack) -> None:
    body = f"Mara Quillon warned that small labs cannot afford a compliance officer [{n(pack, 'mara.bsky.social')}]."  # noqa: E501
    assert _speaker_checks(verify(body, ground_from_pack(pack))) == [True]


def test_a_paraphrase_given_to_someone_else_fails(pack: EvidencePack) -> None:
    mara = n(pack, "mara.bsky.social")
    ground = ground_from_pack(pack)
    for speaker in ("Ines Barrow", "Dana Whitlock", "quietlake"):
        body = f"{speaker} warned that small labs cannot afford a compliance officer [{mara}]."
        report = verify(body, ground)
        assert _speaker_checks(report) == [False], speaker
        assert report.score < 80


def test_someone_the_cited_record_reports_may_speak(pack: EvidencePack) -> None:
    news = n(pack, "desk")  # a news report naming the Orvane Council
    body = f"The Orvane Council said the rule passed by 212 votes to 141 [{news}]."
    assert _speaker_checks(verify(body, ground_from_pack(pack))) == [True]


def test_a_speaker_without_a_citation_fails(pack: EvidencePack) -> None:
    assert _speaker_checks(
        verify("Mara Quillon wrote that it passed.", ground_from_pack(pack))
    ) == [False]
