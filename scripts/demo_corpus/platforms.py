"""Renders content as one platform's records: posts, threads, articles, papers, models, videos."""

from __future__ import annotations

import bisect
import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from demo_corpus.banks import COMMON, SCHOLARLY
from demo_corpus.compose import Decks, frame, hashtags, slugify
from demo_corpus.content import BEATS, BeatContent
from demo_corpus.ids import IdMaker
from demo_corpus.people import Person

START = datetime(2026, 10, 26, tzinfo=UTC)
# Share of posts per UTC hour: quiet European night, busy US afternoon.
HOUR_WEIGHTS = [3, 2, 2, 2, 2, 3, 4, 5, 6, 7, 7, 7, 8, 9, 10, 10, 10, 9, 9, 8, 7, 6, 5, 4]
REPLY_MOOD = {
    "pos": ["pos", "pos", "neg", "neu", "joke", "ask"],
    "neg": ["neg", "neg", "pos", "neu", "joke", "ask"],
    "neu": ["neu", "neg", "pos", "ask", "joke"],
    "ask": ["neu", "neu", "pos", "neg", "joke"],
    "joke": ["joke", "joke", "neg", "pos", "neu"],
}


@dataclass
class Ctx:
    """Shared state while generating: randomness, ids, people and what was published so far."""

    rng: random.Random
    ids: IdMaker
    decks: Decks
    people: list[Person]
    records: list[dict[str, Any]] = field(default_factory=list)
    links: dict[str, list[tuple[datetime, str]]] = field(default_factory=dict)
    event_authors: dict[str, int] = field(default_factory=dict)
    cumulative: list[float] = field(default_factory=list)

    def person(self, event: str | None, day: int) -> Person:
        """Return an author: regulars dominate chatter; event posts spread over many people."""
        if event is None:
            if not self.cumulative:
                total = 0.0
                for rank in range(len(self.people)):
                    total += 1.0 / (rank + 8) ** 0.8
                    self.cumulative.append(total)
            pick = self.rng.random() * self.cumulative[-1]
            return self.people[bisect.bisect(self.cumulative, pick)]
        while True:
            candidate = self.rng.choice(self.people)
            key = f"{event}:{day}:{candidate.name}"
            if self.event_authors.get(key, 0) < 2:
                self.event_authors[key] = self.event_authors.get(key, 0) + 1
                return candidate


def day_time(rng: random.Random, day: int, latest_hour: int = 23) -> datetime:
    """Return a moment on `day` (1-based), drawn from the daily rhythm."""
    hour = rng.choices(range(latest_hour + 1), HOUR_WEIGHTS[: latest_hour + 1])[0]
    return START + timedelta(
        days=day - 1, hours=hour, minutes=rng.randrange(60), seconds=rng.randrange(60)
    )


def later(rng: random.Random, when: datetime, day: int) -> datetime:
    """Return a moment a few minutes to hours after `when`, on the same day."""
    end = START + timedelta(days=day) - timedelta(seconds=1)
    step = timedelta(
        minutes=rng.choice([1, 2, 4, 7, 12, 20, 35, 60, 90, 150]), seconds=rng.randrange(60)
    )
    return min(when + step, end)


def iso(when: datetime) -> str:
    """Return `when` as an ISO UTC string with a Z suffix."""
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def tail(rng: random.Random, scale: float, alpha: float = 1.3) -> int:
    """Return a heavy-tailed count."""
    return int(scale * (rng.paretovariate(alpha) - 1.0))


