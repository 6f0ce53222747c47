"""The model clients (part of the `llm` extra): one factory builds every one of them.

`model_client` gives the writers and the labellers alike an SDK client on an HTTP
client from `http_client.make_client` (User-Agent, timeouts, the test transport),
built with `max_retries=0` so that the one retry policy (`llm_retry`) decides, and
wrapped with what every call needs: the model, its price and the caller's error
type. `anthropic_input` reads what a Claude reply's input is billed as, for the
labeller's and the writer's cost accounting alike.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

import anthropic
import httpx2
import openai

from beatwire.config import Settings
from beatwire.errors import BeatwireError
from beatwire.http_client import make_client
from beatwire.llm_retry import RetryPolicy, Sleep, call_with_retries

T = TypeVar("T")
Provider = Literal["claude", "openai"]


@dataclass(frozen=True, slots=True)
class Caller:
    """Who calls a model: named in errors and logs, with the error type it raises."""

    name: str  # "claude", "claude-batch@claude-haiku-4-5"
    role: str  # who needs the key, as its error says: "the claude writer"
    error: type[BeatwireError]
    hints: Mapping[int, str] = field(default_factory=dict)  # by HTTP status, on the final error


@dataclass(slots=True)
class ModelClient:
    """An SDK client, the model it asks and its price, and how its calls are retried."""

    sdk: Any  # anthropic.AsyncAnthropic or openai.AsyncOpenAI
    model: str
    caller: Caller
    policy: RetryPolicy
    price: tuple[float, float]  # dollars per million tokens, input and output (0 when unknown)
    api_errors: tuple[type[Exception], ...]
    connection_errors: tuple[type[Exception], ...]
    sleep: Sleep = asyncio.sleep

    async def call(self, request: Callable[[Any], Awaitable[T]]) -> T:
        """Return `request(sdk)`'s result, retrying transient failures; raise the caller's error."""
        return await call_with_retries(
            lambda: request(self.sdk),
            what=self.caller.name,
            policy=self.policy,
            api_errors=self.api_errors,
            connection_errors=self.connection_errors,
            error=self.caller.error,
            hints=dict(self.caller.hints),
            sleep=self.sleep,
        )

    def cost_usd(self, tokens_in: float, tokens_out: int) -> float:
        """Return the dollar cost of a call at the model's price; `tokens_in` counts input as
        billed (`anthropic_input`)."""
        price_in, price_out = self.price
        return round((tokens_in * price_in + tokens_out * price_out) / 1_000_000, 6)

    async def aclose(self) -> None:
        """Close the SDK client and its connections."""
        await self.sdk.close()


def model_client(
    settings: Settings,
    provider: Provider,
    model: str,
    caller: Caller,
    *,
    transport: httpx2.AsyncBaseTransport | None = None,
    sleep: Sleep = asyncio.sleep,
) -> ModelClient:
    """Return the client of `model` at `provider` for `caller` (over `transport` when given).

    Claude needs a key in `newsroom.api_keys` (the caller's error says so); an
    OpenAI-compatible server gets the configured base URL and its key, if any.
    """
    keys = settings.newsroom.api_keys
    sdk: Any
    api_error: type[Exception]
    connection_error: type[Exception]
    if provider == "claude":
        if "claude" not in keys:
            raise caller.error(
                f"{caller.role} needs an API key",
                hint='set BEATWIRE_NEWSROOM__API_KEYS=\'{"claude": "sk-ant-..."}\'',
            )
        sdk = anthropic.AsyncAnthropic(
            api_key=keys["claude"].get_secret_value(),
            http_client=make_client(settings, transport=transport),
            max_retries=0,
        )
        api_error, connection_error = anthropic.APIError, anthropic.APIConnectionError
    else:
        sdk = openai.AsyncOpenAI(
            # Local servers ignore the key; the SDK insists on one.
            api_key=keys["openai"].get_secret_value() if "openai" in keys else "not-needed",
            base_url=settings.newsroom.openai_base_url,
            http_client=make_client(settings, transport=transport),
            max_retries=0,
        )
        api_error, connection_error = openai.APIError, openai.APIConnectionError
    price = settings.newsroom.prices_per_mtok.get(model, (0.0, 0.0))
    policy = RetryPolicy.for_models(settings)
    return ModelClient(
        sdk, model, caller, policy, price, (api_error,), (connection_error,), sleep=sleep
    )


# Anthropic bills a prompt-cache write (the 5-minute cache that cache_control "ephemeral"
# asks for) at 1.25 times the input price, and a cache read at a tenth of it.
CACHE_WRITE_PRICE = 1.25
CACHE_READ_PRICE = 0.1


def anthropic_input(usage: Any) -> tuple[int, float]:
    """Return a reply's input tokens and what they are billed as, in plain input tokens."""
    written = usage.cache_creation_input_tokens or 0
    read = usage.cache_read_input_tokens or 0
    plain = usage.input_tokens
    return plain + written + read, plain + CACHE_WRITE_PRICE * written + CACHE_READ_PRICE * read
