"""The LLM labeller role: label a batch of texts, report which ones it labelled and the spend.

Implementations (one file each) and the names they record in analysis rows:

    claude_batch.py   "claude-batch@<model>"  Anthropic Message Batches (half price, async)
    openai_compat.py  "openai@<model>"        any OpenAI-compatible server (Ollama, vLLM...)

A labeller may leave any text out (an errored or invalid reply): that record keeps
its local analysis. fallback.py applies the labels and falls back on any error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from beatwire.analysis.llm.schema import RecordLabel, Usage

MAX_CHARS = 4000  # longer texts are cut: the label is about the claim, not the whole article


@dataclass(slots=True)
class LabelRun:
    """A run's valid labels by position in the batch, what failed, and what it cost."""

    labels: dict[int, RecordLabel] = field(default_factory=dict)
    failed: int = 0
    usage: Usage = field(default_factory=Usage)


class LLMLabeler(Protocol):
    """Labels texts with a language model; `name` is recorded on the rows it labels."""

    name: str

    async def label(self, texts: list[str]) -> LabelRun:
        """Return the valid labels of `texts` (by index), failures and token use."""
        ...

    async def aclose(self) -> None:
        """Close the client's connections."""
        ...
