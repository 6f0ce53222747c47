"""Build an embedder from its short name in the settings (analysis.embedder)."""

from __future__ import annotations

from collections.abc import Callable

from beatwire.analysis.choose import choose
from beatwire.analysis.embedding._base import Embedder
from beatwire.analysis.embedding.minilm import MiniLMEmbedder
from beatwire.analysis.embedding.none import NoEmbedder
from beatwire.analysis.embedding.static import StaticEmbedder

EMBEDDERS: dict[str, Callable[[], Embedder]] = {
    "minilm": MiniLMEmbedder,
    "static": StaticEmbedder,
    "none": NoEmbedder,
}


def build_embedder(name: str) -> Embedder:
    """Return the embedder called `name`; nothing heavy is loaded until it embeds."""
    return choose("embedder", name, EMBEDDERS)
