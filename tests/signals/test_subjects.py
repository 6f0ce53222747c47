"""Whether a report names a subject: titles of our own, as the real ones are written."""

from __future__ import annotations

import pytest

from beatwire.signals.subjects import names_subject, title_names_subject


@pytest.mark.parametrize(
    "title",
    ["Nimbrook Labs releases Vireo-4", "Vireo-4", "Halberd Mutual cuts 4,200 jobs",
     "Wessmark Parliament passes the AI Accountability Act", "Arkwell’s chip misses its date",
     "Ask HN: Why did Gantry Dev pull Patchwright?", "Tutoring company Lanternly apologises",
     "NimbleChat – a chatbot for $100", "Quinn Adair – the bubble is not here"],
)  # fmt: skip
def test_a_title_with_a_name_names_a_subject(title: str) -> None:
    assert title_names_subject(title)


@pytest.mark.parametrize(
    "title",
    ["Using AI to negotiate a rent increase", "It's exhausting to read AI-generated reviews",
     "A few poisoned samples can break LLMs of any size", "Ask HN: Is anyone shipping AI agents?",
     "The copyright office opened comments on AI training", "AGI talk is a blocker to shipping",
     "Ask HN: Teachers: do you trust AI graders?"],
)  # fmt: skip
def test_a_title_without_one_does_not(title: str) -> None:
    assert not title_names_subject(title)


def test_an_entity_the_analysis_found_is_a_subject_whatever_the_title() -> None:
    assert names_subject("They did it again", {"organization"})
    assert not names_subject("They did it again", {"technology", "concept"})
