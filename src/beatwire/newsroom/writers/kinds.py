"""Per-kind writers: how the offline writer says what changed, one small function per signal kind.

Each takes a `WriterContext` and returns an `Angle`. What the numbers mean
(`value`, `baseline`, `effect`, and the kind's details in `signal_details.py`) is
the detectors' contract; a kind this table does not know, or a signal made without
the details a writer needs, goes to `generic`, which works from the signal's own
sentence and figures.
"""

from __future__ import annotations

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
    n, base, times = p.count(s.value), p.count(s.baseline), p.ratio(s.effect)
    topic = _topic(ctx)
    headlines = [
        f"{beat} talk {p.multiple(s.effect)} in a day",
        f"{n} posts in a day: the {beat} conversation surges",
        f"A sudden rush of attention on {beat}",
    ]
    context = ""
    if topic:
        name, share = topic
        headlines.append(f"{name} puts {beat} in the spotlight")
        context = ctx.pick(
            [
                f"Much of it centred on {name}, named in {p.percent(share)} of the records"
                f"{ctx.cite(name)}.",
                f"{name} was the name on many lips: {p.percent(share)} of the records mention "
                f"it{ctx.cite(name)}.",
            ],
            "topic",
        )
    details = ctx.details(VolumeSpikeDetails)
    weekly = details is not None and details.baseline_kind == "same_weekday"
    median = "median for that weekday in recent weeks" if weekly else "recent daily median"
    usual = f"the usual {base} for that weekday" if weekly else f"a typical day's {base}"
    normal = "that weekday normally" if weekly else "a normal day"
    lede = ctx.pick(
        [
            f"Conversation about {beat} jumped to {n} records on {ctx.day}, {times} times its "
            f"{median} of {base}.",
            f"On {ctx.day}, {n} posts, comments and articles about {beat} appeared, against "
            f"{usual}: {p.article(times)} {times}-fold jump.",
            f"{beat} went from a murmur to a roar on {ctx.day}: {n} records, where {normal} "
            f"brings about {base}.",
        ],
        "lede",
    )
    return Angle(
        headlines=headlines,
        lede=lede,
        context=context,
        takeaway=f"{beat} drew {n} records on {ctx.day}, {times} times its daily median.",
        dek=f"{n} records in one day against a usual {base}.",
        watch=[
            "Whether the surge outlasts the week, or fades as fast as it came, is the thing to "
            "watch.",
            "The next few days will show whether this was a one-day flare or the start of a trend.",
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
    """Return what a narrative is about: its top named entity, else its two best phrases."""
    for entity in ctx.pack.figures.get("top_entities", []):
        name = str(entity.get("name", ""))
        if name and ctx.named(name):
            return name
    phrases = [part.strip() for part in label.split(",") if part.strip()]
    return " and ".join(phrases[:2]) or None


def emerging_narrative(ctx: WriterContext) -> Angle | None:
    """A new narrative that grows fast across platforms."""
    details = ctx.details(EmergingNarrativeDetails)
    label = _label(ctx, details)
    topic = _narrative_topic(ctx, label) if label else None
    if not label or not topic:
        return None
    s = ctx.signal
    platforms = [p.platform(x) for x in details.platforms] if details else []
    reach = f", and has reached {p.join(platforms)}" if len(platforms) >= 2 else ""
    return Angle(
        headlines=[
            f"Talk of {topic} spreads across platforms",
            f"{topic[:1].upper()}{topic[1:]}: a new story gathers pace",
            f"A new thread takes hold around {topic}",
        ],
        lede=ctx.pick(
            [
                f"A new line of conversation (Beatwire's label for it: {label}) has grown to "
                f"{p.count(s.value)} records{reach}.",
                f"Talk of {label} barely existed a short while ago. It now counts "
                f"{p.count(s.value)} records{reach}.",
            ],
            "lede",
        ),
        takeaway=f"The narrative counts {p.count(s.value)} records.",
        dek=f"A new narrative, {p.count(s.value)} records and growing.",
        watch=[
            "Whether the thread reaches mainstream news, or stays among early posters, is next.",
            "Watch for whether the story keeps spreading or splits into smaller arguments.",
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
    n, base, times = p.count(s.value), p.count(s.baseline), p.ratio(s.effect)
    return Angle(
        headlines=[
            f"Talk of {name} {p.multiple(s.effect)}",
            f"Sudden attention for {name}: {n} mentions in a day",
            f"{name} is suddenly everywhere",
        ],
        lede=ctx.pick(
            [
                f"{name} was named in {n} records on {ctx.day}, {times} times its usual daily "
                f"count of {base}{ctx.cite(name)}.",
                f"On {ctx.day}, {name} came up {n} times across the platforms Beatwire watches, "
                f"against a typical {base}{ctx.cite(name)}.",
            ],
            "lede",
        ),
        takeaway=f"{name} was named in {n} records on {ctx.day}, {times} times its usual count.",
        dek=f"{n} mentions in one day against a usual {base}.",
        watch=[
            f"Whether the attention on {name} lasts beyond the news cycle is the open question.",
            f"Watch whether talk of {name} moves from first reactions to lasting opinions.",
        ],
    )


def share_of_beat(ctx: WriterContext) -> Angle | None:
    """An entity takes a large share of a beat's conversation."""
    details = ctx.details(ShareOfBeatDetails)
    name = _citable(ctx, details.entity_name if details else None)
    if name is None:
        return None
    s, beat = ctx.signal, ctx.beat
    now, before = p.percent(s.value), p.percent(s.baseline)
    return Angle(
        headlines=[
            f"{name} now features in {now} of {beat} talk",
            f"{name} takes a bigger slice of the {beat} conversation",
        ],
        lede=ctx.pick(
            [
                f"{name} appeared in {now} of the records about {beat}, up from {before}"
                f"{ctx.cite(name)}.",
                f"Of everything written about {beat}, {now} now mentions {name}, against "
                f"{before} before{ctx.cite(name)}.",
            ],
            "lede",
        ),
        takeaway=f"{name} features in {now} of {beat} records, up from {before}.",
        dek=f"From {before} to {now} of the conversation.",
        watch=[f"Whether {name} keeps its hold on the {beat} conversation is the thing to watch."],
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
    what = {"paper": "The paper", "model": "The model", "repo": "The repository"}.get(
        details.artifact_kind, "The release"
    )
    return Angle(
        headlines=[f"{name} draws a crowd", f"Attention surges for {name}"],
        lede=ctx.pick(
            [
                f"{what} {name} was discussed in {p.count(s.value)} records on {ctx.day}, "
                f"{p.ratio(s.effect)} times its usual level{ctx.cite(name)}.",
                f"{name} went from obscure to much discussed on {ctx.day}, with "
                f"{p.count(s.value)} records{ctx.cite(name)}.",
            ],
            "lede",
        ),
        takeaway=f"{name} was discussed in {p.count(s.value)} records on {ctx.day}.",
        dek=f"{p.count(s.value)} records in a day about one release.",
        watch=[f"Whether {name} is still discussed next week will say if it matters."],
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