def record(ctx: Ctx, content: BeatContent, **fields: Any) -> dict[str, Any]:
    """Return a corpus record with the fixed key order, and keep it."""
    extra: dict[str, Any] = {"demo_beat": content.beat}
    if content.event:
        extra["demo_event"] = content.event
    extra.update(fields.pop("extra", {}))
    row = {
        "provider": fields["provider"],
        "native_id": fields["native_id"],
        "kind": fields["kind"],
        "title": fields.get("title"),
        "text": fields["text"],
        "url": fields.get("url"),
        "author": fields["author"],
        "author_name": fields.get("author_name"),
        "lang": fields.get("lang", "en"),
        "published_at": iso(fields["when"]),
        "engagement": fields.get("engagement", {}),
        "parent_id": fields.get("parent_id"),
        "thread_id": fields.get("thread_id"),
        "source": fields.get("source"),
        "extra": extra,
    }
    ctx.records.append(row)
    return row


def add_link(ctx: Ctx, beat: str, when: datetime, text: str) -> str:
    """Return `text`, sometimes with a link to an earlier paper, model or repo of the beat."""
    roll = ctx.rng.random()
    earlier = [url for t, url in ctx.links.get(beat, []) if t < when]
    if roll < 0.12 and earlier:
        url = ctx.rng.choice(earlier[-30:])
        return f"{text} {link_lead(ctx.rng, url)} {url}"
    if roll < 0.18:
        return f"{text} {link_lead(ctx.rng, 'github')} {github_url(ctx, beat)}"
    return text


def link_lead(rng: random.Random, url: str) -> str:
    """Return a short lead-in that fits the kind of link."""
    kind = (
        "arxiv"
        if "arxiv.org" in url
        else "hf"
        if "huggingface.co" in url
        else "github"
        if url == "github"
        else "news"
    )
    return rng.choice(SCHOLARLY["link_leads"][kind])


def github_url(ctx: Ctx, beat: str) -> str:
    """Return a fictional GitHub repository URL named after a beat keyword."""
    keyword = slugify(ctx.rng.choice(_keywords(beat)))
    user = ctx.rng.choice(COMMON["github_users"])
    return f"https://github.com/{user}/{keyword}{ctx.rng.choice(SCHOLARLY['github_suffixes'])}"


def _keywords(beat: str) -> list[str]:
    return BEATS[beat]["keywords"]


def short_post(ctx: Ctx, content: BeatContent, mood: str, when: datetime, platform: str) -> str:
    """Return framed text for a Bluesky or Mastodon post, unlike earlier ones when possible."""
    return ctx.decks.unique(lambda: _short_post(ctx, content, mood, when, platform))


def _short_post(ctx: Ctx, content: BeatContent, mood: str, when: datetime, platform: str) -> str:
    text = frame(content.post(mood), mood, ctx.rng, content.keeps)
    text = add_link(ctx, content.beat, when, text)
    tag_chance = 0.55 if platform == "mastodon" else 0.2
    if ctx.rng.random() < tag_chance:
        text += " " + hashtags(_keywords(content.beat), ctx.rng, ctx.rng.choice([1, 1, 2, 3]))
    if platform == "bluesky" and len(text) > 300:
        text = content.post(mood)[:300]
    return text


def bluesky(
    ctx: Ctx,
    content: BeatContent,
    day: int,
    mood: str,
    quota: int,
    text: str | None = None,
    lang: str = "en",
) -> int:
    """Emit a Bluesky post and sometimes replies; return how many records were written."""
    person = ctx.person(content.event, day)
    when = day_time(ctx.rng, day, 21)
    handle = person.handle("bluesky")
    uri = ctx.ids.bluesky(handle, when)
    replies = 0
    if quota > 1 and ctx.rng.random() < 0.18:
        replies = min(quota - 1, ctx.rng.choice([1, 1, 2]))
    root = record(
        ctx,
        content,
        provider="bluesky",
        native_id=uri,
        kind="post",
        when=when,
        lang=lang,
        text=text or short_post(ctx, content, mood, when, "bluesky"),
        url=f"https://bsky.app/profile/{handle}/post/{uri.rsplit('/', 1)[1]}",
        author=handle,
        author_name=person.name,
        engagement={
            "likes": tail(ctx.rng, 6),
            "reposts": tail(ctx.rng, 1.5),
            "replies": replies + tail(ctx.rng, 0.8),
            "quotes": tail(ctx.rng, 0.3),
        },
    )
    parent = root
    for _ in range(replies):
        when = later(ctx.rng, when, day)
        replier = ctx.person(content.event, day)
        rhandle = replier.handle("bluesky")
        ruri = ctx.ids.bluesky(rhandle, when)
        rmood = ctx.rng.choice(REPLY_MOOD[mood])
        parent = record(
            ctx,
            content,
            provider="bluesky",
            native_id=ruri,
            kind="post",
            when=when,
            text=f"@{parent['author']} " + ctx.decks.unique(partial(content.reply, rmood)),
            url=f"https://bsky.app/profile/{rhandle}/post/{ruri.rsplit('/', 1)[1]}",
            author=rhandle,
            author_name=replier.name,
            engagement={"likes": tail(ctx.rng, 2), "reposts": 0, "replies": 0, "quotes": 0},
            parent_id=parent["native_id"],
            thread_id=uri,
        )
    return 1 + replies


