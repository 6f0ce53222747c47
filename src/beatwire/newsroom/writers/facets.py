"""Facets: the other signals about the same event, said in words, and what drove a change of mood.

A facet's figures are not in the story's evidence (the verifier grounds the main
signal's), so a facet is told by its direction alone: talk of a beat ran above its
usual level, a name came up far more often, the mood turned darker. A change of mood,
the story's own or a facet's, is told with the voices that drove it, cited.
"""

from __future__ import annotations

from collections.abc import Callable

from beatwire.model import Signal
from beatwire.newsroom.writers import prose as p
from beatwire.newsroom.writers.context import WriterContext
from beatwire.newsroom.writers.reaction import Quote
from beatwire.taxonomy import beat_name


def _name(signal: Signal) -> str | None:
    found = signal.details.as_json().get("entity_name")
    return str(found) if found else None


def _beat(ctx: WriterContext, facet: Signal) -> str:
    """Return the display name of a facet's beat (the story's own when it is the same)."""
    return ctx.beat if facet.beat in (None, ctx.signal.beat) else beat_name(str(facet.beat))


def _volume(ctx: WriterContext, facet: Signal) -> str:
    beat = _beat(ctx, facet)
    return f"{beat} talk as a whole ran well above its usual level that day."


def _entity(ctx: WriterContext, facet: Signal) -> str:
    name = _name(facet)
    return f"{name} came up far more often than usual." if ctx.named(name) else ""


def _share(ctx: WriterContext, facet: Signal) -> str:
    name, beat = _name(facet), _beat(ctx, facet)
    return f"{name} took a larger share of {beat} talk than before." if ctx.named(name) else ""


_SAY: dict[str, Callable[[WriterContext, Signal], str]] = {
    "volume_spike": _volume,
    "entity_surge": _entity,
    "share_of_beat": _share,
}


def facet_sentences(ctx: WriterContext, limit: int = 2) -> list[str]:
    """Return up to `limit` sentences, one a facet of another kind than the story's own."""
    said, kinds = [], {ctx.signal.kind}
    for facet in ctx.pack.facets:
        say = _SAY.get(facet.kind)
        if say is None or facet.kind in kinds:
            continue
        if sentence := say(ctx, facet):
            said.append(sentence)
            kinds.add(facet.kind)
        if len(said) == limit:
            break
    return said


def mood_turn(ctx: WriterContext) -> bool | None:
    """Return whether the mood warmed (True) or darkened (False): the story's shift or a facet's."""
    shifts = [s for s in (ctx.signal, *ctx.pack.facets) if s.kind == "sentiment_shift"]
    moved = next((s for s in shifts if s.value != s.baseline), None)
    return None if moved is None else moved.value > moved.baseline


def drivers_sentence(ctx: WriterContext, quotes: list[Quote]) -> str:
    """Return what drove a change of mood: the voices leaning the way it moved, cited."""
    warmer = mood_turn(ctx)
    if warmer is None:
        return ""
    leaning = [q for q in quotes if q.stance != "neutral" and (q.item.sentiment > 0) == warmer]
    leaning.sort(key=lambda q: -abs(q.item.sentiment))
    if not leaning:
        return ""
    names = [f"{p.byline(q.item)} [{q.item.number}]" for q in leaning[:2]]
    tone = "warmer" if warmer else "darker"
    return ctx.pick(
        [
            f"The mood turned {tone}, driven by voices such as {p.join(names)}.",
            f"Driving the {tone} tone were posts by {p.join(names)}.",
        ],
        "drivers",
    )
