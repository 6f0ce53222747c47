"""The offline writer: deterministic data-to-text journalism from an evidence pack.

It needs no key and no network. A per-kind writer (`kinds.py`) says what
changed; this module builds the story around it by type: the lede with the
numbers, verbatim quotes with attribution, the platform contrast, the
narrative's history, the strongest argument on the other side, and what to
watch. Phrasing is chosen by a hash of the signal id, so a rerun writes the
same words, and every number comes from the pack.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from beatwire.config import Settings
from beatwire.model import Citation, Draft
from beatwire.newsroom.evidence import EvidenceItem, EvidencePack
from beatwire.newsroom.fidelity.claims import split_claims
from beatwire.newsroom.fidelity.quotes import quotable
from beatwire.newsroom.markers import cited_numbers
from beatwire.newsroom.writers import prose as p
from beatwire.newsroom.writers.context import Angle, WriterContext
from beatwire.newsroom.writers.kinds import angle_for

NAME = "offline"
_MOOD_GAP = 0.15  # platforms whose mean tone differs by less are not contrasted
FAQ_QUESTIONS = (
    "What happened?",
    "Who is talking about it?",
    "What is the strongest argument on the other side?",
)


@dataclass(frozen=True, slots=True)
class Quote:
    """A verbatim sentence of a record, ready to attribute."""

    item: EvidenceItem
    text: str


def choose_quotes(pack: EvidencePack) -> tuple[list[Quote], Quote | None]:
    """Return the quotes to use, and the dissent quote apart (the strongest other view)."""
    found = []
    for item in pack.items:
        options = quotable(item.record.text)
        if options:
            found.append(Quote(item, options[0]))
    if len(found) < 2:
        return found, None
    mean = sum(q.item.sentiment for q in found) / len(found)
    dissent = max(found, key=lambda q: (abs(q.item.sentiment - mean), -q.item.number))
    if abs(dissent.item.sentiment - mean) < 0.2:
        return found, None
    return [q for q in found if q is not dissent], dissent


def quote_sentence(quote: Quote, seed: str) -> str:
    """Return a sentence that quotes a record and says who wrote it where."""
    who, where, n = p.byline(quote.item), p.platform(quote.item.record.provider), quote.item.number
    verb = (
        "asked"
        if quote.text.endswith("?")
        else p.pick(("wrote", "argued", "posted", "said"), seed, f"verb{n}")
    )
    if quote.item.record.provider in ("news", "arxiv"):
        return f"“{quote.text}” {verb} {who} [{n}]."
    forms = (
        f"“{quote.text}” {verb} {who} on {where} [{n}].",
        f"On {where}, {who} {verb}: “{quote.text}” [{n}]",
        f"{p.sentence_case(who)}, posting on {where}, {verb}: “{quote.text}” [{n}]",
    )
    return p.pick(forms, seed, f"form{n}")


def platform_paragraph(ctx: WriterContext) -> str:
    """Return where the talk happened, and how the tone differed by platform."""
    platforms = list(ctx.pack.figures.get("platforms", {}).items())
    if not platforms:
        return ""
    (top, top_n), rest = platforms[0], platforms[1:4]
    text = ctx.pick(
        [
            f"Among the records behind this story, {p.platform(top)} carried the largest "
            f"share, with {p.plural(top_n, 'record')}",
            f"In the sample Beatwire drew for this story, {p.platform(top)} led with "
            f"{p.plural(top_n, 'record')}",
        ],
        "where",
    )
    if rest:
        text += ", followed by " + p.join([f"{p.platform(k)} ({p.count(v)})" for k, v in rest])
    text += "."
    moods = ctx.pack.figures.get("sentiment_by_platform", {})
    if len(moods) >= 2:
        warm = max(moods, key=lambda k: (moods[k], k))
        cool = min(moods, key=lambda k: (moods[k], k))
        if moods[warm] - moods[cool] >= _MOOD_GAP:
            text += " " + ctx.pick(
                [
                    f"The tone differed by platform: on a scale from -1 to 1, posts on "
                    f"{p.platform(warm)} averaged {p.tone(moods[warm])}, those on "
                    f"{p.platform(cool)} {p.tone(moods[cool])}.",
                    f"{p.platform(warm)} was the warmest venue, averaging {p.tone(moods[warm])} "
                    f"in sentiment, and {p.platform(cool)} the coolest at {p.tone(moods[cool])}.",
                ],
                "mood",
            )
    return text


def history_paragraph(ctx: WriterContext) -> str:
    """Return the narrative's lineage in a sentence or two, when the pack has it."""
    lineage = ctx.pack.figures.get("lineage")
    if not lineage or not lineage.get("events"):
        return ""
    born = lineage["events"][0]["at"][:10]
    month_day = p.day(_iso_day(born))
    later = [e for e in lineage["events"][1:] if e["kind"] in ("grew", "merged", "split")]
    text = f"The thread first surfaced on {month_day}."
    if later:
        last = later[-1]
        verb = {"grew": "grew", "merged": "absorbed a neighbouring thread", "split": "split"}
        text += f" It {verb[last['kind']]} on {p.day(_iso_day(last['at'][:10]))}"
        size = lineage.get("size")
        text += f" and now counts {p.plural(size, 'record')}." if size else "."
    return text


def _iso_day(text: str) -> date:
    return date.fromisoformat(text)


