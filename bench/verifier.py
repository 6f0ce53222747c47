"""Benchmark of the fidelity verifier: corrupt clean stories, count what it catches.

Builds evidence packs in memory from the bundled synthetic demo corpus (a
small keyword sentiment and a name list stand in for the analysis stage, and
one signal of every kind is made from the corpus's planted events), writes
every story type with the offline writer, checks that each clean story scores
100, then corrupts each story in every way below and counts the corruptions the
verifier flags.

The sample's entity surge is Vireo-4's first day (58 records against a usual 1), a
tiny baseline: a clean story tells it without a ratio.

- invented quote: one word of a quotation changed, or a quotation replaced;
- altered number: a figure outside quotations changed by 40 % (or by 3 when small);
- swapped attribution: the person a quotation is attributed to replaced by
  another author of the pack;
- uncited named claim: a sentence naming an entity with its citation removed,
  or a new uncited sentence about a named entity;
- wrong citation: a citation re-pointed to a pack record that does not hold the
  quotation, does not mention the name or is not from the platform named;
- ratio on tiny baseline: a sentence stating a figure of the story as a ratio
  ("N-fold", "N times", "up N%") against a usual 0, 1 or 2 (or 0-2 % on a scale);
- restated figure: a sentence stating a count repeated later with another value
  (one the evidence holds when it has one, so only the contradiction shows);
- parts over whole: "Of those, N came from X and M from Y", adding up to more than
  the largest total of records the story states;
- foreign subject: a headline about a name the records the story cites never name
  (one of the pack's they miss, or one from nowhere in the corpus);
- wrong speaker: the person a sentence says spoke replaced by another author of the
  pack whom the cited record does not name, or by an invented person;
- unflagged foreign quote: the pack widened by one demo record the language detector
  finds not English, and a verbatim quote of it with no note ("in Spanish");
- contradicted date: a cited sentence given a day of the evidence (a date, or its
  weekday) on which none of the records it cites was posted;
- agreeing dissent: "Not everyone was worried." (or another dissent frame; a plain
  "Not everyone agreed." only when the evidence's mean mood leans) and a verbatim quote
  from a record on the majority's side of that mean.

The classes of the consistency checks count as caught only when their own check
fails (named in the output), the older ones whenever the score falls.

Run: .venv/bin/python bench/verifier.py
"""

from __future__ import annotations

import os
import platform
import random
import re
import statistics
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

from beatwire import signal_details as sd
from beatwire.analysis.language import build_language
from beatwire.model import Analysis, Draft, Entity, Signal, SignalDetails, StoredRecord
from beatwire.newsroom.evidence import EvidenceItem, EvidencePack, build_pack
from beatwire.newsroom.fidelity.checks import quotes_of
from beatwire.newsroom.fidelity.claims import body_claims
from beatwire.newsroom.fidelity.figures import counts_in, totals_in
from beatwire.newsroom.fidelity.grounding import Ground, ground_from_pack
from beatwire.newsroom.fidelity.quotes import is_verbatim, quotable
from beatwire.newsroom.fidelity.speakers import speakers_in
from beatwire.newsroom.fidelity.verify import verify_draft
from beatwire.newsroom.writers import offline
from beatwire.sources import replay
from beatwire.taxonomy import beat_name

STORY_TYPES = ("lead", "story", "dispatch", "analysis")
# Names of the demo corpus's fictional organisations and products, and their types.
NAMES = {
    "Sonance Studios": "organization",
    "Wessmark Parliament": "government",
    "AI Accountability Act": "legislation",
    "Fenwick Rule": "legislation",
    "Arkwell": "organization",
    "AX-900": "product",
    "Halberd Mutual": "organization",
    "Lanternly": "organization",
    "Patchwright": "product",
    "Gantry Dev": "organization",
    "Olmsted Freight": "organization",
    "Nimbrook Labs": "organization",
    "Vireo-4": "product",
}
_GOOD = set(
    [
        "good",
        "great",
        "love",
        "impressive",
        "excited",
        "helpful",
        "useful",
        "win",
        "wins",
        "amazing",
        "better",
        "best",
        "welcome",
        "progress",
        "promising",
        "fantastic",
        "brilliant",
        "happy",
        "finally",
        "glad",
    ]
)
_BAD = set(
    [
        "bad",
        "worse",
        "worst",
        "worried",
        "fail",
        "fails",
        "failed",
        "angry",
        "risk",
        "risks",
        "harm",
        "scary",
        "broken",
        "wrong",
        "concern",
        "concerned",
        "disaster",
        "terrible",
        "lost",
        "layoffs",
        "cut",
        "strike",
        "sad",
        "awful",
    ]
)


