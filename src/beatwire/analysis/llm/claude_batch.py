"""Labels with Claude through the Message Batches API (the anthropic SDK).

One batch per call: every text is a request whose custom_id is its index, asking
for JSON that matches schema.json_schema() (structured output). The batch is
polled until it ends, then its JSONL results are read; succeeded replies that
pass validation become labels, errored, expired or invalid ones are left out.
Batches cost half the list price, which the cost accounting applies.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx2

from beatwire.analysis.llm._base import MAX_CHARS, LabelRun
from beatwire.analysis.llm.schema import json_schema, parse_label, system_prompt
from beatwire.config import Settings
from beatwire.errors import AnalysisError
from beatwire.llm_clients import Caller, anthropic_input, model_client
from beatwire.llm_retry import Sleep

log = logging.getLogger(__name__)
DEFAULT_MODEL = "claude-haiku-4-5"
BATCH_RATE = 0.5  # Message Batches are billed at 50% of the standard price


class ClaudeBatchLabeler:
    """Labels texts with one Claude message batch per call."""

    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx2.AsyncBaseTransport | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.settings, self.sleep = settings, sleep
        self.model = settings.analysis.llm_model or DEFAULT_MODEL
        self.name = f"claude-batch@{self.model}"
        caller = Caller(self.name, "analysis.llm = 'claude'", AnalysisError)
        self.client = model_client(
            settings, "claude", self.model, caller, transport=transport, sleep=sleep
        )

    def requests(self, texts: list[str]) -> list[dict[str, Any]]:
        """Return one batch request per non-empty text, its index as custom_id."""
        system = [{"type": "text", "text": system_prompt(), "cache_control": {"type": "ephemeral"}}]
        schema = json_schema()
        return [
            {
                "custom_id": str(index),
                "params": {
                    "model": self.model,
                    "max_tokens": self.settings.analysis.llm_max_tokens,
                    "system": system,
                    "messages": [{"role": "user", "content": text[:MAX_CHARS]}],
                    "output_config": {"format": {"type": "json_schema", "schema": schema}},
                },
            }
            for index, text in enumerate(texts)
            if text.strip()
        ]

    async def aclose(self) -> None:
        """Close the SDK client and its connections."""
        await self.client.aclose()

    async def label(self, texts: list[str]) -> LabelRun:
        """Submit a batch, wait for it to end and return the valid labels."""
        run = LabelRun()
        requests = self.requests(texts)
        if not requests:
            return run
        batch = await self.client.call(lambda sdk: sdk.messages.batches.create(requests=requests))
        batch_id, waited = batch.id, 0.0
        while batch.processing_status != "ended":
            if waited >= self.settings.analysis.llm_max_wait_s:
                await self.client.call(lambda sdk: sdk.messages.batches.cancel(batch_id))
                raise AnalysisError(
                    f"claude batch {batch_id} still {batch.processing_status} after {waited:.0f}s",
                    hint="raise analysis.llm_max_wait_s, or label smaller batches",
                )
            await self.sleep(self.settings.analysis.llm_poll_s)
            waited += self.settings.analysis.llm_poll_s
            batch = await self.client.call(lambda sdk: sdk.messages.batches.retrieve(batch_id))
        results = await self.client.call(lambda sdk: sdk.messages.batches.results(batch_id))
        async for line in results:
            self._take(line, len(texts), run)
        log.info("%s: %d labelled, %d failed, %d tokens in, %d out, $%.4f", self.name,
                 len(run.labels), run.failed, run.usage.tokens_in, run.usage.tokens_out,
                 run.usage.cost_usd)  # fmt: skip
        return run

    def _take(self, line: Any, n: int, run: LabelRun) -> None:
        """Add one JSONL result line to the run (a label, or a counted failure)."""
        result = line.result
        if result.type != "succeeded":
            run.failed += 1
            log.warning("%s: request %s %s", self.name, line.custom_id, result.type)
            return
        message = result.message
        usage = message.usage
        tokens_in, billed_in = anthropic_input(usage)
        run.usage.add(tokens_in, usage.output_tokens, self.client.price, BATCH_RATE, billed_in)
        text = "".join(b.text for b in message.content if getattr(b, "type", "") == "text")
        try:
            index = int(line.custom_id)
            if not 0 <= index < n:
                raise ValueError(f"custom_id {line.custom_id!r} out of range")
            run.labels[index] = parse_label(text)
        except (AnalysisError, ValueError) as exc:
            run.failed += 1
            log.warning("%s: request %s: %s", self.name, line.custom_id, exc)
