"""The model client factory, and what Anthropic bills for a reply's input."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import httpx2
import pytest

from beatwire.config import Settings
from beatwire.errors import AnalysisError
from beatwire.llm_clients import Caller, anthropic_input, model_client


def test_plain_input_is_billed_as_it_is() -> None:
    usage = SimpleNamespace(
        input_tokens=300, cache_creation_input_tokens=None, cache_read_input_tokens=None
    )
    assert anthropic_input(usage) == (300, 300)


def test_cache_writes_cost_more_and_reads_a_tenth() -> None:
    written = SimpleNamespace(
        input_tokens=100, cache_creation_input_tokens=1000, cache_read_input_tokens=0
    )
    read = SimpleNamespace(
        input_tokens=100, cache_creation_input_tokens=0, cache_read_input_tokens=1000
    )
    assert anthropic_input(written) == (1100, 100 + 1.25 * 1000)
    assert anthropic_input(read) == (1100, 100 + 0.1 * 1000)


CALLER = Caller("labeller", "the test labeller", AnalysisError, {401: "check the key"})


def test_claude_without_a_key_fails_with_the_callers_error() -> None:
    with pytest.raises(AnalysisError, match="the test labeller needs an API key"):
        model_client(Settings(), "claude", "claude-haiku-4-5", CALLER)


def test_the_client_prices_its_model_from_the_settings() -> None:
    settings = Settings()
    settings.newsroom.prices_per_mtok = {"local-7b": (2.0, 10.0)}
    client = model_client(settings, "openai", "local-7b", CALLER)
    assert client.price == (2.0, 10.0) and client.cost_usd(1000, 100) == 0.003
    assert model_client(settings, "openai", "unpriced", CALLER).cost_usd(1000, 100) == 0.0


def test_calls_go_to_the_configured_server_and_fail_with_the_callers_error() -> None:
    seen: list[httpx2.Request] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return httpx2.Response(401, json={"error": {"message": "bad key", "type": "auth"}})

    settings = Settings()
    settings.newsroom.openai_base_url = "http://127.0.0.1:8080/v1"
    client = model_client(
        settings, "openai", "local-7b", CALLER, transport=httpx2.MockTransport(handler)
    )
    with pytest.raises(AnalysisError, match="labeller failed after 1 attempt") as caught:
        asyncio.run(client.call(lambda sdk: sdk.models.list()))
    assert caught.value.hint == "check the key"
    assert str(seen[0].url) == "http://127.0.0.1:8080/v1/models"
    assert seen[0].headers["authorization"] == "Bearer not-needed"
