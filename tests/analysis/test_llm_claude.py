"""The Claude Message Batches labeller against mocked API responses in the real formats."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx2
import pytest

from beatwire.analysis.llm.claude_batch import ClaudeBatchLabeler
from beatwire.config import Settings
from beatwire.errors import AnalysisError

BATCH_ID = "msgbatch_01TestBatchForBeatwire"
REGISTERS = dict.fromkeys(
    ["enthusiasm", "optimism", "curiosity", "humor", "informational",
     "skepticism", "concern", "anger", "fear", "sadness"], 0.0,
)  # fmt: skip


def reply(label: str = "negative", **extra: Any) -> str:
    """Return a valid label reply as JSON text, with fields overridden by `extra`."""
    body = {
        "sentiment_label": label,
        "sentiment_score": -0.6 if label == "negative" else 0.5,
        "emotion_scores": {**REGISTERS, "concern": 0.8, "fear": 0.2},
        "beats": [{"slug": "ai-regulation", "confidence": 0.9}],
        "ai_relevance": 0.95,
    }
    return json.dumps({**body, **extra})


def batch(status: str) -> dict[str, Any]:
    """Return a MessageBatch object as the API serves it."""
    ended = status == "ended"
    return {
        "id": BATCH_ID,
        "type": "message_batch",
        "processing_status": status,
        "request_counts": {"processing": 0 if ended else 3, "succeeded": 2 if ended else 0,
                           "errored": 1 if ended else 0, "canceled": 0, "expired": 0},
        "ended_at": "2026-11-29T10:40:00.000000Z" if ended else None,
        "created_at": "2026-11-29T10:30:00.000000Z",
        "expires_at": "2026-11-30T10:30:00.000000Z",
        "archived_at": None,
        "cancel_initiated_at": None,
        "results_url": f"https://api.anthropic.com/v1/messages/batches/{BATCH_ID}/results"
        if ended else None,
    }  # fmt: skip


def succeeded(custom_id: str, text: str) -> dict[str, Any]:
    """Return one succeeded line of a batch's results JSONL."""
    return {
        "custom_id": custom_id,
        "result": {
            "type": "succeeded",
            "message": {
                "id": f"msg_01{custom_id}", "type": "message", "role": "assistant",
                "model": "claude-haiku-4-5",
                "content": [{"type": "text", "text": text}],
                "stop_reason": "end_turn", "stop_sequence": None,
                "usage": {"input_tokens": 100, "output_tokens": 50,
                          "cache_creation_input_tokens": 0, "cache_read_input_tokens": 900},
            },
        },
    }  # fmt: skip


ERRORED = {
    "result": {
        "type": "errored",
        "error": {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}},
    }
}


class FakeBatches:
    """Serves create, two polls (in progress, then ended) and the results file."""

    def __init__(self, lines: list[dict[str, Any]], polls: int = 1) -> None:
        self.lines, self.polls = lines, polls
        self.created: dict[str, Any] = {}
        self.paths: list[str] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        path = request.url.path
        self.paths.append(f"{request.method} {path}")
        if request.method == "POST" and path == "/v1/messages/batches":
            self.created = json.loads(request.content)
            return httpx2.Response(200, json=batch("in_progress"))
        if path == f"/v1/messages/batches/{BATCH_ID}/cancel":
            return httpx2.Response(200, json=batch("canceling"))
        if path == f"/v1/messages/batches/{BATCH_ID}":
            self.polls -= 1
            return httpx2.Response(200, json=batch("ended" if self.polls < 0 else "in_progress"))
        if path == f"/v1/messages/batches/{BATCH_ID}/results":
            body = "\n".join(json.dumps(line) for line in self.lines) + "\n"
            return httpx2.Response(
                200, content=body.encode(), headers={"content-type": "application/binary"}
            )
        missing = {"type": "not_found_error", "message": path}
        return httpx2.Response(404, json={"type": "error", "error": missing})


def settings(**analysis: Any) -> Settings:
    """Return settings with a Claude key and the labeller chosen."""
    return Settings(
        analysis={"llm": "claude", **analysis},
        newsroom={"api_keys": {"claude": "sk-ant-test"},
                  "prices_per_mtok": {"claude-haiku-4-5": (1.0, 5.0)}},
    )  # fmt: skip


def labeler(fake: FakeBatches, slept: list[float], **analysis: Any) -> ClaudeBatchLabeler:
    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    return ClaudeBatchLabeler(
        settings(**analysis), transport=httpx2.MockTransport(fake), sleep=sleep
    )


