"""Per-kind writers: how the offline writer says what changed, one small function per signal kind.

Each takes a `WriterContext` and returns an `Angle`. What the numbers mean
(`value`, `baseline`, `effect`, and the kind's details in `signal_details.py`) is
the detectors' contract; a kind this table does not know, or a signal made without
the details a writer needs, goes to `generic`, which works from the signal's own
sentence and figures.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from beatwire.newsroom.writers import prose as p
from beatwire.newsroom.writers.context import Angle, WriterContext
from beatwire.newsroom.writers.ecosystem import model_ecosystem
from beatwire.signal_details import (
    ArtifactSurgeDetails,
    CoSpikeDetails,
    EmergingNarrativeDetails,
    EntitySurgeDetails,
    PlatformDivergenceDetails,
    SentimentShiftDetails,
    ShareOfBeatDetails,
    VolumeSpikeDetails,
)
from beatwire.taxonomy import beat_name

KindWriter = Callable[[WriterContext], Angle | None]


def _topic(ctx: WriterContext) -> tuple[str, float] | None:
    """Return the entity most of the records name, with its share, when one stands out."""
    for entity in ctx.pack.figures.get("top_entities", []):
        if entity["share"] >= 0.2 and ctx.named(entity["name"]):
            return str(entity["name"]), float(entity["share"])
    return None


def volume_spike(ctx: WriterContext) -> Angle:
    """A beat suddenly far louder than its baseline."""
    s, beat = ctx.signal, ctx.beat
    n, base = p.count(s.value), p.usual(s.baseline)
    topic = _topic(ctx)
    headlines = [f"{n} posts in a day: the {beat} conversation surges"]
    if p.ratio_fits(s.baseline):
        headlines.append(f"{beat} talk {p.multiple(s.effect)} in a day")
    context = ""
    if topic:
        name, share = topic
        headlines.append(f"{name} puts {beat} in the spotlight")
        context = ctx.pick(
            [
                f"{name} was named in {p.percent(share)} of those records{ctx.cite(name)}.",
                f"{p.percent(share)} of the records mentioned {name}{ctx.cite(name)}.",
            ],
            "topic",
        )
    details = ctx.details(VolumeSpikeDetails)
    weekly = details is not None and details.baseline_kind == "same_weekday"
    median = "median for that weekday in recent weeks" if weekly else "recent daily median"
    usual = f"the usual {base} for that weekday" if weekly else f"a typical day's {base}"
    if p.ratio_fits(s.baseline):
        forms = [
            f"{n} records about {beat} appeared on {ctx.day}, {p.ratio(s.effect)} times the "
            f"{median} of {base}.",
            f"{beat} drew {n} posts, comments and articles on {ctx.day}, against {usual}.",
        ]
    else:
        forms = [
            f"{n} records about {beat} appeared on {ctx.day}; the {median} is {base}.",
            f"{beat} drew {n} posts, comments and articles on {ctx.day}, where {usual} "
            "is the norm.",
        ]
    return Angle(
        headlines=headlines,
        lede=ctx.pick(forms, "lede"),
        context=context,
        takeaway=f"{beat} drew {n} records on {ctx.day}, {p.rise(s.value, s.baseline, s.effect)}.",
        dek=f"{n} records on {beat} in one day, {p.rise(s.value, s.baseline, s.effect)}.",
        watch=[
            f"Whether {beat} talk stays this loud after {ctx.day} is the thing to watch.",
            f"{n} records is a high-water mark for {beat}; the days after will say if it holds.",
        ],
    )


def sentiment_shift(ctx: WriterContext) -> Angle:
    """The tone of a beat or narrative moved."""
    s, beat = ctx.signal, ctx.beat
    delta = s.value - s.baseline
    worse = delta < 0
    way = "fell" if worse else "rose"
    pts = p.points(delta)
    headlines = [
        f"The mood on {beat} turns {'sour' if worse else 'brighter'}",
        f"Sentiment about {beat} {'drops' if worse else 'climbs'} {pts} points",
        f"A sharp turn in tone on {beat}",
    ]
    lede = ctx.pick(
        [
            f"The tone of talk about {beat} turned {'darker' if worse else 'warmer'}: average "
            f"sentiment {way} from {p.tone(s.baseline)} to {p.tone(s.value)} on a scale from -1 "
            f"to 1, a move of {pts} points.",
            f"People writing about {beat} sound {'gloomier' if worse else 'more upbeat'} than "
            f"they did. Mean sentiment {way} {pts} points, from {p.tone(s.baseline)} to "
            f"{p.tone(s.value)}.",
            f"{beat} talk turned {'darker' if worse else 'warmer'}: mean sentiment {way} from "
            f"{p.tone(s.baseline)} to {p.tone(s.value)} on a scale from -1 to 1.",
            f"{pts} points: that is how far mean sentiment on {beat} {way}, from "
            f"{p.tone(s.baseline)} to {p.tone(s.value)} on a scale from -1 to 1.",
        ],
        "lede",
    )
    details = ctx.details(SentimentShiftDetails)
    context = ""
    if details is not None:
        context = (
            f"The shift is unlikely to be noise: a bootstrap interval puts it between "
            f"{details.ci_low:g} and {details.ci_high:g} points."
        )
    return Angle(
        headlines=headlines,
        lede=lede,
        context=context,
        takeaway=f"Mean sentiment on {beat} {way} {pts} points, to {p.tone(s.value)}.",
        dek=f"Average tone {way} from {p.tone(s.baseline)} to {p.tone(s.value)}.",
        watch=[
            "Whether the mood recovers, or hardens into a lasting view, is the thing to watch.",
            "A change of tone often comes before a change of behaviour; watch what people do next.",
        ],
    )


def _label(ctx: WriterContext, details: EmergingNarrativeDetails | None) -> str | None:
    """Return the narrative's label: the detector's, else (still unlabelled) its lineage's."""
    lineage = ctx.pack.figures.get("lineage") or {}
    label = (details.label if details else None) or lineage.get("label")
    return str(label) if label else None


