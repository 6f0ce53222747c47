"""The claude and openai writers over httpx2.MockTransport, on the APIs' real response formats."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import httpx2
import pytest
from pydantic import SecretStr

from beatwire.config import Settings
from beatwire.errors import WriterError
from beatwire.newsroom.evidence import EvidencePack
from beatwire.newsroom.stage import check_draft
from beatwire.newsroom.writers import make_writer

META = {
    "headline": "Audit rule vote sends AI Regulation talk soaring",
    "dek": "59 records on November 3 against a usual 7.",
    "takeaways": [
        "AI Regulation drew 59 records on November 3.",
        "Reddit led the talk.",
        "Watch the next vote.",
    ],
    "seo_description": "AI Regulation drew 59 records on November 3, 8.4 times the usual daily count.",  # noqa: E501
    "faq": [],
}


def _n(pack: EvidencePack, author: str) -> int:
    return next(i.number for i in pack.items if i.record.author == author)


def _index(pack: EvidencePack, author: str) -> int:
    return next(k for k, i in enumerate(pack.items) if i.record.author == author)


def anthropic_message(
    content: list[dict[str, Any]], usage: dict[str, int] | None = None
) -> dict[str, Any]:
    """Return a Messages API response body."""
    return {
        "id": "msg_01XFDUDYJgAACzvnptvVoYEL",
        "type": "message",
        "role": "assistant",
        "model": "claude-sonnet-5",
        "content": content,
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": usage or {"input_tokens": 1200, "output_tokens": 300,
                           "cache_creation_input_tokens": 0, "cache_read_input_tokens": 400},
    }  # fmt: skip


def cited_body(pack: EvidencePack) -> list[dict[str, Any]]:
    """Return text blocks of a reply, one with a search_result_location citation."""
    mara = next(i for i in pack.items if i.record.author == "mara.bsky.social")
    quote = "The Orvane Council finally passed the model audit rule today."
    return [
        {"type": "text", "text": "AI Regulation drew 59 records on November 3, 8.4 times its median of 7.\n\n"},  # noqa: E501
        {
            "type": "text",
            "text": f"On Bluesky, Mara Quillon wrote: “{quote}”",
            "citations": [
                {
                    "type": "search_result_location",
                    "source": f"beatwire:record:{mara.record.id}",
                    "title": "Bluesky post",
                    "cited_text": quote,
                    "search_result_index": _index(pack, "mara.bsky.social"),
                    "start_block_index": 0,
                    "end_block_index": 1,
                }
            ],
        },
        {"type": "text", "text": "\n\nWhether the attention lasts is the thing to watch. The vote came after a long night in the chamber, and more rules are due soon."},  # noqa: E501
    ]  # fmt: skip


def anthropic_error(
    status: int, kind: str, headers: dict[str, str] | None = None
) -> httpx2.Response:
    """Return an Anthropic error response."""
    body = {
        "type": "error",
        "error": {"type": kind, "message": kind.replace("_", " ")},
        "request_id": "req_011",
    }
    return httpx2.Response(status, json=body, headers=headers or {})


class Script:
    """A MockTransport handler that serves responses in order and records requests."""

    def __init__(
        self, responses: list[httpx2.Response | Callable[[httpx2.Request], httpx2.Response]]
    ) -> None:
        self.responses = list(responses)
        self.requests: list[dict[str, Any]] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(json.loads(request.content or b"{}") | {"_url": str(request.url)})
        item = self.responses.pop(0)
        return item(request) if callable(item) else item


def _settings(writer: str) -> Settings:
    settings = Settings()
    settings.newsroom.writer = writer
    settings.newsroom.api_keys = {
        "claude": SecretStr("sk-ant-test"),
        "openai": SecretStr("sk-test"),
    }
    return settings


def _write(
    settings: Settings, script: Script, pack: EvidencePack, story_type: str = "story"
) -> tuple[Any, list[float]]:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    writer = make_writer(settings, transport=httpx2.MockTransport(script), sleep=sleep)
    return asyncio.run(writer.write(pack, story_type)), slept


def test_claude_maps_citations_to_record_numbers_and_retries(pack: EvidencePack) -> None:
    script = Script([
        anthropic_error(429, "rate_limit_error", {"retry-after": "7"}),
        anthropic_error(529, "overloaded_error"),
        httpx2.Response(200, json=anthropic_message(cited_body(pack))),
        httpx2.Response(200, json=anthropic_message([{"type": "text", "text": json.dumps(META)}],
                                                    {"input_tokens": 500, "output_tokens": 120})),
    ])  # fmt: skip
    draft, slept = _write(_settings("claude"), script, pack)
    assert f"today.” [{_n(pack, 'mara.bsky.social')}]" in draft.body
    assert slept[0] == 7.0 and len(slept) == 2
    first = script.requests[2]
    blocks = first["messages"][0]["content"]
    assert blocks[0]["type"] == "search_result" and blocks[0]["citations"] == {"enabled": True}
    assert first["system"][0]["cache_control"] == {"type": "ephemeral"}
    assert script.requests[3]["output_config"]["format"]["type"] == "json_schema"
    assert (draft.tokens_in, draft.tokens_out) == (2100, 420)
    # the body's reply read 1,200 plain and 400 cached input tokens (billed at a tenth),
    # the meta reply 500 plain
    assert draft.cost_usd == pytest.approx(((1200 + 40 + 500) * 3 + 420 * 15) / 1e6)
    assert draft.writer == "claude" and draft.prompt_hash
    report = check_draft(draft, pack, _settings("claude"))
    assert report["score"] == 100.0 and report["publishable"]


def test_claude_gives_up_with_a_clear_error_after_server_errors(pack: EvidencePack) -> None:
    settings = _settings("claude")
    settings.newsroom.llm_retries = 2
    script = Script([anthropic_error(500, "api_error")] * 3)
    with pytest.raises(WriterError, match="after 3 attempt"):
        _write(settings, script, pack)


def test_claude_does_not_retry_a_bad_key(pack: EvidencePack) -> None:
    script = Script([anthropic_error(401, "authentication_error")])
    with pytest.raises(WriterError) as caught:
        _write(_settings("claude"), script, pack)
    assert "API key" in caught.value.one_line() and len(script.requests) == 1


def test_claude_refuses_a_wait_longer_than_allowed(pack: EvidencePack) -> None:
    script = Script([anthropic_error(429, "rate_limit_error", {"retry-after": "3600"})])
    with pytest.raises(WriterError, match="HTTP 429"):
        _write(_settings("claude"), script, pack)


def test_claude_without_a_key_says_how_to_set_one() -> None:
    settings = Settings()
    settings.newsroom.writer = "claude"
    with pytest.raises(WriterError, match="needs an API key"):
        make_writer(settings)


def chat_completion(content: str) -> dict[str, Any]:
    """Return an OpenAI chat.completion response body."""
    return {
        "id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
        "object": "chat.completion",
        "created": 1764400000,
        "model": "llama3.1",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content, "refusal": None},  # noqa: E501
                     "logprobs": None, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 900, "completion_tokens": 250, "total_tokens": 1150},
    }  # fmt: skip


def test_openai_repairs_json_that_fails_the_schema(pack: EvidencePack) -> None:
    mara = _n(pack, "mara.bsky.social")
    body = (
        "AI Regulation drew 59 records on November 3, 8.4 times its median of 7.\n\n"
        f"On Bluesky, Mara Quillon wrote: “The Orvane Council finally passed the model audit rule today.” [{mara}]\n\n"  # noqa: E501
        "Whether the attention lasts is the thing to watch."
    )
    bad = json.dumps({k: v for k, v in META.items() if k != "takeaways"} | {"body": body})
    good = json.dumps(META | {"body": body})
    script = Script([
        httpx2.Response(500, json={"error": {"message": "model loading", "type": "server_error"}}),
        httpx2.Response(200, json=chat_completion(bad)),
        httpx2.Response(200, json=chat_completion(good)),
    ])  # fmt: skip
    draft, slept = _write(_settings("openai"), script, pack)
    assert len(slept) == 1 and draft.body == body
    assert script.requests[1]["response_format"]["type"] == "json_schema"
    assert script.requests[1]["_url"].startswith("http://127.0.0.1:11434/v1/chat/completions")
    assert "does not match the schema" in script.requests[2]["messages"][-1]["content"]
    assert (draft.tokens_in, draft.tokens_out) == (1800, 500)
    assert [c.number for c in draft.citations] == [mara]
    assert check_draft(draft, pack, _settings("openai"))["score"] == 100.0


def test_openai_gives_up_after_its_repairs(pack: EvidencePack) -> None:
    script = Script([httpx2.Response(200, json=chat_completion("not json"))] * 3)
    with pytest.raises(WriterError, match="no valid story"):
        _write(_settings("openai"), script, pack)
