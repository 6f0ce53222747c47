"""Write Beatwire's bundled synthetic sample corpus.

Usage: `python scripts/make_demo_corpus.py [--out PATH]`.

Every record is written by this generator from hand-written text banks (scripts/demo_corpus/banks/).
People, handles, the planted events' organisations and products are fictional. The output is
deterministic: the same seed gives byte-identical files (no clock, one random.Random).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from demo_corpus.banks import EVENTS as EVENT_TEXT
from demo_corpus.banks import FOREIGN, HOSTILE
from demo_corpus.compose import Decks
from demo_corpus.content import BEATS, BeatContent, EventContent
from demo_corpus.ids import IdMaker
from demo_corpus.people import make_people
from demo_corpus.platforms import RENDERERS, START, Ctx, iso, model_page, record

SEED = 20261026
DAYS = 28
OUT = Path(__file__).resolve().parents[1] / "src" / "beatwire" / "data" / "demo" / "corpus.jsonl"

# Weekday records per day for each beat's background chatter: deliberately uneven.
BASE_RATES = {
    "models-releases": 12,
    "open-source-ai": 9,
    "ai-software-development": 11,
    "ai-agents": 8,
    "ai-safety-alignment": 7,
    "ai-hardware-compute": 14,
    "ai-robotics": 4,
    "ai-science": 6,
    "ai-misinformation": 5,
    "ai-jobs": 8,
    "ai-education": 8,
    "ai-creative-industries": 6,
    "ai-social-media": 5,
    "ai-bias-fairness": 3,
    "ai-consciousness-personhood": 2.5,
    "ai-everyday-products": 7,
    "ai-regulation": 8,
    "ai-geopolitics": 4,
    "ai-law": 4,
    "ai-privacy-surveillance": 4,
    "ai-military": 2,
    "ai-industry-business": 9,
    "ai-healthcare": 5,
    "ai-environment": 3,
}
PLATFORM_WEIGHTS = {
    "bluesky": 30,
    "mastodon": 12,
    "reddit": 16,
    "hackernews": 9,
    "news": 9,
    "youtube": 3,
    "arxiv": 5,
    "huggingface": 2,
}
PLATFORM_BIAS: dict[str, dict[str, float]] = {
    "models-releases": {"huggingface": 10, "hackernews": 14},
    "open-source-ai": {"huggingface": 10, "hackernews": 14},
    "ai-science": {"arxiv": 14},
    "ai-safety-alignment": {"arxiv": 12},
    "ai-bias-fairness": {"arxiv": 10},
    "ai-software-development": {"hackernews": 18},
    "ai-agents": {"hackernews": 14},
    "ai-regulation": {"news": 20, "arxiv": 2},
    "ai-law": {"news": 18},
    "ai-geopolitics": {"news": 18},
    "ai-industry-business": {"news": 20},
    "ai-military": {"news": 14},
    "ai-healthcare": {"news": 14},
}
BACKGROUND_MOODS = {"pos": 25, "neg": 25, "neu": 30, "ask": 12, "joke": 8}
EDU_BEFORE = {"pos": 68, "neu": 18, "ask": 9, "joke": 5}
EDU_AFTER = {"neg": 70, "neu": 17, "ask": 9, "joke": 4}
EDU_SCANDAL_DAY = 17

# Planted events: id (its text and topics: banks/events.toml), beats, day -> {platform: records}.
EVENTS: list[dict[str, Any]] = [
    {
        "id": "creative-voice-strike",
        "beats": ["ai-creative-industries"],
        "schedule": {
            4: {
                "news": 7,
                "bluesky": 14,
                "mastodon": 8,
                "reddit": 10,
                "hackernews": 4,
                "youtube": 2,
            }
        },
    },
    {
        "id": "regulation-vote",
        "beats": ["ai-regulation"],
        "schedule": {
            9: {
                "news": 10,
                "bluesky": 14,
                "mastodon": 8,
                "reddit": 10,
                "hackernews": 6,
                "youtube": 2,
            }
        },
    },
    {
        "id": "hardware-export-spike",
        "beats": ["ai-hardware-compute"],
        "schedule": {
            11: {
                "news": 12,
                "bluesky": 24,
                "mastodon": 12,
                "reddit": 18,
                "hackernews": 14,
                "youtube": 4,
            }
        },
    },
    {
        "id": "jobs-layoffs",
        "beats": ["ai-jobs"],
        "schedule": {
            15: {
                "news": 9,
                "bluesky": 14,
                "mastodon": 7,
                "reddit": 12,
                "hackernews": 4,
                "youtube": 2,
            }
        },
    },
    {
        "id": "education-sentiment-swing",
        "beats": ["ai-education"],
        "schedule": {EDU_SCANDAL_DAY: {"news": 4, "bluesky": 3, "mastodon": 2, "reddit": 3}},
    },
    {
        "id": "agent-database-wipe",
        "beats": ["ai-agents"],
        "schedule": {
            19: {"hackernews": 4},
            20: {"hackernews": 4, "reddit": 7},
            21: {"hackernews": 3, "reddit": 5, "bluesky": 7, "mastodon": 4},
            22: {"hackernews": 3, "reddit": 7, "bluesky": 10, "mastodon": 6, "news": 3},
            23: {
                "hackernews": 3,
                "reddit": 8,
                "bluesky": 16,
                "mastodon": 8,
                "news": 6,
                "youtube": 2,
            },
            24: {"bluesky": 10, "mastodon": 5, "news": 3, "reddit": 5},
            25: {"bluesky": 6, "mastodon": 3, "news": 2},
        },
    },
    {
        "id": "vireo-4-surge",
        "beats": ["models-releases", "open-source-ai"],
        "schedule": {
            23: {
                "bluesky": 18,
                "mastodon": 8,
                "reddit": 12,
                "hackernews": 8,
                "news": 4,
                "youtube": 3,
            },
            24: {
                "bluesky": 16,
                "mastodon": 7,
                "reddit": 12,
                "hackernews": 5,
                "news": 3,
                "youtube": 3,
            },
            25: {
                "bluesky": 16,
                "mastodon": 7,
                "reddit": 11,
                "hackernews": 5,
                "news": 2,
                "youtube": 3,
            },
            26: {"bluesky": 9, "mastodon": 4, "reddit": 5, "hackernews": 2},
            27: {"bluesky": 6, "mastodon": 3, "reddit": 2},
            28: {"bluesky": 4, "mastodon": 2, "reddit": 1},
        },
    },
]
VIREO_TEASER_DAYS = {5: 1, 9: 1, 12: 1, 16: 1, 19: 1, 21: 2, 22: 2}
VIREO_REPO_DAYS = {
    23: [
        "nimbrook/Vireo-4-8B",
        "nimbrook/Vireo-4-8B-Instruct",
        "nimbrook/Vireo-4-70B",
        "nimbrook/Vireo-4-70B-Instruct",
        "nimbrook/Vireo-4-2B",
    ],
    24: ["quietloop/Vireo-4-8B-GGUF", "heronworks/Vireo-4-8B-Instruct-support-ft"],
    25: ["bytewise-dev/Vireo-4-70B-Instruct-AWQ", "owlstack/Vireo-4-2B-chat-merge"],
}
HOSTILE_DAYS = [3, 6, 8, 10, 13, 16, 18, 20, 24, 26]


def pick(rng: random.Random, weights: Mapping[str, float]) -> str:
    """Return a key of `weights` drawn in proportion to its value."""
    keys = list(weights)
    return rng.choices(keys, [weights[k] for k in keys])[0]


def daily_volume(rng: random.Random, beat: str, day: int) -> int:
    """Return the background record count for a beat on a day: weekly rhythm plus noise."""
    weekday = (START + timedelta(days=day - 1)).weekday()
    rhythm = 0.68 if weekday >= 5 else (0.92 if weekday == 4 else 1.0)
    scale = 0.5 if beat == "ai-education" and day == EDU_SCANDAL_DAY else 1.0
    mean = BASE_RATES[beat] * rhythm * scale * rng.lognormvariate(0.0, 0.18)
    return max(0, round(mean + rng.uniform(-0.5, 0.5)))


def mood_for(rng: random.Random, beat: str, day: int) -> str:
    """Return the mood of a background record; ai-education turns negative after its scandal."""
    if beat == "ai-education":
        return pick(rng, EDU_BEFORE if day < EDU_SCANDAL_DAY else EDU_AFTER)
    return pick(rng, BACKGROUND_MOODS)


def platform_weights(beat: str) -> dict[str, float]:
    """Return the platform mix of a beat's background chatter."""
    weights: dict[str, float] = dict(PLATFORM_WEIGHTS)
    weights.update(PLATFORM_BIAS.get(beat, {}))
    if not BEATS[beat]["papers"]:
        weights["arxiv"] = 0
    if not BEATS[beat]["hf_tasks"]:
        weights["huggingface"] = 0
    return weights


