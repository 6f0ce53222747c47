"""Checks over a batch of published stories: is each one news, and are they news together?

The verifier judges a story alone; these figures judge what a reader of the whole
site sees (issue 18, and `bench/news.py` prints them with their targets):

- headline subjects: the share of stories whose headline names a subject (below) that
  the text of their cited records also names. Target >= 90 %.
- duplicate events: pairs of stories about one event, told by a shared lead record
  (the record of the first `[N]` in the body), a record quoted in both, or cited
  records that overlap by Jaccard >= 0.5; only when their leads are at most three
  days apart, so a later story on an old subject is not a duplicate. Target 0.
- recurring openings: the share of the writer's sentences whose opening (first
  three words, lowercased, quotes and markers left out) opens sentences in more
  than three stories. Headings are structure, not prose, and are left out.
  Target <= 15 %.
- event recall: of the HN stories a caller picks (the bench: the 20 with the most
  points that the analysis scored as about AI), how many a published story covers:
  its headline names a subject of the HN title and it cites that record, a record
  linking to the same URL, or a record within three days naming the same subject.
  A title with no subject is covered by citing it alone. Target >= 15 of 20.
- verified: the share of stories whose fidelity score is at least 90. Target 100 %.

A subject (`subject_finder`) is a named entity the extractor finds (the bench: the
analysis's), gazetteer technologies and concepts ("GPU", "generative AI") left out, or
a run of capitalised or name-shaped words ("Nimbrook Labs", "GPT-5.1", "PauseAI",
"AWS"). Punctuation, a full stop or a possessive ends a run; one plain capitalised word
opening a clause is its capital, not a name; generic words (AI, Ask HN, How, The, CEO...,
the words of the beats' names) are no subjects. Subjects are matched as words, ignoring
case and punctuation ("GPT-5.1" matches "gpt 5.1"). The functions are pure over a
`Batch`; `load_batch` reads one from a store.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from itertools import combinations

from sqlalchemy import Connection, select

from beatwire.model import Citation, Entity, StoredRecord
from beatwire.newsroom.markers import MARKER, cited_numbers
from beatwire.store.records import record_from_row, records_by_id
from beatwire.store.schema import analyses, records, stories, story_versions
from beatwire.store.stories import PUBLIC_STATUSES, version_citations, with_current_version
from beatwire.taxonomy import load_taxonomy

Subjects = Callable[[str], Sequence[str]]  # the subjects a headline or title names

SAME_EVENT_DAYS = 3
JACCARD_CUT = 0.5
OPENING_WORDS = 3
OPENING_MAX_STORIES = 3  # an opening may recur in up to "a few" stories
VERIFIED = 90  # the fidelity score every published story keeps (issue 18)
AI_RELEVANCE = 0.5  # the analysis's "about AI" side (bench/ai_relevance.py)

_WORD = re.compile(r"[a-z0-9]+")
_OPENING_WORD = re.compile(r"[\w'’-]+")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_CAMEL = re.compile(r"[a-z][A-Z]")
_NUMBER = re.compile(r"\d[\d.]*")
_CLAUSE = re.compile(r"[,:;!?()\"“”|–—]|\s-\s|\.\s")
_POSSESSIVE = re.compile(r"['’]s\b")
_TOKEN = re.compile(r"[\w'’.-]*\w|~")
# Capitalised words that name nothing: headline openers, pronouns, generic acronyms
# (and, in `generic_words`, the words of the beats' names: "AI Agents" is no subject).
_GENERIC_WORDS = """
A About After AGI AI An And API APIs Are As Ask At But Can CEO CEOs CPU CPUs Do
Does For GenAI GPU GPUs HN How I In Is It Its LLM LLMs ML My New No Not Now Of
On One Our Show Talk Tell That The These This To Today Us We Were What When Where Who
Why Will With You Your
"""
GENERIC = frozenset(_GENERIC_WORDS.split())
NOTIONS = frozenset({"technology", "concept"})  # entity types that name no subject


@dataclass(frozen=True, slots=True)
class Story:
    """A published story's current version: what the checks read."""

    id: str
    headline: str
    body: str
    citations: tuple[Citation, ...]
    fidelity: float = 100.0  # the verifier's score of the version

    @property
    def cited_ids(self) -> frozenset[int]:
        """Return the ids of the records the story cites."""
        return frozenset(c.record_id for c in self.citations)

    @property
    def lead_id(self) -> int | None:
        """Return the record behind the body's first `[N]` marker, or None."""
        by_number = {c.number: c.record_id for c in self.citations}
        return next((by_number[n] for n in cited_numbers(self.body) if n in by_number), None)

    @property
    def quoted_ids(self) -> frozenset[int]:
        """Return the records the story quotes."""
        return frozenset(c.record_id for c in self.citations if c.quote)


