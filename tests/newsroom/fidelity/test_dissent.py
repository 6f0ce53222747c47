"""A quote framed as the other side must not share the majority's mood."""

from __future__ import annotations

from beatwire.newsroom.evidence import EvidencePack
from beatwire.newsroom.fidelity.grounding import ground_from_pack
from beatwire.newsroom.fidelity.report import FidelityReport
from beatwire.newsroom.fidelity.verify import verify


def n(pack: EvidencePack, author: str) -> int:
    """Return the number the pack gives to `author`'s record."""
    return next(i.number for i in pack.items if i.record.author == author)


def _dissent(report: FidelityReport) -> list[bool]:
    return [c.ok for claim in report.claims for c in claim.checks if c.kind == "dissent"]


# The default pack leans negative (mean -0.27): tinkerfox (+0.6) dissents, quietlake (-0.7)
# and Mara Quillon (-0.4) side with the majority.
TINKERFOX = (
    "“Honestly the audit rule from the Orvane Council looks sensible to me and long overdue.”"
)
QUIETLAKE = (
    "“I run a tiny startup and the new audit rule scares me more than any competitor ever did.”"
)


def test_a_real_dissent_passes(pack: EvidencePack) -> None:
    body = f"Not everyone was worried. Tinkerfox wrote: {TINKERFOX} [{n(pack, 'tinkerfox')}]"
    report = verify(body, ground_from_pack(pack))
    assert _dissent(report) == [True] and report.score == 100.0


def test_a_dissent_that_agrees_fails_on_its_frame(pack: EvidencePack) -> None:
    body = f"Not everyone was worried. Quietlake wrote: {QUIETLAKE} [{n(pack, 'quietlake')}]"
    report = verify(body, ground_from_pack(pack))
    assert _dissent(report) == [False] and report.score < 80
    claim, check = report.inconsistencies[0]
    assert (
        claim.text == "Not everyone was worried."
        and "sides with the negative majority" in check.detail
    )


def test_a_frame_and_its_quote_in_one_sentence(pack: EvidencePack) -> None:
    ground = ground_from_pack(pack)
    good = f"Some saw it more kindly: {TINKERFOX} [{n(pack, 'tinkerfox')}]"
    bad = f"Some saw it more kindly: {QUIETLAKE} [{n(pack, 'quietlake')}]"
    assert _dissent(verify(good, ground)) == [True]
    assert _dissent(verify(bad, ground)) == [False]


def test_a_plain_contrast_is_held_to_the_evidence_mean(pack: EvidencePack) -> None:
    # "There was pushback" names no side: the majority is the evidence's mean (negative here).
    ground = ground_from_pack(pack)
    good = f"There was pushback, too. {TINKERFOX} wrote tinkerfox [{n(pack, 'tinkerfox')}]."
    bad = f"There was pushback, too. {QUIETLAKE} wrote quietlake [{n(pack, 'quietlake')}]."
    assert _dissent(verify(good, ground)) == [True]
    assert _dissent(verify(bad, ground)) == [False]


def test_a_frame_against_enthusiasm_needs_a_cooler_quote(pack: EvidencePack) -> None:
    ground = ground_from_pack(pack)
    good = f"Not everyone was impressed. {QUIETLAKE} wrote quietlake [{n(pack, 'quietlake')}]."
    bad = f"Not everyone was impressed. {TINKERFOX} wrote tinkerfox [{n(pack, 'tinkerfox')}]."
    assert _dissent(verify(good, ground)) == [True]
    assert _dissent(verify(bad, ground)) == [False]


def test_the_offline_writer_s_own_frames_are_judged(pack: EvidencePack) -> None:
    ground = ground_from_pack(pack)
    warm, cool = n(pack, "tinkerfox"), n(pack, "quietlake")
    assert _dissent(verify(f"Tinkerfox struck a warmer note: {TINKERFOX} [{warm}]", ground)) == [
        True
    ]
    assert _dissent(verify(f"Quietlake took the brighter view: {QUIETLAKE} [{cool}]", ground)) == [
        False
    ]
    assert _dissent(verify(f"Quietlake struck a sceptical note: {QUIETLAKE} [{cool}]", ground)) == [
        True
    ]
    assert _dissent(verify(f"{TINKERFOX}, tinkerfox objected [{warm}].", ground)) == [False]
