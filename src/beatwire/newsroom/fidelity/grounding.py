"""What a story may rest on: the verifier's view of an evidence pack (or of a story file).

A `Ground` holds the citable records by number, the numbers and dates the
evidence contains, the names that need a citation, and the capitalised words
that may stand uncited (platforms, the beat's name, words of the signal's own
sentence). It is built from an `EvidencePack` in the pipeline, or from the JSON
of `beatwire verify --file`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from beatwire.model import PLATFORM_NAMES
from beatwire.newsroom.evidence import EvidenceItem, EvidencePack
from beatwire.taxonomy import load_taxonomy

# Entity types that are names: claims about them must cite a record that mentions them.
NAMED_TYPES = frozenset(
    {
        "person",
        "organization",
        "organisation",
        "government",
        "state",
        "product",
        "legislation",
        "publication",
        "model",
        "company",
        "lab",
    }
)
_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")
_WORD = re.compile(r"[A-Za-z][\w'-]*")


@dataclass(frozen=True, slots=True)
class Source:
    """A record a story may cite, as the verifier sees it."""

    number: int
    record_id: int
    text: str
    provider: str
    authors: tuple[str, ...] = ()  # handle, display name, publisher: who may be quoted
    entities: tuple[str, ...] = ()
    sentiment: float | None = None
    day: date | None = None  # the UTC day it was published
    lang: str | None = None  # the language the analysis stage found, None when unknown

    def mentions(self, name: str) -> bool:
        """Return whether this record names `name` (in its text, entities or byline)."""
        low = name.lower()
        return (
            low in self.text.lower()
            or any(low == e.lower() for e in self.entities)
            or any(low == a.lower() for a in self.authors)
        )


def topic_words() -> set[str]:
    """Return the lower-case words of every beat's name ("ai", "agents", "jobs"...)."""
    return {word.lower() for beat in load_taxonomy() for word in _WORD.findall(beat.name)}


@dataclass(slots=True)
class Ground:
    """Everything a story's claims may be checked against."""

    sources: dict[int, Source]
    numbers: set[float] = field(default_factory=set)
    dates: set[tuple[int, int]] = field(default_factory=set)  # (month, day)
    years: set[int] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    vocabulary: set[str] = field(default_factory=set)  # lower-case words that may stand uncited
    # Facts by what they measure ("baseline", "effect", a platform key...), to bind numbers.
    keyed: dict[str, set[float]] = field(default_factory=dict)
    days: set[date] = field(default_factory=set)  # the full days behind `dates`
    window: set[date] = field(default_factory=set)  # the days the signal covers
    # The signal's usual level (None when there is no signal) and whether it is a count of
    # records (True) or a level on a scale, like a share or a sentiment mean (False).
    baseline: float | None = None
    counts: bool = True
    mood: float | None = None  # the mean sentiment of the evidence, the majority a dissent faces
    topics: set[str] = field(default_factory=topic_words)  # words of beat names: no subject
    measured: str = ""  # the signal's own sentence: what the data measured ("Chinese makers took…")

    def add_keyed(self, value: Any, path: tuple[str, ...] = ()) -> None:
        """Add every number inside `value` under each key of its path."""
        if isinstance(value, bool):
            return
        if isinstance(value, int | float):
            for key in path:
                forms = {float(value), abs(float(value)), round(value * 100, 6)}
                self.keyed.setdefault(key.lower(), set()).update(forms)
        elif isinstance(value, Mapping):
            for key, item in value.items():
                self.add_keyed(item, (*path, str(key)))
        elif isinstance(value, list | tuple):
            for item in value:
                self.add_keyed(item, path)

    def add_numbers(self, values: Iterable[float]) -> None:
        """Add facts, with their percentage and absolute forms."""
        for value in values:
            self.numbers.update(
                {value, abs(value), round(value * 100, 6), abs(round(value * 100, 6))}
            )

    def add_day(self, moment: date | datetime) -> None:
        """Add a date a story may name."""
        self.dates.add((moment.month, moment.day))
        self.years.add(moment.year)
        self.days.add(moment.date() if isinstance(moment, datetime) else moment)


def numbers_in(value: Any) -> list[float]:
    """Return every number inside a JSON-like value (numbers in strings too)."""
    found: list[float] = []
    if isinstance(value, bool):
        return found
    if isinstance(value, int | float):
        found.append(float(value))
    elif isinstance(value, str):
        found += [float(m.replace(",", "")) for m in _NUMBER.findall(value) if _usable(m)]
    elif isinstance(value, Mapping):
        for item in value.values():
            found += numbers_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            found += numbers_in(item)
    return found


