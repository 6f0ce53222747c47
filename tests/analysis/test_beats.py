"""The beat taxonomy and the keyword classifier: beats, confidences, fallback."""

from __future__ import annotations

import pytest

from beatwire.analysis.beats import CATEGORIES, build_beats, load_beats
from beatwire.analysis.beats.keywords import KeywordBeatClassifier
from beatwire.errors import AnalysisError

EXPECTED = {
    "technical": [
        "models-releases",
        "open-source-ai",
        "ai-software-development",
        "ai-agents",
        "ai-safety-alignment",
        "ai-hardware-compute",
        "ai-robotics",
        "ai-science",
    ],
    "society": [
        "ai-misinformation",
        "ai-jobs",
        "ai-education",
        "ai-creative-industries",
        "ai-social-media",
        "ai-bias-fairness",
        "ai-consciousness-personhood",
        "ai-everyday-products",
    ],
    "governance": [
        "ai-regulation",
        "ai-geopolitics",
        "ai-law",
        "ai-privacy-surveillance",
        "ai-military",
    ],
    "industry": ["ai-industry-business", "ai-healthcare", "ai-environment"],
}

# Sentences written for these tests, one per beat.
EXAMPLES = {
    "models-releases": (
        "OpenAI released a new model today that tops the leaderboard on every benchmark."
    ),
    "open-source-ai": (
        "The open-weight model is on Hugging Face under Apache 2.0, runs locally with Ollama."
    ),
    "ai-software-development": (
        "Our developers now review AI-written pull requests; vibe coding broke the codebase."
    ),
    "ai-agents": "The AI agent booked flights on my behalf using computer use and tool calling.",
    "ai-safety-alignment": (
        "Alignment researchers found the model scheming and sandbagging in safety evals."
    ),
    "ai-hardware-compute": "Nvidia cannot make enough H100 GPUs for the new AI data centers.",
    "ai-robotics": "The humanoid robot folded laundry, and Waymo robotaxis are expanding.",
    "ai-science": "AlphaFold-style AI predicted protein structures that speed up drug discovery.",
    "ai-misinformation": (
        "A deepfake video of the candidate spread before the election; fact checkers flagged it."
    ),
    "ai-jobs": "The firm announced layoffs and says AI will replace entry-level workers.",
    "ai-education": "Teachers say students use ChatGPT to cheat on homework and essays.",
    "ai-creative-industries": (
        "Artists and musicians protest AI-generated songs and AI art in Hollywood films."
    ),
    "ai-social-media": (
        "TikTok and Instagram feeds are full of AI influencers and bots farming engagement."
    ),
    "ai-bias-fairness": (
        "The hiring algorithm showed racial and gender bias, a clear case of AI discrimination."
    ),
    "ai-consciousness-personhood": (
        "Is the chatbot sentient? People claim their AI companion is conscious."
    ),
    "ai-everyday-products": "Siri and Alexa get an AI voice assistant upgrade on the new iPhone.",
    "ai-regulation": "Lawmakers passed AI legislation; regulators will enforce the EU AI Act.",
    "ai-geopolitics": "US export controls on AI chips to China escalate the US-China AI race.",
    "ai-law": (
        "Authors sued the AI company for copyright infringement; the judge ruled on fair use."
    ),
    "ai-privacy-surveillance": (
        "Police use AI facial recognition surveillance and biometric data without consent."
    ),
    "ai-military": "The Pentagon is testing AI targeting for military drones on the battlefield.",
    "ai-industry-business": (
        "The AI startup raised $2 billion at a $30 billion valuation from investors."
    ),
    "ai-healthcare": "Doctors use AI to diagnose cancer from patients' scans in the hospital.",
    "ai-environment": (
        "AI data centers strain the power grid; electricity and water use and emissions soar."
    ),
}


@pytest.fixture(scope="module")
def classifier() -> KeywordBeatClassifier:
    return KeywordBeatClassifier()


def test_taxonomy_has_the_24_beats_in_their_categories() -> None:
    beats = load_beats()
    found: dict[str, list[str]] = {}
    for beat in beats:
        found.setdefault(beat.category, []).append(beat.slug)
    assert found == EXPECTED
    assert tuple(found) == CATEGORIES


def test_beats_have_names_descriptions_and_cues() -> None:
    names = {b.slug: b.name for b in load_beats()}
    assert names["models-releases"] == "Models & Releases"
    assert names["ai-consciousness-personhood"] == "AI Consciousness & Personhood"
    assert all(b.description and len(b.cues) >= 20 for b in load_beats())


@pytest.mark.parametrize("beat", list(EXAMPLES))
def test_example_lands_in_its_beat(classifier: KeywordBeatClassifier, beat: str) -> None:
    result = classifier.classify([EXAMPLES[beat]])[0]
    assert result.beats[0].slug == beat


def test_beats_are_sorted_and_confidences_bounded(classifier: KeywordBeatClassifier) -> None:
    for result in classifier.classify(list(EXAMPLES.values())):
        confidences = [b.confidence for b in result.beats]
        assert confidences == sorted(confidences, reverse=True)
        assert all(0.0 < c <= 1.0 for c in confidences)
        assert 0.0 <= result.ai_relevance <= 1.0


def test_text_can_have_several_beats(classifier: KeywordBeatClassifier) -> None:
    text = "Nvidia's new GPUs for AI data centers need gigawatts of electricity from the grid."
    slugs = [b.slug for b in classifier.classify([text])[0].beats]
    assert set(slugs[:2]) == {"ai-hardware-compute", "ai-environment"}


def test_ai_text_without_cues_gets_the_fallback_beat(classifier: KeywordBeatClassifier) -> None:
    result = classifier.classify(["ChatGPT and Claude, hmm."])[0]
    assert result.ai_relevance >= 0.5
    assert len(result.beats) == 1


def test_negative_cues_pull_a_text_out_of_a_beat(classifier: KeywordBeatClassifier) -> None:
    with_cue = classifier.classify(["AI will take jobs from workers"])[0]
    negated = classifier.classify(["AI read me the Steve Jobs biography"])[0]
    assert with_cue.beats[0].slug == "ai-jobs"
    assert "ai-jobs" not in [b.slug for b in negated.beats]


def test_a_software_environment_is_not_the_environment(
    classifier: KeywordBeatClassifier,
) -> None:
    planet = classifier.classify(["AI's energy use is bad for the environment"])[0]
    software = classifier.classify(["The AI coding agent set up my development environment"])[0]
    assert planet.beats[0].slug == "ai-environment"
    assert "ai-environment" not in [b.slug for b in software.beats]


def test_prefix_cues_match_word_forms(classifier: KeywordBeatClassifier) -> None:
    for text in ["AI regulation", "regulators and AI", "regulating AI"]:
        assert classifier.classify([text])[0].beats[0].slug == "ai-regulation"


def test_empty_input(classifier: KeywordBeatClassifier) -> None:
    assert classifier.classify([]) == []
    assert classifier.classify([""])[0].beats == []


def test_build_beats_by_name() -> None:
    assert build_beats().name == "keywords@2"
    assert build_beats("none").classify(["x"])[0].ai_relevance == 1.0


def test_build_beats_rejects_unknown_names() -> None:
    with pytest.raises(AnalysisError, match="unknown beat classifier 'bert'"):
        build_beats("bert")