@dataclass(frozen=True, slots=True)
class Batch:
    """Published stories with the records they cite, by id."""

    stories: tuple[Story, ...]
    records: Mapping[int, StoredRecord]

    def cited_text(self, story: Story) -> str:
        """Return the titles and texts of a story's cited records, joined."""
        found = (self.records.get(i) for i in sorted(story.cited_ids))
        return "\n".join(f"{r.title or ''} {r.text}" for r in found if r is not None)

    def lead_time(self, story: Story) -> datetime | None:
        """Return when the story's lead record was published, or None."""
        lead = self.records.get(story.lead_id) if story.lead_id is not None else None
        return None if lead is None else lead.published_at


@dataclass(frozen=True, slots=True)
class Figure:
    """`count` of `total`, with examples an editor can read (misses or offenders)."""

    count: int
    total: int
    examples: list[str] = field(default_factory=list)

    @property
    def share(self) -> float | None:
        """Return count / total, or None for an empty batch."""
        return self.count / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two stories about one event, and what gave them away."""

    first: Story
    second: Story
    reason: str


def words(text: str) -> str:
    """Return `text` as lowercase alphanumeric words between single spaces, padded."""
    return f" {' '.join(_WORD.findall(text.lower()))} "


def names(text: str, subject: str) -> bool:
    """Return whether `text` names `subject` as whole words."""
    wanted = words(subject)
    return wanted.strip() != "" and wanted in words(text)


def _name_shaped(word: str) -> bool:
    """Return whether a word looks like a name even alone: "GPT-5.1", "PauseAI", "o3", "AWS"."""
    has_digit = word[0].isalpha() and any(c.isdigit() for c in word)  # not "1.5B"
    return has_digit or _CAMEL.search(word) is not None or (len(word) > 1 and word.isupper())


@cache
def generic_words() -> frozenset[str]:
    """Return the capitalised words that are no subject: GENERIC and the beats' names' words."""
    return GENERIC | {word for beat in load_taxonomy() for word in _TOKEN.findall(beat.name)}


def _capitalised(word: str) -> bool:
    known = generic_words()
    generic = word in known or word.split("-")[0] in known  # "AI-generated"
    return not generic and (word[0].isupper() or _name_shaped(word))


def capitalised_runs(text: str) -> list[str]:
    """Return the runs of capitalised or name-shaped words of a headline that may be subjects.

    Punctuation and a possessive end a run ("Firefox, Mozilla" is two); one plain
    capitalised word opening a clause is the clause's capital, not a name. A possessive
    opens no clause: "Google's Gemini" names Gemini.
    """
    found: list[str] = []
    for clause in _CLAUSE.split(_POSSESSIVE.sub(" ~", text)):  # "~" ends a run, not a clause
        run: list[str] = []
        start = 0  # where the run began in its clause
        words = [token.rstrip(".") for token in _TOKEN.findall(clause)]
        for index, word in enumerate([*words, ""]):
            if word and (_capitalised(word) or (run and _NUMBER.fullmatch(word))):
                start = start if run else index
                run.append(word)
                continue
            if len(run) > 1 or (run and (start > 0 or _name_shaped(run[0]))):
                found.append(" ".join(run))
            run = []
    return found


def subject_finder(extract: Callable[[str], Sequence[Entity]]) -> Subjects:
    """Return a subject finder: the named entities `extract` finds, then the capitalised runs.

    A technology or concept the gazetteer knows is a notion ("GPU", "AI agent",
    "generative AI"), not a subject; a concept's proper name ("Fenwick Rule") is still
    a capitalised run.
    """

    def subjects(text: str) -> list[str]:
        named = [e.name for e in extract(text) if e.type not in NOTIONS]
        return list(dict.fromkeys([*named, *capitalised_runs(text)]))

    return subjects


def headline_subject_share(batch: Batch, subjects_of: Subjects) -> Figure:
    """Return how many headlines name a subject that their cited records name too."""
    misses = []
    for story in batch.stories:
        cited = batch.cited_text(story)
        if not any(names(cited, subject) for subject in subjects_of(story.headline)):
            misses.append(story.headline)
    total = len(batch.stories)
    return Figure(total - len(misses), total, misses)


def _same_event(a: Story, b: Story) -> str | None:
    """Return why two stories tell one event, or None."""
    if a.lead_id is not None and a.lead_id == b.lead_id:
        return f"same lead record {a.lead_id}"
    shared = sorted(a.quoted_ids & b.quoted_ids)
    if shared:
        return f"both quote record {shared[0]}"
    union = a.cited_ids | b.cited_ids
    overlap = len(a.cited_ids & b.cited_ids) / len(union) if union else 0.0
    if overlap >= JACCARD_CUT:
        return f"cited records overlap {overlap:.0%}"
    return None


def _close_in_time(batch: Batch, a: Story, b: Story) -> bool:
    """Return whether two stories' leads are at most SAME_EVENT_DAYS apart (unknown: close)."""
    first, second = batch.lead_time(a), batch.lead_time(b)
    if first is None or second is None:
        return True
    return abs(first - second) <= timedelta(days=SAME_EVENT_DAYS)


def duplicate_event_pairs(batch: Batch) -> list[DuplicatePair]:
    """Return the pairs of stories that tell the same event."""
    pairs = []
    for a, b in combinations(batch.stories, 2):
        reason = _same_event(a, b)
        if reason is not None and _close_in_time(batch, a, b):
            pairs.append(DuplicatePair(a, b, reason))
    return pairs


