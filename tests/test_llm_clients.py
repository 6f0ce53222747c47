"""What Anthropic bills for a reply's input: prompt-cache writes and reads priced apart."""

from __future__ import annotations

from types import SimpleNamespace

from beatwire.llm_clients import anthropic_input


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