def run(lab: ClaudeBatchLabeler, texts: list[str]) -> Any:
    async def go() -> Any:
        try:
            return await lab.label(texts)
        finally:
            await lab.aclose()

    return asyncio.run(go())


def test_batch_is_created_polled_and_read_back_by_custom_id() -> None:
    lines = [
        succeeded("2", reply("positive")),
        {"custom_id": "0", **ERRORED},
        succeeded("1", reply("negative")),
    ]
    fake, slept = FakeBatches(lines, polls=1), []
    found = run(labeler(fake, slept), ["first text", "second text", "third text"])
    assert sorted(found.labels) == [1, 2]
    assert found.labels[2].sentiment_label == "positive"
    assert found.labels[1].sentiment_label == "negative"
    assert found.failed == 1
    assert slept == [30.0, 30.0]  # in progress twice, then ended
    requests = fake.created["requests"]
    assert [r["custom_id"] for r in requests] == ["0", "1", "2"]
    params = requests[0]["params"]
    assert params["model"] == "claude-haiku-4-5"
    assert params["messages"] == [{"role": "user", "content": "first text"}]
    assert params["output_config"]["format"]["type"] == "json_schema"


def test_tokens_and_batch_discounted_cost_are_counted() -> None:
    lines = [succeeded("0", reply()), succeeded("1", reply())]
    found = run(labeler(FakeBatches(lines, polls=0), []), ["a text", "another text"])
    assert found.usage.requests == 2
    assert found.usage.tokens_in == 2 * (100 + 900)
    assert found.usage.tokens_out == 2 * 50
    # each reply: 100 plain input tokens and 900 cache reads billed at a tenth, so
    # (2 x 190 x $1 + 100 x $5) per Mtok, at the 50% batch rate
    assert found.usage.cost_usd == pytest.approx((2 * 190 * 1.0 + 100 * 5.0) / 1e6 * 0.5)


@pytest.mark.parametrize(
    "text",
    [
        "not json at all",
        reply(sentiment_label="very negative"),
        reply(sentiment_score=3.0),
        reply(beats=[{"slug": "cooking", "confidence": 0.5}]),
        reply(extra_field=1),
        json.dumps({"sentiment_label": "neutral"}),
    ],
)
def test_replies_that_break_the_schema_are_dropped(text: str) -> None:
    found = run(labeler(FakeBatches([succeeded("0", text)], polls=0), []), ["some text"])
    assert found.labels == {}
    assert found.failed == 1


def test_empty_texts_are_not_sent() -> None:
    fake = FakeBatches([succeeded("1", reply())], polls=0)
    found = run(labeler(fake, []), ["   ", "a text"])
    assert [r["custom_id"] for r in fake.created["requests"]] == ["1"]
    assert list(found.labels) == [1]


def test_a_batch_running_too_long_is_cancelled_and_raises() -> None:
    fake = FakeBatches([], polls=100)
    with pytest.raises(AnalysisError, match="still in_progress"):
        run(labeler(fake, [], llm_poll_s=10.0, llm_max_wait_s=25.0), ["a text"])
    assert f"POST /v1/messages/batches/{BATCH_ID}/cancel" in fake.paths


def test_a_rejected_key_raises_an_analysis_error_without_retrying() -> None:
    calls = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        calls.append(request)
        return httpx2.Response(
            401,
            json={"type": "error",
                  "error": {"type": "authentication_error", "message": "invalid x-api-key"}},
        )  # fmt: skip

    async def sleep(seconds: float) -> None:
        raise AssertionError("no retry on 401")

    lab = ClaudeBatchLabeler(settings(), transport=httpx2.MockTransport(handler), sleep=sleep)
    with pytest.raises(AnalysisError, match="invalid x-api-key"):
        run(lab, ["a text"])
    assert len(calls) == 1


def test_overload_is_retried_after_the_asked_delay() -> None:
    fake = FakeBatches([succeeded("0", reply())], polls=0)
    first = [True]

    def handler(request: httpx2.Request) -> httpx2.Response:
        if first[0]:
            first[0] = False
            return httpx2.Response(
                529,
                headers={"retry-after": "2"},
                json={"type": "error", "error": ERRORED["result"]["error"]["error"]},  # type: ignore[index]
            )  # fmt: skip
        return fake(request)

    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    lab = ClaudeBatchLabeler(settings(), transport=httpx2.MockTransport(handler), sleep=sleep)
    found = run(lab, ["a text"])
    assert list(found.labels) == [0]
    assert slept[0] == 2.0
