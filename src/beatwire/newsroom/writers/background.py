"""Background: the thread's history, earlier stories on the subject, and what to watch.

What to watch never asks a question the data already answers: when the
evidence holds records or narrative events after the signal's window, the
story says what happened next instead of wondering about it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from beatwire.newsroom.writers import prose as p
from beatwire.newsroom.writers.context import WriterContext

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_GREW = {"grew": "grew", "merged": "absorbed a neighbouring thread", "split": "split"}


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _later_events(ctx: WriterContext) -> list[dict[str, Any]]:
    """Return the lineage's growth events after the signal's window: what the data shows next."""
    lineage = ctx.pack.figures.get("lineage") or {}
    end = ctx.signal.window_end.date()
    return [
        e
        for e in lineage.get("events", [])[1:]
        if e.get("kind") in _GREW and (d := _day(e.get("at"))) is not None and d >= end
    ]


def history_sentence(ctx: WriterContext) -> str:
    """Return the narrative's lineage in a sentence or two, when the pack has it."""
    lineage = ctx.pack.figures.get("lineage")
    born = _day(lineage["events"][0].get("at")) if lineage and lineage.get("events") else None
    if lineage is None or born is None:
        return ""
    text = ctx.pick(
        [
            f"{p.day(born)} is when this thread first surfaced.",
            f"Beatwire first saw this thread on {p.day(born)}.",
            f"This thread first surfaced on {p.day(born)}.",
        ],
        "born",
    )
    grown = [e for e in lineage["events"][1:] if e.get("kind") in _GREW and _day(e.get("at"))]
    if grown:
        last = grown[-1]
        size = lineage.get("size")
        text += f" It {_GREW[last['kind']]} on {p.day(_day(last['at']))}"  # type: ignore[arg-type]
        text += f" and now counts {p.plural(size, 'record')}." if size else "."
    return text


def earlier_sentence(ctx: WriterContext, subject: str | None) -> str:
    """Return how this story follows earlier ones on the subject or beat, or ""."""
    today = ctx.signal.window_start.date()
    earlier = [
        e
        for e in ctx.pack.earlier
        if (d := _day(e.get("day"))) and d.replace(day=1) == today.replace(day=1) and d <= today
    ]
    if not earlier:
        return ""
    low = (subject or "\0").lower()
    on_subject = [e for e in earlier if low in str(e.get("headline", "")).lower()]
    if on_subject and subject and ctx.named(subject):
        what, rank = subject, len(on_subject) + 1
    else:
        what, rank = ctx.beat, len(earlier) + 1
    if rank > len(_ORDINALS):
        return ""
    ordinal = _ORDINALS[rank - 1]
    sentence = ctx.pick(
        [
            f"{what} is back in Beatwire's news: this is the {ordinal} story on it this month.",
            f"{what} has been in Beatwire's news before: this is the {ordinal} story on it "
            "this month.",
        ],
        "earlier",
    )
    sentence = ctx.cite_names(sentence)
    return sentence if ctx.holds(sentence) else ""


def watch_sentence(ctx: WriterContext, subject: str | None, options: list[str]) -> str:
    """Return what to watch; "" when the data already shows what came next (see the history)."""
    if _later_events(ctx):
        return ""  # the history sentence already says how the thread grew after the window
    named = next((n for n in (subject, ctx.topic) if n and ctx.named(n)), None)
    if named:
        options = [
            f"Whether {named} holds attention beyond the first reactions is the open question.",
            f"{named} will be worth following as first reactions give way to longer reviews.",
            f"Next for {named}: whether the talk spreads beyond the platforms that carried it.",
            f"{named} is one to follow: later records will show whether it stays news.",
        ]
    default = ["The next days will show whether the change holds."]
    return ctx.pick(options or default, "watch")
