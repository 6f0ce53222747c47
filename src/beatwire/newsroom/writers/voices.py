"""Voices: the sentences that quote records, framed by what each quote's author measurably thinks.

A quote is introduced as the other side only when it opposes the majority
(`reaction.Quote.opposes`); a quote that leans the same way as the one before
is framed as agreement; the rest are plain attribution. The name printed is
the record's own byline, never re-cased. Forms are chosen by the signal's
seed, and most open with the quote or the author, so openings rarely repeat
across stories.
"""

from __future__ import annotations

from beatwire.newsroom.writers import prose as p
from beatwire.newsroom.writers.context import WriterContext
from beatwire.newsroom.writers.reaction import Quote

_NO_VENUE = frozenset({"news", "arxiv"})  # a publisher or a paper is its own venue


def venue(quote: Quote, mood: float | None = None) -> str:
    """Return ` on Reddit` (with the platform's mean tone when given), or "" for news and papers."""
    provider = quote.item.record.provider
    if provider in _NO_VENUE:
        return ""
    where = f" on {p.platform(provider)}"
    return where if mood is None else f"{where}, where posts averaged {p.tone(mood)}"


def quote_sentence(
    ctx: WriterContext, quote: Quote, where: str, *, after: Quote | None = None
) -> str:
    """Return a sentence quoting a record, saying who wrote it where; agreement when it agrees."""
    who, n, text = p.byline(quote.item), quote.item.number, quote.text
    salt = f"voice{n}"
    if text.endswith("?"):
        return f"“{text}” asked {who}{where} [{n}]."
    if after is not None and quote.stance == "agrees" and after.stance == "agrees":
        return ctx.pick(
            [
                f"{who} added{where}: “{text}” [{n}]",
                f"“{p.clip(text)}”, {who} also wrote{where} [{n}].",
            ],
            salt,
        )
    verbs = (
        ("reported", "wrote")
        if quote.item.record.provider == "news"
        else ("wrote", "argued", "posted", "said")
    )
    verb = ctx.pick(verbs, f"verb{n}")
    if not where:
        return ctx.pick(
            [f"“{p.clip(text)}”, {verb} {who} [{n}].", f"{who} {verb}: “{text}” [{n}]"], salt
        )
    return ctx.pick(
        [
            f"“{p.clip(text)}”, {verb} {who}{where} [{n}].",
            f"{who} {verb}{where}: “{text}” [{n}]",
            f"{who}, posting{where}, {verb}: “{text}” [{n}]",
        ],
        salt,
    )


def cohort_sentences(ctx: WriterContext, quotes: list[Quote]) -> list[str]:
    """Return the reaction by cohort: quotes grouped by platform, each platform's tone once."""
    moods = ctx.pack.figures.get("sentiment_by_platform", {})
    order = list(dict.fromkeys(q.item.record.provider for q in quotes))
    out, before, toned = [], None, set()
    for quote in sorted(quotes, key=lambda q: order.index(q.item.record.provider)):
        provider = quote.item.record.provider
        mood = moods.get(provider) if provider not in toned else None
        toned.add(provider)
        out.append(quote_sentence(ctx, quote, venue(quote, mood), after=before))
        before = quote
    return out


def dissent_sentence(ctx: WriterContext, quote: Quote | None, lean: float) -> str:
    """Return the other side: a quote whose sentiment opposes the majority's lean, or ""."""
    if quote is None or not quote.opposes:
        return ""
    who, n, text = p.byline(quote.item), quote.item.number, quote.text
    where = venue(quote)
    if lean < 0:
        forms = [
            f"{who} saw it more kindly{where}: “{text}” [{n}]",
            f"{who} struck a warmer note{where}: “{text}” [{n}]",
            f"“{p.clip(text)}”, {who} countered{where} [{n}].",
            f"{who} took the brighter view{where}: “{text}” [{n}]",
        ]
    else:
        forms = [
            f"{who} was less impressed{where}: “{text}” [{n}]",
            f"{who} pushed back{where}: “{text}” [{n}]",
            f"“{p.clip(text)}”, {who} objected{where} [{n}].",
            f"{who} struck a sceptical note{where}: “{text}” [{n}]",
        ]
    return ctx.pick(forms, "dissent")
