"""Cue rules for the registers TweetEval does not label (data/models/emotion_cues.json)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import numpy.typing as npt

CUES_FILE = Path(__file__).resolve().parents[2] / "data" / "models" / "emotion_cues.json"


class CueScorer:
    """Counts cue matches per register and squashes them to [0, 1) as 1 - exp(-hits)."""

    def __init__(self, path: Path = CUES_FILE) -> None:
        table = json.loads(path.read_text(encoding="utf-8"))
        self.registers = tuple(k for k in table if not k.startswith("_"))
        # One alternation per register: one regex pass per text and register.
        self._patterns = [
            re.compile("|".join(f"(?:{p})" for p in table[r]), re.IGNORECASE | re.MULTILINE)
            for r in self.registers
        ]

    def score(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """Return an (n, len(registers)) array of cue strengths in [0, 1)."""
        hits = np.array(
            [[len(p.findall(text)) for p in self._patterns] for text in texts], dtype=np.float32
        ).reshape(len(texts), len(self.registers))
        return (1.0 - np.exp(-hits)).astype(np.float32)
