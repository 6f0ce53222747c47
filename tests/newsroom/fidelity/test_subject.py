"""The headline's subject must be named by a record the story cites."""

from __future__ import annotations

from beatwire.newsroom.evidence import EvidencePack
from beatwire.newsroom.fidelity.grounding import ground_from_pack
from beatwire.newsroom.fidelity.report import FidelityReport
from beatwire.newsroom.fidelity.subject import subjects_of
from beatwire.newsroom.fidelity.verify import verify_draft
from tests.newsroom.conftest import make_pack
from tests.newsroom.fidelity.drafts import draft_of


def body(pack: EvidencePack) -> str:
    """Return a body citing Mara Quillon's record, which names the Orvane Council."""
    n = next(i.number for i in pack.items if i.record.author == "mara.bsky.social")
    return f"The Orvane Council passed the model audit rule, as Mara Quillon reported [{n}]."


def _subject_checks(report: FidelityReport) -> list[tuple[bool, str]]:
    return [
        (c.ok, c.detail) for claim in report.claims for c in claim.checks if c.kind == "subject"
    ]


def test_a_headline_whose_subject_a_cited_record_names_passes(pack: EvidencePack) -> None:
    draft = draft_of(pack, body(pack), headline="Orvane Council passes its audit rule")
    report = verify_draft(draft, ground_from_pack(pack))
    assert _subject_checks(report) == [(True, "Orvane Council: named by a cited record")]


def test_a_headline_about_something_no_cited_record_names_fails(pack: EvidencePack) -> None:
    draft = draft_of(pack, body(pack), headline="PauseAI: a new story gathers pace")
    report = verify_draft(draft, ground_from_pack(pack))
    assert _subject_checks(report) == [(False, "PauseAI: no record the story cites names it")]
    assert report.score < 80


def test_the_subject_must_be_in_the_records_the_body_cites(pack: EvidencePack) -> None:
    # The Orvane Council is in the pack, but the only record the body cites never names it.
    n = next(i.number for i in pack.items if i.record.author == "kpetrov")
    body = f"Audits sound nice until you read the reporting template [{n}]."
    draft = draft_of(pack, body, headline="Orvane Council rule draws fire")
    assert _subject_checks(verify_draft(draft, ground_from_pack(pack)))[0][0] is False


def test_beats_platforms_and_a_capitalised_first_word_are_no_subject(pack: EvidencePack) -> None:
    ground = ground_from_pack(pack)
    assert subjects_of("Talk of AI Regulation doubles on Reddit", body(pack), ground) == []
    assert subjects_of("Talk of Vireo-4 jumps", body(pack), ground) == ["Vireo-4"]
    assert subjects_of("Lawmakers cheer", "Then Lawmakers spoke.", ground) == ["Lawmakers"]


def test_a_group_the_signal_measured_is_a_subject_the_data_names(pack: EvidencePack) -> None:
    # No record calls the Orvane lawmakers "Northern"; the signal's own sentence does.
    measured = make_pack(sentence="Northern lawmakers drew 59 records on November 3.")
    draft = draft_of(measured, body(measured), headline="59 records as Northern lawmakers weigh in")
    checks = _subject_checks(verify_draft(draft, ground_from_pack(measured)))
    assert checks == [(True, "Northern: what the signal measured")]
    assert _subject_checks(verify_draft(draft, ground_from_pack(pack)))[0][0] is False
