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
import openai

from beatwire.analysis.llm._base import MAX_CHARS, LabelRun
from beatwire.analysis.llm.schema import RecordLabel, json_schema, parse_label, system_prompt
from beatwire.config import Settings
from beatwire.errors import AnalysisError
from beatwire.llm_clients import openai_client
from beatwire.llm_retry import RetryPolicy, Sleep, call_with_retries

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
        self.settings, self.sleep = settings, sleep
        self.model = settings.analysis.llm_model or settings.newsroom.openai_model
        self.name = f"openai@{self.model}"
        self.client = openai_client(settings, transport)
        self.policy = RetryPolicy.for_models(settings)
        self.system = system_prompt()
        self.format = {
            "type": "json_schema",
            "json_schema": {"name": "record_label", "schema": json_schema(), "strict": True},
        }

    async def aclose(self) -> None:
        """Close the SDK client and its connections."""
        await self.client.close()

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
        completion: Any = await call_with_retries(
            lambda: self.client.chat.completions.create(  # type: ignore[call-overload]
                model=self.model,
                messages=[
                    {"role": "system", "content": self.system},
                    {"role": "user", "content": text[:MAX_CHARS]},
                ],
                response_format=self.format,
                max_tokens=self.settings.analysis.llm_max_tokens,
            ),
            what=self.name,
            policy=self.policy,
            api_errors=(openai.APIError,),
            connection_errors=(openai.APIConnectionError,),
            error=AnalysisError,
            sleep=self.sleep,
        )
        if completion.usage is not None:
            price = self.settings.newsroom.prices_per_mtok.get(self.model, (0.0, 0.0))
            run.usage.add(completion.usage.prompt_tokens, completion.usage.completion_tokens,
                          price, 1.0)  # fmt: skip
        if not completion.choices:
            raise AnalysisError(f"{self.name} returned no choices")
        return parse_label(completion.choices[0].message.content or "")
