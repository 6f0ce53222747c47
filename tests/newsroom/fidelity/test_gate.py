"""The output gate: limits, meta-talk, markup and unresolved citations."""

from __future__ import annotations

from dataclasses import replace

import pytest

from beatwire.config import NewsroomSettings
from beatwire.errors import GateRejected
from beatwire.newsroom.evidence import EvidencePack
from beatwire.newsroom.fidelity.gate import enforce_gate, gate_reasons
from beatwire.newsroom.writers import offline


def test_an_offline_story_passes(pack: EvidencePack) -> None:
    enforce_gate(offline.write(pack, "lead"), pack, NewsroomSettings())


@pytest.mark.parametrize(
    "addition",
    [
        "Let me recount the records before I finish.",
        "As an AI, I cannot judge this.",
        "Headline check (118 characters).",
        "<b>Breaking</b> news.",
        "See [the source](https://example.invalid).",
        "A forged note [9].",
        "```code```",
    ],
)
def test_scratchpad_markup_and_forged_markers_are_rejected(
    pack: EvidencePack, addition: str
) -> None:
    draft = offline.write(pack, "story")
    bad = replace(draft, body=draft.body + "\n\n" + addition)
    with pytest.raises(GateRejected):
        enforce_gate(bad, pack, NewsroomSettings())


def test_a_long_seo_description_and_two_takeaways_are_rejected(pack: EvidencePack) -> None:
    draft = replace(
        offline.write(pack, "story"), seo_description="x" * 151, takeaways=["a b c d e"] * 2
    )
    reasons = gate_reasons(draft, pack, NewsroomSettings())
    assert any("SEO" in r for r in reasons) and any("takeaways" in r for r in reasons)


def test_a_dispatch_needs_its_three_questions(pack: EvidencePack) -> None:
    draft = offline.write(pack, "dispatch")
    assert len(draft.faq) == 3
    assert "other side" in draft.faq[2]["question"]
    assert gate_reasons(replace(draft, faq=draft.faq[:2]), pack, NewsroomSettings())
