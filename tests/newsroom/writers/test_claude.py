"""The claude writer over httpx2.MockTransport, on the Messages API's real response format."""

from __future__ import annotations

import json
from typing import Any

import httpx2
import pytest

from beatwire.config import Settings
from beatwire.errors import WriterError
from beatwire.newsroom.evidence import EvidencePack
from beatwire.newsroom.fidelity.decision import check_draft
from beatwire.newsroom.writers.factory import make_writer
from tests.newsroom.writers.mock_api import (
    META,
    Script,
    index_of,
    number_of,
    settings_for,
    write_with,
)


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
                    "search_result_index": index_of(pack, "mara.bsky.social"),
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


def test_claude_maps_citations_to_record_numbers_and_retries(pack: EvidencePack) -> None:
    script = Script([
        anthropic_error(429, "rate_limit_error", {"retry-after": "7"}),
        anthropic_error(529, "overloaded_error"),
        httpx2.Response(200, json=anthropic_message(cited_body(pack))),
        httpx2.Response(200, json=anthropic_message([{"type": "text", "text": json.dumps(META)}],
                                                    {"input_tokens": 500, "output_tokens": 120})),
    ])  # fmt: skip
    draft, slept = write_with(settings_for("claude"), script, pack)
    assert f"today.” [{number_of(pack, 'mara.bsky.social')}]" in draft.body
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
    report = check_draft(draft, pack, settings_for("claude").newsroom)
    assert report.score == 100.0 and report.publishable


def test_claude_gives_up_with_a_clear_error_after_server_errors(pack: EvidencePack) -> None:
    settings = settings_for("claude")
    settings.newsroom.llm_retries = 2
    script = Script([anthropic_error(500, "api_error")] * 3)
    with pytest.raises(WriterError, match="after 3 attempt"):
        write_with(settings, script, pack)


def test_claude_does_not_retry_a_bad_key(pack: EvidencePack) -> None:
    script = Script([anthropic_error(401, "authentication_error")])
    with pytest.raises(WriterError) as caught:
        write_with(settings_for("claude"), script, pack)
    assert "API key" in caught.value.one_line() and len(script.requests) == 1


def test_claude_refuses_a_wait_longer_than_allowed(pack: EvidencePack) -> None:
    script = Script([anthropic_error(429, "rate_limit_error", {"retry-after": "3600"})])
    with pytest.raises(WriterError, match="HTTP 429"):
        write_with(settings_for("claude"), script, pack)


def test_claude_without_a_key_says_how_to_set_one() -> None:
    settings = Settings()
    settings.newsroom.writer = "claude"
    with pytest.raises(WriterError, match="needs an API key"):
        make_writer(settings)
