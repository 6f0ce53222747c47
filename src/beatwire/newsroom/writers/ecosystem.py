"""The model ecosystem's stories: who gained or lost ground in trending-model downloads.

One writer per move of signals/ecosystem.py and signals/release_jumps.py (details in
`ModelEcosystemDetails`): a share that shifted, a lead that changed hands, a
newcomer that gained the most, a maker's downloads jumping after a release.
The headline says who and by how much; the lede names the models with their
downloads. Every figure comes from the signal's details, written through `prose`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from beatwire.makers import UNKNOWN, group_name
from beatwire.newsroom.writers import prose as p
from beatwire.newsroom.writers.context import Angle, WriterContext
from beatwire.signal_details import ModelEcosystemDetails

FIELD_MARKUP = "<>[]`*_#|{}"  # what the gate refuses in a headline, dek or takeaway
WATCH = [
    "Trending lists turn over fast: next week's downloads will say whether the shift holds.",
    "Watch whether the shift in downloads shows up in what people say next.",
]


def _who(ctx: WriterContext, details: ModelEcosystemDetails) -> str:
    """Return how the story names the group: a maker only when a record vouches for the name."""
    if details.scope != "maker" or ctx.named(details.group):
        return details.group
    org = details.models[0].split("/")[0] if details.models else ""
    return org if org and ctx.named(org) else details.group


def _verb(details: ModelEcosystemDetails, plural: str) -> str:
    """Return the verb agreeing with the group: "Chinese makers take", "DeepSeek takes"."""
    if details.scope == "country":
        return plural
    return plural[:-1] + "ies" if plural.endswith("y") else plural + "s"


def _models(ctx: WriterContext, details: ModelEcosystemDetails) -> str:
    """Return the sentence naming the group's leading models with their downloads and citations.

    Only models a record of the pack names (their own page, a post linking them) are named.
    """
    named = [
        f"{model} ({p.count(gain)} downloads){ctx.cite(model)}"
        for model, gain in zip(details.models, details.model_gains, strict=True)
        if ctx.named(model)
    ]
    if not named:
        return ""
    if ctx.named(details.models[0]):
        opening = "The leading model was" if len(named) == 1 else "Leading the gains:"
    else:  # the top model is not in the pack: the ones named did not lead
        its = "their" if details.scope == "country" else "its"
        opening = f"One of {its} models was" if len(named) == 1 else f"Among {its} models:"
    return f" {opening} {p.join(named)}."


def _method(d: ModelEcosystemDetails, talk: str = "") -> str:
    """Return how the figures are made, the share nobody could be placed for, and the talk.

    `talk` says whose posts the mean sentiment (`talk_points`) is of, when there is one.
    """
    text = (
        "The figures are the downloads each model on the Hugging Face trending list gained "
        "between daily snapshots, summed over its days on the list; a model's first day there "
        "has no earlier snapshot to count from."
    )
    unknown = d.shares.get(UNKNOWN, 0.0) if d.scope != "model" else 0.0
    if unknown >= 0.005:
        text += f" Models whose maker is not on record took {p.percent(unknown)} of the week."
    if d.talk_points is not None and talk:
        text += (
            f" Posts naming {talk} averaged {d.talk_points:+.0f} points of sentiment on a scale "
            f"from -100 to 100."
        )
    return text


def _other_side(ctx: WriterContext, d: ModelEcosystemDetails) -> str:
    """Return the groups that moved the other way in the same week, with their shares."""
    moves = [
        f"{group_name(d.scope, key)} from {p.percent(d.shares_before.get(key, 0.0))} to "
        f"{p.percent(d.shares.get(key, 0.0))}"
        for key in d.also
        if d.scope == "country" or ctx.named(key)
    ]
    if not moves:
        return ""
    first, *rest = moves
    went = first.replace(" from ", " went from ", 1)
    return ctx.cite_names(f" Over the same week, {p.join([went, *rest])}.")


def _title(model: str) -> str:
    """Return how a headline names a model: by its id, or its org's when the id has markup."""
    if any(char in model for char in FIELD_MARKUP):
        return f"A new {model.split('/')[0]} model"
    return model


def _week(ctx: WriterContext) -> str:
    return f"the week of {ctx.day}"  # the signal's window starts on the week's Monday


def share_shift(ctx: WriterContext, d: ModelEcosystemDetails) -> Angle:
    """A country's or maker's share of the week's downloads moved."""
    who, now, before = _who(ctx, d), p.percent(d.share), p.percent(d.share_before)
    gained = d.share >= d.share_before
    direction = "up" if gained else "down"
    if not d.gained:
        return Angle(
            headlines=[
                f"{who} {_verb(d, 'drop')} out of the trending models, from {before} of downloads"
            ],
            lede=ctx.cite_names(
                f"In {_week(ctx)}, no model from {who} was among the trending Hugging Face "
                f"models; the week before, they had taken {before} of the downloads those models "
                f"gained."
            ),
            takeaway=f"{who}: no trending model, from {before} of downloads the week before.",
            dek=f"From {before} of trending-model downloads to none.",
            watch=WATCH,
        )
    lede = (
        f"Models from {who} gained {p.count(d.gained)} of the {p.count(d.total_gained)} downloads "
        f"that trending Hugging Face models gained in {_week(ctx)}: {now}, {direction} from "
        f"{before} the week before."
    )
    lead = _models(ctx, d) + _other_side(ctx, d)
    context = _method(d, "these makers that week")
    return Angle(
        headlines=[
            f"{who} {_verb(d, 'take') if gained else _verb(d, 'slip') + ' to'} {now} of "
            f"trending-model downloads, {direction} from {before}",
            f"{who} {_verb(d, 'gain' if gained else 'lose')} ground in trending-model downloads: "
            f"{before} to {now}",
        ],
        lede=ctx.cite_names(lede) + lead,
        context=context,
        takeaway=f"{who}: {now} of trending-model downloads, from {before} the week before.",
        dek=f"From {before} to {now} of the downloads of trending Hugging Face models.",
        watch=WATCH,
    )


