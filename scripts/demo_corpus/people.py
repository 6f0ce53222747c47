"""Fictional people and their handles on each platform for the synthetic demo corpus."""

from __future__ import annotations

import random
from dataclasses import dataclass

from demo_corpus.banks import COMMON


@dataclass(frozen=True)
class Person:
    """A fictional person with a display name and per-platform handles."""

    first: str
    last: str
    word: str
    number: int
    style: int
    instance: str

    @property
    def name(self) -> str:
        """Return the display name."""
        return f"{self.first} {self.last}"

    def handle(self, platform: str) -> str:
        """Return this person's handle on `platform`."""
        first, last = self.first.lower(), self.last.lower()
        if platform == "bluesky":
            base = [f"{first}{last}", f"{first}-{self.word}", f"{self.word}{self.number}"][
                self.style
            ]
            return f"{base}.bsky.social"
        if platform == "mastodon":
            base = [f"{first}{self.number}", f"{first}_{last}", f"{self.word}{self.number}"][
                self.style
            ]
            return f"{base}@{self.instance}"
        if platform == "reddit":
            return [
                f"{self.word}_{first}",
                f"{first}{last}{self.number}",
                f"Throwaway{self.word.title()}{self.number}",
            ][self.style]
        if platform == "hackernews":
            return [f"{first[0]}{last}", f"{self.word}{self.number}", f"{first}_{last}"][self.style]
        return f"{first}-{last}"


def make_people(rng: random.Random, count: int) -> list[Person]:
    """Return `count` distinct fictional people."""
    pairs = [(f, last) for f in COMMON["first_names"] for last in COMMON["last_names"]]
    rng.shuffle(pairs)
    people = []
    for index, (first, last) in enumerate(pairs[:count]):
        people.append(
            Person(
                first=first,
                last=last,
                word=rng.choice(COMMON["handle_words"]),
                number=index + 3,
                style=rng.randrange(3),
                instance=rng.choice(COMMON["mastodon_instances"]),
            )
        )
    return people
