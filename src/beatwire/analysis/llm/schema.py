"""What an LLM must return for one record, the prompt that asks for it, and token accounting.

The reply is one JSON object validated strictly (pydantic, extra keys forbidden):
a sentiment label and score, a score for each of the ten registers, up to five
beats of the taxonomy with confidences, and an AI-relevance score. A reply that
fails validation is dropped and the record keeps its local analysis.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from beatwire.analysis.beats.taxonomy import load_beats
from beatwire.analysis.emotion import REGISTERS
from beatwire.errors import AnalysisError

MAX_BEATS = 5
_STRICT = ConfigDict(extra="forbid", strict=True)


class Registers(BaseModel):
    """A score in [0, 1] for each of the ten published registers."""

    model_config = _STRICT

    enthusiasm: float = Field(ge=0, le=1)
    optimism: float = Field(ge=0, le=1)
    curiosity: float = Field(ge=0, le=1)
    humor: float = Field(ge=0, le=1)
    informational: float = Field(ge=0, le=1)
    skepticism: float = Field(ge=0, le=1)
    concern: float = Field(ge=0, le=1)
    anger: float = Field(ge=0, le=1)
    fear: float = Field(ge=0, le=1)
    sadness: float = Field(ge=0, le=1)


class BeatLabel(BaseModel):
    """One beat (a taxonomy slug) with a confidence."""

    model_config = _STRICT

    slug: str
    confidence: float = Field(ge=0, le=1)

    @field_validator("slug")
    @classmethod
    def _known(cls, slug: str) -> str:
        if slug not in beat_slugs():
            raise ValueError(f"unknown beat {slug!r}")
        return slug


class RecordLabel(BaseModel):
    """Everything the LLM labels for one record."""

    model_config = _STRICT

    sentiment_label: Literal["negative", "neutral", "positive"]
    sentiment_score: float = Field(ge=-1, le=1)
    emotion_scores: Registers
    beats: list[BeatLabel] = Field(max_length=MAX_BEATS)
    ai_relevance: float = Field(ge=0, le=1)

    def registers(self) -> dict[str, float]:
        """Return the register scores normalised to sum to 1 (as the local models do)."""
        raw = self.emotion_scores.model_dump()
        total = sum(raw.values())
        if total <= 0:
            return {}
        return {r: round(raw[r] / total, 4) for r in REGISTERS}


_SLUGS: tuple[str, ...] = ()


def beat_slugs() -> tuple[str, ...]:
    """Return the taxonomy's beat slugs (read once)."""
    global _SLUGS  # a read-once cache of data/beats.toml
    if not _SLUGS:
        _SLUGS = tuple(beat.slug for beat in load_beats())
    return _SLUGS


def parse_label(text: str) -> RecordLabel:
    """Return the validated label in a model's reply; raise AnalysisError when invalid."""
    try:
        return RecordLabel.model_validate(json.loads(text))
    except (ValueError, ValidationError) as exc:
        raise AnalysisError(f"LLM reply does not match the schema: {str(exc)[:300]}") from exc


def json_schema() -> dict[str, Any]:
    """Return the JSON schema of a reply, with beats restricted to the taxonomy's slugs."""
    schema = RecordLabel.model_json_schema()
    schema["$defs"]["BeatLabel"]["properties"]["slug"]["enum"] = list(beat_slugs())
    for definition in [schema, *schema["$defs"].values()]:
        definition["additionalProperties"] = False  # strict structured outputs need it
        for prop in definition.get("properties", {}).values():
            # Structured outputs reject numeric and length bounds: the reply is checked here.
            for bound in ("minimum", "maximum", "maxItems"):
                prop.pop(bound, None)
    return schema


def system_prompt() -> str:
    """Return the instructions: the task, the registers and the beats with their descriptions."""
    beats = "\n".join(f"- {b.slug}: {b.name}. {b.description}" for b in load_beats())
    return (
        "You label one social media post or news item about AI discourse. Reply with JSON "
        "only, matching the schema.\n"
        "sentiment_label: the author's overall attitude; sentiment_score in [-1, 1].\n"
        f"emotion_scores: a score in [0, 1] for each register ({', '.join(REGISTERS)}).\n"
        f"beats: up to {MAX_BEATS} beats the text is about, from this list, with a confidence "
        "in [0, 1]; none when it is not about AI.\n"
        "ai_relevance in [0, 1]: how much the text is about artificial intelligence.\n\n"
        f"Beats:\n{beats}"
    )


@dataclass(slots=True)
class Usage:
    """Tokens and dollars spent by one labelling run."""

    requests: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float = 0.0

    def add(
        self,
        tokens_in: int,
        tokens_out: int,
        price: tuple[float, float],
        rate: float,
        billed_in: float | None = None,
    ) -> None:
        """Count one reply: `price` is $/Mtok (in, out), `rate` a discount factor (batch: 0.5),
        `billed_in` the input tokens as billed when the cache priced some apart."""
        self.requests += 1
        self.tokens_in += tokens_in
        self.tokens_out += tokens_out
        billed = tokens_in if billed_in is None else billed_in
        dollars = (billed * price[0] + tokens_out * price[1]) / 1_000_000 * rate
        self.cost_usd = round(self.cost_usd + dollars, 6)
