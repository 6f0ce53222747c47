"""Build an embedder from its short name in the settings (analysis.embedder)."""

from __future__ import annotations

from collections.abc import Callable

from beatwire.analysis.choose import choose
from beatwire.analysis.embedding._base import Embedder
from beatwire.analysis.embedding.minilm import Branch, MiniLMEmbedder
from beatwire.analysis.embedding.none import NoEmbedder
from beatwire.analysis.embedding.static import StaticEmbedder
from beatwire.errors import AnalysisError

EMBEDDERS: dict[str, Callable[[], Embedder]] = {
    "minilm": MiniLMEmbedder,
    "static": StaticEmbedder,
    "none": NoEmbedder,
}


def build_embedder(name: str, *, branch: Branch | None = None) -> Embedder:
    """Return the embedder called `name`; nothing heavy is loaded until it embeds.

    `branch`: fine-tuned top layers a task model needs run beside the embedder's own
    (only MiniLM runs them).
    """
    if branch is None:
        return choose("embedder", name, EMBEDDERS)
    if name != "minilm":
        raise AnalysisError(
            f"the fine-tuned branch {branch.name} runs inside the MiniLM embedder, not {name!r}",
            hint="set analysis.embedder = 'minilm', or heads that need no branch",
        )
    return MiniLMEmbedder(branch=branch)