def demo_records() -> list[StoredRecord]:
    """Return the bundled demo corpus as stored records with ids 1..N."""
    path = resources.files("beatwire.data") / "demo" / "corpus.jsonl"
    parsed = replay.parse(path.read_bytes(), collected_at=datetime(2026, 11, 23, tzinfo=UTC))
    return [StoredRecord(i, record) for i, record in enumerate(parsed, start=1)]


def toy_analysis(record: StoredRecord) -> Analysis:
    """Return a stand-in analysis: keyword sentiment and the demo's names."""
    words = re.findall(r"[a-z]+", record.text.lower())
    score = (sum(w in _GOOD for w in words) - sum(w in _BAD for w in words)) / max(
        1, min(len(words), 8) / 2
    )
    score = max(-1.0, min(1.0, score))
    text = f"{record.title or ''} {record.text}"
    entities = [
        Entity(slug=name.lower().replace(" ", "-"), name=name, type=kind)
        for name, kind in NAMES.items()
        if name.lower() in text.lower()
    ]
    label = "positive" if score > 0.05 else "negative" if score < -0.05 else "neutral"
    return Analysis(record.id, "en", label, round(score, 3), entities=entities)


def detect_languages(analyses: dict[int, Analysis], records: list[StoredRecord]) -> None:
    """Set each record's language as the analysis stage would: the project's detector."""
    unique = list({r.id: r for r in records}.values())
    found = build_language().detect([r.text for r in unique], [None] * len(unique))
    for record, lang in zip(unique, found, strict=True):
        analyses[record.id] = replace(analyses[record.id], lang=lang)


def _day(record: StoredRecord) -> date:
    return record.published_at.date()


def _signal(kind: str, key: str, day: date, evidence: list[StoredRecord], **fields: Any) -> Signal:
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    values: dict[str, Any] = {
        "value": 0.0, "baseline": 0.0, "effect": 0.0, "significance": 4.0, "min_count": 25,
        "sentence": "", "beat": None, "details": SignalDetails(),
    }  # fmt: skip
    values.update(fields)
    return Signal(
        id=f"sig_{kind}_{key}_{day:%m%d}",
        kind=kind,
        key=key,
        window_start=start,
        window_end=start + timedelta(days=1),
        evidence=[r.id for r in evidence],
        **values,
    )


def _daily(records: list[StoredRecord], match: Callable[[StoredRecord], bool]) -> Counter[date]:
    return Counter(_day(r) for r in records if match(r))


def _beat(slug: str) -> Callable[[StoredRecord], bool]:
    return lambda r: r.extra.get("demo_beat") == slug


def _mentions(name: str) -> Callable[[StoredRecord], bool]:
    return lambda r: name.lower() in f"{r.title or ''} {r.text}".lower()


def sample_signals(records: list[StoredRecord], analyses: dict[int, Analysis]) -> list[Signal]:
    """Return one signal of every kind (and one unknown kind) over the demo corpus."""
    found = [_volume(records, b, d) for b, d in (
        ("ai-creative-industries", date(2026, 10, 29)), ("ai-regulation", date(2026, 11, 3)),
        ("ai-hardware-compute", date(2026, 11, 5)), ("ai-jobs", date(2026, 11, 9)),
    )]  # fmt: skip
    found += [
        _shift(records, analyses),
        _narrative(records),
        _entity(records, "entity_surge", "Vireo-4", date(2026, 11, 17)),
        _share(records),
        _divergence(records, analyses),
        _co_spike(records),
        _entity(records, "artifact_surge", "AX-900", date(2026, 11, 5)),
        _ecosystem(records),
        _unknown(records),
    ]
    return found


