"""The claude writer: the official anthropic SDK, records as citable search results.

Call 1 passes every record of the pack as a `search_result` content block with
citations enabled; the reply's text blocks carry `search_result_location`
citations whose `search_result_index` maps back to the pack's numbers, and
become `[N]` markers. Call 2 asks for the display fields as JSON (structured
output) from the finished body. The fixed instructions are cached
(`cache_control`), so repeated stories pay for them once.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any, Final

import httpx2
from pydantic import ValidationError

from beatwire.config import Settings
from beatwire.errors import WriterError
from beatwire.llm_clients import anthropic_input
from beatwire.llm_retry import Sleep
from beatwire.model import Draft
from beatwire.newsroom.evidence import EvidencePack
from beatwire.newsroom.writers.caller import writer_client
from beatwire.newsroom.writers.prompts import (
    StoryMeta,
    draft_from_fields,
    item_title,
    ordered_items,
    prompt_hash,
    prompt_text,
    task_text,
)

NAME: Final = "claude"


def search_results(pack: EvidencePack) -> list[dict[str, Any]]:
    """Return the pack's records as search_result blocks, the event's trigger first."""
    return [
        {
            "type": "search_result",
            "source": f"beatwire:record:{item.record.id}",
            "title": item_title(item),
            "content": [{"type": "text", "text": item.record.text}],
            "citations": {"enabled": True},
        }
        for item in ordered_items(pack)
    ]


def body_from_blocks(blocks: list[Any], pack: EvidencePack) -> str:
    """Return the Markdown body: text blocks joined, each cited block followed by its markers."""
    numbers = [item.number for item in ordered_items(pack)]
    parts = []
    for block in blocks:
        if getattr(block, "type", None) != "text":
            continue
        found = [
            numbers[c.search_result_index]
            for c in block.citations or []
            if getattr(c, "type", "") == "search_result_location"
            and 0 <= c.search_result_index < len(numbers)
        ]
        markers = "".join(f"[{n}]" for n in dict.fromkeys(found))
        text = block.text
        if markers:
            stripped = text.rstrip()
            text = f"{stripped} {markers}{text[len(stripped) :]}"
        parts.append(text)
    return "".join(parts).strip()


class ClaudeWriter:
    """Writes stories with Claude through the anthropic SDK."""

    name = NAME

    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx2.AsyncBaseTransport | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.settings = settings
        self.client = writer_client(settings, NAME, transport=transport, sleep=sleep)
        self.system = prompt_text("writer_system.md")
        self.meta_system = prompt_text("metadata_system.md")

    async def _create(self, **params: Any) -> Any:
        model = self.client.model
        return await self.client.call(lambda sdk: sdk.messages.create(model=model, **params))

    async def _body(self, pack: EvidencePack, story_type: str) -> tuple[str, Any]:
        message = await self._create(
            max_tokens=self.settings.newsroom.max_tokens,
            system=[{"type": "text", "text": self.system, "cache_control": {"type": "ephemeral"}}],
            messages=[
                {
                    "role": "user",
                    "content": [
                        *search_results(pack),
                        {"type": "text", "text": task_text(pack, story_type)},
                    ],
                }
            ],
        )
        return body_from_blocks(message.content, pack), message.usage

    async def _meta(
        self, pack: EvidencePack, story_type: str, body: str
    ) -> tuple[StoryMeta, list[Any]]:
        schema = StoryMeta.model_json_schema()
        ask = (
            f"Story type: {story_type}\n\nBody:\n{body}\n\nFigures:\n{task_text(pack, story_type)}"
        )
        messages: list[dict[str, Any]] = [{"role": "user", "content": ask}]
        usages = []
        for _ in range(self.settings.newsroom.json_repairs + 1):
            message = await self._create(
                max_tokens=1200,
                system=[
                    {
                        "type": "text",
                        "text": self.meta_system,
                        "cache_control": {"type": "ephemeral"},
                    }
                ],
                messages=messages,
                output_config={"format": {"type": "json_schema", "schema": schema}},
            )
            usages.append(message.usage)
            text = "".join(b.text for b in message.content if getattr(b, "type", "") == "text")
            try:
                return StoryMeta.model_validate(json.loads(text)), usages
            except (ValueError, ValidationError) as exc:
                messages += [
                    {"role": "assistant", "content": text or "(empty)"},
                    {
                        "role": "user",
                        "content": f"That JSON is not valid: {str(exc)[:500]}. "
                        "Reply with corrected JSON only.",
                    },
                ]
        raise WriterError("claude returned no valid story fields after repairs")

    async def write(self, pack: EvidencePack, story_type: str) -> Draft:
        """Return a draft for the pack, written by Claude with record citations."""
        body, usage = await self._body(pack, story_type)
        if not body:
            raise WriterError("claude returned an empty story")
        meta, meta_usages = await self._meta(pack, story_type, body)
        usages = [usage, *meta_usages]
        inputs = [anthropic_input(u) for u in usages]
        tokens_in = sum(count for count, _ in inputs)
        billed_in = sum(billed for _, billed in inputs)
        tokens_out = sum(u.output_tokens for u in usages)
        return draft_from_fields(pack, story_type, body, meta, writer=NAME,
                                 model=self.client.model, tokens_in=tokens_in,
                                 tokens_out=tokens_out,
                                 cost=self.client.cost_usd(billed_in, tokens_out),
                                 hashed=prompt_hash(self.system, self.meta_system))  # fmt: skip
