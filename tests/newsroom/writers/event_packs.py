"""Evidence packs of events, made by hand: a trigger with a title, reactions, facets, history.

The companies, products and people are invented; each pack is built from real
StoredRecord and Analysis objects through `build_pack`, as the write stage does.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from beatwire.model import Analysis, Entity, Record, Signal, StoredRecord
from beatwire.newsroom.evidence import EvidencePack, build_pack
from beatwire.signal_details import EntitySurgeDetails, ShareOfBeatDetails
from tests.newsroom.conftest import make_signal

DAY = datetime(2026, 11, 12, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Post:
    """One hand-written record: where, who, what, and what the analysis measured."""

    provider: str
    author: str
    text: str
    sentiment: float
    title: str | None = None
    name: str | None = None
    entities: tuple[str, ...] = ()
    lang: str = "en"
    engagement: dict[str, int] = field(default_factory=lambda: {"likes": 12})
    hours: int = 0


def records_of(
    posts: list[Post], start: int = 1, day: datetime = DAY
) -> tuple[list[StoredRecord], dict[int, Analysis]]:
    """Return stored records and their analyses for `posts`, ids from `start`, from `day` on."""
    records, analyses = [], {}
    for i, post in enumerate(posts):
        rid = start + i
        record = Record(
            provider=post.provider,
            native_id=f"{post.provider}-{rid}",
            kind="article" if post.provider == "news" else "post",
            text=post.text,
            title=post.title,
            published_at=day + timedelta(hours=post.hours + i),
            collected_at=day + timedelta(days=2),
            author=post.author,
            author_name=post.name,
            lang=post.lang,
            engagement=post.engagement,
            extra={"publisher": post.author} if post.provider == "news" else {},
        )
        records.append(StoredRecord(rid, record))
        label = (
            "positive"
            if post.sentiment > 0.05
            else "negative"
            if post.sentiment < -0.05
            else "neutral"
        )
        analyses[rid] = Analysis(
            rid,
            post.lang,
            label,
            post.sentiment,
            entities=[
                Entity(slug=n.lower().replace(" ", "-"), name=n, type="organization")
                for n in post.entities
            ],
        )
    return records, analyses


def surge(name: str) -> EntitySurgeDetails:
    """Return the details of an entity surge of an organisation."""
    return EntitySurgeDetails(
        entity=name.lower().replace(" ", "-"), entity_name=name, entity_type="organization"
    )


def signal_of(records: list[StoredRecord], **fields: Any) -> Signal:
    """Return an entity-surge signal about Quillfeather Labs over `records` (fields override)."""
    values: dict[str, Any] = {
        "id": "sig_event_test", "kind": "entity_surge", "key": "quillfeather-labs",
        "beat": "ai-industry", "window_start": DAY, "window_end": DAY + timedelta(days=1),
        "value": 41.0, "baseline": 6.0, "effect": 6.8, "min_count": 12, "promoted_as": "story",
        "sentence": "Quillfeather Labs was named in 41 records on November 12.",
        "details": surge("Quillfeather Labs"), "topic_key": None,
    }  # fmt: skip
    return make_signal(records, **(values | fields))


TRIGGER = Post(
    "news",
    "The Harbour Ledger",
    "Quillfeather Labs said on Wednesday it had agreed to buy Tessel, the company behind the "
    "Tessel runtime, for an undisclosed sum. The runtime will stay open source, the lab said.",
    0.1,
    title="Quillfeather Labs acquires Tessel, maker of the Tessel runtime",
    entities=("Quillfeather Labs", "Tessel"),
    engagement={},
)
REACTIONS = [
    Post("hackernews", "zoe_k", "Quillfeather Labs buying Tessel makes sense, the runtime was always the fastest way to ship their agents.", 0.5, entities=("Quillfeather Labs", "Tessel")),  # noqa: E501
    Post("reddit", "mcAllister_dev", "Great news for Tessel users, the runtime gets a rich owner and the license stays open source.", 0.6, entities=("Tessel",)),  # noqa: E501
    Post("bluesky", "ines.bsky.social", "I worry the Tessel runtime will quietly stop caring about anyone outside Quillfeather Labs.", -0.5, name="Ines Varga", entities=("Quillfeather Labs", "Tessel")),  # noqa: E501
    Post("mastodon", "olu@fedi.example", "My sourdough starter finally doubled overnight and I am absurdly proud of it today.", 0.7, name="Olu Benn"),  # noqa: E501
    Post("reddit", "kaffee_fan", "Quillfeather Labs kauft Tessel und die Laufzeit bleibt quelloffen, sagt das Labor heute.", 0.4, entities=("Quillfeather Labs", "Tessel"), lang="de"),  # noqa: E501
]  # fmt: skip


def event_pack(
    posts: list[Post] | None = None,
    *,
    with_event: bool = True,
    earlier: list[dict[str, Any]] | None = None,
    lineage: dict[str, Any] | None = None,
    beat_name: str = "AI Industry",
    **fields: Any,
) -> EvidencePack:
    """Return the pack of a signal about the Tessel deal; the trigger is item 1 with the event."""
    posts = [TRIGGER, *REACTIONS] if posts is None else posts
    records, analyses = records_of(posts, day=fields.get("window_start", DAY))
    signal = signal_of(records, **fields)
    pack = build_pack(signal, beat_name, records, analyses, 8, lineage=lineage)
    if with_event:
        trigger = next(i for i in pack.items if i.record.title)
        pack.items = [trigger, *(i for i in pack.items if i is not trigger)]
        pack.items = [
            type(i)(number=n, record=i.record, analysis=i.analysis)
            for n, i in enumerate(pack.items, start=1)
        ]
        pack.trigger = pack.items[0]
        pack.event_title = trigger.record.title
    pack.earlier = earlier or []
    return pack


# Material for many different events: who, what they did, and how people reacted.
_ACTORS = [
    "Quillfeather Labs", "Marrowby AI", "Tindale Systems", "Orrin Robotics", "Velmora",
    "Castellan Compute", "Brightwater Health", "Nimbus Courts", "Hollowell Press", "Sarnia Motors",
    "Pellucid Labs", "Ardent Foundry", "Kestrel Grid", "Lumenfall", "Ostrander Bank",
]  # fmt: skip
_DEEDS = [
    ("releases", "an open model called {thing}"), ("acquires", "{thing}"),
    ("cuts the price of", "{thing} by half"), ("is sued over", "{thing}"),
    ("pauses", "its {thing} rollout"), ("opens", "{thing} to every developer"),
]  # fmt: skip
_THINGS = ["Larkspur", "Quarrel", "Gossamer", "Tallow", "Brindle", "Cinder", "Wicket", "Fathom"]
_OPENERS = [
    "{a} has been promising {t} for a year", "Nobody I know asked for {t}",
    "Tried {t} this morning", "If {a} keeps shipping at this pace",
    "The pricing page for {t} is clear", "Honestly {t} is the first thing from {a} I like",
    "Every thread about {t} turns into an argument", "Reading the {t} announcement twice",
    "My manager forwarded the {t} news", "Three of us tested {t} overnight",
    "Sceptical as ever about {a}", "Small teams will feel {t} first",
    "Good luck to anyone migrating to {t}", "Watching {a} closely since the spring",
    "Our support queue mentions {t} already", "Weird timing for {a} to do this",
]  # fmt: skip
_CLOSERS = [
    "and the release notes finally deliver something real.",
    "and nobody has explained who pays for it.", "and it broke our build twice before lunch.",
    "and the smaller labs will struggle to keep up.", "which is more than most vendors manage.",
    "and the licensing terms are still confusing.", "so expect a long week of arguments.",
    "and I would not bet against it lasting.",
]  # fmt: skip
_BEATS = ["AI Industry", "Models & Releases", "AI Regulation", "AI Agents", "Open-Source AI"]
_PROVIDERS = ["reddit", "hackernews", "bluesky", "mastodon"]
_PUBLISHERS = [
    "The Harbour Ledger", "Signal Desk", "The Quarry", "Northgate Times", "Lattice Daily",
    "Morrow Review", "The Brass Lamp", "Wirefold", "Cobalt Weekly", "The Tidewater Post",
]  # fmt: skip
_HANDLES = ["pinecone", "ada_lv", "orbweaver", "j.moreau", "tamsin", "ruthless_editor", "quokka7"]


def varied_packs(count: int) -> list[EvidencePack]:
    """Return `count` packs about different invented events, kinds and reactions."""
    rng = random.Random(20261112)
    packs = []
    for n in range(count):
        actor = _ACTORS[n % len(_ACTORS)]
        verb, what = _DEEDS[n % len(_DEEDS)]
        thing = _THINGS[(n * 3) % len(_THINGS)]
        title = f"{actor} {verb} {what.format(thing=thing)}"
        provider = rng.choice(["news", "hackernews"])
        trigger = Post(
            provider,
            rng.choice(_PUBLISHERS) if provider == "news" else f"{rng.choice(_HANDLES)}_{n}",
            f"{title}, the company said on Tuesday. {actor} said {thing} would be available "
            "within weeks and gave no further details about customers.",
            rng.uniform(-0.3, 0.3),
            title=title,
            entities=(actor, thing),
            engagement={"points": rng.randint(80, 900), "comments": rng.randint(10, 400)},
        )
        voices = [
            Post(
                rng.choice(_PROVIDERS),
                rng.choice(_HANDLES) + str(n),
                f"{rng.choice(_OPENERS)} {rng.choice(_CLOSERS)}".format(a=actor, t=thing),
                rng.uniform(-0.8, 0.8),
                entities=(actor,),
            )
            for _ in range(rng.randint(3, 7))
        ]
        kind = ["entity_surge", "volume_spike", "share_of_beat", "sentiment_shift"][n % 4]
        fields: dict[str, Any] = {
            "id": f"sig_varied_{n}",
            "kind": kind,
            "key": actor.lower(),
            "value": float(rng.randint(20, 90)),
            "baseline": float(rng.choice([0, 1, 4, 9])),
            "window_start": DAY + timedelta(days=n % 9),
            "window_end": DAY + timedelta(days=n % 9 + 1),
        }
        fields["effect"] = fields["value"] / max(fields["baseline"], 1.0)
        if kind == "share_of_beat":
            share = rng.choice([0.31, 0.38, 0.44, 0.52, 0.6])
            fields |= {"value": share, "baseline": 0.05, "effect": share / 0.05}
            fields["details"] = ShareOfBeatDetails(
                entity=actor.lower(), entity_name=actor, records_in_beat=60
            )
        elif kind == "sentiment_shift":
            fields |= {"value": -0.3, "baseline": 0.1, "effect": -0.4, "details": None}
        elif kind == "volume_spike":
            fields["details"] = None
        else:
            fields["details"] = surge(actor)
        if fields["details"] is None:
            del fields["details"]
        beat = _BEATS[n % len(_BEATS)]
        packs.append(event_pack([trigger, *voices], beat_name=beat, **fields))
    return packs