def lead_change(ctx: WriterContext, d: ModelEcosystemDetails) -> Angle:
    """A new leader of the week's downloads."""
    who, now = _who(ctx, d), p.percent(d.share)
    previous = d.previous_leader or "last week's leader"
    lede = (
        f"{who} led the downloads of trending Hugging Face models in {_week(ctx)} with {now} "
        f"({p.count(d.gained)} of {p.count(d.total_gained)}), taking the lead from {previous}."
    )
    lead = _models(ctx, d)
    return Angle(
        context=_method(d),
        headlines=[
            f"{who} {_verb(d, 'overtake')} {previous} in trending-model downloads, with {now}",
            f"{who} {_verb(d, 'take')} the lead in trending-model downloads from {previous}",
        ],
        lede=ctx.cite_names(lede) + lead,
        takeaway=f"{who} {_verb(d, 'lead')} trending-model downloads with {now}, "
        f"ahead of {previous}.",
        dek=f"{who} took {now} of the week's trending-model downloads.",
        watch=WATCH,
    )


def newcomer(ctx: WriterContext, d: ModelEcosystemDetails) -> Angle:
    """A model new to the trending list with the week's largest newcomer gain."""
    model, share, gained = d.group, p.percent(d.share), p.count(d.gained)
    title = _title(model)
    maker = f" from {d.maker}" if d.maker and d.maker != UNKNOWN and ctx.named(d.maker) else ""
    lede = (
        f"{model}{maker} joined the trending Hugging Face models in {_week(ctx)} and gained "
        f"{gained} downloads{ctx.cite(model)}, {share} of the {p.count(d.total_gained)} that "
        f"all trending models gained that week."
    )
    rank = 1 + sum(1 for other, value in d.shares.items() if other != model and value > d.share)
    place = "the largest gain of any" if rank == 1 else f"number {rank} among the"
    context = (
        f"That was {place} trending models that week. A model's downloads count from its "
        f"second snapshot on the list: the first has no earlier one to compare with, so the "
        f"figure leaves out what it gained before it was first seen."
    )
    return Angle(
        headlines=[
            f"{title} enters the trending models with {gained} downloads in a week",
            f"Newcomer {title} takes {share} of trending-model downloads"
            if title == model
            else f"{title} takes {share} of trending-model downloads in its first week",
        ],
        lede=ctx.cite_names(lede),
        context=context,
        takeaway=f"{title}: {gained} downloads in its first week on the trending list.",
        dek=f"{share} of the week's trending-model downloads went to one newcomer.",
        watch=[
            f"Whether {title[:1].lower() + title[1:] if title != model else model} stays on "
            "the trending list will say if it lasts."
        ],
    )


def release_jump(ctx: WriterContext, d: ModelEcosystemDetails) -> Angle:
    """A maker's downloads that jumped once its new models reached the trending list."""
    who, ratio = _who(ctx, d), p.ratio(ctx.signal.effect)
    before, after = p.count(d.per_day_before or 0), p.count(d.per_day_after or 0)
    title = _title(d.models[0]) if d.models else f"new {who} models"
    lede = (
        f"New {who} models reached the trending Hugging Face models on {ctx.day}, and the "
        f"maker's trending models went on to gain {after} downloads a day over that day and the "
        f"next three, against {before} a day in the week before: {ratio} times as many."
    )
    context = _method(d, f"{who} around the release")
    return Angle(
        headlines=[
            f"Downloads of {who} models jump {ratio}-fold after {title} arrives",
            f"{title} lifts {who} to {after} trending downloads a day",
        ],
        lede=ctx.cite_names(lede) + _models(ctx, d),
        context=context,
        takeaway=f"{who}: {after} trending downloads a day after the release, from {before}.",
        dek=f"From {before} to {after} downloads a day once the new models were trending.",
        watch=["Whether the new models keep their downloads once the release news fades."],
    )


CHANGES: dict[str, Callable[[WriterContext, ModelEcosystemDetails], Angle]] = {
    "share_shift": share_shift,
    "lead_change": lead_change,
    "newcomer": newcomer,
    "release_jump": release_jump,
}


def model_ecosystem(ctx: WriterContext) -> Angle | None:
    """Shifts in who makes the models people download; None for details of another shape.

    The downloads are the news, so the figures lead: a model page is cited for its model,
    never made the story's event, and (being a page, not a person) never quoted.
    """
    details = ctx.details(ModelEcosystemDetails)
    writer = CHANGES.get(details.change) if details is not None else None
    if writer is None or details is None:
        return None
    return replace(writer(ctx, details), figures_lead=True)
