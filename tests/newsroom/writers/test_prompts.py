"""The model writers' prompts: the same event pack as the offline writer, trigger first."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import httpx2

from beatwire.newsroom.writers.claude import body_from_blocks, search_results
from beatwire.newsroom.writers.prompts import prompt_text, records_text, task_text
from tests.newsroom.conftest import make_pack
from tests.newsroom.writers.event_packs import REACTIONS, TRIGGER, event_pack
from tests.newsroom.writers.mock_api import META, Script, settings_for, write_with

TITLE = "Quillfeather Labs acquires Tessel, maker of the Tessel runtime"


def test_the_task_states_the_event_and_asks_the_lede_to_state_it() -> None:
    pack = event_pack(earlier=[{"slug": "q-api", "headline": "Quillfeather Labs opens its API",
                                "day": "2026-11-06"}])  # fmt: skip
    pack.facets = [pack.signal]
    text = task_text(pack, "story")
    assert f"Event: {TITLE}" in text
    assert "Trigger: record [1], news sites, The Harbour Ledger, November 12" in text
    assert (
        "lede's first sentence states the event" in text and "cites the trigger record [1]" in text
    )
    assert f"Also measured about this event: {pack.signal.sentence}" in text
    assert "Earlier Beatwire story: Quillfeather Labs opens its API (2026-11-06)" in text


def test_without_any_titled_record_the_task_forbids_inventing_an_event() -> None:
    text = task_text(make_pack(), "story")
    assert "Event: none identified" in text and "do not invent an event" in text


def test_the_instructions_require_the_lede_to_state_the_event() -> None:
    system = prompt_text("writer_system.md")
    assert "The lede's first sentence states the event" in system
    assert "from\n  none" in system or "from none" in system.replace("\n  ", " ")
    assert "names the subject" in prompt_text("metadata_system.md")


def test_records_reach_a_model_trigger_first_with_their_own_numbers() -> None:
    pack = event_pack([*REACTIONS, TRIGGER], with_event=False)  # the titled record comes last
    trigger = next(i for i in pack.items if i.record.title)
    assert trigger.number != 1
    assert records_text(pack).startswith(f"[{trigger.number}] news sites, The Harbour Ledger")
    blocks = search_results(pack)
    assert blocks[0]["source"] == f"beatwire:record:{trigger.record.id}"
    cited = SimpleNamespace(type="search_result_location", search_result_index=0)
    said = "Quillfeather Labs bought Tessel."
    reply = [SimpleNamespace(type="text", text=said, citations=[cited])]
    assert body_from_blocks(reply, pack) == f"{said} [{trigger.number}]"


def _completion(content: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-1", "object": "chat.completion", "created": 1764400000, "model": "llama3.1",
        "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None,
                     "message": {"role": "assistant", "content": content, "refusal": None}}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }  # fmt: skip


def test_the_openai_writer_sends_the_event_and_the_trigger_first() -> None:
    pack = event_pack()
    body = f"{TITLE}, The Harbour Ledger reported on November 12 [1]. " * 3
    script = Script([httpx2.Response(200, json=_completion(json.dumps(META | {"body": body})))])
    write_with(settings_for("openai"), script, pack)
    system, user = (m["content"] for m in script.requests[0]["messages"])
    assert "The lede's first sentence states the event" in system
    assert user.startswith("Records:\n\n[1] news sites, The Harbour Ledger")
    assert f"Event: {TITLE}" in user
