"""Sentence embeddings: all-MiniLM-L6-v2 on onnxruntime, a distilled static table, or none."""

from beatwire.analysis.embedding._base import Embedder, Encoding, Matrix, encode, l2_normalise
from beatwire.analysis.embedding.factory import EMBEDDERS, build_embedder
from beatwire.analysis.embedding.minilm import MiniLMEmbedder
from beatwire.analysis.embedding.none import NoEmbedder
from beatwire.analysis.embedding.static import StaticEmbedder

__all__ = [
    "EMBEDDERS",
    "Embedder",
    "Encoding",
    "Matrix",
    "MiniLMEmbedder",
    "NoEmbedder",
    "StaticEmbedder",
    "build_embedder",
    "encode",
    "l2_normalise",
]
