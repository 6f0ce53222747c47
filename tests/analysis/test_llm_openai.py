"""The OpenAI-compatible labeller against mocked chat completions in the real format."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx2
import pytest

from beatwire.analysis.llm.openai_compat import OpenAICompatLabeler
from beatwire.config import Settings
from beatwire.errors import AnalysisError

REGISTERS = dict.fromkeys(
    ["enthusiasm", "optimism", "curiosity", "humor", "informational",
     "skepticism", "concern", "anger", "fear", "sadness"], 0.1,
)  # fmt: skip
GOOD = json.dumps({
    "sentiment_label": "positive", "sentiment_score": 0.7,
    "emotion_scores": {**REGISTERS, "enthusiasm": 0.9},
    "beats": [{"slug": "open-source-ai", "confidence": 0.8}], "ai_relevance": 1.0,
})  # fmt: skip


def completion(content: str) -> dict[str, Any]:
    """Return a chat.completion object as the API serves it."""
    return {
        "id": "chatcmpl-test", "object": "chat.completion", "created": 1796000000,
        "model": "llama3.1",
        "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None,
                     "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": 700, "completion_tokens": 90, "total_tokens": 790},
    }  # fmt: skip


def run(handler: Any, texts: list[str]) -> Any:
    settings = Settings(analysis={"llm": "openai"}, newsroom={"openai_model": "llama3.1"})

    async def sleep(seconds: float) -> None:
        return None

    async def go() -> Any:
        lab = OpenAICompatLabeler(settings, transport=httpx2.MockTransport(handler), sleep=sleep)
        try:
            return lab.name, await lab.label(texts)
        finally:
            await lab.aclose()

    return asyncio.run(go())


def test_each_text_is_one_strict_json_schema_completion() -> None:
    seen: list[dict[str, Any]] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        assert request.url.path.endswith("/chat/completions")
        seen.append(json.loads(request.content))
        return httpx2.Response(200, json=completion(GOOD))

    name, found = run(handler, ["one text", "", "two text"])
    assert name == "openai@llama3.1"
    assert sorted(found.labels) == [0, 2]
    assert found.labels[0].sentiment_label == "positive"
    assert len(seen) == 2
    fmt = seen[0]["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    assert seen[0]["messages"][1]["content"] in {"one text", "two text"}
    assert found.usage.tokens_in == 1400 and found.usage.tokens_out == 180


def test_an_invalid_reply_drops_only_its_text() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        text = json.loads(request.content)["messages"][1]["content"]
        return httpx2.Response(200, json=completion(GOOD if text == "good" else '{"x": 1}'))

    _, found = run(handler, ["good", "bad"])
    assert list(found.labels) == [0]
    assert found.failed == 1


def test_a_server_that_fails_every_text_raises() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(500, json={"error": {"message": "model not loaded"}})

    with pytest.raises(AnalysisError, match="labelled none"):
        run(handler, ["a", "b"])
