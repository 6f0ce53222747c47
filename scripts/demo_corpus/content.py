"""What a record says: background chatter for a beat, or text about one planted event."""

from __future__ import annotations

import random
import re

from demo_corpus.banks import BEATS, COMMON, SCHOLARLY
from demo_corpus.compose import Decks, fill_slots, reply_text

MOODS = ("pos", "neg", "neu", "ask", "joke")


def has_keyword(text: str, keywords: list[str]) -> bool:
    """Return True if `text` contains one of `keywords` at a word start (case-insensitive)."""
    low = text.lower()
    return any(re.search(r"(?<![a-z0-9])" + re.escape(k), low) for k in keywords)


SMALL_WORDS = {
    "a",
    "an",
    "and",
    "as",
    "at",
    "by",
    "for",
    "in",
    "of",
    "on",
    "or",
    "the",
    "to",
    "with",
}


def headline_case(phrase: str) -> str:
    """Return a noun phrase in title case, leaving small words and acronyms alone."""
    words = phrase.removeprefix("the ").split()
    return " ".join(
        w if w.isupper() or (k and w in SMALL_WORDS) else w[:1].upper() + w[1:]
        for k, w in enumerate(words)
    )


class BeatContent:
    """Background text for one beat, drawn from its hand-written bank."""

    def __init__(self, beat: str, rng: random.Random, decks: Decks) -> None:
        self.beat = beat
        self.bank = BEATS[beat]
        self.rng = rng
        self.decks = decks
        self.event: str | None = None

    def keeps(self, text: str) -> bool:
        """Return True if `text` still carries a keyword of this beat."""
        return has_keyword(text, self.bank["keywords"])

    def sentence(self, mood: str) -> str:
        """Return one beat sentence in `mood`."""
        return fill_slots(self.decks.draw(f"{self.beat}:{mood}", self.bank[mood]), self.rng)

    def post(self, mood: str, *, long: bool = False) -> str:
        """Return a post body: one beat sentence, sometimes two or three."""
        parts = [self.sentence(mood)]
        extra = (
            2 if long and self.rng.random() < 0.4 else (1 if self.rng.random() < 0.4 or long else 0)
        )
        for _ in range(extra):
            second = mood if self.beat == "ai-education" or self.rng.random() < 0.5 else "neu"
            candidate = self.sentence(second)
            if candidate not in parts:
                parts.append(candidate)
        return " ".join(parts)

    def topic(self) -> str:
        """Return a noun phrase for this beat."""
        return self.rng.choice(self.bank["topics"])

    def reply(self, mood: str) -> str:
        """Return a thread reply in `mood`."""
        roll = self.rng.random()
        if roll < 0.45:
            return reply_text(self.topic(), mood, self.rng, self.decks)
        if roll < 0.7:
            return reply_text(self.topic(), mood, self.rng, self.decks) + " " + self.sentence(mood)
        return self.sentence(mood)

    def title(self, mood: str) -> str:
        """Return a headline or post title."""
        roll = self.rng.random()
        if roll < 0.45:
            return fill_slots(self.decks.draw(f"{self.beat}:titles", self.bank["titles"]), self.rng)
        if roll < 0.85:
            return self.sentence(mood).rstrip(".")
        return self.sentence("ask")

    def article(self) -> tuple[str, str]:
        """Return a news headline and a two-to-three sentence summary in a reporting register."""
        headline = self.title("neu")
        headline = headline[:1].upper() + headline[1:]
        sentences = [self.sentence("neu")]
        second = self.sentence("neu")
        if second not in sentences:
            sentences.append(second)
        if self.rng.random() < 0.6:
            sentences.append(self.rng.choice(SCHOLARLY["news_tails"]))
        return headline, " ".join(sentences)

    def video(self, mood: str) -> tuple[str, str]:
        """Return a video title and description."""
        title = self.rng.choice(COMMON["video_title_formats"]).format(title=self.title(mood))
        return title, self.post(mood, long=True) + " " + self.rng.choice(COMMON["video_desc_tails"])

    def paper(self) -> tuple[str, str]:
        """Return a paper title and abstract."""
        topic = self.topic()
        if self.rng.random() < 0.3:
            stem = self.rng.choice(self.bank["papers"])
        else:
            stem = self.rng.choice(SCHOLARLY["paper_titles"]).format(
                x=headline_case(topic), acr=self.rng.choice(SCHOLARLY["acronyms"])
            )
        pieces = [
            self.decks.draw("abs:open", SCHOLARLY["abstract_open"]).format(topic=topic, n="{n}"),
            self.decks.draw("abs:method", SCHOLARLY["abstract_method"]),
            self.decks.draw("abs:result", SCHOLARLY["abstract_result"]),
            self.decks.draw("abs:close", SCHOLARLY["abstract_close"]),
        ]
        return stem, fill_slots(" ".join(pieces), self.rng)

    def model(self, arch: str, size: str) -> tuple[str, str]:
        """Return a model repo id and a model-card summary."""
        task = self.rng.choice(self.bank["hf_tasks"])
        org = self.rng.choice(COMMON["hf_orgs"])
        word = task.split()[0].title().replace("-", "")
        repo = f"{org}/{arch}-{word}-{size}"
        family = self.rng.choice(["Ember", "Sable", "Tern", "Basalt"])
        base = f"{self.rng.choice(COMMON['hf_orgs'])}/{family}-{size}"
        card = self.decks.draw("cards", SCHOLARLY["model_cards"]).format(
            name=f"{arch}-{word}-{size}",
            size=size,
            task=task,
            base=base,
            license=self.rng.choice(SCHOLARLY["licenses"]),
            n="{n}",
        )
        return repo, fill_slots(card, self.rng)

    def publisher(self) -> tuple[str, str]:
        """Return a fictional publisher name and domain."""
        publisher = self.rng.choice(COMMON["news_publishers"])
        return publisher["name"], publisher["domain"]


