"""The event a story tells: what happened, who did it, and the record that reported it.

The pack carries the event when the detect stage built one (`event_title`,
`trigger`). Without it, the trigger-like record of the pack stands in: the
best-engaged record with a headline-fit title, preferring one that names the
signal's subject and one that reports rather than asks. Only when no record has
a title does a story fall back to the signal's figures alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from beatwire.newsroom.evidence import EvidenceItem, EvidencePack, engagement_weight

MAX_HEADLINE = 90  # characters; NEWSROOM.md asks for headlines under 90
_PREFIX = re.compile(r"^(?:(?:show|ask|launch|tell) hn|ask|psa|update)\s*[:–-]\s*", re.IGNORECASE)
_NOISE = re.compile(r"\s*(?:\[[^\]]*\]|\((?:19|20)\d\d\))")  # "[pdf]", "(2024)"
_UNFIT = re.compile(r"[<>\[\]`*_#|{}\\]|https?://|www\.")
_CLAUSE = re.compile(r"(?::\s|\s[–—-]\s|,\s)")
_MODEL_ID = re.compile(r"^([\w.-]+)/([\w.-]+)$")
_FIRST_PERSON = re.compile(r"^(?:my|i|i'm|i've|we|we're|our|why i|how i|how we)\b", re.I)
# How well a provider's titled records report news: articles and lab posts first, then the
# pages and links people share (stories, model and paper pages), then posts.
_REPORTS = {"news": 2, "lab": 2, "hackernews": 1, "huggingface": 1, "arxiv": 1, "github": 1}


@dataclass(frozen=True, slots=True)
class Event:
    """What happened, in the trigger's words, and the record that says so."""

    title: str  # fit for a headline: who did what
    trigger: EvidenceItem
    subject: str | None  # the name the story is about, mentioned by the trigger

    @property
    def is_question(self) -> bool:
        """Return whether the title asks rather than reports."""
        return self.title.endswith("?")

    @property
    def short_title(self) -> str | None:
        """Return the title when it is a name ("Gemini 3") that can stand for the event.

        A name with a figure in it is quoted, so its version number is not read as a count.
        """
        if not self.is_bare:
            return None
        return f"“{self.title}”" if re.search(r"\d", self.title) else self.title

    @property
    def is_bare(self) -> bool:
        """Return whether the title only names something ("Gemini 3", "Claude Sonnet 4.5").

        A launch page's title is a name: every word capitalised or a figure, no verb.
        """
        words = self.title.split()
        return len(words) < 3 or (
            len(words) <= 5 and all(w[:1].isupper() or w[:1].isdigit() for w in words)
        )

    @property
    def is_personal(self) -> bool:
        """Return whether the title speaks for its author ("My eval of...") rather than reports."""
        return is_personal(self.title)


def is_personal(title: str) -> bool:
    """Return whether a title is in the first person: a view or a diary, not a report."""
    return bool(_FIRST_PERSON.match(title))


def title_of(item: EvidenceItem) -> str | None:
    """Return a record's headline-fit title; a model page's id ("org/name") says who made what."""
    raw = item.record.title
    if item.record.provider == "huggingface" and raw and (found := _MODEL_ID.match(raw.strip())):
        org, name = found.groups()
        return f"{name} from {org} trends on Hugging Face"
    return clean_title(raw)


def clean_title(raw: str | None) -> str | None:
    """Return a record's title fit for a headline, or None when it cannot be one."""
    if not raw:
        return None
    title = _NOISE.sub("", _PREFIX.sub("", " ".join(raw.split()))).strip()
    # A title is one headline: a "vs." or "U.S." inside it is no sentence end.
    title = title.rstrip(".").strip()
    if len(title) > MAX_HEADLINE:
        cuts = [m.start() for m in _CLAUSE.finditer(title) if 8 <= m.start() <= MAX_HEADLINE]
        title = title[: cuts[-1]].strip() if cuts else ""
    # A bare name ("Gemini 3", "DeepSeek OCR") is a launch page's title: it names the subject.
    bare = len(title.split()) < 3 and not any(c.isupper() or c.isdigit() for c in title)
    if not title or bare or _UNFIT.search(title):
        return None
    return title


def _subject_hints(pack: EvidencePack) -> list[str]:
    """Return the names the signal is about: its entity first, then the pack's top entities."""
    hints: list[str] = []
    details = pack.signal.details
    for attr in ("entity_name", "name", "group"):
        value = getattr(details, attr, None)
        if isinstance(value, str) and value:
            hints.append(value)
    hints += [str(e["name"]) for e in pack.figures.get("top_entities", []) if e.get("name")]
    return hints


def subject_of(title: str, trigger: EvidenceItem, hints: list[str]) -> str | None:
    """Return the name the title is about: a hinted name or a trigger's entity it contains.

    A capitalised word alone is no subject ("Summary", "API"): only names the analysis found.
    """
    low = title.lower()
    entities = [e.name for e in trigger.analysis.entities] if trigger.analysis else []
    found = []
    for name in [*hints, *entities]:
        if at := re.search(r"(?<![\w-])" + re.escape(name.lower()) + r"(?![\w-])", low):
            found.append((at.start(), -len(name), name))
    # The signal's own name when the title holds it; else the name the title leads with.
    if hints[:1] and any(name == hints[0] for _, _, name in found):
        return hints[0]
    return min(found)[2] if found else None


def _rank(item: EvidenceItem, hints: list[str]) -> tuple[int, int, int, float, int]:
    title = (item.record.title or "").lower()
    names_subject = any(h.lower() in title for h in hints[:1])
    reports = _REPORTS.get(item.record.provider, 0)
    asks = title.rstrip().endswith("?") or is_personal(title)
    return (
        -int(names_subject),
        int(asks),
        -reports,
        -engagement_weight(item.record),
        item.number,
    )


def event_of(pack: EvidencePack) -> Event | None:
    """Return the pack's event, a trigger-like record's when no event was built, or None."""
    hints = _subject_hints(pack)
    if pack.event_title and pack.trigger is not None:
        title = clean_title(pack.event_title) or title_of(pack.trigger)
        if title:
            return Event(title, pack.trigger, subject_of(title, pack.trigger, hints))
    titled = [item for item in pack.items if title_of(item)]
    if not titled:
        return None
    trigger = min(titled, key=lambda item: _rank(item, hints))
    title = title_of(trigger)
    assert title is not None  # filtered above
    return Event(title, trigger, subject_of(title, trigger, hints))
