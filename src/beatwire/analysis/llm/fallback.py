"""Applies LLM labels over the local analysis, and keeps the local analysis on any error.

The labeller runs on English (and undetected) records only: the local sentiment
and emotion models measure exactly those, so an LLM label never replaces an
"unmeasured" with an unvalidated figure. A labelled row records the labeller's
name as the version of sentiment, emotion and beats; every other row keeps the
local versions. Tokens and dollars add up in `usage` across runs.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from beatwire.analysis.emotion import top_register
from beatwire.analysis.llm._base import LabelRun, LLMLabeler
from beatwire.analysis.llm.schema import RecordLabel, Usage
from beatwire.analysis.sentiment.vader import ENGLISH
from beatwire.model import Analysis, BeatScore

log = logging.getLogger(__name__)
T = TypeVar("T")
LABELLED_ROLES = ("sentiment", "emotion", "beats")


def run_sync(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Return the coroutine's result from sync code, in a worker thread if a loop is running."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


def overlay(analysis: Analysis, label: RecordLabel, version: str) -> Analysis:
    """Return the analysis with the label's sentiment, emotion and beats, and their version."""
    scores = label.registers()
    versions = {**analysis.versions, **dict.fromkeys(LABELLED_ROLES, version)}
    beats = sorted(label.beats, key=lambda b: -b.confidence)
    return dataclasses.replace(
        analysis,
        sentiment_label=label.sentiment_label,
        sentiment_score=round(label.sentiment_score, 4),
        emotion=top_register(scores),
        emotion_scores=scores,
        beats=[BeatScore(b.slug, round(b.confidence, 4)) for b in beats],
        ai_relevance=round(label.ai_relevance, 4),
        versions=versions,
    )


class LLMOverlay:
    """Runs a labeller (made fresh per batch, inside its own event loop) over local results."""

    def __init__(self, make: Callable[[], LLMLabeler]) -> None:
        self.make = make
        self.usage = Usage()
        self.fallbacks = 0  # batches that fell back to the local analysis entirely

    def apply(
        self, texts: list[str], langs: list[str | None], found: list[Analysis]
    ) -> list[Analysis]:
        """Return `found` with LLM labels where valid; unchanged when the labeller fails."""
        eligible = [i for i, lang in enumerate(langs) if lang in ENGLISH and texts[i].strip()]
        if not eligible:
            return found
        try:
            name, run = run_sync(lambda: self.label([texts[i] for i in eligible]))
        except Exception as exc:  # any failure means: keep the local analysis
            self.fallbacks += 1
            log.warning("LLM labelling failed, local analysis kept: %s", exc)
            return found
        self._count(run.usage)
        labelled = list(found)
        for position, label in run.labels.items():
            index = eligible[position]
            labelled[index] = overlay(found[index], label, name)
        return labelled

    async def label(self, texts: list[str]) -> tuple[str, LabelRun]:
        """Return the labeller's name and its run over `texts` (no fallback: errors raise)."""
        labeler = self.make()
        try:
            return labeler.name, await labeler.label(texts)
        finally:
            await labeler.aclose()

    def _count(self, usage: Usage) -> None:
        self.usage.requests += usage.requests
        self.usage.tokens_in += usage.tokens_in
        self.usage.tokens_out += usage.tokens_out
        self.usage.cost_usd = round(self.usage.cost_usd + usage.cost_usd, 6)