def foreign_text(ctx: Ctx, beat: str, day: int) -> tuple[str, str] | None:
    """Return (lang, text) of a non-English post for the beat, if one fits."""
    if beat == "ai-education" and day >= EDU_SCANDAL_DAY:
        return None
    posts = FOREIGN["posts"]
    options = [
        (lang, p["text"]) for lang in sorted(posts) for p in posts[lang] if p["beat"] == beat
    ]
    if not options:
        return None
    lang, text = ctx.rng.choice(options)
    opener = ctx.rng.choice(FOREIGN["openers"][lang])
    if opener.endswith(","):
        text = text[:1].lower() + text[1:]
    return lang, ctx.decks.unique(lambda: f"{opener} {text}".strip())


def background_day(ctx: Ctx, beat: str, day: int, scandal: EventContent) -> None:
    """Emit a beat's background records for one day."""
    quota = daily_volume(ctx.rng, beat, day)
    weights = platform_weights(beat)
    plain = BeatContent(beat, ctx.rng, ctx.decks)
    while quota > 0:
        platform = pick(ctx.rng, weights)
        mood = mood_for(ctx.rng, beat, day)
        content: BeatContent = plain
        if beat == "ai-education" and day > EDU_SCANDAL_DAY and ctx.rng.random() < 0.4:
            content = scandal
        if platform in ("bluesky", "mastodon") and content is plain and ctx.rng.random() < 0.11:
            found = foreign_text(ctx, beat, day)
            if found:
                quota -= RENDERERS[platform](ctx, plain, day, mood, 1, text=found[1], lang=found[0])
                continue
        quota -= max(1, RENDERERS[platform](ctx, content, day, mood, quota))