def _usable(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def strings_in(value: Any) -> list[str]:
    """Return every string inside a JSON-like value, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [s for k, v in value.items() for s in [str(k), *strings_in(v)]]
    if isinstance(value, list | tuple):
        return [s for item in value for s in strings_in(item)]
    return []


# Scale bounds a story may name: sentiment runs from -1 to 1; shares and points are out of 100.
SCALE = (-1.0, 1.0, 100.0)


def derived_numbers(value: float, baseline: float) -> list[float]:
    """Return what a writer may compute from a signal: the change and the ratio, and the scale."""
    derived = [value - baseline, *SCALE]
    if baseline:
        derived.append(value / baseline)
    return derived


def item_source(item: EvidenceItem) -> Source:
    """Return the verifier's view of one evidence item."""
    record = item.record
    authors = [record.author, record.author_name, record.extra.get("publisher")]
    entities = tuple(e.name for e in item.analysis.entities) if item.analysis else ()
    return Source(
        number=item.number,
        record_id=record.id,
        text=f"{record.title or ''}\n{record.text}".strip(),
        provider=record.provider,
        authors=tuple(str(a) for a in authors if a),
        entities=entities,
        sentiment=item.sentiment if item.analysis else None,
        day=record.published_at.date(),
        lang=item.analysis.lang if item.analysis else None,
    )


def _add_vocabulary(ground: Ground, texts: Iterable[str]) -> None:
    for text in texts:
        ground.vocabulary.update(word.lower() for word in _WORD.findall(text))


def _add_days_in(ground: Ground, texts: Iterable[str]) -> None:
    for text in texts:
        for year, month, day_ in _ISO_DAY.findall(text):
            try:
                ground.add_day(date(int(year), int(month), int(day_)))
            except ValueError:  # "2026-13-45" is no day
                continue


def ground_from_pack(pack: EvidencePack) -> Ground:
    """Return the ground of a story written from `pack`."""
    signal = pack.signal
    ground = Ground(
        sources={item.number: item_source(item) for item in pack.items},
        baseline=signal.baseline,
        counts=not (abs(signal.value) <= 1 and abs(signal.baseline) <= 1),
        mood=pack.figures.get("sentiment_mean"),
        measured=signal.sentence,
    )
    ground.add_numbers(
        [signal.value, signal.baseline, signal.effect, signal.significance, signal.min_count]
    )
    details = signal.details.as_json()
    ground.add_numbers(numbers_in(details) + numbers_in(pack.figures))
    ground.add_numbers(numbers_in(signal.sentence))
    ground.add_numbers(derived_numbers(signal.value, signal.baseline))
    ground.add_keyed(
        {
            "value": signal.value,
            "baseline": signal.baseline,
            "effect": [signal.effect, *derived_numbers(signal.value, signal.baseline)[-1:]],
            "details": details,
            "figures": pack.figures,
        }
    )
    for moment in (signal.window_start, signal.window_end):
        ground.add_day(moment)
    last = (signal.window_end - timedelta(microseconds=1)).date()
    ground.window = {
        signal.window_start.date() + timedelta(days=n)
        for n in range((last - signal.window_start.date()).days + 1)
    }
    for item in pack.items:
        ground.add_day(item.record.published_at)
    texts = [
        signal.sentence,
        pack.beat_name,
        *strings_in(details),
        *strings_in(pack.figures),
    ]
    _add_days_in(ground, texts)
    _add_vocabulary(ground, [signal.sentence, pack.beat_name, *PLATFORM_NAMES.values()])
    _add_vocabulary(ground, [beat.name for beat in load_taxonomy()])
    ground.topics.update(word.lower() for word in _WORD.findall(pack.beat_name))
    _add_vocabulary(ground, strings_in(pack.figures.get("lineage", {})))
    ground.names.update(_pack_names(pack))
    return ground


def _pack_names(pack: EvidencePack) -> set[str]:
    names: set[str] = set()
    for item in pack.items:
        if item.analysis:
            names.update(e.name for e in item.analysis.entities if e.type in NAMED_TYPES)
        names.update(a for a in item_source(item).authors if " " in a or a[:1].isupper())
    names.update(
        str(e["name"]) for e in pack.figures.get("top_entities", []) if e.get("type") in NAMED_TYPES
    )
    # Platforms are the venues the figures count, not claims about an organisation.
    venues = {platform.lower() for platform in PLATFORM_NAMES.values()}
    return {name for name in names if len(name) >= 3 and name.lower() not in venues}
