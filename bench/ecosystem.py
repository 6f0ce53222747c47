"""The model ecosystem on real history: ai-news-2025 replayed, analysed, detected and written.

Replays ../shared/corpora/ai-news-2025 (bench/replay.py's `replay_corpus`, which
converts it with scripts/ai_news_payloads.py) into a store, runs analyze, detect
and write, then prints

1. the weekly shares of trending-model downloads by maker country, every week;
2. the ecosystem signals found (model_ecosystem), strongest first;
3. the published stories written from them, with their fidelity scores.

A backfill is one detect pass over four months; `--stories` lifts the per-pass cap
on stories (newsroom.max_stories_per_cycle) so the months are not squeezed into the
twelve of a live cycle. With --db the store is reused: every stage only does what
is new, so a second run just prints; `--redetect` first clears what detect and
write made (signals, events, narratives, stories, the detect watermark), so one replayed
and analysed store can be detected again, e.g. with another `--shift-points`
(detect.ecosystem_shift_points). Not a test.

Run: .venv/bin/python bench/ecosystem.py [--db URL] [--stories 60] [--redetect]
     [--shift-points 15]
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import delete, select

from beatwire.config import load_settings
from beatwire.jobs.stages import PIPELINE
from beatwire.makers import UNKNOWN, demonym
from beatwire.store.engine import Store, open_store
from beatwire.store.schema import (
    citations,
    event_records,
    event_signals,
    events,
    narrative_events,
    narrative_members,
    narratives,
    records,
    signals,
    stage_state,
    stories,
    story_versions,
)
from beatwire.store.standings import load_standings

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from replay import replay_corpus  # noqa: E402  (bench/ is not a package)

COUNTRIES = 6  # columns of the weekly table; the rest are summed as "other"


def clear_detection(store: Store) -> None:
    """Delete what detect and write made, so the next pass detects the whole store again."""
    made = (citations, story_versions, stories, event_signals, event_records, events, signals,
            narrative_events, narrative_members, narratives)  # fmt: skip
    with store.begin() as conn:
        for table in made:
            conn.execute(delete(table))
        conn.execute(delete(stage_state).where(stage_state.c.key.like("detect.%")))


def print_weekly_shares(store: Store) -> None:
    """Print every week's share of trending-model downloads by maker country."""
    with store.read() as conn:
        weeks = load_standings(conn, "week")
    totals: dict[str, int] = {}
    for week in weeks:
        for group in week.countries:
            totals[group.key] = totals.get(group.key, 0) + group.gained
    shown = [k for k in sorted(totals, key=lambda k: -totals[k]) if k != UNKNOWN][:COUNTRIES]
    header = ["week", "from", "days", "gained", *shown, "other", UNKNOWN, "leader"]
    print("\nweekly download shares of trending models by maker country (%)")
    print("  ".join(f"{h:>9}" for h in header))
    for week in weeks:
        row = [week.period, week.start.isoformat()[5:], str(week.days), f"{week.gained:,}"]
        row += [f"{week.share('country', key) * 100:.0f}" for key in shown]
        other = sum(g.share for g in week.countries if g.key not in {*shown, UNKNOWN})
        row += [f"{other * 100:.0f}", f"{week.share('country', UNKNOWN) * 100:.0f}"]
        known = [g for g in week.countries if g.key != UNKNOWN and g.gained]
        row.append(demonym(known[0].key) if known else "-")
        print("  ".join(f"{cell:>9}" for cell in row))


def print_signals(store: Store) -> set[str]:
    """Print the ecosystem signals, strongest first; return their ids."""
    query = select(signals.c.id, signals.c.window_start, signals.c.score, signals.c.promoted_as,
                   signals.c.sentence).where(signals.c.kind == "model_ecosystem")  # fmt: skip
    with store.read() as conn:
        rows = sorted(conn.execute(query), key=lambda row: -row.score)
    print(f"\necosystem signals: {len(rows)} (promoted: {sum(1 for r in rows if r.promoted_as)})")
    for row in rows:
        promoted = f" [{row.promoted_as}]" if row.promoted_as else ""
        print(f"  {row.window_start:%Y-%m-%d} score {row.score:5.1f}{promoted}: {row.sentence}")
    return {row.id for row in rows}


def print_stories(store: Store, ecosystem: set[str]) -> None:
    """Print the stories written from ecosystem signals, their fidelity and whether published."""
    query = (
        select(story_versions.c.headline, story_versions.c.body, story_versions.c.signal_ids,
               story_versions.c.fidelity_score, story_versions.c.published, stories.c.status)
        .join(stories, (stories.c.id == story_versions.c.story_id)
              & (stories.c.current_version == story_versions.c.version))
    )  # fmt: skip
    with store.read() as conn:
        rows = [row for row in conn.execute(query) if set(row.signal_ids) & ecosystem]
    published = [row for row in rows if row.published]
    print(f"\necosystem stories: {len(rows)} written, {len(published)} published")
    for row in sorted(rows, key=lambda row: (not row.published, -row.fidelity_score)):
        state = "published" if row.published else f"held ({row.status})"
        print(f"\n  [{state}, fidelity {row.fidelity_score:.1f}] {row.headline}")
        lede = row.body.split("\n\n")[0]
        print(f"    {lede}")


def main() -> None:
    """Replay, run the pipeline and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="store URL to fill or reuse (default: a fresh SQLite file)")
    parser.add_argument("--stories", type=int, default=60, help="most stories of the one pass")
    parser.add_argument("--redetect", action="store_true", help="clear signals and stories first")
    parser.add_argument("--shift-points", type=float, help="detect.ecosystem_shift_points")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory() as scratch:
        url = args.db or f"sqlite:///{Path(scratch) / 'ecosystem.db'}"
        settings = load_settings(None, db=url)
        newsroom = settings.newsroom.model_copy(update={"max_stories_per_cycle": args.stories})
        detect = settings.detect
        if args.shift_points is not None:
            detect = detect.model_copy(update={"ecosystem_shift_points": args.shift_points})
        settings = settings.model_copy(update={"newsroom": newsroom, "detect": detect})
        store = open_store(url)
        with store.read() as conn:
            empty = conn.execute(select(records.c.id).limit(1)).first() is None
        if args.redetect:
            clear_detection(store)
        store.close()
        if empty:
            done = replay_corpus(url, Path(scratch) / "payloads")
            print(f"replay: {done.report.figures['ingested']} payloads in {done.replayed_s:.1f} s")
        store = open_store(url)
        for stage in PIPELINE:
            start = time.perf_counter()
            report = stage.run(store, settings)
            figures = ", ".join(f"{k}={v}" for k, v in report.figures.items() if "." not in k)
            print(f"{stage.name}: {time.perf_counter() - start:.1f} s; {figures}"[:300])
        print_weekly_shares(store)
        print_stories(store, print_signals(store))
        store.close()


if __name__ == "__main__":
    main()
