"""The newsroom: evidence packs, writers, the output gate, the verifier, versions."""

from beatwire.newsroom import stage

__all__ = ["stage"]
