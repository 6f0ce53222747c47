"""Labels with any OpenAI-compatible chat completions server (Ollama, llama.cpp, vLLM).

One completion per text with `response_format` json_schema (strict), a few in
flight at once. A reply that fails validation, or a request that fails after
retries, leaves that text out; the rest are labelled.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx2

from beatwire.analysis.llm._base import MAX_CHARS, LabelRun
from beatwire.analysis.llm.schema import RecordLabel, json_schema, parse_label, system_prompt
from beatwire.config import Settings
from beatwire.errors import AnalysisError
from beatwire.llm_clients import Caller, model_client
from beatwire.llm_retry import Sleep

log = logging.getLogger(__name__)
IN_FLIGHT = 4  # local servers serve a few requests at once; more only queue


class OpenAICompatLabeler:
    """Labels texts one chat completion each through an OpenAI-compatible endpoint."""

    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx2.AsyncBaseTransport | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.settings = settings
        self.model = settings.analysis.llm_model or settings.newsroom.openai_model
        self.name = f"openai@{self.model}"
        caller = Caller(self.name, "analysis.llm = 'openai'", AnalysisError)
        self.client = model_client(
            settings, "openai", self.model, caller, transport=transport, sleep=sleep
        )
        self.system = system_prompt()
        self.format = {
            "type": "json_schema",
            "json_schema": {"name": "record_label", "schema": json_schema(), "strict": True},
        }

    async def aclose(self) -> None:
        """Close the SDK client and its connections."""
        await self.client.aclose()

    async def label(self, texts: list[str]) -> LabelRun:
        """Return the valid labels of the non-empty texts."""
        run = LabelRun()
        gate = asyncio.Semaphore(IN_FLIGHT)

        async def one(index: int, text: str) -> None:
            async with gate:
                try:
                    run.labels[index] = await self._one(text, run)
                except AnalysisError as exc:
                    run.failed += 1
                    log.warning("%s: text %d: %s", self.name, index, exc.one_line())

        await asyncio.gather(*(one(i, t) for i, t in enumerate(texts) if t.strip()))
        if run.failed and not run.labels:
            raise AnalysisError(f"{self.name} labelled none of {run.failed} texts")
        return run

    async def _one(self, text: str, run: LabelRun) -> RecordLabel:
        completion: Any = await self.client.call(
            lambda sdk: sdk.chat.completions.create(
                model=self.model,
                messages=[
                    {"role": "system", "content": self.system},
                    {"role": "user", "content": text[:MAX_CHARS]},
                ],
                response_format=self.format,
                max_tokens=self.settings.analysis.llm_max_tokens,
            )
        )
        if completion.usage is not None:
            run.usage.add(completion.usage.prompt_tokens, completion.usage.completion_tokens,
                          self.client.price, 1.0)  # fmt: skip
        if not completion.choices:
            raise AnalysisError(f"{self.name} returned no choices")
        return parse_label(completion.choices[0].message.content or "")