def sentence_openings(body: str) -> list[str]:
    """Return the opening (first words, lowercased) of each prose sentence of a body."""
    openings = []
    for line in body.splitlines():
        line = line.strip().lstrip("-*>• ").strip()
        if not line or line.startswith("#"):
            continue
        prose = MARKER.sub("", _QUOTED.sub(" ", line))
        for sentence in _SENTENCE_END.split(prose):
            opening = _OPENING_WORD.findall(sentence.lower())[:OPENING_WORDS]
            if opening:
                openings.append(" ".join(opening))
    return openings


def recurring_openings(batch: Batch) -> Figure:
    """Return how many sentences open the way sentences of more than a few stories do.

    The examples are the recurring openings, most widespread first, with their story counts.
    """
    by_story = [sentence_openings(story.body) for story in batch.stories]
    spread = Counter(opening for openings in by_story for opening in set(openings))
    recurring = {o: n for o, n in spread.items() if n > OPENING_MAX_STORIES}
    count = sum(1 for openings in by_story for o in openings if o in recurring)
    total = sum(len(openings) for openings in by_story)
    examples = [f"{o!r} in {n} stories" for o, n in sorted(recurring.items(), key=_widest)]
    return Figure(count, total, examples)


def _widest(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def _links(record: StoredRecord) -> set[str]:
    """Return the canonical URLs a record is, or links to."""
    found = {record.canonical_url, record.extra.get("link_canonical")}
    return {url for url in found if isinstance(url, str) and url}


def _covers(batch: Batch, story: Story, event: StoredRecord, subjects: Sequence[str]) -> bool:
    """Return whether a story covers the event an HN story reports."""
    if subjects and not any(names(story.headline, s) for s in subjects):
        return False
    cited = [batch.records[i] for i in story.cited_ids if i in batch.records]
    if event.id in story.cited_ids or any(_links(r) & _links(event) for r in cited):
        return True
    near = timedelta(days=SAME_EVENT_DAYS)
    return any(
        abs(r.published_at - event.published_at) <= near
        and any(names(f"{r.title or ''} {r.text}", s) for s in subjects)
        for r in cited
    )


def event_recall(batch: Batch, events: Iterable[StoredRecord], subjects_of: Subjects) -> Figure:
    """Return how many of the HN `events` a published story covers; examples are the misses."""
    misses, total = [], 0
    for event in events:
        total += 1
        subjects = subjects_of(event.title or event.text)
        if not any(_covers(batch, story, event, subjects) for story in batch.stories):
            named = ", ".join(subjects) or "none: citing it would do"
            points = event.engagement.get("score", 0)
            misses.append(f"{points} points: {event.title} (subjects: {named})")
    return Figure(total - len(misses), total, misses)


def verified_share(batch: Batch) -> Figure:
    """Return how many stories the verifier scored at least VERIFIED; examples are the others."""
    low = [f"{s.fidelity:.0f}: {s.headline}" for s in batch.stories if s.fidelity < VERIFIED]
    return Figure(len(batch.stories) - len(low), len(batch.stories), low)


# Reading a batch from a store.


def published_stories(conn: Connection) -> list[Story]:
    """Return the current version of every public story, oldest first."""
    query = (
        select(stories.c.id, story_versions.c.version, story_versions.c.headline,
               story_versions.c.body, story_versions.c.fidelity_score)
        .select_from(with_current_version())
        .where(stories.c.status.in_(PUBLIC_STATUSES))
        .order_by(stories.c.created_at, stories.c.id)
    )  # fmt: skip
    return [
        Story(
            row.id,
            row.headline,
            row.body,
            tuple(version_citations(conn, row.id, row.version)),
            row.fidelity_score,
        )
        for row in conn.execute(query)
    ]


def top_ai_hn_stories(conn: Connection, limit: int = 20) -> list[StoredRecord]:
    """Return the HN stories with the most points that the analysis scored as about AI.

    One event is one story: a second submission of a link or a title already taken
    (points as of the last snapshot) is left out.
    """
    query = (
        select(records)
        .join(analyses, analyses.c.record_id == records.c.id)
        .where(
            records.c.provider == "hackernews",
            records.c.kind == "story",
            analyses.c.ai_relevance >= AI_RELEVANCE,
        )
    )
    found = sorted(map(record_from_row, conn.execute(query).mappings()), key=_points, reverse=True)
    taken: set[str] = set()
    chosen = []
    for record in found:
        keys = {*_links(record), words(record.title or record.text)} - {record.canonical_url}
        if not keys & taken:
            chosen.append(record)
        taken |= keys
    return chosen[:limit]


def _points(record: StoredRecord) -> tuple[int, int]:
    return int(record.engagement.get("score") or 0), -record.id


def load_batch(conn: Connection) -> Batch:
    """Return the published stories with the records they cite."""
    found = published_stories(conn)
    return Batch(tuple(found), records_by_id(conn, {i for s in found for i in s.cited_ids}))