def _narrative_topic(ctx: WriterContext, label: str) -> str | None:
    """Return what a narrative is about: the event's subject, its top named entity, or phrases.

    A story with an event but no named subject says "this thread": its lede already says
    what happened, and the clustering's keywords would only blur it.
    """
    if ctx.named(ctx.subject):
        return ctx.subject
    for entity in ctx.pack.figures.get("top_entities", []):
        name = str(entity.get("name", ""))
        if name and entity.get("share", 0) >= 0.2 and ctx.named(name):
            return name
    if ctx.has_event:
        return None
    phrases = [part.strip() for part in label.split(",") if part.strip()]
    return " and ".join(phrases[:2]) or None


def emerging_narrative(ctx: WriterContext) -> Angle | None:
    """A new narrative that grows fast across platforms."""
    details = ctx.details(EmergingNarrativeDetails)
    label = _label(ctx, details)
    topic = _narrative_topic(ctx, label) if label else None
    s = ctx.signal
    platforms = [p.platform(x) for x in details.platforms] if details else []
    reach = f", and it has reached {p.join(platforms)}" if len(platforms) >= 2 else ""
    if not topic and ctx.has_event:
        n = p.count(s.value)
        return Angle(
            headlines=[f"A new thread gathers {n} records"],
            lede=f"{n} records now belong to the thread this story follows"
            f"{reach.replace(', and it has', ', which has')}.",
            takeaway=f"The thread counts {n} records.",
            dek=f"A new thread, {n} records and growing.",
        )
    if not label or not topic:
        return None
    return Angle(
        headlines=[
            f"Talk of {topic} spreads across platforms",
            f"{topic}: a new story gathers pace",
            f"A new thread takes hold around {topic}",
        ],
        lede=ctx.pick(
            [
                f"{p.count(s.value)} records now belong to a new thread about {topic}"
                f"{reach.replace(', and it has', ', which has')}.",
                f"{topic} has become a thread of its own, with "
                f"{p.count(s.value)} records{reach.replace(', and it has reached', ' on')}.",
            ],
            "lede",
        ),
        takeaway=f"The narrative counts {p.count(s.value)} records.",
        dek=f"A new thread about {topic}, {p.count(s.value)} records and growing.",
        watch=[
            f"Talk of {topic} has yet to show whether it reaches mainstream news.",
            f"Whether the thread about {topic} keeps spreading or splits up is next.",
        ],
    )


def _citable(ctx: WriterContext, name: str | None) -> str | None:
    """Return `name` when a record of the pack mentions it, else None."""
    return name if name and ctx.named(name) else None


def entity_surge(ctx: WriterContext) -> Angle | None:
    """A person, organisation or product suddenly mentioned far more than usual."""
    details = ctx.details(EntitySurgeDetails)
    name = _citable(ctx, details.entity_name if details else None)
    if name is None:
        return None
    s = ctx.signal
    n, rise = p.count(s.value), p.rise(s.value, s.baseline, s.effect)
    headlines = [f"Sudden attention for {name}: {n} mentions in a day"]
    headlines.append(f"{name} is suddenly everywhere")
    if p.ratio_fits(s.baseline):
        headlines.insert(0, f"Talk of {name} {p.multiple(s.effect)}")
    return Angle(
        headlines=headlines,
        lede=ctx.pick(
            [
                f"{name} was named in {n} records on {ctx.day}, {rise}{ctx.cite(name)}.",
                f"{n} records across the platforms Beatwire watches named {name} on {ctx.day}, "
                f"{rise}{ctx.cite(name)}.",
            ],
            "lede",
        ),
        takeaway=f"{name} was named in {n} records on {ctx.day}, {rise}.",
        dek=f"{n} mentions of {name} in one day, {rise}.",
        watch=[
            f"{name} now has to hold attention beyond the first reactions.",
            f"Whether talk of {name} moves from first reactions to lasting opinions is next.",
        ],
    )