def group_sentence(ctx: WriterContext, negative: bool) -> str:
    """Return a sentence about a group's view, only when three distinct authors hold it."""
    authors = {
        s.authors[0] if s.authors else f"#{s.number}"
        for s in ctx.ground.sources.values()
        if s.sentiment is not None and (s.sentiment <= -0.05 if negative else s.sentiment >= 0.05)
    }
    if len(authors) < 3:
        return ""
    options = (
        ("Several of the voices in the sample were critical.", "Many posters were sceptical.")
        if negative
        else ("Several of the voices in the sample were enthusiastic.", "Many posters welcomed it.")
    )
    return ctx.pick(options, "group")


def dissent_paragraph(ctx: WriterContext, dissent: Quote | None, mean: float) -> str:
    """Return the strongest argument on the other side."""
    if dissent is None:
        return ""
    if dissent.item.sentiment >= mean:
        turn = ("Not everyone was worried.", "Some saw it more kindly.", "There was optimism, too.")
    else:
        turn = ("Not everyone agreed.", "There was pushback, too.", "Some were less impressed.")
    return ctx.pick(turn, "turn") + " " + quote_sentence(dissent, ctx.signal.id)


@dataclass(frozen=True, slots=True)
class Parts:
    """The paragraphs a story type is assembled from."""

    angle: Angle
    quotes: list[str]
    platforms: str
    history: str
    group: str
    dissent: str
    watch: str


def _parts(ctx: WriterContext, quotes: int) -> Parts:
    angle = angle_for(ctx)
    chosen, dissent = choose_quotes(ctx.pack)
    mean = ctx.pack.figures.get("sentiment_mean") or 0.0
    watch = ctx.pick(angle.watch or ["The next days will show whether the change holds."], "watch")
    return Parts(
        angle=angle,
        quotes=[quote_sentence(q, ctx.signal.id) for q in chosen[:quotes]],
        platforms=platform_paragraph(ctx),
        history=history_paragraph(ctx),
        group=group_sentence(ctx, negative=mean < 0),
        dissent=dissent_paragraph(ctx, dissent, mean),
        watch=watch,
    )


def _body(story_type: str, parts: Parts) -> list[str]:
    a, q = parts.angle, parts.quotes
    if story_type == "dispatch":
        return [a.lede, *q[:1]]
    if story_type == "analysis":
        return [
            a.lede,
            a.context,
            *(["## How it developed", parts.history] if parts.history else []),
            "## What people are saying",
            *q,
            parts.group,
            "## Across platforms",
            parts.platforms,
            *(["## The other side", parts.dissent] if parts.dissent else []),
            "## What to watch",
            parts.watch,
        ]
    keep = q if story_type == "lead" else q[:2]
    middle = [parts.group] if story_type == "lead" else []
    return [
        a.lede,
        a.context,
        *keep,
        parts.platforms,
        parts.history,
        *middle,
        parts.dissent,
        parts.watch,
    ]


def _faq(parts: Parts) -> list[dict[str, str]]:
    answers = (
        " ".join(x for x in (parts.angle.lede, parts.angle.context) if x),
        parts.platforms or parts.angle.takeaway,
        parts.dissent or "No record in the evidence argued the other side.",
    )
    return [{"question": q, "answer": a} for q, a in zip(FAQ_QUESTIONS, answers, strict=True)]


def write(pack: EvidencePack, story_type: str, *, quotes: int = 3) -> Draft:
    """Return a draft story for the pack's signal, written from the pack alone."""
    ctx = WriterContext(pack)
    parts = _parts(ctx, quotes)
    body = "\n\n".join(_cite_names(ctx, x) for x in _body(story_type, parts) if x)
    faq = [
        {"question": qa["question"], "answer": _cite_names(ctx, qa["answer"])}
        for qa in (_faq(parts) if story_type == "dispatch" else [])
    ]
    cited = set(cited_numbers(body + " ".join(f["answer"] for f in faq)))
    chosen, dissent = choose_quotes(pack)
    quoted = {q.item.number: q.text for q in [*chosen, *([dissent] if dissent else [])]}
    citations = [
        Citation(number=i.number, record_id=i.record.id, quote=quoted.get(i.number))
        for i in pack.items
        if i.number in cited
    ]
    angle = parts.angle
    platforms = pack.figures.get("platforms", {})
    where = p.join([p.platform(k) for k in list(platforms)[:3]])
    return Draft(
        headline=ctx.pick(angle.headlines, "headline"),
        dek=angle.dek,
        body=body,
        takeaways=[
            angle.takeaway,
            f"Most of the talk came from {where}." if where else parts.watch,
            parts.watch,
        ],
        seo_description=_seo(angle),
        story_type=story_type,
        beats=[pack.signal.beat] if pack.signal.beat else [],
        citations=citations,
        signal_ids=[pack.signal.id],
        writer=NAME,
        faq=faq,
    )


def _cite_names(ctx: WriterContext, paragraph: str) -> str:
    """Return the paragraph with every named entity cited to a record that mentions it."""
    if paragraph.startswith("#"):
        return paragraph
    return " ".join(ctx.cite_names(sentence) for sentence in split_claims(paragraph))


def _seo(angle: Angle) -> str:
    text = angle.takeaway
    return text if len(text) <= 150 else text[:147].rsplit(" ", 1)[0] + "..."


class OfflineWriter:
    """The deterministic writer, behind the same async protocol as the model writers."""

    name = NAME

    def __init__(self, settings: Settings) -> None:
        self.quotes = settings.newsroom.quotes_per_story

    async def write(self, pack: EvidencePack, story_type: str) -> Draft:
        """Return the offline writer's draft."""
        return write(pack, story_type, quotes=self.quotes)
