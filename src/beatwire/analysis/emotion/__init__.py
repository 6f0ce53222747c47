"""Emotional register: a score for each of ten registers, from a trained head and cue rules."""

from __future__ import annotations

from collections.abc import Callable

from beatwire.analysis.choose import choose
from beatwire.analysis.emotion._base import REGISTERS, EmotionModel, top_register
from beatwire.analysis.emotion.combined import CombinedEmotion
from beatwire.analysis.emotion.none import NoEmotion

_MODELS: dict[str, Callable[[], EmotionModel]] = {
    "lexicon": lambda: CombinedEmotion("emotion_lexical.npz"),
    "minilm": lambda: CombinedEmotion("emotion_minilm.npz"),
    # the MiniLM head mixed with a fine-tuned branch the MiniLM embedder runs
    "minilm_tuned": lambda: CombinedEmotion(
        "emotion_minilm.npz", "minilm_affect_branch.safetensors"
    ),
    "static": lambda: CombinedEmotion("emotion_static.npz"),
    "none": NoEmotion,
}

__all__ = ["REGISTERS", "EmotionModel", "build_emotion", "top_register"]


def build_emotion(name: str = "lexicon") -> EmotionModel:
    """Return the emotion model called `name` ("minilm", "minilm_tuned", "static": by embedder)."""
    return choose("emotion model", name, _MODELS)