def _share_before(before: float) -> str:
    """Return where a share came from, never a share of nothing as a percentage."""
    return "almost nothing" if round(before * 100) == 0 else p.percent(before)


def share_of_beat(ctx: WriterContext) -> Angle | None:
    """An entity takes a large share of a beat's conversation."""
    details = ctx.details(ShareOfBeatDetails)
    name = _citable(ctx, details.entity_name if details else None)
    if name is None:
        return None
    s, beat = ctx.signal, ctx.beat
    now, before = p.percent(s.value), _share_before(s.baseline)
    return Angle(
        headlines=[
            f"{name} now features in {now} of {beat} talk",
            f"{name} takes a bigger slice of the {beat} conversation",
        ],
        lede=ctx.pick(
            [
                f"{name} appeared in {now} of the records about {beat}, up from {before}"
                f"{ctx.cite(name)}.",
                f"{now} of everything written about {beat} now mentions {name}, up from "
                f"{before}{ctx.cite(name)}.",
            ],
            "lede",
        ),
        takeaway=f"{name} features in {now} of {beat} records, up from {before}.",
        dek=f"The share of {beat} talk that mentions {name} rose from {before} to {now}.",
        watch=[f"{name} now has to keep its hold on the {beat} conversation."],
    )


def platform_divergence(ctx: WriterContext) -> Angle | None:
    """Platforms disagree about the same beat or narrative."""
    details = ctx.details(PlatformDivergenceDetails)
    moods = details.by_platform if details else {}
    if len(moods) < 2:
        return None
    warm = max(moods, key=lambda k: (moods[k], k))
    cool = min(moods, key=lambda k: (moods[k], k))
    hi, lo, beat = p.platform(warm), p.platform(cool), ctx.beat
    return Angle(
        headlines=[
            f"{hi} and {lo} see {beat} very differently",
            f"A split verdict on {beat} across platforms",
        ],
        lede=ctx.pick(
            [
                f"Posts about {beat} on {hi} averaged {p.tone(moods[warm])} in sentiment, on a "
                f"scale from -1 to 1, while those on {lo} averaged {p.tone(moods[cool])}.",
                f"Where you read about {beat} shapes what you hear: the mood on {hi} sits at "
                f"{p.tone(moods[warm])}, on {lo} at {p.tone(moods[cool])}.",
            ],
            "lede",
        ),
        takeaway=f"{hi} averaged {p.tone(moods[warm])}, {lo} {p.tone(moods[cool])}.",
        dek=f"The same subject, two moods: {hi} warmer, {lo} cooler.",
        watch=["Whether the two camps converge, or dig in, is the thing to watch."],
    )


def co_spike(ctx: WriterContext) -> Angle | None:
    """Several beats spike on the same day."""
    details = ctx.details(CoSpikeDetails)
    slugs = details.beats if details else ()
    if len(slugs) < 2:
        return None
    names = [beat_name(slug) for slug in slugs]
    return Angle(
        headlines=[f"{p.join(names)} spike together", f"One day, {p.join(names)} all at once"],
        lede=ctx.pick(
            [
                f"{p.join(names)} all ran well above their usual volume on {ctx.day}, a sign that "
                "one event was feeding several conversations.",
                f"On {ctx.day}, talk of {p.join(names)} surged at the same time.",
            ],
            "lede",
        ),
        takeaway=f"{p.join(names)} spiked together on {ctx.day}.",
        dek="Several beats, one day, one cause.",
        watch=["Watch whether the beats drift apart again once the news settles."],
    )


def artifact_surge(ctx: WriterContext) -> Angle | None:
    """A paper, model or repository that people suddenly discuss."""
    details = ctx.details(ArtifactSurgeDetails)
    name = _citable(ctx, details.name if details else None)
    if details is None or name is None:
        return None
    s = ctx.signal
    what = {"paper": "the paper", "model": "the model", "repo": "the repository"}.get(
        details.artifact_kind, "the release"
    )
    n, rise = p.count(s.value), p.rise(s.value, s.baseline, s.effect)
    return Angle(
        headlines=[f"{name} draws a crowd", f"Attention surges for {name}"],
        lede=ctx.pick(
            [
                f"{n} records discussed {what} {name} on {ctx.day}, {rise}{ctx.cite(name)}.",
                f"{name} went from obscure to much discussed on {ctx.day}, with {n} records, "
                f"{rise}{ctx.cite(name)}.",
            ],
            "lede",
        ),
        takeaway=f"{name} was discussed in {n} records on {ctx.day}, {rise}.",
        dek=f"{n} records in a day about {name}, {rise}.",
        watch=[f"{name} will matter if it is still discussed once the launch week is over."],
    )