def mastodon(
    ctx: Ctx,
    content: BeatContent,
    day: int,
    mood: str,
    quota: int,
    text: str | None = None,
    lang: str = "en",
) -> int:
    """Emit one Mastodon status; return 1."""
    person = ctx.person(content.event, day)
    when = day_time(ctx.rng, day)
    handle = person.handle("mastodon")
    status = ctx.ids.mastodon(when)
    user, instance = handle.split("@")
    record(
        ctx,
        content,
        provider="mastodon",
        native_id=status,
        kind="post",
        when=when,
        lang=lang,
        text=text or short_post(ctx, content, mood, when, "mastodon"),
        url=f"https://{instance}/@{user}/{status}",
        author=handle,
        author_name=person.name,
        engagement={
            "favourites": tail(ctx.rng, 3),
            "reblogs": tail(ctx.rng, 1),
            "replies": tail(ctx.rng, 0.5),
        },
        source=instance,
    )
    return 1


def thread_size(ctx: Ctx, quota: int) -> int:
    """Return how many comments a thread gets, within `quota` records including the root."""
    wanted = ctx.rng.choice([0, 1, 2, 2, 3, 3, 4, 5, 6, 8])
    return max(0, min(quota - 1, wanted))


def comments(
    ctx: Ctx,
    content: BeatContent,
    day: int,
    mood: str,
    root: dict[str, Any],
    count: int,
    platform: str,
    when: datetime,
) -> None:
    """Emit `count` comments under `root`, some replying to other comments."""
    nodes = [root]
    for _ in range(count):
        when = later(ctx.rng, when, day)
        parent = root if ctx.rng.random() < 0.55 else ctx.rng.choice(nodes)
        person = ctx.person(content.event, day)
        rmood = ctx.rng.choice(REPLY_MOOD[mood])
        text = ctx.decks.unique(partial(content.reply, rmood))
        if platform == "reddit":
            native = ctx.ids.reddit("t1")
            sub = root["source"]
            url = f"https://www.reddit.com/{sub}/comments/{root['native_id'][3:]}/comment/{native[3:]}/"
            engagement = {"score": tail(ctx.rng, 4) + 1}
            author = person.handle("reddit")
        else:
            native = ctx.ids.hackernews(when, START)
            url = f"https://news.ycombinator.com/item?id={native}"
            engagement = {}
            author = person.handle("hackernews")
            sub = None
        node = record(
            ctx,
            content,
            provider=platform,
            native_id=native,
            kind="comment",
            when=when,
            text=text,
            url=url,
            author=author,
            engagement=engagement,
            parent_id=parent["native_id"],
            thread_id=root["native_id"],
            source=sub,
        )
        nodes.append(node)


