"""Builds a store the site can show: the bundled synthetic corpus, analysed, with signals,
narratives and stories written here (not by the pipeline, so the site's tests stand alone).

Also used by bench/site.py. Everything is deterministic (seeded).
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from importlib import resources
from typing import Any

from sqlalchemy import insert
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from beatwire.model import Analysis, BeatScore, Citation, Draft, Entity, Record, Signal
from beatwire.sources import replay
from beatwire.store.analyses import save_analyses
from beatwire.store.engine import Store
from beatwire.store.records import upsert_records
from beatwire.store.schema import narrative_events, narrative_members, narratives
from beatwire.store.signals import replace_signals
from beatwire.store.stories import save_story_version

COLLECTED = datetime(2026, 11, 23, tzinfo=UTC)
ENTITIES = {
    "openai": ("OpenAI", "organization"),
    "anthropic": ("Anthropic", "organization"),
    "nvidia": ("Nvidia", "organization"),
    "google": ("Google", "organization"),
    "hugging face": ("Hugging Face", "organization"),
    "chatgpt": ("ChatGPT", "product"),
    "gpu": ("GPUs", "technology"),
    "parliament": ("Parliament", "government"),
    "regulators": ("Regulators", "government"),
    "copyright": ("Copyright", "concept"),
    "open weights": ("Open weights", "concept"),
    "benchmark": ("Benchmarks", "concept"),
}
HOSTILE_TEXTS = [
    '<script>window.__pwned = "script"</script> a post about AI',
    "<img src=x onerror=\"window.__pwned = 'img'\"> models are here",
    "<svg onload=\"window.__pwned = 'svg'\"><circle r=5 /></svg> chips and AI",
    "[click me](javascript:window.__pwned='md') **bold** <b>html</b> about LLMs",
    '"><iframe src="javascript:window.__pwned=1"></iframe> AI regulation',
    '<style>body{display:none}</style><a href="javascript:alert(1)">x</a> GPUs',
]
HOSTILE_MARK = "<script>window.__pwned='label'</script>"


def corpus_records() -> list[Record]:
    """Return the bundled synthetic demo corpus as records."""
    path = resources.files("beatwire.data") / "demo" / "corpus.jsonl"
    return replay.parse(path.read_bytes(), collected_at=COLLECTED)


def hostile_records(now: datetime) -> list[Record]:
    """Return records whose every platform field tries to inject markup or script."""
    found = []
    for n, text in enumerate(HOSTILE_TEXTS):
        found.append(
            Record(
                provider="bluesky" if n % 2 else "reddit",
                native_id=f"hostile-{n}",
                kind="post",
                text=text,
                title=f"<b onmouseover=\"window.__pwned='title'\">T{n}</b>" if n % 2 else None,
                url="javascript:window.__pwned='url'" if n % 2 == 0 else "https://ex.org/&quot;x",
                author=f"<img src=x onerror=\"window.__pwned='author'\">h{n}",
                author_name=HOSTILE_MARK,
                lang="en",
                published_at=now - timedelta(hours=n + 1),
                collected_at=now,
                engagement={"likes": n, "<script>": 1},
                source="hostile",
                extra={"demo_beat": "ai-regulation"},
            )
        )
    return found


def _entities(text: str) -> list[Entity]:
    lowered = text.lower()
    return [
        Entity(key.replace(" ", "-"), name, kind)
        for key, (name, kind) in ENTITIES.items()
        if key in lowered
    ]


def _analysis(record_id: int, record: Record, vader: SentimentIntensityAnalyzer) -> Analysis:
    score = vader.polarity_scores(record.text)["compound"]
    label = "positive" if score >= 0.05 else "negative" if score <= -0.05 else "neutral"
    beat = str(record.extra.get("demo_beat") or "ai-industry-business")
    return Analysis(
        record_id=record_id,
        lang="en",
        sentiment_label=label,
        sentiment_score=score,
        emotion="neutral",
        entities=_entities(record.text),
        beats=[BeatScore(beat, 0.8)],
        ai_relevance=0.9,
        versions={"sentiment": "vader@3.3", "beats": "keywords@1", "entities": "gazetteer@1"},
    )


def _spikes(rows: list[tuple[int, Record]]) -> list[Signal]:
    per_day: dict[str, Counter[str]] = defaultdict(Counter)
    ids: dict[tuple[str, str], list[int]] = defaultdict(list)
    for rid, record in rows:
        beat = str(record.extra.get("demo_beat") or "ai-industry-business")
        day = record.published_at.date().isoformat()
        per_day[beat][day] += 1
        ids[(beat, day)].append(rid)
    found = []
    for beat, days in per_day.items():
        counts = sorted(days.values())
        median = counts[len(counts) // 2]
        for day, count in days.items():
            if count >= 25 and count >= 2.5 * median:
                start = datetime.fromisoformat(day).replace(tzinfo=UTC)
                found.append(_signal(beat, start, count, median, ids[(beat, day)]))
    return found


def _signal(beat: str, start: datetime, count: int, median: int, evidence: list[int]) -> Signal:
    ratio = count / max(median, 1)
    return Signal(
        id=f"sig_{beat}_{start:%Y%m%d}",
        kind="volume_spike",
        key=beat,
        beat=beat,
        window_start=start,
        window_end=start + timedelta(days=1),
        value=float(count),
        baseline=float(median),
        effect=ratio,
        significance=4.0 + ratio / 2,
        min_count=25,
        sentence=f"{beat} drew {count} records on {start:%B} {start.day}, "
        f"{ratio:.1f} times its median of {median} a day.",
        score=ratio,
        evidence=sorted(evidence)[:40],
        promoted_as="story",
        topic_key=f"volume_spike:{beat}:{start:%Y-%m-%d}",
    )


def _fidelity(body: str, citations: int) -> dict[str, Any]:
    claims = [
        {
            "text": sentence.strip() + ".",
            "field": "body",
            "citations": [n % max(citations, 1) + 1],
            "checks": [
                {"kind": "marker", "ok": True, "detail": "resolves"},
                {
                    "kind": "number",
                    "ok": n != 2,
                    "detail": "in the evidence" if n != 2 else "not found",
                },
            ],
            "ok": n != 2,
        }
        for n, sentence in enumerate(body.split(". ")[:4])
    ]
    passed = sum(claim["ok"] for claim in claims)
    return {
        "score": round(100.0 * passed / len(claims), 1),
        "formula": "score = 100 * claims passing every check / claims with at least one check",
        "claims_checked": len(claims),
        "claims_passed": passed,
        "failed_checks": {"number": len(claims) - passed},
        "claims": claims,
    }


def _hn_article(records: dict[int, Record]) -> int:
    # A Hacker News story whose URL is the article it links, not its discussion.
    return next(
        rid
        for rid, r in sorted(records.items())
        if r.provider == "hackernews" and r.url and "ycombinator" not in r.url
    )


def _draft(signal: Signal, records: dict[int, Record], story_type: str, rev: int) -> Draft:
    cited = [*signal.evidence[:4], _hn_article(records)]
    quote = records[cited[0]].text.split(".")[0][:120]
    handle = records[cited[0]].author or "someone"
    # Stored numbers skip (1, 2, 3, 6, 7) and are first used out of order (1, 3, 2, 6, 7), and a
    # handle opens a sentence re-cased: the page must renumber and spell it as the platform does.
    body = (
        f"Talk on this beat jumped to {signal.value:.0f} records in a day [1], "
        f"{signal.effect:.1f} times the usual median. {handle.capitalize()} put it plainly: "
        f"“{quote}” [1]. "
        f"Replies spread across platforms within hours [3]. Others pushed back [2]. "
        f"{'The count kept rising after the first version of this story. ' if rev > 1 else ''}"
        f"\n\nBy the end of the day the thread had moved on to what comes next [6], "
        f"and a link was making the rounds on Hacker News [7]. "
        f"The next few days will show whether this was a one-day flare [2]."
    )
    return Draft(
        headline=f"{signal.beat.replace('-', ' ').title()} talk surges {signal.effect:.1f}-fold"
        + (" as debate widens" if rev > 1 else ""),
        dek=f"{signal.value:.0f} records in one day against a median of {signal.baseline:.0f}.",
        body=body,
        takeaways=[
            f"{signal.value:.0f} records in a day",
            "Debate spread across platforms",
            "The next few days will show whether it lasts.",
        ],
        seo_description=f"{signal.beat} volume spike",
        story_type=story_type,
        beats=[signal.beat or "ai-industry-business"],
        citations=[Citation(n, rid) for n, rid in zip((1, 2, 3, 6, 7), cited, strict=False)],
        signal_ids=[signal.id],
        writer="offline",
        model=None,
    )


def _narratives(conn: Any, rows: list[tuple[int, Record]], signals: list[Signal]) -> None:
    # nar_small is under the listing's minimum; nar_dup has nar_1's records, so nar_1's title.
    plan = [(f"nar_{n}", signal, signal.evidence[:30]) for n, signal in enumerate(signals[:4])]
    plan += [("nar_small", signals[0], signals[0].evidence[:3])]
    plan += [("nar_dup", signals[1], signals[1].evidence[:30])]
    for n, (nid, signal, members) in enumerate(plan):
        start = signal.window_start - timedelta(days=2)
        conn.execute(
            insert(narratives).values(
                id=nid,
                beat=signal.beat,
                label=f"{(signal.beat or '').replace('-', ' ')} debate {n}",
                phrases=["new rules", "voice actors"],
                top_entities=["openai"],
                status="growing" if n % 2 else "fading",
                size=len(members),
                platforms={"reddit": 10, "bluesky": 8},
                born_at=start,
                updated_at=signal.window_end,
            )
        )
        conn.execute(
            insert(narrative_members), [{"narrative_id": nid, "record_id": r} for r in members]
        )
        events = [("born", start, {}), ("grew", signal.window_start, {"size": len(members)})]
        if n == 1:
            events.append(("merged", signal.window_end, {"from": "nar_0"}))
        conn.execute(
            insert(narrative_events),
            [{"narrative_id": nid, "kind": k, "at": at, "details": d} for k, at, d in events],
        )


def seed_site(
    store: Store, *, stories: int = 12, hostile: bool = True, seed: int = 7
) -> dict[str, Any]:
    """Fill `store` with the demo corpus, analyses, signals, narratives and stories; return ids."""
    rng = random.Random(seed)
    records = corpus_records()
    newest = max(r.published_at for r in records)
    if hostile:
        records += hostile_records(newest)
    with store.begin() as conn:
        upsert_records(conn, records)
        by_key = {
            (p, n): i
            for i, p, n in conn.exec_driver_sql("SELECT id, provider, native_id FROM records")
        }
    rows = [(by_key[(r.provider, r.native_id)], r) for r in records]
    vader = SentimentIntensityAnalyzer()
    signals = sorted(_spikes(rows), key=lambda s: -s.score)
    by_id = dict(rows)
    with store.begin() as conn:
        save_analyses(conn, [_analysis(rid, r, vader) for rid, r in rows])
        replace_signals(conn, signals)
        _narratives(conn, rows, signals)
    slugs = _stories(store, signals, by_id, stories, rng)
    hostile_ids = [by_key[(r.provider, r.native_id)] for r in records if r.source == "hostile"]
    if hostile:
        slugs.append(_hostile_story(store, hostile_ids))
    return {"slugs": slugs, "signals": [s.id for s in signals], "hostile_ids": hostile_ids}


def _stories(
    store: Store, signals: list[Signal], records: dict[int, Record], count: int, rng: random.Random
) -> list[str]:
    slugs = []
    for n in range(count):
        signal = signals[n % len(signals)]
        story_type = "lead" if n == 0 else ("dispatch" if n % 4 == 3 else "story")
        revisions = 2 if n % 3 == 0 else 1
        story_id = f"st{n:04d}"
        slug = f"story-{n:04d}-{signal.beat}"
        for rev in range(1, revisions + 1):
            draft = _draft(signal, records, story_type, rev)
            with store.begin() as conn:
                save_story_version(
                    conn,
                    status="developing",
                    story_id=story_id,
                    slug=slug,
                    topic_key=f"{signal.topic_key}:{n}",
                    draft=draft,
                    fidelity=_fidelity(draft.body, len(draft.citations)),
                    published=True,
                )
        slugs.append(slug)
        rng.random()
    return slugs


def _hostile_story(store: Store, ids: list[int]) -> str:
    draft = Draft(
        headline=f"Hostile headline {HOSTILE_MARK} & <i>friends</i>",
        dek="Dek with <img src=x onerror=\"window.__pwned='dek'\">",
        body="Body with <script>window.__pwned='body'</script> [1] and "
        "[a link](javascript:window.__pwned='mdlink') [2] and <svg onload=alert(1)> [3].",
        takeaways=["<b>bold</b> takeaway"],
        seo_description='"><script>window.__pwned=1</script>',
        story_type="story",
        beats=["ai-regulation"],
        citations=[Citation(n + 1, rid) for n, rid in enumerate(ids[:5])],
        signal_ids=[],
        writer="offline",
        model="<script>m</script>",
    )
    with store.begin() as conn:
        save_story_version(
            conn,
            status="developing",
            story_id="hostile",
            slug="hostile-story",
            topic_key="hostile",
            draft=draft,
            fidelity=_fidelity(draft.body, 5),
            published=True,
        )
    return "hostile-story"