_PREVIOUS_DAYS = re.compile(r"previous (\d+) days")


def attention(ctx: WriterContext) -> Angle | None:
    """One record far more engaged than its platform's records usually are: an event's trigger.

    Its details (detect's attention signal) give the platform, the kind of record, the share
    of the scale's records it beat and their median; read as JSON, so the writer needs no
    more than the figures the signal stores.
    """
    found = ctx.signal.details.as_json()
    if not {"platform", "record_kind", "percentile", "scale_median"} <= found.keys():
        return None
    s = ctx.signal
    where, kind = p.platform(str(found["platform"])), str(found["record_kind"])
    kinds = kind[:-1] + "ies" if kind.endswith("y") else kind + "s"
    days = _PREVIOUS_DAYS.search(s.sentence)
    span = f"the previous {days.group(1)} days" if days else "the days before"
    # No figure follows a platform's name: the lede's first sentence says where it ran.
    history = found.get("scale_records")
    pool = f"the {p.count(history)} {kinds} posted there in {span}" if history else "its peers"
    beat = "any" if found["percentile"] >= 1 else p.percent(found["percentile"])
    eng, median = p.count(s.value), p.count(found["scale_median"])
    venue = "news" if found["platform"] == "news" else where  # "a news article"
    one = f"{p.a(venue)} {venue} {kind}"
    # The figure comes before the platform's name, so it is not read as that platform's count.
    usual = f"against a usual {median} for {one}"
    typical = f"whose median was {median}"
    if median == "0":  # no ratio and no "median of 0": say the usual is nothing
        usual, typical = f"where {one} usually draws none", "most of which drew none"
    cite = next(
        (f" [{i.number}]" for i in ctx.pack.items if i.record.id == found.get("record_id")), ""
    )
    # The figures belong to the record, not to its subject: each form says "it", never a name.
    ledes = [
        f"{eng} was its engagement on {ctx.day}, points, comments and the like counted "
        f"together: more than {beat} of {pool}, {typical}{cite}.",
        f"{eng} in engagement, points, comments and the like together, is what it drew on "
        f"{ctx.day}: more than {beat} of {pool}, {typical}{cite}.",
    ]
    return Angle(
        headlines=[f"{p.capital(one)} draws unusual attention"],
        lede=ctx.pick(ledes, "lede"),
        takeaway=f"An engagement of {eng}, {usual}.",
        dek=f"An engagement of {eng} on {ctx.day}, {usual}.",
        watch=[
            f"After {ctx.day}, the question is whether the discussion outlives the {kind}.",
            f"{eng} in engagement is one day's verdict; reactions beyond {where} will show "
            "whether it lasts.",
            f"Past {ctx.day}, what matters is whether other platforms pick up what {where} "
            "made of it.",
            f"{eng} is a peak for a {kind}; later records will show whether it stays news.",
        ],
    )


def generic(ctx: WriterContext) -> Angle:
    """Any signal: its own sentence, with citations for the names it contains."""
    s = ctx.signal
    named = [n for n in ctx.ground.names if n.lower() in s.sentence.lower()]
    cites = "".join(dict.fromkeys(ctx.cite(n) for n in named))
    sentence = s.sentence.rstrip(".")
    kind = s.kind.replace("_", " ")
    return Angle(
        headlines=[f"{ctx.beat}: a {kind} on {ctx.day}", f"What changed on {ctx.beat}"],
        lede=f"{sentence}{cites}.",
        takeaway=f"A {kind} on {ctx.beat}, {ctx.day}.",
        dek=f"A {kind} on {ctx.beat}.",
        watch=["The next days will show whether the change holds."],
    )


WRITERS: dict[str, KindWriter] = {
    "attention": attention,
    "volume_spike": volume_spike,
    "sentiment_shift": sentiment_shift,
    "emerging_narrative": emerging_narrative,
    "entity_surge": entity_surge,
    "share_of_beat": share_of_beat,
    "platform_divergence": platform_divergence,
    "co_spike": co_spike,
    "artifact_surge": artifact_surge,
    "model_ecosystem": model_ecosystem,
}


def angle_for(ctx: WriterContext) -> Angle:
    """Return the angle of the signal's kind, or the generic one."""
    writer = WRITERS.get(ctx.signal.kind)
    return (writer(ctx) if writer else None) or generic(ctx)