def _volume(records: list[StoredRecord], beat: str, day: date) -> Signal:
    counts = _daily(records, _beat(beat))
    median = statistics.median(counts.values())
    evidence = [r for r in records if _beat(beat)(r) and _day(r) == day]
    ratio = counts[day] / median
    sentence = f"{beat_name(beat)} drew {counts[day]} records on {day:%B} {day.day}, {ratio:.1f} times its median of {median:g} a day."  # noqa: E501
    return _signal("volume_spike", beat, day, evidence, beat=beat, value=float(counts[day]),
                   baseline=float(median), effect=ratio, sentence=sentence)  # fmt: skip


def _shift(records: list[StoredRecord], analyses: dict[int, Analysis]) -> Signal:
    beat, cut = "ai-education", date(2026, 11, 11)
    rows = [r for r in records if _beat(beat)(r)]
    before = [analyses[r.id].sentiment_score or 0.0 for r in rows if _day(r) < cut]
    after = [analyses[r.id].sentiment_score or 0.0 for r in rows if _day(r) >= cut]
    b, a = statistics.mean(before), statistics.mean(after)
    delta = (a - b) * 100
    evidence = [r for r in rows if _day(r) >= cut]
    return _signal("sentiment_shift", beat, cut, evidence, beat=beat, value=round(a, 3),
                   baseline=round(b, 3), effect=round(delta, 1),
                   details=sd.SentimentShiftDetails(ci_low=round(delta - 6, 1),
                                                 ci_high=round(delta + 6, 1), n=len(after),
                                                 baseline_n=len(before)),
                   sentence=f"Mean sentiment on {beat_name(beat)} moved {delta:.0f} points.")  # fmt: skip  # noqa: E501


def _narrative(records: list[StoredRecord]) -> Signal:
    rows = [r for r in records if _mentions("Patchwright")(r)]
    platforms = tuple(sorted({r.provider for r in rows}))
    day = date(2026, 11, 13)
    return _signal("emerging_narrative", "nar_patchwright", day, rows,
                   beat="ai-agents", value=float(len(rows)), baseline=0.0, effect=float(len(rows)),
                   narrative_id="nar_patchwright",
                   details=sd.EmergingNarrativeDetails(
                       label="Patchwright wipes a production database", platforms=platforms,
                       age_days=(day - min(_day(r) for r in rows)).days, size=len(rows)),
                   sentence=f"A new narrative reached {len(rows)} records.")  # fmt: skip


def sample_lineage(records: list[StoredRecord]) -> dict[str, Any]:
    """Return the lineage of the sample's narrative, as the store would give it."""
    rows = sorted((r for r in records if _mentions("Patchwright")(r)), key=_day)
    first, last = _day(rows[0]), _day(rows[-1])
    return {
        "id": "nar_patchwright", "label": "Patchwright wipes a production database",
        "status": "active", "size": len(rows), "platforms": sorted({r.provider for r in rows}),
        "born_at": f"{first}T00:00:00+00:00", "updated_at": f"{last}T00:00:00+00:00",
        "events": [
            {"kind": "born", "at": f"{first}T00:00:00+00:00", "details": {"size": 3}},
            {"kind": "grew", "at": f"{last}T00:00:00+00:00", "details": {"size": len(rows)}},
        ],
    }  # fmt: skip


def _entity(records: list[StoredRecord], kind: str, name: str, day: date) -> Signal:
    counts = _daily(records, _mentions(name))
    quiet = [counts[d] for d in counts if d < day] or [1]
    base = max(statistics.median(quiet), 1.0)
    evidence = [r for r in records if _mentions(name)(r) and _day(r) == day]
    details: SignalDetails = (
        sd.EntitySurgeDetails(entity=name.lower(), entity_name=name, entity_type=NAMES[name])
        if kind == "entity_surge"
        else sd.ArtifactSurgeDetails(artifact=name, name=name, artifact_kind="model",
                                  source="huggingface")
    )  # fmt: skip
    return _signal(kind, name.lower(), day, evidence, value=float(counts[day]), baseline=base,
                   effect=counts[day] / base, details=details,
                   sentence=f"{name} was named in {counts[day]} records.")  # fmt: skip