def reddit(ctx: Ctx, content: BeatContent, day: int, mood: str, quota: int) -> int:
    """Emit a Reddit post with a comment thread; return how many records were written."""
    person = ctx.person(content.event, day)
    when = day_time(ctx.rng, day, 19)
    sub = ctx.rng.choice(content.bank["subs"])
    native = ctx.ids.reddit("t3")
    title = ctx.decks.unique(lambda: content.title(mood))
    count = thread_size(ctx, quota)
    body = ctx.decks.unique(lambda: content.post(mood, long=True))
    for _ in range(5):
        if title.rstrip(".?") not in body:
            break
        body = ctx.decks.unique(lambda: content.post(mood, long=True))
    if ctx.rng.random() < 0.2:
        body = add_link(ctx, content.beat, when, body)
    root = record(
        ctx,
        content,
        provider="reddit",
        native_id=native,
        kind="post",
        when=when,
        title=title,
        text=body,
        url=f"https://www.reddit.com/{sub}/comments/{native[3:]}/{slugify(title, 50)}/",
        author=person.handle("reddit"),
        engagement={"score": tail(ctx.rng, 20) + 1, "comments": count + tail(ctx.rng, 6)},
        source=sub,
    )
    comments(ctx, content, day, mood, root, count, "reddit", when)
    return 1 + count


def hackernews(ctx: Ctx, content: BeatContent, day: int, mood: str, quota: int) -> int:
    """Emit a Hacker News story with a comment thread; return how many records were written."""
    person = ctx.person(content.event, day)
    when = day_time(ctx.rng, day, 19)
    native = ctx.ids.hackernews(when, START)
    prefix = (
        "Ask HN: "
        if mood == "ask"
        else ctx.rng.choice(COMMON["hn_prefixes"]).replace("Ask HN: ", "")
    )
    title = prefix + ctx.decks.unique(lambda: content.title(mood))
    count = thread_size(ctx, quota)
    url = None if prefix == "Ask HN: " else github_url(ctx, content.beat)
    if url and prefix == "":
        publisher = content.publisher()
        url = f"https://{publisher[1]}/{when:%Y/%m}/{slugify(title, 50)}"
    root = record(
        ctx,
        content,
        provider="hackernews",
        native_id=native,
        kind="story",
        when=when,
        title=title,
        text=ctx.decks.unique(lambda: content.post(mood)),
        url=url or f"https://news.ycombinator.com/item?id={native}",
        author=person.handle("hackernews"),
        engagement={"score": tail(ctx.rng, 25) + 1, "comments": count + tail(ctx.rng, 8)},
    )
    comments(ctx, content, day, mood, root, count, "hackernews", when)
    return 1 + count


def news(ctx: Ctx, content: BeatContent, day: int, mood: str, quota: int) -> int:
    """Emit one news article; return 1."""
    person = ctx.person(content.event, day)
    when = day_time(ctx.rng, day)
    headline, summary = content.article()
    for _ in range(8):
        if summary not in ctx.decks.used and headline not in ctx.decks.used:
            break
        headline, summary = content.article()
    ctx.decks.used.update((headline, summary))
    publisher, domain = content.publisher()
    url = f"https://{domain}/{when:%Y/%m/%d}/{slugify(headline)}"
    native = hashlib.sha1(url.encode()).hexdigest()[:16]
    if not ctx.ids.claim("news", native):
        url += f"-{ctx.rng.randrange(100, 999)}"
        native = hashlib.sha1(url.encode()).hexdigest()[:16]
        ctx.ids.claim("news", native)
    record(
        ctx,
        content,
        provider="news",
        native_id=native,
        kind="article",
        when=when,
        title=headline,
        text=summary,
        url=url,
        author=person.handle("news"),
        author_name=person.name,
        source=publisher,
        extra={"publisher": publisher},
    )
    ctx.links.setdefault(content.beat, []).append((when, url))
    return 1


