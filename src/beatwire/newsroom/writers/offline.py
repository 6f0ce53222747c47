"""The offline writer: deterministic data-to-text journalism from an evidence pack.

It needs no key and no network. A story is about an event (`event.py`): the
headline says who did what in the trigger's words, and the lede states it,
cited to the trigger. Then why it matters here: the kind's figures against
the usual (`kinds.py`), and what drove a change of mood. Then the reaction by
cohort, quotes chosen for relevance to the event and framed by their measured
stance (`reaction.py`, `voices.py`), where the talk happened, the thread's
history and earlier stories, and what to watch (`background.py`). A pack
without any titled record tells its signal's figures alone. Phrasing is chosen
by a hash of the signal id, so a rerun writes the same words, and every
number comes from the pack.
"""

from __future__ import annotations

from dataclasses import dataclass

from beatwire.config import Settings
from beatwire.model import Citation, Draft
from beatwire.newsroom.evidence import EvidencePack
from beatwire.newsroom.fidelity.checks import quotes_of
from beatwire.newsroom.fidelity.claims import split_claims
from beatwire.newsroom.fidelity.quotes import is_verbatim
from beatwire.newsroom.markers import cited_numbers
from beatwire.newsroom.writers import prose as p
from beatwire.newsroom.writers.background import earlier_sentence, history_sentence, watch_sentence
from beatwire.newsroom.writers.context import Angle, WriterContext
from beatwire.newsroom.writers.event import Event, event_of
from beatwire.newsroom.writers.facets import drivers_sentence, facet_sentences
from beatwire.newsroom.writers.kinds import angle_for
from beatwire.newsroom.writers.lede import event_lede
from beatwire.newsroom.writers.reaction import NOT_VOICES, choose_quotes, event_words, majority
from beatwire.newsroom.writers.voices import cohort_sentences, dissent_sentence

NAME = "offline"
_MOOD_GAP = 0.15  # platforms whose mean tone differs by less are not contrasted
FAQ_QUESTIONS = (
    "What happened?",
    "Who is talking about it?",
    "What is the strongest argument on the other side?",
)


def platform_paragraph(ctx: WriterContext) -> str:
    """Return where the talk happened, and how the tone differed by platform."""
    platforms = list(ctx.pack.figures.get("platforms", {}).items())
    if not platforms:
        return ""
    total = ctx.pack.figures.get("records") or sum(n for _, n in platforms)
    if total < 2:
        return ""  # the trigger alone: the watch sentence says so (`ALONE`)
    (top, top_n), rest = platforms[0], platforms[1:4]
    where = p.platform(top)
    # "Sample": these are the records drawn for the story, not the day's count the lede gives.
    if top_n == total:  # one platform: worth saying only of a sample of some size
        return f"All {p.count(total)} records sampled for this story came from {where}." \
            if total > 3 else ""  # fmt: skip
    text = ctx.pick(
        [
            f"Of the {p.count(total)} records in the sample behind this story, {where} carried "
            f"{p.count(top_n)}",
            f"{p.count(top_n)} of the {p.count(total)} records sampled for this story came from "
            f"{where}",
            f"{p.plural(total, 'record')} went into the sample behind this story, "
            f"{p.count(top_n)} of them from {where}",
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
                    f"Posts on {p.platform(warm)} averaged {p.tone(moods[warm])} on a sentiment "
                    f"scale from -1 to 1, those on {p.platform(cool)} {p.tone(moods[cool])}.",
                    f"{p.platform(warm)} was the warmest venue, averaging {p.tone(moods[warm])} "
                    f"in sentiment, and {p.platform(cool)} the coolest at {p.tone(moods[cool])}.",
                    f"Sentiment ran from {p.tone(moods[cool])} on {p.platform(cool)} to "
                    f"{p.tone(moods[warm])} on {p.platform(warm)}, on a scale from -1 to 1.",
                ],
                "mood",
            )
    return text


ALONE = "Beatwire holds no other record on it so far, so its comments and any coverage elsewhere are not in this story yet"  # noqa: E501


