"""Light variation over the hand-written banks: decks, slot filling, framing, typos."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from demo_corpus.banks import COMMON

_SLOT = re.compile(r"\{(n|pct|big)\}")


class Decks:
    """Draws from each list like dealing cards, so repeats are spread as far apart as possible."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.decks: dict[str, list[str]] = {}
        self.used: set[str] = set()

    def draw(self, key: str, items: list[str]) -> str:
        """Return the next item of the shuffled deck named `key`, reshuffling when empty."""
        deck = self.decks.get(key)
        if not deck:
            deck = list(items)
            self.rng.shuffle(deck)
            self.decks[key] = deck
        return deck.pop()

    def unique(self, make: Callable[[], str], tries: int = 8) -> str:
        """Return the first of up to `tries` calls of `make` whose text was not used before."""
        text = make()
        for _ in range(tries - 1):
            if text not in self.used:
                break
            text = make()
        self.used.add(text)
        return text


def fill_slots(text: str, rng: random.Random) -> str:
    """Return `text` with {n}, {pct} and {big} replaced by plausible numbers."""

    def value(match: re.Match[str]) -> str:
        slot = match.group(1)
        if slot == "n":
            return str(rng.randint(2, 9))
        if slot == "pct":
            return f"{rng.randint(12, 91)}%"
        return f"{rng.choice([1, 2, 3, 4, 6, 8, 12, 15, 25, 40, 60])},{rng.randint(0, 999):03d}"

    return _SLOT.sub(value, text)


def add_typo(text: str, rng: random.Random) -> str:
    """Return `text` with one human slip: swapped letters, a dropped letter or no capital."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    if not candidates:
        return text
    i = rng.choice(candidates)
    word = words[i]
    kind = rng.randrange(3)
    if kind == 0:
        j = rng.randrange(1, len(word) - 2)
        word = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    elif kind == 1:
        j = rng.randrange(1, len(word) - 1)
        word = word[:j] + word[j + 1 :]
    else:
        return text[:1].lower() + text[1:]
    words[i] = word
    return " ".join(words)


def frame(
    body: str, mood: str, rng: random.Random, keep: Callable[[str], bool], *, chatty: float = 0.35
) -> str:
    """Return `body` with optional opener, aside, closer, emoji and slip, in `mood`."""
    parts = []
    if rng.random() < chatty:
        parts.append(rng.choice(COMMON["openers"][mood]))
    parts.append(body)
    if rng.random() < 0.3:
        aside = rng.choice(COMMON["asides"][mood])
        parts.insert(0 if rng.random() < 0.3 else len(parts), aside)
    if rng.random() < chatty * 0.7:
        parts.append(rng.choice(COMMON["closers"][mood]))
    text = " ".join(parts)
    if rng.random() < 0.22:
        text += " " + rng.choice(COMMON["emoji"][mood])
    if rng.random() < 0.07:
        slipped = add_typo(text, rng)
        text = slipped if keep(slipped) else text
    if rng.random() < 0.04:
        text = text.lower()
    return text


def reply_text(topic: str, mood: str, rng: random.Random, decks: Decks) -> str:
    """Return a thread reply about `topic` in `mood`, sometimes with a texture line."""
    template = decks.draw(f"reply:{mood}", COMMON["replies"][mood])
    text = capitalise(template.format(topic=topic))
    if rng.random() < 0.12:
        text += " " + rng.choice(COMMON["texture"])
    return text


def capitalise(text: str) -> str:
    """Return `text` with the first letter of each sentence in upper case."""
    return re.sub(r"(^|[.!?] )([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


def hashtags(keywords: list[str], rng: random.Random, count: int) -> str:
    """Return up to `count` hashtags made from beat keywords."""
    tags = []
    for keyword in rng.sample(keywords, min(count, len(keywords))):
        tag = "".join(
            part.title() if k else part for k, part in enumerate(re.split(r"[\s-]+", keyword))
        )
        tags.append("#" + tag)
    return " ".join(tags)


def slugify(text: str, limit: int = 60) -> str:
    """Return a URL slug for `text`."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:limit].rstrip("-")
