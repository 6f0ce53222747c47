"""The event lede: what happened, who, when, cited to the trigger record.

The first sentence states the event in the trigger's words (its title) and
says who reported it and when; the second, when the trigger's text has one,
quotes the sentence of it that best says what happened. A title that asks a
question is quoted as a question, never stated as fact.
"""

from __future__ import annotations

from beatwire.newsroom.evidence import EvidenceItem
from beatwire.newsroom.fidelity.quotes import is_verbatim
from beatwire.newsroom.writers import prose as p
from beatwire.newsroom.writers.context import WriterContext
from beatwire.newsroom.writers.event import Event
from beatwire.newsroom.writers.reaction import best_quote, content_words

_OURS = frozenset({"arxiv", "huggingface"})  # bylines we phrase ourselves ("a paper on arXiv")
_NOUN = {"news": "article", "arxiv": "paper", "huggingface": "model card", "youtube": "video"}


def source_phrase(item: EvidenceItem) -> str:
    """Return who put the record out, as a lede names them ("The Civic Wire", "a Reddit post")."""
    record = item.record
    if record.provider == "news":
        return p.byline(item)
    if record.provider == "arxiv":
        return "a paper on arXiv"
    if record.provider == "huggingface":
        return "a Hugging Face model page"
    if record.provider == "hackernews":  # a submitter links to the news, not reports it
        return f"a link {p.byline(item)} posted to Hacker News"
    noun = _NOUN.get(record.provider, "post")
    return f"{p.byline(item)}'s {p.platform(record.provider)} {noun}"


def first_sentence(ctx: WriterContext, event: Event) -> str:
    """Return the sentence stating the event, its source and its day, cited to the trigger."""
    item = event.trigger
    n, day = item.number, p.day(item.record.published_at)
    source = source_phrase(item)
    verbatim = is_verbatim(event.title, item.record.title or "")
    news = item.record.provider == "news"
    if event.is_question or event.is_personal:
        verb = "asked" if event.is_question else "wrote"
        who = source if news or item.record.provider in _OURS else p.byline(item)
        where = "" if news else f" on {p.platform(item.record.provider)}"
        if verbatim:
            return f"“{event.title}”, {verb} {who}{where} on {day} [{n}]."
        return f"{p.capital(who)} {verb}{where} on {day}: {event.title} [{n}]"
    if news:
        forms = [f"{event.title}, {source} reported on {day} [{n}]."]
    elif item.record.provider == "arxiv":
        forms = [f"{event.title}: a paper by that title reached arXiv on {day} [{n}]."]
    else:
        forms = [f"{event.title}, according to {source} on {day} [{n}]."]
    if event.is_bare and verbatim:
        forms.append(f"{p.capital(source)} was titled “{event.title}” on {day} [{n}].")
    elif verbatim and item.record.provider != "arxiv":
        forms.append(f"{p.capital(source)} carried the headline “{event.title}” on {day} [{n}].")
    if news and ":" not in event.title:
        forms.append(f"{source} reported on {day}: {event.title} [{n}].")
    # The seeded form first, then the others: the first that every fidelity check passes.
    picked = ctx.pick(forms, "event")
    return next((f for f in [picked, *forms] if ctx.holds(f)), forms[0])


def detail_sentence(ctx: WriterContext, event: Event) -> str:
    """Return a quote from the trigger's text that adds to its title, or ""."""
    item = event.trigger
    quote = best_quote(item, content_words(event.title), 0.0)
    if quote is None:
        return ""
    title, own = content_words(event.title), content_words(quote.text)
    if len(own - title) < max(3, len(own) // 2):
        return ""  # the sentence mostly restates the title
    who, n = p.byline(item), item.number
    if item.record.provider == "arxiv":  # its abstract: the quote needs no other attribution
        forms = [f"“{quote.text}” [{n}]"]
    else:
        forms = [f"“{p.clip(quote.text)}”, {who} wrote [{n}]."]
    if item.record.provider not in _OURS:
        forms.append(f"{who} added: “{quote.text}” [{n}]")
    sentence = ctx.pick(forms, "detail")
    return sentence if ctx.holds(sentence) else ""


def event_lede(ctx: WriterContext, event: Event) -> str:
    """Return the lede paragraph of an event story."""
    first = first_sentence(ctx, event)
    if not ctx.holds(first):
        return ""
    detail = detail_sentence(ctx, event)
    return f"{first} {detail}".strip()
