"""Counts against counts: a quantity restated with another value, parts larger than their whole."""

from __future__ import annotations

from beatwire.newsroom.evidence import EvidencePack
from beatwire.newsroom.fidelity.grounding import ground_from_pack
from beatwire.newsroom.fidelity.report import FidelityReport
from beatwire.newsroom.fidelity.verify import verify, verify_draft
from tests.newsroom.fidelity.drafts import draft_of


def _failed(report: FidelityReport) -> list[str]:
    return [c.kind for claim in report.claims for c in claim.checks if not c.ok]


def test_a_count_restated_with_the_same_value_passes(pack: EvidencePack) -> None:
    body = "AI Regulation drew 59 records on November 3.\n\nThose 59 records came on November 3."
    report = verify(body, ground_from_pack(pack))
    assert report.score == 100.0
    assert [c.kind for c in report.claims[1].checks] == ["number", "number", "restated"]


def test_a_count_restated_with_another_value_fails(pack: EvidencePack) -> None:
    # Both figures are in the evidence (the day's count and the usual one): only the story
    # contradicts itself.
    body = "AI Regulation drew 59 records.\n\nThe 7 records came from five platforms."
    report = verify(body, ground_from_pack(pack))
    assert _failed(report) == ["restated"] and report.score < 80
    assert "59 records" in report.inconsistencies[0][1].detail


def test_counts_of_other_scopes_are_other_quantities(pack: EvidencePack) -> None:
    ground = ground_from_pack(pack)
    body = (
        "AI Regulation drew 59 records, against a usual 7 records.\n\n"
        "On Bluesky, 1 records came in; on Reddit, 2 posts."
    )
    assert "restated" not in _failed(verify(body, ground))


def test_an_approximate_restatement_gets_ten_percent(pack: EvidencePack) -> None:
    body = "AI Regulation drew 59 records.\n\nIt drew about 62 records."
    assert verify(body, ground_from_pack(pack)).score == 100.0


def test_the_headline_and_the_body_state_one_quantity(pack: EvidencePack) -> None:
    draft = draft_of(pack, "It was 7 posts in a day [4].", headline="59 posts in a day on the rule")
    report = verify_draft(draft, ground_from_pack(pack))
    assert [(c.part, k.kind) for c, k in report.inconsistencies] == [("body", "restated")]


def test_platform_parts_larger_than_the_whole_fail(pack: EvidencePack) -> None:
    ground = ground_from_pack(pack)
    good = "The pack holds 6 records: 2 on Reddit and 1 on Bluesky."
    assert verify(good, ground).score == 100.0
    bad = "The pack holds 2 records: 2 on Reddit and 1 on Bluesky."
    assert _failed(verify(bad, ground)) == ["parts"]


def test_a_breakdown_is_held_to_the_total_stated_elsewhere(pack: EvidencePack) -> None:
    ground = ground_from_pack(pack)
    body = (
        "The thread now counts 7 records.\n\n"
        "In the sample, Bluesky led with 1 records, followed by Reddit (2), Hacker News (1) "
        "and news sites (1)."
    )
    assert verify(body, ground).score == 100.0
    bigger = body.replace("Reddit (2)", "Reddit (6)")
    report = verify(bigger, ground)
    assert "parts" in _failed(report)
    assert (
        "9 in all, more than the story's total of 7 records" in report.inconsistencies[0][1].detail
    )


def test_a_part_of_the_whole_is_never_larger_than_it(pack: EvidencePack) -> None:
    ground = ground_from_pack(pack)
    assert "parts" not in _failed(verify("Here 7 of the 59 records were critical.", ground))
    assert "parts" in _failed(verify("Here 59 of the 7 records were critical.", ground))


def test_a_count_far_after_its_platform_is_still_that_platform_s(pack: EvidencePack) -> None:
    body = (
        "AI Regulation drew 59 records.\n\nAmong the records behind this story, Hacker News "
        "carried the smallest share, with 1 records, against Reddit (2)."
    )
    assert verify(body, ground_from_pack(pack)).score == 100.0


def test_engagement_belongs_to_the_record_it_cites(pack: EvidencePack) -> None:
    ground = ground_from_pack(pack)
    two_posts = "One post drew 10 likes [1].\n\nAnother drew 11 likes [2]."
    assert "restated" not in _failed(verify(two_posts, ground))
    one_post = "One post drew 10 likes [1].\n\nIt drew 11 likes [1]."
    assert "restated" in _failed(verify(one_post, ground))


def test_engagement_near_a_platform_is_no_part_of_the_records(pack: EvidencePack) -> None:
    body = (
        "The pack holds 6 records.\n\nThe model joined the trending Hugging Face models and "
        "gained 30,000 downloads [1], 30% of the 100,000 all trending models gained."
    )
    assert "parts" not in _failed(verify(body, ground_from_pack(pack)))


def test_two_records_engagement_in_one_sentence_are_two_quantities(pack: EvidencePack) -> None:
    body = "Leading the gains: one model (30,000 downloads) [1] and another (11,230 downloads) [3]."
    assert "restated" not in _failed(verify(body, ground_from_pack(pack)))
