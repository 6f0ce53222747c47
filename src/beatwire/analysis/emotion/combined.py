"""Ten registers from a trained head (TweetEval emotion) combined with cue rules.

The head (scripts/train_emotion.py; one linear head or a stack of them, heads/stack.py)
gives P(anger, joy, optimism, sadness), mixed with the fine-tuned affect branch's
(analysis/heads/affect_branch.py) when the model has one. How much of the text is affect at
all is VADER's 1 - neu, stretched ("affect"): the head's registers get affect x P, joy
split between humor and enthusiasm by the humor cues.
The registers TweetEval lacks come from cue rules (data/models/emotion_cues.json):
curiosity, skepticism, concern and fear score their cue strength; informational
scores the text's lack of affect, raised by report-like cues; fear cues also take
over the head's sadness and anger (TweetEval has no fear class). Scores are then
normalised to sum to 1. English (and undetected) text only; other languages get {}.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from beatwire.analysis.embedding.minilm import Branch
from beatwire.analysis.emotion._base import REGISTERS
from beatwire.analysis.emotion.cues import CueScorer
from beatwire.analysis.heads.affect_branch import AffectBranch, branch_vectors, load_branch
from beatwire.analysis.heads.features import Floats
from beatwire.analysis.heads.linear import check_embeddings
from beatwire.analysis.heads.stack import load_model
from beatwire.analysis.sentiment.vader import ENGLISH
from beatwire.errors import AnalysisError

AFFECT_STRETCH = 2.5  # VADER's pos+neg is rarely above 0.4 on emotional tweets
AFFECT_FLOOR = 0.15  # the head always keeps a small say
CUE_WEIGHT = 0.8  # a cue register at full strength vs. a clearly emotional head
INFO_BASE = 0.3  # an affect-free text is informational even without report cues


class CombinedEmotion:
    """Trained head for anger/joy/optimism/sadness plus cues for the other registers."""

    def __init__(self, filename: str, branch_file: str | None = None) -> None:
        self._head = load_model(filename)
        self._featurizer = self._head.featurizer()
        self._cues = CueScorer()
        self._tuned: AffectBranch | None = load_branch(branch_file) if branch_file else None
        self.name = str(self._head.meta["name"])
        if self._tuned is not None:
            if self._tuned.classes != self._head.classes:
                raise AnalysisError(f"{branch_file} and {filename} disagree on the classes")
            self.name += "+" + self._tuned.branch.name

    @property
    def branch(self) -> Branch | None:
        """Return the layers the embedder must run beside its own for this model, if any."""
        return self._tuned.branch if self._tuned is not None else None

    def score(
        self,
        texts: list[str],
        langs: list[str | None],
        embeddings: Floats | None = None,
        branches: Mapping[str, Floats] | None = None,
    ) -> list[dict[str, float]]:
        """Return the ten register scores (summing to 1) per English text, {} otherwise."""
        vectors = check_embeddings(self._head, embeddings, len(texts))
        pooled = None
        if self._tuned is not None:
            pooled = branch_vectors(branches, self._tuned.branch.name, len(texts), self.name)
        keep = [
            i
            for i, (t, lang) in enumerate(zip(texts, langs, strict=True))
            if lang in ENGLISH and t.strip()
        ]
        found: list[dict[str, float]] = [{} for _ in texts]
        if not keep:
            return found
        chosen = vectors[keep] if vectors is not None else None
        table = self.table(
            [texts[i] for i in keep], chosen, pooled[keep] if pooled is not None else None
        )
        for row, index in enumerate(keep):
            found[index] = {
                r: round(float(v), 4) for r, v in zip(REGISTERS, table[row], strict=True)
            }
        return found

    def table(
        self, texts: list[str], embeddings: Floats | None, pooled: Floats | None = None
    ) -> Floats:
        """Return an (n, 10) array of register scores in REGISTERS order, rows summing to 1.

        `pooled`: the branch's vectors of the same texts, for a model with a branch.
        """
        features = self._featurizer.transform(texts, embeddings)
        head = self._head.probabilities(features)
        if self._tuned is not None:
            if pooled is None:
                raise AnalysisError(f"{self.name} scores texts with its branch's vectors only")
            share = self._tuned.blend
            head = share * self._tuned.probabilities(pooled) + (1.0 - share) * head
        probs = dict(zip(self._head.classes, head.T, strict=True))
        affect = np.clip(
            (features.dense[:, 0] + features.dense[:, 2]) * AFFECT_STRETCH, AFFECT_FLOOR, 1.0
        )
        cue = dict(zip(self._cues.registers, self._cues.score(texts).T, strict=True))
        joy = affect * probs["joy"]
        columns = {
            "enthusiasm": joy * (1.0 - cue["humor"]),
            "humor": joy * cue["humor"],
            "optimism": affect * probs["optimism"],
            "anger": affect * probs["anger"],
            "sadness": affect * probs["sadness"],
            "informational": (1.0 - affect)
            * (INFO_BASE + (1.0 - INFO_BASE) * cue["informational"]),
        }
        for register in ("curiosity", "skepticism", "concern", "fear"):
            columns[register] = CUE_WEIGHT * cue[register]
        # TweetEval has no fear: fearful tweets land in sadness or anger, so fear cues
        # take over that share of the head's negative mass.
        for register in ("sadness", "anger"):
            columns["fear"] = columns["fear"] + columns[register] * cue["fear"]
            columns[register] = columns[register] * (1.0 - cue["fear"])
        table = np.stack([columns[r] for r in REGISTERS], axis=1).astype(np.float32)
        return table / np.maximum(table.sum(axis=1, keepdims=True), np.float32(1e-9))
