"""A day a sentence names must be the day of the record it cites."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from beatwire.model import StoredRecord
from beatwire.newsroom.evidence import EvidencePack, build_pack
from beatwire.newsroom.fidelity.grounding import ground_from_pack
from beatwire.newsroom.fidelity.report import FidelityReport
from beatwire.newsroom.fidelity.verify import verify
from tests.newsroom.conftest import POSTS, make_analyses, make_records, make_signal


def _dates(report: FidelityReport) -> list[bool]:
    return [c.ok for claim in report.claims for c in claim.checks if c.kind == "date"]


def earlier_pack() -> EvidencePack:
    """Return the default pack with Mara Quillon's record moved back to Friday, October 30."""
    records = make_records(POSTS)
    mara = records[0]
    moved = replace(mara.record, published_at=mara.published_at - timedelta(days=4))
    records[0] = StoredRecord(mara.id, moved)
    analyses = make_analyses(records, POSTS)
    return build_pack(make_signal(records), "AI Regulation", records, analyses, 8)


def _mara(pack: EvidencePack) -> int:
    return next(i.number for i in pack.items if i.record.author == "mara.bsky.social")


def test_the_cited_record_s_day_and_weekday_pass(pack: EvidencePack) -> None:
    # Every default record is from Tuesday, November 3, 2026.
    body = f"On Tuesday, November 3, Mara Quillon wrote that the rule passed [{_mara(pack)}]."
    report = verify(body, ground_from_pack(pack))
    assert _dates(report) == [True] and report.score == 100.0


def test_a_day_the_cited_record_contradicts_fails() -> None:
    pack = earlier_pack()  # November 3 is still a day of the evidence: only the citation says no
    body = f"On November 3, Mara Quillon wrote that the rule passed [{_mara(pack)}]."
    report = verify(body, ground_from_pack(pack))
    assert _dates(report) == [False] and report.score < 80
    assert "the cited records are from Friday October 30" in report.inconsistencies[0][1].detail


def test_a_wrong_weekday_fails_cited_or_not(pack: EvidencePack) -> None:
    ground = ground_from_pack(pack)
    cited = f"On Monday, Mara Quillon wrote that the rule passed [{_mara(pack)}]."
    assert _dates(verify(cited, ground)) == [False]
    assert _dates(verify("Talk peaked on Sunday.", ground)) == [False]
    assert _dates(verify("Talk peaked on Tuesday.", ground)) == [True]


def test_a_figure_on_the_signal_s_day_may_cite_an_earlier_record() -> None:
    # Only a sentence about what someone wrote is held to the record's own day.
    pack = earlier_pack()
    body = f"On November 3, the Orvane Council rule drew 59 records [{_mara(pack)}]."
    assert _dates(verify(body, ground_from_pack(pack))) == [True]


def test_a_day_the_cited_record_itself_names_passes() -> None:
    records = make_records(POSTS)
    said = replace(records[3].record, text=records[3].record.text + " The vote was on Friday.")
    records[3] = StoredRecord(records[3].id, said)
    pack = build_pack(
        make_signal(records), "AI Regulation", records, make_analyses(records, POSTS), 8
    )
    news = next(i.number for i in pack.items if i.record.author == "desk")
    body = f"On Friday, The Orvane Ledger reported the vote [{news}]."
    assert _dates(verify(body, ground_from_pack(pack))) == [True]


def test_a_day_that_is_not_an_on_claim_is_not_judged(pack: EvidencePack) -> None:
    body = f"Whether the rule holds past November 15 is open [{_mara(pack)}]."
    assert _dates(verify(body, ground_from_pack(pack))) == []