def group_sentence(ctx: WriterContext, negative: bool) -> str:
    """Return a sentence about a group's view, only when three distinct authors hold it.

    Pages (a model card, a paper) are no posters: their tone is no view of the event.
    """
    authors = {
        s.authors[0] if s.authors else f"#{s.number}"
        for s in ctx.ground.sources.values()
        if s.provider not in NOT_VOICES
        and s.sentiment is not None
        and (s.sentiment <= -0.05 if negative else s.sentiment >= 0.05)
    }
    if len(authors) < 3:
        return ""
    options = (
        ("Several of the voices in the sample were critical.", "Many posters were sceptical.",
         "Critics outnumbered supporters among the authors quoted here.")
        if negative
        else ("Several of the voices in the sample were enthusiastic.", "Many posters welcomed it.",
              "Supporters outnumbered critics among the authors quoted here.")
    )  # fmt: skip
    return ctx.pick(options, "group")


@dataclass(frozen=True, slots=True)
class Parts:
    """The paragraphs a story type is assembled from."""

    angle: Angle
    event: Event | None
    lede: str  # what happened (the event), or the kind's figures when there is no event
    nut: str  # why it matters here: the figures against the usual, what drove a shift
    quotes: list[str]
    platforms: str
    history: str
    earlier: str
    group: str
    dissent: str
    watch: str


def _parts(ctx: WriterContext, quotes: int) -> Parts:
    event = event_of(ctx.pack)
    subject = ctx.subject = event.subject if event else None
    ctx.has_event = event is not None
    ctx.topic = subject or (event.short_title if event else None)
    angle = angle_for(ctx)
    if angle.figures_lead:
        event, ctx.subject, ctx.topic, ctx.has_event = None, None, None, False
        subject = None
    lede = event_lede(ctx, event) if event else ""
    if not lede:
        event, lede = None, angle.lede
    nut = " ".join(x for x in ((angle.lede if event else ""), angle.context) if x)
    skip = frozenset({event.trigger.number}) if event else frozenset()
    words = event_words(event.trigger if event else None, subject, ctx.pack)
    chosen, dissent = choose_quotes(ctx.pack, words, skip=skip)
    lean = majority(ctx.pack)
    drivers = drivers_sentence(ctx, [*chosen, *([dissent] if dissent else [])])
    nut = " ".join([nut, *facet_sentences(ctx)]).strip()
    return Parts(
        angle=angle,
        event=event,
        lede=lede,
        nut=f"{nut} {drivers}".strip(),
        quotes=cohort_sentences(ctx, chosen[:quotes]),
        platforms=platform_paragraph(ctx),
        history=history_sentence(ctx),
        earlier=earlier_sentence(ctx, subject),
        group=group_sentence(ctx, negative=lean < 0) if lean else "",
        dissent=dissent_sentence(ctx, dissent, lean),
        watch=_watch(ctx, subject, angle),
    )


def _watch(ctx: WriterContext, subject: str | None, angle: Angle) -> str:
    """Return what to watch; with the trigger as the only record, say that the story is thin."""
    watch = watch_sentence(ctx, subject, angle.watch)
    if len(ctx.pack.items) > 1 or not watch:
        return watch
    return f"{watch.rstrip('.')}; {ALONE}."


def _filled(blocks: list[str]) -> list[str]:
    """Return the non-empty blocks, without a section heading that nothing follows."""
    kept = [block for block in blocks if block]
    ends = [*kept[1:], "## "]
    return [b for b, after in zip(kept, ends, strict=True) if not (_heading(b) and _heading(after))]


def _heading(block: str) -> bool:
    return block.startswith("## ")


def _body(story_type: str, parts: Parts) -> list[str]:
    q = parts.quotes
    if story_type == "dispatch":
        return [parts.lede, parts.nut, *q[:1]]
    if story_type == "analysis":
        return [
            parts.lede,
            parts.nut,
            *(["## How it developed", parts.history, parts.earlier] if parts.history else []),
            "## What people are saying",
            *q,
            parts.group,
            "## Across platforms",
            parts.platforms,
            *(["## The other side", parts.dissent] if parts.dissent else []),
            *(["## What to watch", parts.watch] if parts.watch else []),
        ]
    keep = q if story_type == "lead" else q[:2]
    middle = [parts.group] if story_type == "lead" else []
    return [
        parts.lede,
        parts.nut,
        *keep,
        parts.dissent,
        *middle,
        parts.platforms,
        " ".join(x for x in (parts.history, parts.earlier) if x),
        parts.watch,
    ]