class EventContent(BeatContent):
    """Text about one planted event, kept on a beat by choosing lines with its keywords."""

    def __init__(
        self,
        beat: str,
        rng: random.Random,
        decks: Decks,
        event: str,
        bank: dict[str, list[str]],
    ) -> None:
        super().__init__(beat, rng, decks)
        self.event = event
        self.event_bank = bank
        keywords = self.bank["keywords"]
        topics = bank["topics"]
        self.topics = [t for t in topics if has_keyword(t, keywords)] or topics
        self.lines = [line for line in bank["lines"] if has_keyword(line, keywords)]
        self.headlines = [h for h in bank["headlines"] if has_keyword(h, keywords)] or bank[
            "headlines"
        ]

    def line(self) -> str:
        """Return one event line that carries the beat's keywords."""
        return self.decks.draw(f"{self.event}:{self.beat}:lines", self.lines)

    def post(self, mood: str, *, long: bool = False) -> str:
        """Return a post body made of event lines."""
        parts = [self.line()]
        if long or self.rng.random() < 0.3:
            candidate = self.line()
            if candidate not in parts:
                parts.append(candidate)
        return " ".join(parts)

    def topic(self) -> str:
        """Return a noun phrase for this event."""
        return self.rng.choice(self.topics)

    def reply(self, mood: str) -> str:
        """Return a thread reply about the event."""
        if self.rng.random() < 0.55:
            return self.line()
        return reply_text(self.topic(), mood, self.rng, self.decks)

    def title(self, mood: str) -> str:
        """Return an event headline, or a line used as a title."""
        if self.rng.random() < 0.6:
            return self.decks.draw(f"{self.event}:{self.beat}:headlines", self.headlines)
        return self.line().rstrip(".")

    def article(self) -> tuple[str, str]:
        """Return an event headline and a summary made of its news sentences."""
        headline = self.decks.draw(f"{self.event}:news-headlines", self.headlines)
        news = self.event_bank["news"]
        count = self.rng.choice([2, 3])
        picks = [news[0], *self.rng.sample(news[1:], count - 1)]
        if self.rng.random() < 0.5:
            picks = self.rng.sample(news, count)
        return headline, " ".join(picks)