def _share(records: list[StoredRecord]) -> Signal:
    beat = "ai-agents"
    rows = [r for r in records if _beat(beat)(r) and _day(r) >= date(2026, 11, 13)]
    named = [r for r in rows if _mentions("Patchwright")(r)]
    share = len(named) / len(rows)
    return _signal("share_of_beat", "patchwright", date(2026, 11, 13), named, beat=beat,
                   value=round(share, 3), baseline=0.0, effect=round(share, 3),
                   details=sd.ShareOfBeatDetails(entity="patchwright", entity_name="Patchwright",
                                              records_in_beat=len(rows)),
                   sentence=f"Patchwright is in {share:.0%} of records on the beat.")  # fmt: skip


def _divergence(records: list[StoredRecord], analyses: dict[int, Analysis]) -> Signal:
    beat = "ai-jobs"
    rows = [r for r in records if _beat(beat)(r) and _day(r) == date(2026, 11, 9)]
    moods: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        moods[r.provider].append(analyses[r.id].sentiment_score or 0.0)
    means = {k: round(statistics.mean(v), 3) for k, v in moods.items() if len(v) >= 3}
    warm, cool = max(means, key=means.__getitem__), min(means, key=means.__getitem__)
    gap = means[warm] - means[cool]
    details = sd.PlatformDivergenceDetails(
        platform_pair=(warm, cool), ci_low=round(gap * 50, 1), ci_high=round(gap * 150, 1),
        by_platform=means, level="beat")  # fmt: skip
    return _signal("platform_divergence", beat, date(2026, 11, 9), rows, beat=beat,
                   value=round(gap, 3), baseline=0.0, effect=round(gap, 3),
                   details=details, sentence="Platforms disagree on jobs.")  # fmt: skip


def _co_spike(records: list[StoredRecord]) -> Signal:
    day, beats = date(2026, 11, 5), ("ai-hardware-compute", "ai-regulation")
    rows = [r for r in records if r.extra.get("demo_beat") in beats and _day(r) == day]
    return _signal("co_spike", "+".join(beats), day, rows, value=float(len(rows)),
                   baseline=10.0, effect=len(rows) / 10, details=sd.CoSpikeDetails(beats=beats),
                   sentence=f"Two beats spiked together with {len(rows)} records.")  # fmt: skip


def _ecosystem(records: list[StoredRecord]) -> Signal:
    rows = [r for r in records if _mentions("Nimbrook Labs")(r)][:40]
    details = sd.ModelEcosystemDetails(
        change="share_shift", scope="maker", group="Nimbrook Labs", country="unknown",
        maker="Nimbrook Labs", week="2026-W47", since="2026-11-09", share=0.41,
        share_before=0.22, gained=41000, total_gained=100000,
        models=("nimbrook/Vireo-4-2B",), model_gains=(41000,),
        shares={"Nimbrook Labs": 0.41, "unknown": 0.59}, talk_points=None,
    )  # fmt: skip
    return _signal("model_ecosystem", "nimbrook", date(2026, 11, 16), rows, value=0.41,
                   baseline=0.22, effect=19.0, details=details,
                   sentence="Nimbrook Labs took 41% of the downloads gained by trending models "
                            "in the week of November 16 (41,000 of 100,000), up from 22%; their "
                            "models: nimbrook/Vireo-4-2B (41,000).")  # fmt: skip


def _unknown(records: list[StoredRecord]) -> Signal:
    rows = [r for r in records if _beat("ai-regulation")(r) and _day(r) == date(2026, 11, 3)]
    return _signal("burst_onset", "ai-regulation", date(2026, 11, 3), rows, beat="ai-regulation",
                   value=3.0, baseline=0.0, effect=3.0,
                   sentence="A burst on AI regulation began on November 3 and lasted 3 days.")  # fmt: skip  # noqa: E501