def event_contents(ctx: Ctx, spec: dict[str, Any]) -> dict[str, EventContent]:
    """Return the content makers of an event, one per beat it touches."""
    return {
        beat: EventContent(beat, ctx.rng, ctx.decks, spec["id"], EVENT_TEXT[spec["id"]])
        for beat in spec["beats"]
    }


def event_day(ctx: Ctx, spec: dict[str, Any], day: int, makers: dict[str, EventContent]) -> None:
    """Emit an event's records for one day, exactly as many per platform as scheduled."""
    moods: dict[str, float] = (
        {"neg": 1.0}
        if spec["id"] == "education-sentiment-swing"
        else {"pos": 2, "neg": 3, "neu": 3, "ask": 1, "joke": 1}
    )
    for platform in sorted(spec["schedule"][day]):
        quota = spec["schedule"][day][platform]
        while quota > 0:
            beat = ctx.rng.choice(spec["beats"])
            quota -= max(
                1, RENDERERS[platform](ctx, makers[beat], day, pick(ctx.rng, moods), quota)
            )


def trigger_story(ctx: Ctx, spec: dict[str, Any], makers: dict[str, EventContent]) -> None:
    """Emit the report that breaks an event: a well-read Hacker News story early on its first day.

    It says who did what (the newsroom's event title comes from it), and its points stand
    far above the day's other stories, as the first report of real news does. Its time,
    id and author come from the bank, not the random stream, so every other record of the
    corpus stays as it was.
    """
    trigger = EVENT_TEXT[spec["id"]]["trigger"]
    day = min(spec["schedule"])
    when = START + timedelta(days=day - 1, minutes=trigger["minute"])
    number = 45_900_000 + int((when - START).total_seconds() // 60) * 24 + 23
    while not ctx.ids.claim("hackernews", str(number)):
        number += 1
    record(
        ctx,
        makers[spec["beats"][0]],
        provider="hackernews",
        native_id=str(number),
        kind="story",
        when=when,
        title=trigger["title"],
        text=trigger["text"],
        url=f"https://news.ycombinator.com/item?id={number}",
        author=trigger["author"],
        engagement={"score": trigger["points"], "comments": trigger["comments"]},
    )


def vireo_extras(ctx: Ctx, day: int, makers: dict[str, EventContent]) -> None:
    """Emit the Vireo-4 model pages of a day and the rare pre-launch teasers."""
    maker = makers["open-source-ai"]
    for repo in VIREO_REPO_DAYS.get(day, []):
        ctx.ids.claim("huggingface", repo)
        when = START + timedelta(
            days=day - 1, hours=ctx.rng.randint(8, 18), minutes=ctx.rng.randrange(60)
        )
        likes = (
            ctx.rng.randint(300, 2500) if repo.startswith("nimbrook/") else ctx.rng.randint(20, 200)
        )
        text = (
            f"{repo.split('/')[1]} from Nimbrook Labs' Vireo-4 family. "
            "Open weights, Apache-2.0 license. " + maker.line()
        )
        if not repo.startswith("nimbrook/"):
            text = (
                f"Community build of {repo.split('/')[1]} "
                "based on Nimbrook's Vireo-4 open weights. " + maker.line()
            )
        model_page(ctx, maker, repo, when, text, likes * ctx.rng.randint(40, 120), likes)
    for _ in range(VIREO_TEASER_DAYS.get(day, 0)):
        teaser = BeatContent("models-releases", ctx.rng, ctx.decks)
        teaser.event = "vireo-4-surge"
        text = ctx.decks.draw("vireo:teasers", EVENT_TEXT["vireo-4-surge"]["teasers"])
        RENDERERS[ctx.rng.choice(["bluesky", "mastodon"])](ctx, teaser, day, "neu", 1, text=text)


def hostile(ctx: Ctx) -> None:
    """Emit the handful of hostile records that later tests use to check escaping and injection."""
    for probe, day in zip(HOSTILE, HOSTILE_DAYS, strict=True):
        content = BeatContent(probe["beat"], ctx.rng, ctx.decks)
        platform = ctx.rng.choice(["bluesky", "mastodon"])
        before = len(ctx.records)
        RENDERERS[platform](ctx, content, day, "neu", 1, text=probe["text"])
        for row in ctx.records[before:]:
            row["extra"]["demo_hostile"] = True


def header(count: int) -> dict[str, Any]:
    """Return the corpus header: synthetic label, provenance and the planted events' definitions."""
    end = START + timedelta(days=DAYS) - timedelta(seconds=1)
    return {
        "beatwire_corpus": 1,
        "synthetic": True,
        "title": "Beatwire demo corpus (synthetic)",
        "description": (
            "Synthetic sample of public AI discourse written by Beatwire's generator; "
            "every person, handle and most organisations are fictional. "
            "Planted events concern fictional organisations and "
            "products and make no claims about real ones. Not real data."
        ),
        "generator": "scripts/make_demo_corpus.py",
        "seed": SEED,
        "start": iso(START),
        "end": iso(end),
        "records": count,
        "planted": planted(),
    }


def day_iso(day: int) -> str:
    """Return the date of a 1-based corpus day."""
    return (START + timedelta(days=day - 1)).strftime("%Y-%m-%d")


def planted() -> list[dict[str, Any]]:
    """Return the exact definitions of the planted events, as tests and detectors check them."""
    spikes = [
        (
            "creative-voice-strike",
            "ai-creative-industries",
            4,
            40,
            3.0,
            "Voice actors strike against fictional Sonance Studios over synthetic voices",
        ),
        (
            "regulation-vote",
            "ai-regulation",
            9,
            40,
            3.0,
            "Fictional Wessmark Parliament passes the AI Accountability Act",
        ),
        (
            "hardware-export-spike",
            "ai-hardware-compute",
            11,
            80,
            4.0,
            "Fictional 'Fenwick Rule' caps exports of AI accelerators, "
            "hitting fictional Arkwell's AX-900",
        ),
        (
            "jobs-layoffs",
            "ai-jobs",
            15,
            40,
            3.0,
            "Fictional insurer Halberd Mutual cuts 4,200 claims jobs, citing AI automation",
        ),
    ]
    items: list[dict[str, Any]] = [
        {
            "id": event_id,
            "type": "volume_spike",
            "beat": beat,
            "day": day_iso(day),
            "min_records": minimum,
            "min_ratio_to_median": ratio,
            "summary": summary,
            "definition": "records with extra.demo_beat == beat published that UTC day "
            ">= min_records and "
            ">= min_ratio_to_median x the beat's median daily count over the corpus",
        }
        for event_id, beat, day, minimum, ratio, summary in spikes
    ]
    items.append(
        {
            "id": "education-sentiment-swing",
            "type": "sentiment_swing",
            "beat": "ai-education",
            "before": [day_iso(1), day_iso(16)],
            "event_day": day_iso(EDU_SCANDAL_DAY),
            "after": [day_iso(18), day_iso(28)],
            "min_compound_drop": 0.4,
            "summary": "Fictional tutoring company Lanternly mis-graded exams "
            "and shared student essays",
            "definition": "mean VADER compound of English ai-education records (title + text) "
            "in 'before' minus "
            "the mean in 'after' >= min_compound_drop; daily volume stays similar",
        }
    )
    items.append(
        {
            "id": "agent-database-wipe",
            "type": "emerging_narrative",
            "beat": "ai-agents",
            "first_seen": {
                "hackernews": day_iso(19),
                "reddit": day_iso(20),
                "bluesky": day_iso(21),
                "mastodon": day_iso(21),
                "news": day_iso(22),
                "youtube": day_iso(23),
            },
            "growing": [day_iso(d) for d in range(19, 24)],
            "terms": ["Patchwright", "production database", "Olmsted Freight"],
            "summary": "Fictional coding agent Patchwright (Gantry Dev) "
            "wiped Olmsted Freight's production database",
            "definition": "records with extra.demo_event == id: none before first_seen "
            "per platform; daily count strictly increasing over 'growing'",
        }
    )
    items.append(
        {
            "id": "vireo-4-surge",
            "type": "surging_entity",
            "entity": "Vireo-4",
            "org": "Nimbrook Labs",
            "beats": ["models-releases", "open-source-ai"],
            "quiet_until": day_iso(22),
            "max_per_day_before": 3,
            "surge": [day_iso(23), day_iso(25)],
            "min_per_day": 40,
            "summary": "Fictional lab Nimbrook Labs releases the open-weights model Vireo-4",
            "definition": "records whose title or text contains 'Vireo-4': "
            "<= max_per_day_before each day until quiet_until, >= min_per_day each surge day",
        }
    )
    return items


def generate(seed: int = SEED) -> list[dict[str, Any]]:
    """Return every record of the corpus, sorted by publication time."""
    rng = random.Random(seed)
    ctx = Ctx(rng=rng, ids=IdMaker(rng), decks=Decks(rng), people=make_people(rng, 1400))
    makers = {spec["id"]: event_contents(ctx, spec) for spec in EVENTS}
    scandal = makers["education-sentiment-swing"]["ai-education"]
    for day in range(1, DAYS + 1):
        for beat in BASE_RATES:
            background_day(ctx, beat, day, scandal)
        for spec in EVENTS:
            if day == min(spec["schedule"]):
                trigger_story(ctx, spec, makers[spec["id"]])
            if day in spec["schedule"]:
                event_day(ctx, spec, day, makers[spec["id"]])
        vireo_extras(ctx, day, makers["vireo-4-surge"])
    hostile(ctx)
    return sorted(ctx.records, key=lambda r: (r["published_at"], r["provider"], r["native_id"]))


def write(path: Path, seed: int = SEED) -> int:
    """Write the corpus to `path`; return the number of records."""
    rows = generate(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write(json.dumps(header(len(rows)), ensure_ascii=False) + "\n")
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and write the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=OUT, help="output path (default: the bundled corpus)"
    )
    args = parser.parse_args(argv)
    count = write(args.out)
    sys.stderr.write(f"wrote {count} records to {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
