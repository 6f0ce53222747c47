"""Prompts for the model writers: fixed instructions from data/newsroom, the pack as input."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, Field

from beatwire.model import Citation, Draft
from beatwire.newsroom.evidence import EvidenceItem, EvidencePack
from beatwire.newsroom.markers import cited_numbers
from beatwire.newsroom.writers.event import event_of
from beatwire.newsroom.writers.prose import byline, day, platform


class FaqEntry(BaseModel):
    """One question of a Dispatch's FAQ."""

    question: str = Field(min_length=5, max_length=200)
    answer: str = Field(min_length=5, max_length=1200)


class StoryMeta(BaseModel):
    """The display fields a model writes around a body."""

    headline: str = Field(min_length=10, max_length=120)
    dek: str = Field(min_length=10, max_length=300)
    takeaways: list[str] = Field(min_length=3, max_length=3)
    seo_description: str = Field(min_length=20, max_length=150)
    faq: list[FaqEntry] = Field(default_factory=list, max_length=3)


class StoryJson(StoryMeta):
    """A whole story as JSON, for writers without citation blocks."""

    body: str = Field(min_length=100, max_length=12000)


@cache
def prompt_text(name: str) -> str:
    """Return a packaged prompt from data/newsroom."""
    return (resources.files("beatwire.data") / "newsroom" / name).read_text(encoding="utf-8")


def story_type_brief(story_type: str) -> str:
    """Return the length and shape a story type asks for."""
    for line in prompt_text("story_types.md").splitlines():
        if line.startswith(f"{story_type}:"):
            return line.split(":", 1)[1].strip()
    return ""


def prompt_hash(*parts: str) -> str:
    """Return a short hash of the fixed instructions, stored with each version."""
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:16]


def item_title(item: EvidenceItem) -> str:
    """Return how a record is introduced to a model: number, platform, author, date."""
    record = item.record
    return (
        f"[{item.number}] {platform(record.provider)}, {byline(item)}, "
        f"{record.published_at:%Y-%m-%d}"
    )


def ordered_items(pack: EvidencePack) -> list[EvidenceItem]:
    """Return the pack's records as a model sees them: the event's trigger first, then the rest."""
    event = event_of(pack)
    if event is None:
        return list(pack.items)
    return [event.trigger, *(item for item in pack.items if item is not event.trigger)]


def event_text(pack: EvidencePack) -> str:
    """Return what the story is about: the event, its trigger, its facets and earlier stories."""
    event = event_of(pack)
    if event is None:
        return (
            "Event: none identified. No record reports a development; tell what changed in "
            "the figures, and do not invent an event."
        )
    trigger = event.trigger
    lines = [
        f"Event: {event.title}",
        f"Trigger: record [{trigger.number}], {platform(trigger.record.provider)}, "
        f"{byline(trigger)}, {day(trigger.record.published_at)}"
        f"{' (a question, not a fact)' if event.is_question else ''}",
    ]
    if event.subject:
        lines.append(f"Subject: {event.subject}")
    lines += [f"Also measured about this event: {facet.sentence}" for facet in pack.facets]
    lines += [f"Earlier Beatwire story: {e.get('headline')} ({e.get('day')})" for e in pack.earlier]
    return "\n".join(lines)


def figures_text(pack: EvidencePack) -> str:
    """Return the signal and its figures as JSON for a prompt."""
    s = pack.signal
    data: dict[str, Any] = {
        "what_changed": s.sentence,
        "kind": s.kind,
        "beat": pack.beat_name,
        "window": [s.window_start.date().isoformat(), s.window_end.date().isoformat()],
        "value": s.value,
        "baseline": s.baseline,
        "effect": s.effect,
        "details": s.details.as_json(),
        "figures": pack.figures,
    }
    return json.dumps(data, default=str, indent=1)


def task_text(pack: EvidencePack, story_type: str) -> str:
    """Return the request for one story of `story_type`."""
    event = event_of(pack)
    lede = (
        f"The lede's first sentence states the event (who did what, and when) and cites the "
        f"trigger record [{event.trigger.number}]; the headline names the subject and the "
        "development, not a count."
        if event
        else "The lede states what changed, with the figures against the usual."
    )
    return (
        f"Write a {story_type} about this event, citing the records above.\n{lede}\n"
        f"{story_type_brief(story_type)}\n\n{event_text(pack)}\n\nFigures:\n{figures_text(pack)}"
    )


def records_text(pack: EvidencePack) -> str:
    """Return the pack's records as numbered plain text, for writers without search results."""
    return "\n\n".join(
        f"{item_title(item)}\n{item.record.title or ''}\n{item.record.text}".strip()
        for item in ordered_items(pack)
    )


def draft_from_fields(
    pack: EvidencePack,
    story_type: str,
    body: str,
    meta: StoryMeta,
    *,
    writer: str,
    model: str,
    tokens_in: int,
    tokens_out: int,
    cost: float,
    hashed: str,
) -> Draft:
    """Return the draft a model wrote: its body and fields, citing the pack records it marks."""
    faq = [entry.model_dump() for entry in meta.faq]
    cited = set(cited_numbers(body + " ".join(f["answer"] for f in faq)))
    return Draft(
        headline=meta.headline,
        dek=meta.dek,
        body=body,
        takeaways=list(meta.takeaways),
        seo_description=meta.seo_description,
        story_type=story_type,
        beats=[pack.signal.beat] if pack.signal.beat else [],
        citations=[
            Citation(number=i.number, record_id=i.record.id)
            for i in pack.items
            if i.number in cited
        ],
        signal_ids=[pack.signal.id],
        writer=writer,
        model=model,
        prompt_hash=hashed,
        tokens_in=tokens_in,
        tokens_out=tokens_out,
        cost_usd=cost,
        faq=faq,
    )