def sample_packs(limit: int = 6) -> list[EvidencePack]:
    """Return the evidence packs of the sample's signals."""
    records = demo_records()
    analyses = {r.id: toy_analysis(r) for r in records}
    by_id = {r.id: r for r in records}
    signals = sample_signals(records, analyses)
    detect_languages(analyses, [by_id[i] for s in signals for i in s.evidence])
    packs = []
    for signal in signals:
        evidence = [by_id[i] for i in signal.evidence]
        lineage = sample_lineage(records) if signal.narrative_id else None
        name = beat_name(signal.beat) if signal.beat else "AI"
        packs.append(build_pack(signal, name, evidence, analyses, limit, lineage=lineage))
    return packs


def sample_stories() -> Iterator[tuple[EvidencePack, Draft]]:
    """Yield every story type the offline writer writes for every sample signal."""
    for pack in sample_packs():
        for story_type in STORY_TYPES:
            yield pack, offline.write(pack, story_type)


# Corruptions: each returns a corrupted draft, or None when the story offers no place for it.
Corruption = Callable[[Draft, Ground, random.Random], Draft | None]


def _sentences(draft: Draft) -> list[str]:
    return [c.text for c in body_claims(draft.body, "body")]


def _swap(draft: Draft, old: str, new: str) -> Draft:
    return replace(draft, body=draft.body.replace(old, new, 1))


def invented_quote(draft: Draft, ground: Ground, rng: random.Random) -> Draft | None:
    """Change one word of a quotation, or replace it with a made-up line."""
    quotes = [q for s in _sentences(draft) for q in quotes_of(s) if len(q.split()) >= 4]
    if not quotes:
        return None
    quote = rng.choice(quotes)
    words = quote.split()
    if rng.random() < 0.5:
        i = rng.randrange(len(words))
        words[i] = rng.choice(["never", "always", "definitely", "secretly", "obviously"])
        fake = " ".join(words)
    else:
        fake = "This changes everything and nobody saw it coming."
    return _swap(draft, quote, fake)


_NUM = re.compile(r"(?<![\w.\-\[])(\d[\d,]*(?:\.\d+)?)(?![\w\]])")


def altered_number(draft: Draft, ground: Ground, rng: random.Random) -> Draft | None:
    """Change one number outside quotations."""
    options = []
    for sentence in _sentences(draft):
        bare = re.sub(r"“[^”]*”", "", sentence)
        options += [(sentence, m.group(1)) for m in _NUM.finditer(bare)]
    if not options:
        return None
    sentence, raw = rng.choice(options)
    value = float(raw.replace(",", ""))
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    new = value + 3 if value < 8 else value * rng.choice([0.6, 1.4])
    text = f"{new:,.{decimals}f}" if "," in raw else f"{new:.{decimals}f}"
    return _swap(draft, sentence, sentence.replace(raw, text, 1))


def swapped_attribution(draft: Draft, ground: Ground, rng: random.Random) -> Draft | None:
    """Attribute a quotation to another author of the pack."""
    authors = {a for s in ground.sources.values() for a in s.authors[1:2] or s.authors[:1]}
    for sentence in _sentences(draft):
        if not quotes_of(sentence):
            continue
        named = [a for a in authors if a in sentence.replace(quotes_of(sentence)[0], "")]
        others = sorted(authors - set(named))
        if named and others:
            return _swap(draft, sentence, sentence.replace(named[0], rng.choice(others), 1))
    return None


def uncited_named_claim(draft: Draft, ground: Ground, rng: random.Random) -> Draft | None:
    """Strip the citation of a sentence naming an entity, or add an uncited named sentence."""
    named = [s for s in _sentences(draft) if "[" in s and any(n in s for n in ground.names)]
    if named and rng.random() < 0.5:
        sentence = rng.choice(named)
        return _swap(draft, sentence, re.sub(r"\s*\[\d+\]", "", sentence))
    names = sorted(ground.names)
    if not names:
        return None
    claim = f"{rng.choice(names)} has promised to respond within the week."
    return replace(draft, body=draft.body + "\n\n" + claim)


