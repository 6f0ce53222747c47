"""LLM labels: schema validation, how they overlay the local analysis, and the fallback."""

from __future__ import annotations

import json
from typing import Any

import pytest

from beatwire.analysis.llm import LabelRun, LLMOverlay, build_llm, parse_label
from beatwire.analysis.llm.schema import json_schema
from beatwire.analysis.pipeline import build_analyzer
from beatwire.config import Settings
from beatwire.errors import AnalysisError, ConfigError
from beatwire.model import Analysis, BeatScore

LOCAL = {"sentiment": "vader_lr@2", "emotion": "lexical_emotion@2", "beats": "keywords@1",
         "language": "lingua"}  # fmt: skip


def label_json(**extra: Any) -> str:
    """Return a valid reply with fields overridden by `extra`."""
    scores = dict.fromkeys(
        ["enthusiasm", "optimism", "curiosity", "humor", "informational",
         "skepticism", "concern", "anger", "fear", "sadness"], 0.0,
    )  # fmt: skip
    body = {
        "sentiment_label": "negative", "sentiment_score": -0.5,
        "emotion_scores": {**scores, "skepticism": 3 / 4, "anger": 1 / 4},
        "beats": [{"slug": "ai-jobs", "confidence": 0.4}, {"slug": "ai-law", "confidence": 0.9}],
        "ai_relevance": 0.8,
    }  # fmt: skip
    return json.dumps({**body, **extra})


def local(record_id: int, label: str | None = "neutral") -> Analysis:
    return Analysis(
        record_id=record_id, lang="en", sentiment_label=label,
        sentiment_score=0.0 if label else None, emotion="informational",
        emotion_scores={"informational": 1.0}, beats=[BeatScore("ai-science", 0.3)],
        ai_relevance=0.2, versions=dict(LOCAL),
    )  # fmt: skip


class Fixed:
    """A labeller that labels chosen positions, or raises."""

    name = "claude-batch@test-model"

    def __init__(self, labelled: dict[int, str], fail: Exception | None = None) -> None:
        self.labelled, self.fail = labelled, fail
        self.seen: list[str] = []
        self.closed = False

    async def label(self, texts: list[str]) -> LabelRun:
        self.seen = texts
        if self.fail:
            raise self.fail
        return LabelRun(labels={i: parse_label(t) for i, t in self.labelled.items()})

    async def aclose(self) -> None:
        self.closed = True


def test_schema_rejects_unknown_beats_missing_registers_and_extra_keys() -> None:
    assert parse_label(label_json()).sentiment_label == "negative"
    for bad in (
        label_json(beats=[{"slug": "gardening", "confidence": 0.5}]),
        label_json(emotion_scores={"anger": 1.0}),
        label_json(mood="grumpy"),
        label_json(ai_relevance="high"),
        label_json(beats=[{"slug": "ai-law", "confidence": 0.5}] * 6),
        "[]",
    ):
        with pytest.raises(AnalysisError):
            parse_label(bad)


def test_sent_schema_lists_the_taxonomy_and_forbids_extra_keys() -> None:
    schema = json_schema()
    slugs = schema["$defs"]["BeatLabel"]["properties"]["slug"]["enum"]
    assert "ai-regulation" in slugs and len(slugs) == 24
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {
        "sentiment_label", "sentiment_score", "emotion_scores", "beats", "ai_relevance"
    }  # fmt: skip


def test_labelled_rows_take_the_llm_fields_and_record_its_version() -> None:
    fake = Fixed({0: label_json()})
    overlay = LLMOverlay(lambda: fake)
    found = overlay.apply(["about ai and law", "another"], ["en", None], [local(1), local(2)])
    row = found[0]
    assert (row.sentiment_label, row.sentiment_score) == ("negative", -0.5)
    assert row.emotion == "skepticism"
    assert row.emotion_scores["skepticism"] == pytest.approx(0.75)
    assert sum(row.emotion_scores.values()) == pytest.approx(1.0, abs=1e-3)
    assert [b.slug for b in row.beats] == ["ai-law", "ai-jobs"]  # most confident first
    assert row.ai_relevance == 0.8
    assert row.versions["sentiment"] == row.versions["beats"] == "claude-batch@test-model"
    assert row.versions["language"] == "lingua"
    assert found[1] == local(2)  # not labelled: local analysis and versions kept
    assert fake.closed


def test_non_english_records_are_not_sent_and_stay_unmeasured() -> None:
    fake = Fixed({0: label_json()})
    overlay = LLMOverlay(lambda: fake)
    found = overlay.apply(["bonjour", "hello"], ["fr", "en"], [local(1, None), local(2)])
    assert fake.seen == ["hello"]
    assert found[0].sentiment_label is None
    assert found[1].versions["sentiment"] == "claude-batch@test-model"


@pytest.mark.parametrize("error", [AnalysisError("batch expired"), RuntimeError("boom")])
def test_any_labeller_error_keeps_the_local_analysis(error: Exception) -> None:
    overlay = LLMOverlay(lambda: Fixed({}, fail=error))
    rows = [local(1), local(2)]
    assert overlay.apply(["a", "b"], ["en", "en"], rows) == rows
    assert overlay.fallbacks == 1


def test_usage_adds_up_across_runs() -> None:
    class Spending(Fixed):
        async def label(self, texts: list[str]) -> LabelRun:
            run = await super().label(texts)
            run.usage.add(1000, 100, (1.0, 5.0), 0.5)
            return run

    overlay = LLMOverlay(lambda: Spending({}))
    for _ in range(3):
        overlay.apply(["a"], ["en"], [local(1)])
    usage = overlay.usage
    assert (usage.requests, usage.tokens_in, usage.tokens_out) == (3, 3000, 300)
    assert overlay.usage.cost_usd == pytest.approx(3 * 1500 / 1e6 * 0.5)


def test_settings_choose_the_labeller() -> None:
    assert build_llm(Settings()) is None
    with pytest.raises(AnalysisError, match="API key"):
        build_llm(Settings(analysis={"llm": "claude"}))
    with pytest.raises(ConfigError):
        build_llm(Settings(analysis={"llm": "gpt-magic"}))
    assert build_llm(Settings(analysis={"llm": "openai"})) is not None


def test_pipeline_applies_the_llm_role() -> None:
    from beatwire.analysis.pipeline import Item

    fake = Fixed({0: label_json()})
    analyzer = build_analyzer(
        Settings(analysis={"embedder": "none", "sentiment": "vader", "emotion": "none"}),
        llm=LLMOverlay(lambda: fake),
    )
    found, _ = analyzer.analyze([Item(1, "New rules for AI models were passed today.", "en")])
    assert found[0].sentiment_label == "negative"
    assert found[0].versions["sentiment"] == "claude-batch@test-model"
    assert found[0].versions["phrases"] == analyzer.versions()["phrases"]