def _faq(parts: Parts) -> list[dict[str, str]]:
    answers = (
        parts.lede if parts.event else " ".join(x for x in (parts.lede, parts.nut) if x),
        parts.platforms or parts.angle.takeaway,
        parts.dissent or "No record in the evidence argued the other side.",
    )
    return [{"question": q, "answer": a} for q, a in zip(FAQ_QUESTIONS, answers, strict=True)]


def _display(ctx: WriterContext, parts: Parts) -> tuple[str, str]:
    """Return the headline (the event when there is one) and the one-sentence dek."""
    angle, event = parts.angle, parts.event
    headline = ctx.pick(angle.headlines, "headline")
    if event is None:
        return headline, angle.dek
    if event.is_bare and event.trigger.record.provider != "arxiv":  # a paper's title names it
        where = p.platform(event.trigger.record.provider)
        return f"{event.short_title} draws a crowd on {where}", angle.dek
    # A question is no event: a headline of the figures that names the subject says more.
    named = [h for h in angle.headlines if event.subject and event.subject in h]
    if event.is_question and named:
        return ctx.pick(named, "headline"), angle.dek
    # A title with a figure the pack's figures lack is quoted: still the trigger's own words.
    plain = event.title if not (event.is_question or event.is_personal) else f"“{event.title}”"
    for line in (plain, f"“{event.title}”"):
        if ctx.shows(line):
            return line, angle.dek
    return headline, angle.dek


def write(pack: EvidencePack, story_type: str, *, quotes: int = 3) -> Draft:
    """Return a draft story for the pack's signal, written from the pack alone."""
    ctx = WriterContext(pack)
    parts = _parts(ctx, quotes)
    body = "\n\n".join(_cite_names(ctx, x) for x in _filled(_body(story_type, parts)))
    faq = [
        {"question": qa["question"], "answer": _cite_names(ctx, qa["answer"])}
        for qa in (_faq(parts) if story_type == "dispatch" else [])
    ]
    cited = set(cited_numbers(body + " ".join(f["answer"] for f in faq)))
    citations = [
        Citation(number=i.number, record_id=i.record.id, quote=_quoted(body, i.record.text))
        for i in pack.items
        if i.number in cited
    ]
    angle = parts.angle
    headline, dek = _display(ctx, parts)
    platforms = pack.figures.get("platforms", {})
    where = p.join([p.platform(k) for k in list(platforms)[:3]])
    spread = f"Most of the talk came from {where}." if where else angle.dek
    happened = f"{headline}." if parts.event and not parts.event.is_question else None
    takeaways = [happened, angle.takeaway] if happened else [angle.takeaway, spread]
    return Draft(
        headline=headline,
        dek=dek,
        body=body,
        takeaways=[*takeaways, parts.watch or spread],
        seo_description=_seo(f"{headline}. {dek}" if parts.event else angle.takeaway),
        story_type=story_type,
        beats=[pack.signal.beat] if pack.signal.beat else [],
        citations=citations,
        signal_ids=[pack.signal.id],
        writer=NAME,
        faq=faq,
    )


def _quoted(body: str, text: str) -> str | None:
    """Return the first quotation of the body taken from `text`, or None."""
    return next((q for q in quotes_of(body) if is_verbatim(q, text)), None)


def _cite_names(ctx: WriterContext, paragraph: str) -> str:
    """Return the paragraph with every named entity cited to a record that mentions it."""
    if paragraph.startswith("#"):
        return paragraph
    return " ".join(ctx.cite_names(sentence) for sentence in split_claims(paragraph))


def _seo(text: str) -> str:
    return text if len(text) <= 150 else text[:147].rsplit(" ", 1)[0] + "..."


class OfflineWriter:
    """The deterministic writer, behind the same async protocol as the model writers."""

    name = NAME

    def __init__(self, settings: Settings) -> None:
        self.quotes = settings.newsroom.quotes_per_story

    async def write(self, pack: EvidencePack, story_type: str) -> Draft:
        """Return the offline writer's draft."""
        return write(pack, story_type, quotes=self.quotes)