def wrong_citation(draft: Draft, ground: Ground, rng: random.Random) -> Draft | None:
    """Point a citation at a pack record that does not say what the sentence says."""
    for sentence in rng.sample(_sentences(draft), k=len(_sentences(draft))):
        markers = re.findall(r"\[(\d+)\]", sentence)
        if not markers:
            continue
        wrong = [n for n in ground.sources if not _says(ground, n, sentence)]
        if wrong:
            new = sentence.replace(f"[{markers[0]}]", f"[{rng.choice(wrong)}]", 1)
            return _swap(draft, sentence, new)
    return None


def _says(ground: Ground, number: int, sentence: str) -> bool:
    source = ground.sources[number]
    if any(not is_verbatim(q, source.text) for q in quotes_of(sentence)):
        return False
    names = [n for n in ground.names if n in sentence]
    return all(source.mentions(n) for n in names) and bool(quotes_of(sentence) or names)


def tiny_baseline_ratio(draft: Draft, ground: Ground, rng: random.Random) -> Draft | None:
    """State a ratio against a zero or tiny baseline, as a writer dividing by almost nothing."""
    figures = [m.group(1) for s in _sentences(draft) for m in _NUM.finditer(s)]
    figure = next((f for f in figures if float(f.replace(",", "")) >= 4), None)
    if figure is None:
        return None
    usual = rng.choice([0, 1, 2])
    stated = f"{usual}" if ground.counts else f"{usual}%"
    sentence = rng.choice(
        [
            f"Against a usual {stated}, that is a {figure}-fold jump.",
            f"That is {figure} times its typical {stated}.",
            f"It rose from {stated}, up {figure}% in a day.",
        ]
    )
    return replace(draft, body=draft.body + "\n\n" + sentence)


def _integer_facts(ground: Ground, value: float) -> list[int]:
    return sorted(
        int(f) for f in ground.numbers if f == int(f) and f >= 2 and abs(f - value) > value * 0.15
    )


def restated_figure(draft: Draft, ground: Ground, rng: random.Random) -> Draft | None:
    """Restate a count of the story later with another value (one the evidence holds)."""
    claims = body_claims(draft.body, "body")
    stated = [(claim, count) for claim in claims for count in counts_in(claim.text, ground)]
    if not stated:
        return None
    claim, count = rng.choice(stated)
    others = _integer_facts(ground, count.value)
    new = rng.choice(others) if others else round(count.value * 1.5) + 2
    raw = count.text.split()[0]
    again = claim.text.replace(count.text, count.text.replace(raw, f"{new:,}", 1), 1)
    return replace(draft, body=draft.body + "\n\n" + again)


