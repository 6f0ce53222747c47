"""The openai writer over httpx2.MockTransport, on the chat completions API's real format."""

from __future__ import annotations

import json
from typing import Any

import httpx2
import pytest

from beatwire.errors import WriterError
from beatwire.newsroom.evidence import EvidencePack
from beatwire.newsroom.fidelity.decision import check_draft
from tests.newsroom.writers.mock_api import META, Script, number_of, settings_for, write_with


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
    mara = number_of(pack, "mara.bsky.social")
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
    draft, slept = write_with(settings_for("openai"), script, pack)
    assert len(slept) == 1 and draft.body == body
    assert script.requests[1]["response_format"]["type"] == "json_schema"
    assert script.requests[1]["_url"].startswith("http://127.0.0.1:11434/v1/chat/completions")
    assert "does not match the schema" in script.requests[2]["messages"][-1]["content"]
    assert (draft.tokens_in, draft.tokens_out) == (1800, 500)
    assert [c.number for c in draft.citations] == [mara]
    assert check_draft(draft, pack, settings_for("openai").newsroom).score == 100.0


def test_openai_gives_up_after_its_repairs(pack: EvidencePack) -> None:
    script = Script([httpx2.Response(200, json=chat_completion("not json"))] * 3)
    with pytest.raises(WriterError, match="no valid story"):
        write_with(settings_for("openai"), script, pack)
