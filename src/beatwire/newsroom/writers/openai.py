"""The openai writer: any OpenAI-compatible server (Ollama, llama.cpp, vLLM) by base URL.

One chat completion with `response_format` json_schema; the reply is validated
against the schema and, when it fails, sent back with the error for repair (up
to `newsroom.json_repairs` times).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any, Final

import httpx2
from pydantic import ValidationError

from beatwire.config import Settings
from beatwire.errors import WriterError
from beatwire.llm_retry import Sleep
from beatwire.model import Draft
from beatwire.newsroom.evidence import EvidencePack
from beatwire.newsroom.writers.caller import writer_client
from beatwire.newsroom.writers.prompts import (
    StoryJson,
    draft_from_fields,
    prompt_hash,
    prompt_text,
    records_text,
    task_text,
)

NAME: Final = "openai"


def response_format() -> dict[str, Any]:
    """Return the json_schema response format of a whole story."""
    return {
        "type": "json_schema",
        "json_schema": {"name": "story", "schema": StoryJson.model_json_schema(), "strict": True},
    }


class OpenAIWriter:
    """Writes stories through an OpenAI-compatible chat completions endpoint."""

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
        self.system = prompt_text("writer_system.md") + "\n" + prompt_text("json_system.md")

    async def _complete(self, messages: list[dict[str, Any]]) -> Any:
        return await self.client.call(
            lambda sdk: sdk.chat.completions.create(
                model=self.client.model,
                messages=messages,
                response_format=response_format(),
                max_tokens=self.settings.newsroom.max_tokens,
            )
        )

    async def write(self, pack: EvidencePack, story_type: str) -> Draft:
        """Return a draft for the pack; repair invalid JSON by showing the model its error."""
        messages: list[dict[str, Any]] = [
            {"role": "system", "content": self.system},
            {
                "role": "user",
                "content": f"Records:\n\n{records_text(pack)}\n\n{task_text(pack, story_type)}",
            },
        ]
        tokens_in = tokens_out = 0
        for _ in range(self.settings.newsroom.json_repairs + 1):
            completion = await self._complete(messages)
            if completion.usage is not None:
                tokens_in += completion.usage.prompt_tokens
                tokens_out += completion.usage.completion_tokens
            text = completion.choices[0].message.content or ""
            try:
                story = StoryJson.model_validate(json.loads(text))
            except (ValueError, ValidationError) as exc:
                messages += [
                    {"role": "assistant", "content": text or "(empty)"},
                    {
                        "role": "user",
                        "content": f"That JSON does not match the schema: {str(exc)[:500]}. "
                        "Reply with corrected JSON only.",
                    },
                ]
                continue
            return draft_from_fields(pack, story_type, story.body.strip(), story, writer=NAME,
                                     model=self.client.model, tokens_in=tokens_in,
                                     tokens_out=tokens_out,
                                     cost=self.client.cost_usd(tokens_in, tokens_out),
                                     hashed=prompt_hash(self.system))  # fmt: skip
        raise WriterError(
            f"openai-compatible model {self.client.model} returned no valid story after repairs",
            hint="try a larger model or one that supports json_schema output",
        )