def parts_over_whole(draft: Draft, ground: Ground, rng: random.Random) -> Draft | None:
    """Split the story's total by platform into parts that add up to more than it."""
    totals = totals_in(body_claims(draft.body, "body"), ground)
    if not totals:
        return None
    whole = int(max(totals, key=lambda c: c.value).value)
    first = rng.randint(max(whole // 2, 1), whole)
    second = whole - first + rng.randint(1, 5)
    one, two = rng.sample(["Reddit", "Bluesky", "Hacker News", "Mastodon"], 2)
    sentence = f"Of those, {first} came from {one} and {second} from {two}."
    return replace(draft, body=draft.body + "\n\n" + sentence)


# Subjects that are in no record of the demo corpus, for headlines about something else.
_ELSEWHERE = ["PauseAI", "Zentrix Labs", "Morrow Institute", "Quillfeather"]


def foreign_subject(draft: Draft, ground: Ground, rng: random.Random) -> Draft | None:
    """Put up front a subject the cited records never name: a pack name they miss, or another."""
    cited = {n for claim in body_claims(draft.body, "body") for n in claim.citations}
    sources = [ground.sources[n] for n in cited if n in ground.sources]
    missed = sorted(n for n in ground.names if not any(s.mentions(n) for s in sources))
    subject = rng.choice(missed + _ELSEWHERE)
    headline = rng.choice(
        [f"{subject}: a new story gathers pace", f"{subject} is suddenly everywhere"]
    )
    return replace(draft, headline=headline)


_INVENTED_PEOPLE = ["Dana Whitlock", "Priya Castellan", "Tomas Verhoek"]


def wrong_speaker(draft: Draft, ground: Ground, rng: random.Random) -> Draft | None:
    """Name as the speaker someone who did not write the cited record (a pack author, or no one)."""
    spoken = [
        (claim, name)
        for claim in body_claims(draft.body, "body")
        for name in speakers_in(claim.text, ground)
    ]
    if not spoken:
        return None
    claim, name = rng.choice(spoken)
    cited = [ground.sources[n] for n in claim.citations if n in ground.sources]
    others = sorted(
        a
        for s in ground.sources.values()
        for a in s.authors[1:2] or s.authors[:1]
        if not any(c.mentions(a) for c in cited)
    )
    other = rng.choice(others + _INVENTED_PEOPLE)
    return _swap(draft, claim.text, claim.text.replace(name, other, 1))


_FOREIGN_HINT = re.compile(r"[^\x00-\x7f]|\b(?:el|los|las|der|die|und|les|des|est|não|por)\b")


@cache
def foreign_records() -> list[tuple[StoredRecord, str]]:
    """Return the demo corpus's records the language detector finds not English."""
    candidates = [r for r in demo_records() if _FOREIGN_HINT.search(r.text)]
    found = build_language().detect([r.text for r in candidates], [None] * len(candidates))
    return [
        (r, lang) for r, lang in zip(candidates, found, strict=True) if lang not in (None, "en")
    ]


def with_foreign_record(pack: EvidencePack, rng: random.Random) -> EvidencePack:
    """Return `pack` with one more record, one in another language, as the last item."""
    record, lang = rng.choice(foreign_records())
    analysis = replace(toy_analysis(record), lang=lang)
    item = EvidenceItem(number=len(pack.items) + 1, record=record, analysis=analysis)
    return replace(pack, items=[*pack.items, item])


def unflagged_foreign_quote(draft: Draft, ground: Ground, rng: random.Random) -> Draft | None:
    """Quote a record in another language with no note that it is not English."""
    foreign = [s for s in ground.sources.values() if s.lang not in (None, "en") and s.authors]
    quotes = [(s, q) for s in foreign for q in quotable(s.text, min_words=4)[:1]]
    if not quotes:
        return None
    source, quote = rng.choice(quotes)
    sentence = f"“{quote}” wrote {source.authors[0]} [{source.number}]."
    return replace(draft, body=draft.body + "\n\n" + sentence)


def contradicted_date(draft: Draft, ground: Ground, rng: random.Random) -> Draft | None:
    """Give a cited sentence a day of the evidence on which none of its records was posted."""
    options = []
    for claim in body_claims(draft.body, "body"):
        days = {ground.sources[n].day for n in claim.citations if n in ground.sources}
        wrong = sorted(d for d in ground.days if d not in days)
        if days and wrong:
            options.append((claim, wrong))
    if not options:
        return None
    claim, wrong = rng.choice(options)
    day = rng.choice(wrong)
    named = re.search(r"\b(January|February|March|April|May|June|July|August|September|"
                      r"October|November|December) \d{1,2}\b", claim.text)  # fmt: skip
    if named and rng.random() < 0.5:
        new = claim.text.replace(named.group(0), f"{day:%B} {day.day}", 1)
    elif rng.random() < 0.5:
        new = f"On {day:%B} {day.day}, {claim.text[0].lower()}{claim.text[1:]}"
    else:
        new = f"On {day:%A}, {claim.text[0].lower()}{claim.text[1:]}"
    return _swap(draft, claim.text, new)


def agreeing_dissent(draft: Draft, ground: Ground, rng: random.Random) -> Draft | None:
    """Frame as the other side a quote from a record that shares the majority's mood."""
    side = -1 if (ground.mood or 0.0) <= 0 else 1
    agreeing = [
        s for s in ground.sources.values() if (s.sentiment or 0.0) * side >= 0.05 and s.authors
    ]
    quotable_ones = [(s, q) for s in agreeing for q in quotable(s.text)[:1]]
    if not quotable_ones:
        return None
    source, quote = rng.choice(quotable_ones)
    frame = rng.choice(
        ["Not everyone was worried.", "Some saw it more kindly."]
        if side < 0
        else ["Not everyone was impressed.", "Others were less impressed."]
    )
    if abs(ground.mood or 0.0) >= 0.05:  # a plain contrast needs a majority to contrast with
        frame = rng.choice([frame, "There was pushback, too.", "Not everyone agreed."])
    sentence = f"{frame} “{quote}” wrote {source.authors[0]} [{source.number}]."
    return replace(draft, body=draft.body + "\n\n" + sentence)


# Each corruption, the check meant to catch it (None: any check that lowers the score), and
# what the evidence needs for it (None: the story's own pack).
Widening = Callable[[EvidencePack, random.Random], EvidencePack]
CORRUPTIONS: dict[str, tuple[Corruption, str | None] | tuple[Corruption, str, Widening]] = {
    "invented quote": (invented_quote, None),
    "altered number": (altered_number, None),
    "swapped attribution": (swapped_attribution, None),
    "uncited named claim": (uncited_named_claim, None),
    "wrong citation": (wrong_citation, None),
    "ratio on tiny baseline": (tiny_baseline_ratio, "baseline"),
    "restated figure": (restated_figure, "restated"),
    "parts over whole": (parts_over_whole, "parts"),
    "foreign subject": (foreign_subject, "subject"),
    "wrong speaker": (wrong_speaker, "speaker"),
    "unflagged foreign quote": (unflagged_foreign_quote, "language", with_foreign_record),
    "contradicted date": (contradicted_date, "date"),
    "agreeing dissent": (agreeing_dissent, "dissent"),
}


def is_caught(bad: Draft, ground: Ground, clean_score: float, kind: str | None) -> bool:
    """Return whether the verifier scores `bad` lower, by the intended check when one is named."""
    report = verify_draft(bad, ground)
    return report.score < clean_score and (kind is None or kind in report.failed_checks)


def main() -> int:
    """Print the verifier's catch rate and false-flag rate on the sample."""
    rng = random.Random(20261129)
    stories = list(sample_stories())
    clean_claims = flagged = imperfect = 0
    caught: Counter[str] = Counter()
    tried: Counter[str] = Counter()
    for pack, draft in stories:
        ground = ground_from_pack(pack)
        clean = verify_draft(draft, ground)
        checked = [c for c in clean.claims if c.checks]
        clean_claims += len(checked)
        flagged += sum(not c.ok for c in checked)
        imperfect += clean.score < 100
        for name, (corrupt, kind, *widen) in CORRUPTIONS.items():
            for _ in range(3):
                wide = ground_from_pack(widen[0](pack, rng)) if widen else ground
                before = verify_draft(draft, wide).score if widen else clean.score
                bad = corrupt(draft, wide, rng)
                if bad is None or bad == draft:
                    continue
                tried[name] += 1
                caught[name] += is_caught(bad, wide, before, kind)
    print(f"machine: {os.cpu_count()} cpus, {platform.platform()}, python {sys.version.split()[0]}")
    print(f"clean stories: {len(stories)}; scoring below 100: {imperfect}")
    print(f"clean claims checked: {clean_claims}; wrongly flagged: {flagged} "
          f"({100 * flagged / max(clean_claims, 1):.2f} %)")  # fmt: skip
    for name in CORRUPTIONS:
        kind = CORRUPTIONS[name][1]
        by = f" (by the {kind} check)" if kind else ""
        print(f"  {name:24s} caught {caught[name]:4d} / {tried[name]:4d}{by}")
    total, hits = sum(tried.values()), sum(caught.values())
    print(f"corruptions caught: {hits} / {total} ({100 * hits / max(total, 1):.1f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