def arxiv(ctx: Ctx, content: BeatContent, day: int, mood: str, quota: int) -> int:
    """Emit one arXiv paper; return 1."""
    when = day_time(ctx.rng, day)
    authors = [ctx.person(None, day) for _ in range(ctx.rng.choice([1, 2, 3, 4, 5, 6]))]
    title, abstract = content.paper()
    for _ in range(8):
        if title not in ctx.decks.used:
            break
        title, abstract = content.paper()
    ctx.decks.used.update((title, abstract))
    native = ctx.ids.arxiv(when)
    names = ", ".join(f"{p.first[0]}. {p.last}" for p in authors[:3]) + (
        " et al." if len(authors) > 3 else ""
    )
    category = ctx.rng.choice(["cs.CL", "cs.LG", "cs.AI", "cs.CY", "cs.RO", "cs.CV", "stat.ML"])
    record(
        ctx,
        content,
        provider="arxiv",
        native_id=native,
        kind="paper",
        when=when,
        title=title,
        text=abstract,
        url=f"https://arxiv.org/abs/{native}",
        author=authors[0].handle("arxiv"),
        author_name=names,
        source=category,
    )
    ctx.links.setdefault(content.beat, []).append((when, f"https://arxiv.org/abs/{native}"))
    return 1


def huggingface(ctx: Ctx, content: BeatContent, day: int, mood: str, quota: int) -> int:
    """Emit one Hugging Face model page; return 1 (0 if the beat has no model tasks)."""
    if not content.bank["hf_tasks"]:
        return 0
    when = day_time(ctx.rng, day)
    size = ctx.rng.choice(["1B", "2B", "3B", "7B", "8B", "13B", "14B", "32B", "70B"])
    repo, card = content.model(ctx.rng.choice(COMMON["arch_words"]), size)
    while not ctx.ids.claim("huggingface", repo):
        repo += "-v" + str(ctx.rng.randrange(2, 9))
    likes = tail(ctx.rng, 12)
    downloads = likes * ctx.rng.randint(20, 400) + tail(ctx.rng, 50)
    model_page(ctx, content, repo, when, card, downloads, likes)
    return 1


def model_page(
    ctx: Ctx, content: BeatContent, repo: str, when: datetime, card: str, downloads: int, likes: int
) -> None:
    """Emit a Hugging Face model page and keep its URL for later posts of the beat to link."""
    url = f"https://huggingface.co/{repo}"
    record(
        ctx,
        content,
        provider="huggingface",
        native_id=repo,
        kind="model",
        when=when,
        title=repo,
        text=card,
        url=url,
        author=repo.split("/")[0],
        engagement={"downloads": downloads, "likes": likes},
    )
    ctx.links.setdefault(content.beat, []).append((when, url))


def youtube(ctx: Ctx, content: BeatContent, day: int, mood: str, quota: int) -> int:
    """Emit one YouTube video; return 1."""
    when = day_time(ctx.rng, day)
    channel = ctx.rng.choice(COMMON["youtube_channels"])
    title, description = content.video(mood)
    for _ in range(8):
        if title not in ctx.decks.used:
            break
        title, description = content.video(mood)
    ctx.decks.used.update((title, description))
    native = ctx.ids.youtube()
    views = tail(ctx.rng, 3000) + 40
    record(
        ctx,
        content,
        provider="youtube",
        native_id=native,
        kind="video",
        when=when,
        title=title,
        text=description,
        url=f"https://www.youtube.com/watch?v={native}",
        author="@" + channel.replace(" ", ""),
        author_name=channel,
        source=channel,
        engagement={
            "views": views,
            "likes": views // ctx.rng.randint(15, 60),
            "comments": views // ctx.rng.randint(80, 400),
        },
    )
    return 1


# Bluesky and Mastodon renderers also take text= and lang=, hence the loose signature.
RENDERERS: dict[str, Callable[..., int]] = {
    "bluesky": bluesky,
    "mastodon": mastodon,
    "reddit": reddit,
    "hackernews": hackernews,
    "news": news,
    "arxiv": arxiv,
    "huggingface": huggingface,
    "youtube": youtube,
}
