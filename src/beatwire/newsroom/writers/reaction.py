"""Reaction: which quotes a story uses, and whether each agrees with the majority or not.

Quotes are chosen for relevance to the event: the sentence of each record
that shares the most content words, names and key phrases with the trigger
(its title, its text, the event's subject). Records in another language than
the story's are not quoted. Each quote carries its measured stance against
the majority (the pack's mean sentiment): a quote is framed as the other side
only when its sentiment has the opposite sign, clearly.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from beatwire.newsroom.evidence import EvidenceItem, EvidencePack, engagement_weight
from beatwire.newsroom.fidelity.quotes import quotable

STORY_LANGUAGE = "en"
# Pages, not people: a model card or a paper can report an event but is no reaction to it.
NOT_VOICES = frozenset({"huggingface", "arxiv", "github"})
GONE = frozenset({"deleted", "removed", ""})  # an account that no longer exists is no byline
# Reports, not opinions: an article's tone is no stance for or against the majority.
REPORTERS = frozenset({"news", "arxiv", "huggingface", "github"})
LEAN = 0.1  # a mean or a quote's sentiment nearer zero than this takes no side
_WORD = re.compile(r"[a-z0-9][a-z0-9'+.-]*[a-z0-9+]|[a-z]")


@dataclass(frozen=True, slots=True)
class Quote:
    """A verbatim sentence of a record, with its relevance to the event and its stance."""

    item: EvidenceItem
    text: str
    relevance: float
    stance: str  # "agrees", "opposes" or "neutral", against the majority

    @property
    def opposes(self) -> bool:
        """Return whether the quote's sentiment clearly opposes the majority's."""
        return self.stance == "opposes"


@cache
def _stopwords() -> frozenset[str]:
    path = resources.files("beatwire.data") / "phrases" / "stopwords_en.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def content_words(text: str) -> set[str]:
    """Return the lower-case words of `text` that carry meaning (no stopwords, no one-letters)."""
    stop = _stopwords()
    return {w for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in stop}


def event_words(trigger: EvidenceItem | None, subject: str | None, pack: EvidencePack) -> set[str]:
    """Return the words that say what the event is: the trigger's, its names and phrases."""
    if trigger is None:
        top = [str(e["name"]) for e in pack.figures.get("top_entities", [])[:2]]
        return content_words(" ".join([*top, pack.signal.sentence]))
    record, analysis = trigger.record, trigger.analysis
    parts = [record.title or "", record.text, subject or ""]
    if analysis is not None:
        parts += [e.name for e in analysis.entities] + list(analysis.key_phrases)
    return content_words(" ".join(parts))


def relevance(sentence: str, item: EvidenceItem, words: set[str]) -> float:
    """Return how close a sentence is to the event: shared content words, names counted twice."""
    own = content_words(sentence)
    if not own or not words:
        return 0.0
    shared = len(own & words)
    names = {e.name.lower() for e in item.analysis.entities} if item.analysis else set()
    named = sum(1 for name in names if name in sentence.lower() and content_words(name) & words)
    if shared < 2 and not named:
        return 0.0  # one common word is chance, not a shared subject
    return (shared + named) / math.sqrt(len(own))


def in_story_language(item: EvidenceItem) -> bool:
    """Return whether a record is written in the story's language (unknown counts as yes)."""
    lang = (item.analysis.lang if item.analysis else None) or item.record.lang
    return lang is None or lang.split("-")[0].lower() == STORY_LANGUAGE


def majority(pack: EvidencePack) -> float:
    """Return the majority's lean: the pack's mean sentiment, 0 when it takes no side."""
    mean = pack.figures.get("sentiment_mean") or 0.0
    return float(mean) if abs(mean) >= LEAN else 0.0


def stance(item: EvidenceItem, lean: float) -> str:
    """Return how a record stands against the majority's lean."""
    if item.analysis is None or item.analysis.sentiment_score is None:
        return "neutral"
    if item.record.provider in REPORTERS:
        return "neutral"
    score = item.sentiment
    if lean == 0.0 or abs(score) < LEAN:
        return "neutral"
    return "agrees" if (score > 0) == (lean > 0) else "opposes"


def _whole(sentence: str) -> bool:
    """Return whether a sentence stands whole: brackets closed, not cut at "e.g." or "vs."."""
    cut = re.search(r"(?:\b\w|\bvs|\betc)\.$", sentence) is not None
    return sentence.count("(") == sentence.count(")") and not cut


def best_quote(item: EvidenceItem, words: set[str], lean: float) -> Quote | None:
    """Return the record's sentence most relevant to the event, or None when none is quotable."""
    options = [o for o in quotable(item.record.text) if _whole(o)]
    if not options or not in_story_language(item):
        return None
    scored = [(relevance(text, item, words), -rank, text) for rank, text in enumerate(options)]
    score, _, text = max(scored)
    return Quote(item, text, score, stance(item, lean))


def choose_quotes(
    pack: EvidencePack, words: set[str], *, skip: frozenset[int] = frozenset()
) -> tuple[list[Quote], Quote | None]:
    """Return the quotes to use, most relevant first, and the other side's quote apart.

    The other side is the most relevant quote whose sentiment opposes the majority;
    None when no quote does (then nothing is framed as disagreement).
    """
    lean = majority(pack)
    found = [
        quote
        for item in pack.items
        if item.number not in skip
        and item.record.provider not in NOT_VOICES
        and (item.record.author or "").strip("[]") not in GONE
        and (quote := best_quote(item, words, lean)) is not None
    ]
    if any(q.relevance > 0 for q in found):
        found = [q for q in found if q.relevance > 0]  # nothing in common with the event: off topic
    found.sort(key=lambda q: (-q.relevance, -engagement_weight(q.item.record), q.item.number))
    dissent = next((q for q in found if q.opposes), None)
    return [q for q in found if q is not dissent], dissent
